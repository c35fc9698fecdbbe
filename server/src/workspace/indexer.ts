import { pathToFileURL } from 'url';
import { adoptableStamp, fileStamp, settled } from './cache/manifest';
import { AnalysisCancelled } from '../analysis/types';
import type { DocumentIndex } from './documentIndex';
import { readDocument } from './readDocument';
import { findDocuments } from './scanner';

export interface IndexerHost {
  /** Documents the editor has open; their editor text wins over the disk. */
  isOpen(uri: string): boolean;
  log(message: string): void;
  /** `failed`: the documents whose analysis failed in this run (at most MAX_FAILED_LISTED). */
  progress(indexed: number, total: number, failed: readonly string[]): void;
}

export interface IndexOptions {
  folders: string[];
  include: string[];
  exclude: string[];
  maxBytes: number;
}

/** Failed documents named in a progress report, at most. */
export const MAX_FAILED_LISTED = 20;

/**
 * Indexes the workspace's documents from disk in the background, one file
 * per turn of the event loop so that requests are answered meanwhile. A new
 * run supersedes the one in progress. A document whose analysis fails (or
 * runs out of memory or time in its thread) is reported and skipped; the
 * others are indexed.
 */
export class WorkspaceIndexer {
  private generation = 0;
  private failed: string[] = [];

  constructor(
    private readonly index: DocumentIndex,
    private readonly host: IndexerHost,
  ) {}

  async run(options: IndexOptions): Promise<void> {
    const generation = ++this.generation;
    const files = await findDocuments(options.folders, options.include, options.exclude);
    const wanted = new Set(files.map((f) => pathToFileURL(f).toString()));
    for (const doc of [...this.index.all()]) {
      if (!wanted.has(doc.uri) && !this.host.isOpen(doc.uri)) this.index.remove(doc.uri);
    }
    // Shards of documents deleted or excluded since the last run (the cache folder is this workspace's alone).
    const pruned = await this.index.shards?.prune(wanted).catch(() => 0);
    if (pruned) this.host.log(`Removed ${pruned} index shard(s) of documents no longer in the workspace`);
    const manifest = this.index.shards?.manifest;
    this.failed = [];
    this.host.progress(0, files.length, this.failed);
    let done = 0;
    let told = performance.now();
    const tell = () => {
      // A notice per slice was a write to the client's pipe every 10 ms: a tenth of a warm start.
      if (done && (performance.now() - told >= PROGRESS_MS || done === files.length)) {
        this.host.progress(done, files.length, this.failed);
        told = performance.now();
      }
    };
    // Unchanged files first, straight from the manifest, in slices between which requests are answered.
    const rest: string[] = [];
    const read = this.index.readManifest(files, options.maxBytes);
    if (read) {
      // Read and checked in a thread of its own: this thread files what it sends, batch by batch.
      const filed = new Uint8Array(files.length);
      let finished = false;
      for await (const found of read) {
        if (generation !== this.generation) break;
        if ('done' in found) {
          manifest?.adoptRead(found.done);
          finished = true;
          break;
        }
        // Filed in slices, as below: requests are answered between them.
        for (let k = 0; k < found.files.length && generation === this.generation;) {
          const until = performance.now() + SLICE_MS;
          for (; k < found.files.length && performance.now() < until; k++) {
            const i = found.files[k];
            const uri = pathToFileURL(files[i]).toString();
            if (this.host.isOpen(uri) || this.index.adoptSummary(uri, found.hashes[k], found.summaries[k])) {
              filed[i] = 1;
              done++;
            }
          }
          tell();
          await yieldToEventLoop();
        }
      }
      if (generation !== this.generation) return;
      // A thread that failed read nothing for this one: appends read the file again before they write.
      if (!finished) manifest?.adoptRead(undefined);
      for (let i = 0; i < files.length; i++) if (!filed[i]) rest.push(files[i]);
    } else {
      await manifest?.load();
      if (generation !== this.generation) return;
      for (let i = 0; i < files.length && generation === this.generation;) {
        const until = performance.now() + SLICE_MS;
        for (; i < files.length && performance.now() < until; i++) {
          if (this.adopt(files[i], options.maxBytes)) done++;
          else rest.push(files[i]);
        }
        tell();
        await yieldToEventLoop();
      }
    }
    // What the manifest read is not needed past the start (it is most of a warm start's memory).
    manifest?.release();
    let next = 0;
    // A few files in flight keep every analysis thread busy while reads overlap.
    const lane = async () => {
      while (next < rest.length && generation === this.generation) {
        const file = rest[next++];
        await yieldToEventLoop();
        await this.indexFile(file, options.maxBytes);
        done++;
        if (done % 25 === 0 || done === files.length) this.host.progress(done, files.length, this.failed);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    if (files.length === 0) this.host.progress(0, 0, this.failed);
    // Lines of documents replaced or gone are dropped from the manifest when they are most of it (after "done": nobody waits for it).
    if (generation === this.generation && manifest) void manifest.compact(wanted);
  }

  /** Files a document from the workspace manifest when its file is unchanged since it was recorded; false when it must be read. */
  private adopt(file: string, maxBytes: number): boolean {
    const uri = pathToFileURL(file).toString();
    // An open document is the editor's: skipped as indexFile skips it.
    if (this.host.isOpen(uri)) return true;
    const stamp = adoptableStamp(file, maxBytes);
    return stamp !== undefined && this.index.adopt(uri, stamp);
  }

  /** (Re-)indexes one file from disk unless the editor has it open. */
  async indexFile(file: string, maxBytes: number): Promise<void> {
    const uri = pathToFileURL(file).toString();
    if (this.host.isOpen(uri)) return;
    const readAt = Date.now();
    const read = await readDocument(file, maxBytes);
    if (!read.ok) {
      this.host.log(`Skipped ${file}: ${read.reason}`);
      this.index.remove(uri);
      return;
    }
    if (read.invalidUtf8) this.host.log(`${file} is not valid UTF-8; invalid bytes were replaced`);
    if (this.host.isOpen(uri)) return;
    try {
      // The stamp taken before the read stands for this text only when the file had been left alone for a while.
      const stamp = read.stat && fileStamp(read.stat);
      await this.index.update(uri, read.text, -1, undefined, true, {
        stamp: stamp && settled(stamp, readAt) ? stamp : undefined,
        utf8: read.utf8,
      });
    } catch (err) {
      // Replaced by a newer version or removed meanwhile: not a failure.
      if (err instanceof AnalysisCancelled) return;
      this.host.log(`Could not analyse ${file}, skipped: ${err instanceof Error ? err.message : String(err)}`);
      if (this.failed.length < MAX_FAILED_LISTED) this.failed.push(uri);
    }
  }

  cancel(): void {
    this.generation++;
  }
}

const CONCURRENCY = 4;
/** Milliseconds of documents filed from the manifest between two turns of the event loop. */
const SLICE_MS = 10;
/** Milliseconds between progress notices while documents are filed from the manifest. */
const PROGRESS_MS = 250;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
