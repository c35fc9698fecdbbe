import { parentPort } from 'worker_threads';
import { analyzeDocument } from '../analysis/pipeline';
import { AnalysisCancelled, type Cancellation } from '../analysis/types';
import { loadResources } from './resources';
import { checkAnalysisSize } from './analysisSize';
import { compact } from './compact';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

// dist/worker.js: analyses documents off the language server's main thread.
const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    const flag = new Int32Array(req.cancel);
    const token: Cancellation = {
      get isCancellationRequested() {
        return Atomics.load(flag, 0) !== 0;
      },
    };
    let res: WorkerResponse;
    try {
      const analysis = compact(analyzeDocument(req.text, loadResources(), token));
      // Checked here, before the result is copied to the server's thread, where a runaway one would exhaust the heap.
      checkAnalysisSize(analysis, req.text.length);
      res = { id: req.id, analysis };
    } catch (err) {
      res =
        err instanceof AnalysisCancelled
          ? { id: req.id, cancelled: true }
          : { id: req.id, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(res);
  });
}
