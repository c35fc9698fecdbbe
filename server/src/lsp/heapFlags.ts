import * as v8 from 'v8';

/*
 * The V8 heap settings of the language server's process, set before its
 * analysis threads start (V8's flags are per process; each isolate reads
 * them when it is made).
 */

/**
 * The flag that starts the old generation big (common/serverFlags.ts) is for
 * this thread's heap, which holds the workspace index. V8 reads it again for
 * every isolate it creates, so each analysis thread took it too: their heaps,
 * mostly garbage, then grew to 400 MB before their first full collection.
 * Cold on 10,000 documents, the server peaked at 1,100-1,261 MB with it in
 * every thread and at 815-818 MB with it here only, and was no slower
 * (alternating runs). Called before the first thread starts; a heap already
 * made keeps its size.
 */
export function threadsAtDefaultHeap(execArgv: readonly string[]): void {
  for (const flag of threadHeapResets(execArgv)) v8.setFlagsFromString(flag);
}

/** The flags that give threads made from now on V8's default initial heap, when this process was started with another. */
export function threadHeapResets(execArgv: readonly string[]): string[] {
  return execArgv.some((a) => /^--initial[-_]old[-_]space[-_]size(=|$)/.test(a)) ? ['--initial-old-space-size=0'] : [];
}

/**
 * Heaps grow to twice what survived the last full collection, not by V8's
 * default of up to four times: an analysis thread keeps about 60 MB (the
 * model) but makes garbage fast, and with room to spare each thread's heap
 * settled at three to five times that, which at 10,000 documents was a third
 * of the server's memory. Not less: the server's own heap (the registry, the
 * summaries) is the big one, and each full collection of it costs in
 * proportion. Cold on 10,000 documents, alternating runs: a fifth 69-72 s and
 * 687-691 MB peak, half 62 s and 755 MB, twice 56-62 s and 816-823 MB. A flag
 * given on the command line wins.
 */
export function boundHeapGrowth(execArgv: readonly string[]): void {
  if (execArgv.some((a) => a.startsWith('--heap-growing-percent'))) return;
  v8.setFlagsFromString('--heap-growing-percent=100');
}
