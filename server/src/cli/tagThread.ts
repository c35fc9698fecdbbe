import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';

/*
 * The tagging thread of `dossier analyze`'s pipeline (pipelined.ts), and its
 * early start. This module needs nothing but Node's own modules, so that
 * dist/cli.js, a small bundle of it and earlyStart.ts, starts the thread
 * before the CLI proper (dist/cliMain.js) is compiled and initialises its
 * modules: the thread then boots Node and loads the model (about
 * half a second before its first file is tagged) while this thread is still
 * starting, instead of after. Until then the completing thread only waited.
 */

/**
 * What the tagging thread is started with (its workerData): `progress`, shared
 * memory holding the id of the file the completing thread completes next, and
 * `behind` (BEHIND in pipelined.ts). The thread chooses each file's stage when
 * it starts on it, not when the file is handed out: files are handed out up
 * to AHEAD before they are tagged, and a choice made that early lagged (when
 * tagging ended, the completing thread still had about AHEAD results to
 * complete, alone).
 */
export interface TagThreadData {
  progress: SharedArrayBuffer;
  behind: number;
}

/** A tagging thread, started, and the progress it reads (TagThreadData). */
export interface TagThread {
  worker: Worker;
  progress: Int32Array;
  script: string;
  behind: number;
}

export function startTagThread(script: string, behind: number, progress: Int32Array = new Int32Array(new SharedArrayBuffer(4))): TagThread {
  const worker = new Worker(script, { workerData: { progress: progress.buffer as SharedArrayBuffer, behind } satisfies TagThreadData });
  return { worker, progress, script, behind };
}

/**
 * Results waiting on the completing thread from which the tagging thread makes the mentions
 * rather than the spans (pipelined.ts): that thread is behind, so this one takes a share of its
 * work, until the waiting results fall back under this. The share so moved adapts to the two
 * threads' speeds, and the results left there when the tagging thread has done its last file (the
 * time the completing thread works alone) stay few: with the choice made as each file is started
 * (stageAt), 8 keeps that thread from running out of results.
 */
export const BEHIND = 8;

/** Files from which `--json` runs on several threads (analyze.ts). */
export const PARALLEL_FROM = 16;

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * Threads for `jobs` requested: never more than there are files to analyse
 * (when they are known up front) or cores to run them, since each thread
 * loads its own copy of the model.
 */
export function workerCount(jobs: number, files: number | null, cores = defaultJobs()): number {
  return Math.max(1, Math.min(jobs, files ?? jobs, cores));
}

/**
 * Whether `dossier <argv>` will run the two-thread pipeline, as far as the
 * arguments tell without parsing them in full (analyze.ts, parseAnalyze and
 * `analyze`, decide): `analyze` on two threads, at least PARALLEL_FROM files,
 * no --jsonl, no --cache. An option it does not know, or --claims-model (the
 * threads inherit the environment it sets), says no: a guess that misses
 * only costs the early start, never changes what is analysed.
 */
export function pipelineLikely(argv: readonly string[], cores = defaultJobs()): boolean {
  if (argv[0] !== 'analyze') return false;
  let jobs = cores;
  let files = 0;
  let optionsDone = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (optionsDone || arg === '-' || !arg.startsWith('-')) files++;
    else if (arg === '--') optionsDone = true;
    else if (arg === '--json') continue;
    else if (arg === '--jobs' || arg === '-j') jobs = Number(argv[++i]);
    else if (arg.startsWith('--jobs=')) jobs = Number(arg.slice(7));
    else if (arg === '--min-confidence') i++;
    else if (arg.startsWith('--min-confidence=')) continue;
    else return false;
  }
  return Number.isInteger(jobs) && jobs >= 1 && files >= PARALLEL_FROM && workerCount(jobs, files, cores) === 2;
}

/** The tagging thread's script beside the running code: dist/cliTagWorker.js in the bundle, tagWorker.js when compiled by tsc. */
export function tagWorkerScript(dir: string): string | null {
  for (const name of ['cliTagWorker.js', 'tagWorker.js']) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

/**
 * The thread started early, and whether it has exited, in one slot per thread of the process (on
 * globalThis): dist/cli.js starts it, and dist/cliMain.js, a bundle of its own with its own copy of
 * this module, takes it (cliStart.ts).
 */
interface EarlySlot {
  thread: TagThread | null;
  exited: boolean;
}
const EARLY = Symbol.for('dossier.cli.earlyTagThread');
function earlySlot(): EarlySlot {
  const g = globalThis as { [EARLY]?: EarlySlot };
  return (g[EARLY] ??= { thread: null, exited: false });
}

/**
 * Starts the tagging thread now, for a pipeline that will ask for it
 * (takeEarlyTagThread). Unreferenced until taken: a run that ends without
 * the pipeline (a usage error, a guess that missed) does not wait for it.
 */
export function startTagThreadEarly(script: string, behind: number): void {
  const slot = earlySlot();
  if (slot.thread) return;
  const thread = startTagThread(script, behind);
  thread.worker.unref();
  // Until the pipeline listens: an error with no listener would throw here, and an exit would go unseen.
  thread.worker.on('error', () => undefined);
  slot.exited = false;
  thread.worker.once('exit', () => {
    if (slot.thread === thread) slot.exited = true;
  });
  slot.thread = thread;
}

/**
 * The thread started early for this script and setting, referenced again; null when there is none, or it
 * has exited (the pipeline starts another). Taken once: a thread started for other settings is stopped.
 */
export function takeEarlyTagThread(script: string, behind: number): TagThread | null {
  const slot = earlySlot();
  const thread = slot.thread;
  const exited = slot.exited;
  slot.thread = null;
  if (!thread) return null;
  if (exited || thread.script !== script || thread.behind !== behind) {
    void thread.worker.terminate();
    return null;
  }
  thread.worker.ref();
  return thread;
}

/** Stops a thread started early that no pipeline took. */
export function dropEarlyTagThread(): void {
  const slot = earlySlot();
  const thread = slot.thread;
  slot.thread = null;
  if (thread) void thread.worker.terminate();
}
