import { analyzeDocument } from '../analysis/pipeline';
import { loadResources } from '../workspace/resources';
import { documentJson } from './json';
import { analysisFailed, fileResult } from './fileResult';
import type { JsonJob, JsonJobResult } from './parallel';
import { readInput } from './sizeLimit';

// The JSON is sent back as UTF-8 bytes, not the analysis: encoded on the busy thread's own time, and
// moved (transferred, not copied) to the writing thread, which passes them to stdout as they are.

/** Bytes per buffer sent back: one buffer for an article, several for a monstrous document. */
const BUFFER = 1 << 24;

/**
 * The document's JSON pieces as UTF-8, with a comma in front (the writer
 * drops it before the first document written). Each buffer owns its memory
 * (not Node's shared pool), so that it can be transferred.
 */
function encode(pieces: Iterable<string>): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  let group: string[] = [','];
  let bytes = 1;
  const flush = () => {
    const memory = new ArrayBuffer(bytes);
    const buf = Buffer.from(memory);
    let at = 0;
    for (const s of group) at += buf.write(s, at);
    out.push(memory);
    group = [];
    bytes = 0;
  };
  for (const piece of pieces) {
    const n = Buffer.byteLength(piece);
    if (bytes && bytes + n > BUFFER) flush();
    group.push(piece);
    bytes += n;
  }
  flush();
  return out;
}

/** Reads, analyses and writes the JSON of one file: on an analysis thread, or on the main thread beside them. */
export async function runJsonJob(job: JsonJob): Promise<JsonJobResult> {
  const res = fileResult(job.file, await readInput(job.file, job.maxBytes), (text) => analyzeDocument(text, loadResources()));
  if (!res.ok) return { id: job.id, ok: false, reason: res.reason };
  try {
    return { id: job.id, ok: true, bytes: encode(documentJson(job.file, res.analysis)), warnings: res.warnings };
  } catch (err) {
    return { id: job.id, ok: false, reason: analysisFailed(err) };
  }
}
