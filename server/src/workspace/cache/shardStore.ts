import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import type { DocumentAnalysis } from '../../analysis/types';
import { readPayload, shardPayload } from './payload';
import { MANIFEST, WorkspaceManifest, type FileStamp, type ManifestEntry } from './manifest';
import { MAGIC, shardBytes, shardFolder, shardPath, SUFFIX, writeShard, type ShardTarget } from './shardFile';
import { decodeSummary, encodeSummary, StringPool, type DocumentSummary } from './summary';

/*
 * The persistent index: one shard per document, under the cache folder the
 * client gives (outside the user's folders). A shard is
 *
 *   "DSH1" · u32 header length · header JSON · summary JSON · payload (cache/payload.ts: the analysis, encoded)
 *
 * The header names the engine version, the document's uri and a hash of its
 * text: a shard is used only when all three match, so an edit, or a new
 * engine, model or gazetteer, invalidates exactly the shards it must. The
 * summary is read alone at start (it is small); the rest only when a feature
 * needs the whole analysis. The text is not in the shard: the reader brings
 * it (the text it just read or was given, or the file read again) and it is
 * used only when it has the header's hash; another text means the file
 * changed, and the document is analysed again. A shard that is truncated,
 * corrupt or from elsewhere is ignored (the document is analysed again and
 * the shard rewritten), never trusted.
 */

/** Bytes read at once for a summary: the header and most summaries fit, the encoded analysis after them is not read. */
const HEAD_BYTES = 16384;

const headerSchema = z.object({
  engine: z.string(),
  uri: z.string(),
  textHash: z.string(),
  summary: z.number().int().nonnegative(),
  payload: z.number().int().nonnegative(),
});

// The analysis was written by this engine (the header says so) and a CRC-32 checks the payload's bytes: its shape is checked, not each field.
const analysisSchema = z
  .object({ mentions: z.array(z.unknown()), entities: z.array(z.unknown()), claims: z.array(z.unknown()) })
  .passthrough();

