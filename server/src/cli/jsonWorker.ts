import { parentPort } from 'worker_threads';
import { runJsonJob } from './jsonJob';
import type { JsonJob } from './parallel';

// dist/cliWorker.js: reads, analyses and writes the JSON of one file per message for `dossier analyze --json`
// (jsonJob.ts), and sends back the bytes, transferred.
const port = parentPort;
if (port) {
  port.on('message', (job: JsonJob) => {
    void runJsonJob(job).then((res) => port.postMessage(res, res.ok ? res.bytes : []));
  });
}
