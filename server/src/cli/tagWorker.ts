import { parentPort, workerData } from 'worker_threads';
import { layoutText, tagMentions, tagSpans } from '../analysis/pipeline';
import { loadResourcesWithoutClaims } from '../workspace/resources';
import { analysisFailed } from './fileResult';
import { readInput } from './sizeLimit';
import { layoutBuffers, packLayout } from './packedLayout';
import { stageAt, type Tagged, type TagJob, type TagResult, type TagStage, type TagThreadData } from './pipelined';

// dist/cliTagWorker.js: the tagging thread of `dossier analyze`'s pipeline (pipelined.ts): reads a file,
// tags it, and sends back the text, its layout and the tagger's spans, or the mentions made of them when the other thread is behind. The claims model is not needed for tagging.

/** One file read and tagged; a failed read or tagging names the reason, as on one thread. */
export async function tagJob(job: TagJob, stage: TagStage): Promise<TagResult> {
  const read = await readInput(job.file, job.maxBytes);
  if (!read.ok) return { id: job.id, ok: false, reason: read.reason };
  try {
    const { text } = read;
    const res = loadResourcesWithoutClaims();
    const layout = layoutText(text);
    const tagged: Tagged = stage === 'mentions' ? { mentions: tagMentions(text, layout, res) } : { spans: tagSpans(text, layout, res) };
    return { id: job.id, ok: true, text, invalidUtf8: read.invalidUtf8, encoding: read.encoding, layout: packLayout(layout), tagged };
  } catch (err) {
    return { id: job.id, ok: false, reason: analysisFailed(err) };
  }
}

const port = parentPort;
if (port) {
  const data = workerData as TagThreadData;
  // In turn, even when a big file's read waits: the pipeline blames a thread's death on the first file it held.
  let queue = Promise.resolve();
  port.on('message', (job: TagJob) => {
    queue = queue
      .then(() => tagJob(job, stageAt(job.id, data)))
      .then((res) => port.postMessage(res, res.ok ? layoutBuffers(res.layout) : []));
  });
  // The model loads now, while the first file is on its way; should it fail, each job says why (above).
  try {
    loadResourcesWithoutClaims();
  } catch {
    // reported per file by tagJob
  }
}
