import * as v8 from 'v8';
import { BEHIND, pipelineLikely, startTagThreadEarly, tagWorkerScript } from './tagThread';

/*
 * What the CLI does before it loads the rest of itself: dist/cli.js is a small
 * bundle of this module and cliStart.ts only, which sets the batch flags and,
 * when this process is about to run the two-thread pipeline, starts the
 * tagging thread (tagThread.ts), which boots Node and loads the model (about
 * half a second) while this thread compiles and initialises the CLI proper,
 * dist/cliMain.js (cli.ts). Compiling that 1.3 MB bundle first delayed the
 * thread's start by about 45 ms, on the run's critical path.
 */

/**
 * V8 flags for a batch run, set before any analysis code is compiled and
 * before the analysis threads start (V8's flags are per process, so the
 * threads' isolates get them too). A CLI process lives a few seconds and
 * each thread compiles the engine anew, on the same two cores as the
 * analysis: with the default inlining, its optimising compiler's threads took
 * about a third of the process's CPU on the PolNeAR train texts, and without
 * inlining the process used about 11 % less CPU in all (measured alternating
 * runs), warm code no slower. Four of the optimising compiler's phases (loop
 * peeling, escape analysis, store elimination, loop variable analysis) cost
 * its threads more than their code saved: without them, the compiler's
 * threads used about 0.3 s less CPU and the process about 7 % less in all
 * (6 alternating pairs, the analysis threads no slower). Only how V8
 * compiles changes, never what the code computes.
 */
export const BATCH_V8_FLAGS = [
  '--no-turbo-inlining',
  '--interrupt-budget=264000',
  '--no-turbo-loop-peeling',
  '--no-turbo-escape',
  '--no-turbo-store-elimination',
  '--no-turbo-loop-variable',
];

/** Sets the batch flags for `analyze`; once. */
export function setBatchFlags(argv: readonly string[]): void {
  if (argv[0] !== 'analyze' || flagsSet) return;
  flagsSet = true;
  for (const flag of BATCH_V8_FLAGS) v8.setFlagsFromString(flag);
}
let flagsSet = false;

/** The batch flags, and the tagging thread started when the pipeline is likely (`dir` holds its script). */
export function startEarly(argv: readonly string[], dir: string): void {
  setBatchFlags(argv);
  const script = pipelineLikely(argv) ? tagWorkerScript(dir) : null;
  if (script) startTagThreadEarly(script, BEHIND);
}
