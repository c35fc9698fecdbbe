import { parentPort } from 'worker_threads';
import { analyzeDocument } from '../analysis/pipeline';
import { readDocument } from '../workspace/readDocument';
import { loadResources } from '../workspace/resources';
import { documentJson } from './json';
import { analysisWarnings, decodeWarning } from './output';
import type { JsonJob, JsonJobResult } from './parallel';

// dist/cliWorker.js: reads, analyses and writes the JSON of one file per message for `dossier analyze --json`.
// The thread sends back text, not the analysis: a string crosses threads far cheaper than the object graph.
const port = parentPort;
if (port) {
  port.on('message', (job: JsonJob) => {
    void run(job).then((res) => port.postMessage(res));
  });
}

async function run(job: JsonJob): Promise<JsonJobResult> {
  const read = await readDocument(job.file);
  if (!read.ok) return { id: job.id, ok: false, reason: read.reason };
  try {
    const analysis = analyzeDocument(read.text, loadResources());
    const decoding = decodeWarning(read);
    const warnings = analysisWarnings(analysis).map((w) => `warning: ${w}`);
    return { id: job.id, ok: true, pieces: [...documentJson(job.file, analysis)], warnings: decoding ? [decoding, ...warnings] : warnings };
  } catch (err) {
    return { id: job.id, ok: false, reason: `analysis failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
