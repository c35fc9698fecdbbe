import * as fs from 'fs';
import type { RawMention } from '../analysis/entities/rawMention';
import type { NerSpan } from '../analysis/ner';
import type { TextLayout } from '../analysis/pipeline';
import type { DocumentAnalysis } from '../analysis/types';
import type { TextEncoding } from '../workspace/readDocument';
import { fileResult, type FileResult } from './fileResult';
import { unpackLayout, type PackedLayout } from './packedLayout';
import { BEHIND, startTagThread, takeEarlyTagThread, type TagThreadData } from './tagThread';

export { tagWorkerScript, type TagThreadData } from './tagThread';

/*
 * `dossier analyze` on two threads as a pipeline: a tagging thread reads each
 * file and runs the tagger (analysis/pipeline.ts, `tagSpans`: about half of
 * the engine's work), this thread runs the stages after it and writes the
 * output, and the two overlap. Each thread warms up and compiles only its own
 * stages' code and fills only its own caches. Two threads each analysing
 * whole documents (parallel.ts) both paid the engine's warm-up and its
 * compilation, and their working sets and background threads contended: on
 * two cores they were no faster than one thread.
 *
 * The thread sends back the text (decoded there) with the tagger's spans,
 * a few small plain objects, and the layout (structure, tokens, sentences)
 * packed in typed arrays (packedLayout.ts), so that this thread, the busier
 * one, does not tokenize the text again.
 */

/**
 * How far the tagging thread takes a file (pipeline.ts): the tagger's spans, or the mentions made of
 * them (`tagMentions`) when this thread is behind. Taking the entities too (clusters, places,
 * descriptions) was tried: copying them across cost more than making them here.
 */
export type TagStage = 'spans' | 'mentions';

export interface TagJob {
  id: number;
  file: string;
  /** `--max-size` in bytes: a bigger file is refused unread. */
  maxBytes: number;
}

/** What the tagging thread found, as far as it was asked to go. */
export type Tagged = { spans: NerSpan[]; mentions?: undefined } | { mentions: RawMention[]; spans?: undefined };

export type TagResult =
  | { id: number; ok: true; text: string; invalidUtf8: boolean; encoding?: TextEncoding; layout: PackedLayout; tagged: Tagged }
  | { id: number; ok: false; reason: string };

/** The stages after tagging, for a text, its layout and what the tagging thread found in it. */
export type CompleteAnalysis = (text: string, layout: TextLayout, tagged: Tagged) => DocumentAnalysis;

/**
 * Files handed to the tagging thread ahead of the one this thread completes:
 * enough that a run of long documents on one thread does not leave the other
 * waiting (with 8, each thread waited a fifth of the run).
 */
const AHEAD = 64;

/** Bytes of files in flight (handed out, not yet completed here) past which no more are handed out, but one. */
const BUDGET = 64 << 20;

/** The stage for a file, by the results waiting on the completing thread. */
export function stageFor(waiting: number, behind: number): TagStage {
  return waiting >= behind ? 'mentions' : 'spans';
}

/**
 * The stage for file `id`, as the tagging thread starts on it: it tags files in
 * turn, so the files between the one being completed and this one are the
 * results waiting (or on their way) there.
 */
export function stageAt(id: number, data: TagThreadData): TagStage {
  return stageFor(id - Atomics.load(new Int32Array(data.progress), 0) - 1, data.behind);
}

/** A file's size, 0 when it cannot be had (the tagging thread's read will say why). */
function withinLimit(size: number, maxBytes: number): number {
  return size > maxBytes ? 0 : size;
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}

/**
 * One result per file, in input order, as `analyzeFiles` gives them on one
 * thread. `stages` is called once the tagging thread is starting, so that
 * this thread loads its resources while that one loads the model. A thread
 * that dies (out of memory on a monstrous file) fails the file it was
 * tagging, and a new one takes the files it held after that one.
 */
export async function* analyzePipelined(
  files: readonly string[],
  script: string,
  stages: () => CompleteAnalysis,
  maxBytes: number,
  ahead = AHEAD,
  behind = BEHIND,
  budget = BUDGET,
): AsyncGenerator<FileResult> {
  const results = new Map<number, TagResult>();
  const held = new Set<number>();
  const again: number[] = [];
  let next = 0;
  let done = false;
  let stopping: Promise<number> | null = null;
  const retire = () => (stopping ??= worker.terminate());
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  // Bytes of the files handed out and not yet completed here, so that a run of monstrous files is not all in memory at once.
  const sizes = new Map<number, number>();
  let bytes = 0;
  const dispatch = () => {
    while (held.size + results.size < ahead && (again.length || next < files.length)) {
      const id = again.length ? again[0] : next;
      // A file over the limit is refused unread, so it takes none of the budget.
      const size = sizes.get(id) ?? withinLimit(fileSize(files[id]), maxBytes);
      if (bytes + size > budget && held.size + results.size > 0) return;
      if (again.length) again.shift();
      else next++;
      sizes.set(id, size);
      bytes += size;
      held.add(id);
      worker.postMessage({ id, file: files[id], maxBytes } satisfies TagJob);
    }
  };
  // The first thread may have been started as the process started (tagThread.ts, earlyStart.ts); it reads its own progress.
  let early = takeEarlyTagThread(script, behind);
  const progress = early?.progress ?? new Int32Array(new SharedArrayBuffer(4));
  const start = () => {
    const w = early?.worker ?? startTagThread(script, behind, progress).worker;
    early = null;
    let error = '';
    w.on('message', (res: TagResult) => {
      held.delete(res.id);
      results.set(res.id, res);
      dispatch();
      // The last file tagged: the thread stops now, not after this thread's last documents.
      if (!held.size && !again.length && next >= files.length) void retire();
      notify();
    });
    w.on('error', (err) => (error = err.message));
    w.on('exit', (code) => {
      if (done || stopping || w !== worker) return;
      // It tags its files in turn: the first it held is the one it died on; the others go to its successor.
      const ids = [...held].sort((a, b) => a - b);
      held.clear();
      if (ids.length)
        results.set(ids[0], { id: ids[0], ok: false, reason: `analysis failed: ${error || `the analysis thread exited (${code})`}` });
      again.unshift(...ids.slice(1));
      worker = start();
      dispatch();
      notify();
    });
    return w;
  };
  let worker = start();
  try {
    dispatch();
    const complete = stages();
    for (let id = 0; id < files.length; id++) {
      Atomics.store(progress, 0, id);
      // The thread's messages, every document: a document's writes resolve without a turn of the event loop, so that
      // otherwise the thread's results (and its next files) would wait until this thread ran out of results.
      await new Promise((resolve) => setImmediate(resolve));
      let res = results.get(id);
      while (!res) {
        await new Promise<void>((resolve) => (wake = resolve));
        res = results.get(id);
      }
      results.delete(id);
      bytes -= sizes.get(id) ?? 0;
      sizes.delete(id);
      // The tagging thread gets its next file before this one is busy with this file.
      dispatch();
      const file = files[id];
      if (!res.ok) {
        yield { file, ok: false, reason: res.reason };
        continue;
      }
      const { text, layout, tagged } = res;
      yield fileResult(file, { ok: true, text, invalidUtf8: res.invalidUtf8, encoding: res.encoding }, () =>
        complete(text, unpackLayout(text, layout), tagged),
      );
    }
  } finally {
    done = true;
    await retire();
  }
}
