import { parentPort } from 'worker_threads';
import { analyzeDocument } from '../analysis/pipeline';
import { loadResources } from '../resources';
import { compact } from './compact';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

// dist/worker.js: analyses documents off the language server's main thread.
const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    let res: WorkerResponse;
    try {
      res = { id: req.id, analysis: compact(analyzeDocument(req.text, loadResources())) };
    } catch (err) {
      res = { id: req.id, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(res);
  });
}
