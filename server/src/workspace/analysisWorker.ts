import { setPriority } from 'os';
import { PerformanceObserver, constants as perfConstants } from 'perf_hooks';
import { getHeapStatistics } from 'v8';
import { parentPort, workerData, type TransferListItem } from 'worker_threads';
import { analyzeDocument } from '../analysis/pipeline';
import { AnalysisCancelled, type Cancellation } from '../analysis/types';
import { loadResources } from './resources';
import { checkAnalysisSize } from './analysisSize';
import { compact } from './compact';
import { shardPayload } from './cache/payload';
import { encodeSummary, summarize } from './cache/summary';
import { shardBytes, writeShardSync } from './cache/shardFile';
import { linePositions } from './cache/linePositions';
import type { WorkerAnswer, WorkerRequest, WorkerResponse } from './workerProtocol';
import { readManifestInThread, type ManifestRead } from './cache/manifestReader';

// dist/worker.js: analyses documents off the language server's main thread, or reads a warm start's manifest.
const port = parentPort;
const manifestRead = (workerData as { manifest?: ManifestRead } | null)?.manifest;
if (port && manifestRead) {
  // The server waits for this one: it keeps its normal priority.
  void readManifestInThread(manifestRead, port);
} else if (port) {
  // Analysis threads yield the CPU to the server's main thread, as clangd's background index does: on Linux a
  // thread's nice value is its own, so a hover or a keystroke is answered first while a big folder is indexed,
  // and the threads still use every idle cycle. Raising one's own nice value needs no privilege; where it is not
  // supported, the thread runs at normal priority.
  try {
    setPriority(0, 10);
  } catch {
    // Not supported here: normal priority.
  }
  // The first answer after each full collection says how much heap the thread holds, so that the pool can replace a
  // thread whose caches grew too big. Only then: between full collections the heap holds garbage as well, and a
  // replaced thread loses its compiled code and caches (10,000 new documents took 74 s with a thread replaced
  // every ~1,500 of them, 60 s without).
  let collected = false;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if ((e as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) collected = true;
  }).observe({ entryTypes: ['gc'] });
  const send = (answer: WorkerAnswer, transfer?: TransferListItem[]) => {
    const heap = collected ? getHeapStatistics().used_heap_size : undefined;
    collected = false;
    port.postMessage({ ...answer, heap } satisfies WorkerResponse, transfer);
  };
  port.on('message', (req: WorkerRequest) => {
    const flag = new Int32Array(req.cancel);
    const token: Cancellation = {
      get isCancellationRequested() {
        return Atomics.load(flag, 0) !== 0;
      },
    };
    try {
      const analysis = compact(analyzeDocument(req.text, loadResources(), token));
      // Checked here, before the result is copied to the server's thread, where a runaway one would exhaust the heap.
      checkAnalysisSize(analysis, req.text.length);
      const target = req.shard;
      if (!target) {
        send({ id: req.id, analysis });
        return;
      }
      // The summary and the shard are made and written here: the server's thread neither copies, encodes nor writes the analysis.
      const summary = encodeSummary(summarize(analysis, linePositions(req.text)));
      const payload = shardPayload(req.text, analysis);
      const warnings = analysis.warnings;
      const bytes = shardBytes(target.engine, target.uri, target.textHash, summary, payload);
      try {
        writeShardSync(target.dir, target.uri, bytes);
      } catch {
        // Not written (a full disk, a folder removed meanwhile): the server keeps the payload and tries again.
        send({ id: req.id, shard: { summary, payload, warnings } }, [payload.buffer as ArrayBuffer]);
        return;
      }
      send({ id: req.id, shard: { summary, size: bytes.length, warnings } });
    } catch (err) {
      send(
        err instanceof AnalysisCancelled
          ? { id: req.id, cancelled: true }
          : { id: req.id, error: err instanceof Error ? err.message : String(err) },
      );
    }
  });
}
