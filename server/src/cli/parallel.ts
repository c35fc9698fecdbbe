import { Worker } from 'worker_threads';
import { scriptBeside } from './fileResult';

/*
 * `dossier analyze --json` over many files on several threads. Each thread
 * reads its file, analyses it and writes its JSON; this thread hands out
 * files, a few ahead per thread so that reading overlaps analysis, and writes
 * the results in input order as they come. With a `local` job, this thread
 * is one of the analysing threads too: it analyses the next file whenever
 * the result due next is not in yet, so that n threads cost n - 1 thread
 * start-ups (a Node isolate, the engine's code, its data) and the files it
 * analyses are never copied between threads. A thread that dies (out of
 * memory on a monstrous file) fails the files it held and is replaced.
 */

export interface JsonJob {
  id: number;
  file: string;
  /** `--max-size` in bytes: a bigger file is refused unread. */
  maxBytes: number;
}

/** `bytes`: the document's JSON in UTF-8, led by a comma (see jsonWorker.ts). */
export type JsonJobResult = { id: number; ok: true; bytes: ArrayBuffer[]; warnings: string[] } | { id: number; ok: false; reason: string };

/**
 * Files in flight per thread: one being analysed, the next being read, and
 * (when this thread analyses too and so hands out files only between its
 * own documents) a few more, so that a thread does not wait for work.
 */
const AHEAD = 2;
const AHEAD_WITH_LOCAL = 4;

/** The worker script beside the running code: dist/cliWorker.js in the bundle, jsonWorker.js when compiled by tsc. */
export function jsonWorkerScript(dir: string): string | null {
  return scriptBeside(dir, ['cliWorker.js', 'jsonWorker.js']);
}

interface Slot {
  worker: Worker;
  held: Set<number>;
}

/**
 * Yields one result per file, in input order, computed on `threads` threads,
 * one of them this thread when `local` runs a job here. Only a few results
 * per thread wait in memory at a time, however many files.
 */
export async function* analyzeInParallel(
  files: readonly string[],
  threads: number,
  script: string,
  maxBytes: number,
  local?: (job: JsonJob) => Promise<JsonJobResult>,
): AsyncGenerator<JsonJobResult & { file: string }> {
  const ahead = local ? AHEAD_WITH_LOCAL : AHEAD;
  const results = new Map<number, JsonJobResult>();
  let next = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const slots: Slot[] = [];
  // Results wait for their turn while the output is slow: past this many, no new files are handed out.
  const waitingMax = threads * ahead * 2;
  const dispatch = (slot: Slot) => {
    while (slot.held.size < ahead && next < files.length && results.size < waitingMax) {
      const id = next++;
      slot.held.add(id);
      slot.worker.postMessage({ id, file: files[id], maxBytes } satisfies JsonJob);
    }
  };
  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(script), held: new Set() };
    slot.worker.on('message', (res: JsonJobResult) => {
      slot.held.delete(res.id);
      results.set(res.id, res);
      dispatch(slot);
      notify();
    });
    slot.worker.on('error', (err) => {
      for (const id of slot.held) results.set(id, { id, ok: false, reason: `analysis failed: ${err.message}` });
      slot.held.clear();
      const i = slots.indexOf(slot);
      if (i >= 0) slots[i] = start();
      if (i >= 0) dispatch(slots[i]);
      notify();
    });
    return slot;
  };
  for (let i = local ? 1 : 0; i < threads; i++) slots.push(start());
  try {
    for (const slot of slots) dispatch(slot);
    for (let id = 0; id < files.length; id++) {
      let res = results.get(id);
      while (!res) {
        if (local && next < files.length && results.size < waitingMax) {
          // The threads' messages first, so that they have their next files before this thread is busy.
          await new Promise((resolve) => setImmediate(resolve));
          if (!results.has(id) && next < files.length) {
            const mine = next++;
            results.set(mine, await local({ id: mine, file: files[mine], maxBytes }));
            for (const slot of slots) dispatch(slot);
          }
        } else await new Promise<void>((resolve) => (wake = resolve));
        res = results.get(id);
      }
      results.delete(id);
      for (const slot of slots) dispatch(slot);
      yield { ...res, file: files[id] };
    }
  } finally {
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