export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * textHash of the text whose UTF-8 encoding these bytes are (a file's, as readDocument read it): hashing a string
 * encodes it first, and for a seed-sized document the bytes hash in half the time (~30 µs less on the server's thread).
 */
export function utf8Hash(utf8: Uint8Array): string {
  return createHash('sha1').update(utf8).digest('hex');
}

/** What a shard is made from (the text is needed to encode the analysis, and is not written). */
export interface ShardContent {
  text: string;
  /** The analysis as the engine made it, before the user's corrections. */
  analysis: DocumentAnalysis;
}

export class ShardStore {
  readonly dir: string;
  /** Names shared by the summaries this store reads (and, through the index, by those the analysis threads make). */
  readonly pool = new StringPool();
  /** Each indexed file's stamp, hash and summary in one file: what a warm start reads instead of the files and shards. */
  readonly manifest: WorkspaceManifest;

  constructor(
    /** The folder the client gave (the shards are in a folder of their own in it). */
    readonly cacheDir: string,
    readonly engine: string,
  ) {
    this.dir = shardFolder(cacheDir);
    this.manifest = new WorkspaceManifest(this.dir, engine);
  }

  private file(uri: string): string {
    return shardPath(this.dir, uri);
  }

  /**
   * Whether the folder held no shard when this store first read one (a cold start, or a cache just cleared), and
   * the documents whose shards this store (or a thread it gave a target) wrote since: only those can have one
   * then. A cold start asks for 10,000 shards that are not there, and the path and the stat of each were a
   * fiftieth of the server thread's time. A shard another process writes meanwhile is not seen: its document
   * is analysed again, as without it.
   */
  private empty: boolean | undefined;
  private readonly written = new Set<string>();

  private absent(uri: string): boolean {
    this.empty ??= noShards(this.dir);
    return this.empty && !this.written.has(uri);
  }

  /** Where an analysis thread writes uri's shard for this text. */
  target(uri: string, hash: string): ShardTarget {
    this.written.add(uri);
    return { dir: this.dir, engine: this.engine, uri, textHash: hash };
  }

  /** The summary of uri's shard for exactly this text, or undefined (no shard, another text or engine, or unreadable). */
  readSummary(uri: string, hash: string): DocumentSummary | undefined {
    return this.readSummaryJson(uri, hash)?.summary;
  }

  /** As readSummary, with the summary's JSON as the shard holds it and the shard's size (for the manifest). */
  readSummaryJson(uri: string, hash: string): { summary: DocumentSummary; json: string; size: number } | undefined {
    let fd: number | undefined;
    try {
      // Blocking reads of the shard's head only: at start 10,000 of them are read, the round trips of
      // asynchronous reads cost more than the reads, and the encoded analysis (most of the file) is not needed.
      if (this.absent(uri)) return undefined;
      const file = this.file(uri);
      // A failed open builds an error with its stack (~15 µs), this does not.
      if (!fs.existsSync(file)) return undefined;
      fd = fs.openSync(file, 'r');
      const size = fs.fstatSync(fd).size;
      let bytes = Buffer.allocUnsafe(Math.min(size, HEAD_BYTES));
      let got = fs.readSync(fd, bytes, 0, bytes.length, 0);
      const headerLength = checkMagic(bytes.subarray(0, got), size);
      if (headerLength === undefined || 8 + headerLength > got) return undefined;
      const h = this.header(bytes.subarray(8, 8 + headerLength), uri, hash, size, headerLength);
      if (!h) return undefined;
      const end = 8 + headerLength + h.summary;
      if (end > got) {
        const more = Buffer.allocUnsafe(end);
        bytes.copy(more, 0, 0, got);
        got += fs.readSync(fd, more, got, end - got, got);
        bytes = more;
        if (got < end) return undefined;
      }
      const json = bytes.toString('utf8', 8 + headerLength, end);
      const summary = decodeSummary(json, this.pool);
      return summary && { summary, json, size };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /**
   * Everything uri's shard holds for this text, read at once (a feature waits
   * for it), or undefined: also when `text` does not have the hash (the file
   * changed since it was read).
   */
  readFull(uri: string, hash: string, text: string): { analysis: DocumentAnalysis; summary: DocumentSummary } | undefined {
    try {
      const bytes = fs.readFileSync(this.file(uri));
      const headerLength = checkMagic(bytes, bytes.length);
      if (headerLength === undefined) return undefined;
      const h = this.header(bytes.subarray(8, 8 + headerLength), uri, hash, bytes.length, headerLength);
      if (!h) return undefined;
      const at = 8 + headerLength;
      const summary = parseSummary(bytes.subarray(at, at + h.summary));
      if (!summary) return undefined;
      const analysis = checkPayload(bytes.subarray(at + h.summary), text, hash);
      return analysis && { analysis, summary };
    } catch {
      return undefined;
    }
  }

  /** Writes uri's shard atomically (a temporary file renamed over it): a reader sees the old shard or the new one, whole. */
  async write(uri: string, hash: string, summary: DocumentSummary, content: ShardContent): Promise<void> {
    await this.writePayload(uri, hash, summary, shardPayload(content.text, content.analysis));
  }

  /** As write, with the payload already made (by an analysis thread). */
  async writePayload(uri: string, hash: string, summary: DocumentSummary, payload: Uint8Array): Promise<void> {
    this.written.add(uri);
    await writeShard(this.dir, uri, shardBytes(this.engine, uri, hash, encodeSummary(summary), payload));
  }

  /** The size of uri's shard on disk, or undefined when there is none (a stat, not a read). */
  shardSize(uri: string): number | undefined {
    try {
      return fs.statSync(this.file(uri), { throwIfNoEntry: false })?.size;
    } catch {
      return undefined;
    }
  }

  /**
   * The manifest's entry for uri when the file still has the stamp recorded
   * there and its shard is the one recorded with it; undefined when the file
   * must be read (a shard deleted, truncated or overwritten since is rebuilt).
   */
  unchanged(uri: string, stamp: FileStamp): ManifestEntry | undefined {
    const found = this.manifest.lookup(uri, stamp);
    return found && this.shardSize(uri) === found.shardSize ? found : undefined;
  }

  async remove(uri: string): Promise<void> {
    await fs.promises.rm(this.file(uri), { force: true });
  }

  /** Removes the shards of every document not in `keep` (deleted or excluded since), and leftover temporary files. */
  async prune(keep: Iterable<string>): Promise<number> {
    const wanted = new Set<string>();
    for (const uri of keep) wanted.add(path.basename(this.file(uri)));
    wanted.add(MANIFEST);
    let removed = 0;
    const mine = `.${process.pid}.`;
    for (const name of await this.names()) {
      // A temporary file of this process is a write in progress, not a leftover.
      if (wanted.has(name) || (name.endsWith('.tmp') && name.includes(mine))) continue;
      await fs.promises.rm(path.join(this.dir, name), { force: true });
      removed++;
    }
    return removed;
  }

  /** Removes every shard. */
  async clear(): Promise<void> {
    this.manifest.reset();
    await fs.promises.rm(this.dir, { recursive: true, force: true });
    this.empty = true;
    this.written.clear();
  }

  /** Bytes and number of shards on disk. */
  async size(): Promise<{ bytes: number; shards: number }> {
    let bytes = 0;
    let shards = 0;
    for (const name of await this.names()) {
      const stat = await fs.promises.stat(path.join(this.dir, name)).catch(() => undefined);
      if (!stat) continue;
      bytes += stat.size;
      if (name.endsWith(SUFFIX)) shards++;
    }
    return { bytes, shards };
  }

  private async names(): Promise<string[]> {
    return fs.promises.readdir(this.dir).catch(() => []);
  }

  private header(bytes: Buffer, uri: string, hash: string, size: number, headerLength: number): z.infer<typeof headerSchema> | undefined {
    const parsed = headerSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) return undefined;
    const h = parsed.data;
    if (h.engine !== this.engine || h.uri !== uri || h.textHash !== hash) return undefined;
    // A truncated (or extended) file is not this shard.
    return 8 + headerLength + h.summary + h.payload === size ? h : undefined;
  }
}

/**
 * The analysis a payload of the shard for `hash` holds, read against `text`:
 * undefined when the text does not have that hash (the payload's spans would
 * point into another text), or the payload is unreadable or of another shape.
 */
export function checkPayload(payload: Uint8Array, text: string, hash: string): DocumentAnalysis | undefined {
  if (textHash(text) !== hash) return undefined;
  const analysis = readPayload(payload, text);
  return analysis && analysisSchema.safeParse(analysis).success ? analysis : undefined;
}

/** Whether the folder has no shard (or is not there); false when it cannot be read (shards are then looked for one by one). */
function noShards(dir: string): boolean {
  let d: fs.Dir;
  try {
    d = fs.opendirSync(dir);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    for (let e = d.readSync(); e; e = d.readSync()) if (e.name.endsWith(SUFFIX)) return false;
    return true;
  } catch {
    return false;
  } finally {
    d.closeSync();
  }
}

function checkMagic(head: Buffer, size: number): number | undefined {
  if (size < 8 || !head.subarray(0, 4).equals(MAGIC)) return undefined;
  const headerLength = head.readUInt32LE(4);
  return 8 + headerLength <= size ? headerLength : undefined;
}

function parseSummary(bytes: Buffer, pool?: StringPool): DocumentSummary | undefined {
  return decodeSummary(bytes.toString('utf8'), pool);
}
