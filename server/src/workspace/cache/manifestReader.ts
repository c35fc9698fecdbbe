import { pathToFileURL } from 'url';
import { Worker, type MessagePort } from 'worker_threads';
import { adoptableStamp, type ManifestState } from './manifest';
import { ShardStore } from './shardStore';
import { decodeSummaryData, StringPool, type DocumentSummary } from './summary';
import { SummaryPacker, SummaryUnpacker, type PackedSummaries } from './summaryPack';

/*
 * A warm start's reading of the workspace manifest, in a thread of its own:
 * the thread stats each file, finds its line, checks the stamp and the
 * shard's size, parses and checks the summary, and sends the summaries of
 * the documents it may file, packed (summaryPack.ts). The server's thread
 * only makes the objects it keeps and files them: parsing 90 MB of JSON
 * made hundreds of megabytes of short-lived objects in its heap, and its
 * collector ran again and again while the index it keeps grew.
 */

export interface ManifestRead {
  cacheDir: string;
  engine: string;
  /** The workspace's files, in the order the indexer files them. */
  files: string[];
  maxBytes: number;
}

/** Documents the thread found unchanged: their positions in `files`, text hashes and packed summaries. */
interface Batch {
  at: Int32Array;
  hashes: string[];
  packed: PackedSummaries;
}

type ReaderMessage = { batch: Batch } | { done: ManifestState | undefined } | { error: string };

/** Documents per message: small enough that the server files the first ones while the thread reads on, and unpacks one in a few milliseconds. */
const BATCH = 100;

/** The thread's side: reads, checks and sends; then ends. */
export async function readManifestInThread(req: ManifestRead, port: MessagePort): Promise<void> {
  try {
    const store = new ShardStore(req.cacheDir, req.engine);
    const manifest = store.manifest;
    await manifest.load();
    const pool = new StringPool();
    const packer = new SummaryPacker();
    let at: number[] = [];
    let hashes: string[] = [];
    const flush = () => {
      if (!at.length) return;
      const batch: Batch = { at: Int32Array.from(at), hashes, packed: packer.batch() };
      const { names, ints, scores } = batch.packed;
      port.postMessage({ batch } satisfies ReaderMessage, [batch.at.buffer, names.buffer, ints.buffer, scores.buffer] as ArrayBuffer[]);
      at = [];
      hashes = [];
    };
    for (let i = 0; i < req.files.length; i++) {
      const file = req.files[i];
      const stamp = adoptableStamp(file, req.maxBytes);
      if (!stamp) continue;
      const uri = pathToFileURL(file).toString();
      const found = store.unchanged(uri, stamp);
      if (!found) continue;
      const summary = decodeSummaryData(found.summary, pool);
      if (!summary) continue;
      packer.add(summary);
      at.push(i);
      hashes.push(found.hash);
      if (at.length >= BATCH) flush();
    }
    flush();
    const state = manifest.readState();
    manifest.release();
    port.postMessage({ done: state } satisfies ReaderMessage);
  } catch (err) {
    port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies ReaderMessage);
  }
}

/** What the server's thread gets: documents to file, batch by batch, then the manifest's state for its own appends. */
export type ManifestFound = { files: number[]; hashes: string[]; summaries: DocumentSummary[] } | { done: ManifestState | undefined };

/**
 * Reads the manifest in a thread of `workerScript` (dist/worker.js, which
 * runs readManifestInThread when its workerData has `manifest`). Ends early,
 * without `done`, when the thread fails: the files it did not send are then
 * indexed the usual way.
 */
export async function* readManifest(workerScript: string, req: ManifestRead, pool: StringPool): AsyncGenerator<ManifestFound> {
  const worker = new Worker(workerScript, { workerData: { manifest: req } });
  const queue: Array<ReaderMessage | { error: string }> = [];
  let wake: (() => void) | undefined;
  const push = (m: ReaderMessage | { error: string }) => {
    queue.push(m);
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', (err) => push({ error: err.message }));
  worker.on('exit', (code) => push({ error: `the manifest thread ended (${code})` }));
  const unpacker = new SummaryUnpacker(pool);
  try {
    for (;;) {
      while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const m = queue.shift() as ReaderMessage;
      if ('error' in m) return;
      if ('done' in m) {
        yield { done: m.done };
        return;
      }
      yield { files: Array.from(m.batch.at), hashes: m.batch.hashes, summaries: unpacker.unpack(m.batch.packed) };
    }
  } finally {
    worker.removeAllListeners();
    void worker.terminate();
  }
}
