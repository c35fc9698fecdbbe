import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import type { DocumentAnalysis } from '../../analysis/types';
import { readPayload, shardPayload } from './payload';
import { decodeSummary, encodeSummary, StringPool, type DocumentSummary } from './summary';

/*
 * The persistent index: one shard per document, under the cache folder the
 * client gives (outside the user's folders). A shard is
 *
 *   "DSH1" · u32 header length · header JSON · summary JSON · gzip(JSON { text, analysis })
 *
 * The header names the engine version, the document's uri and a hash of its
 * text: a shard is used only when all three match, so an edit, or a new
 * engine, model or gazetteer, invalidates exactly the shards it must. The
 * summary is read alone at start (it is small); the rest only when a feature
 * needs the whole analysis. A shard that is truncated, corrupt or from
 * elsewhere is ignored (the document is analysed again and the shard
 * rewritten), never trusted.
 */

const MAGIC = Buffer.from('DSH1', 'latin1');
const FOLDER = 'index-v1';
const SUFFIX = '.dsh';

const headerSchema = z.object({
  engine: z.string(),
  uri: z.string(),
  textHash: z.string(),
  summary: z.number().int().nonnegative(),
  payload: z.number().int().nonnegative(),
});

const payloadSchema = z.object({
  text: z.string(),
  // The analysis was written by this engine (the header says so) and gzip checks its bytes: its shape is checked, not each field.
  analysis: z.object({ mentions: z.array(z.unknown()), entities: z.array(z.unknown()), claims: z.array(z.unknown()) }).passthrough(),
});

export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export interface ShardContent {
  text: string;
  /** The analysis as the engine made it, before the user's corrections. */
  analysis: DocumentAnalysis;
}

export class ShardStore {
  readonly dir: string;
  /** Names shared by the summaries this store reads (and, through the index, by those the analysis threads make). */
  readonly pool = new StringPool();

  constructor(
    cacheDir: string,
    readonly engine: string,
  ) {
    this.dir = path.join(cacheDir, FOLDER);
  }

  private file(uri: string): string {
    return path.join(this.dir, createHash('sha1').update(uri).digest('hex').slice(0, 32) + SUFFIX);
  }

  /** The summary of uri's shard for exactly this text, or undefined (no shard, another text or engine, or unreadable). */
  readSummary(uri: string, hash: string): DocumentSummary | undefined {
    try {
      // One blocking read of the whole small file: at start 10,000 of them are read, and the four
      // round trips of an asynchronous read each (open, stat, read, close) cost more than the read.
      const bytes = fs.readFileSync(this.file(uri));
      const headerLength = checkMagic(bytes, bytes.length);
      if (headerLength === undefined) return undefined;
      const h = this.header(bytes.subarray(8, 8 + headerLength), uri, hash, bytes.length, headerLength);
      return h && parseSummary(bytes.subarray(8 + headerLength, 8 + headerLength + h.summary), this.pool);
    } catch {
      return undefined;
    }
  }

  /** Everything uri's shard holds for this text, read at once (a feature waits for it), or undefined. */
  readFull(uri: string, hash: string): (ShardContent & { summary: DocumentSummary }) | undefined {
    try {
      const bytes = fs.readFileSync(this.file(uri));
      const headerLength = checkMagic(bytes, bytes.length);
      if (headerLength === undefined) return undefined;
      const h = this.header(bytes.subarray(8, 8 + headerLength), uri, hash, bytes.length, headerLength);
      if (!h) return undefined;
      const at = 8 + headerLength;
      const summary = parseSummary(bytes.subarray(at, at + h.summary));
      if (!summary) return undefined;
      const content = checkPayload(readPayload(bytes.subarray(at + h.summary)), hash);
      return content && { ...content, summary };
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
    const summaryBytes = Buffer.from(encodeSummary(summary), 'utf8');
    const header = Buffer.from(
      JSON.stringify({ engine: this.engine, uri, textHash: hash, summary: summaryBytes.length, payload: payload.length }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    const file = this.file(uri);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.promises.mkdir(this.dir, { recursive: true });
    try {
      await fs.promises.writeFile(tmp, Buffer.concat([MAGIC, length, header, summaryBytes, payload]));
      await fs.promises.rename(tmp, file);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
  }

  async remove(uri: string): Promise<void> {
    await fs.promises.rm(this.file(uri), { force: true });
  }

  /** Removes the shards of every document not in `keep` (deleted or excluded since), and leftover temporary files. */
  async prune(keep: Iterable<string>): Promise<number> {
    const wanted = new Set<string>();
    for (const uri of keep) wanted.add(path.basename(this.file(uri)));
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
    await fs.promises.rm(this.dir, { recursive: true, force: true });
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

/** The payload's text and analysis, when they have the shape and the text has the hash they should. */
export function checkPayload(data: unknown, hash: string): ShardContent | undefined {
  const payload = payloadSchema.safeParse(data);
  if (!payload.success || textHash(payload.data.text) !== hash) return undefined;
  return { text: payload.data.text, analysis: payload.data.analysis as unknown as DocumentAnalysis };
}

function checkMagic(head: Buffer, size: number): number | undefined {
  if (size < 8 || !head.subarray(0, 4).equals(MAGIC)) return undefined;
  const headerLength = head.readUInt32LE(4);
  return 8 + headerLength <= size ? headerLength : undefined;
}

function parseSummary(bytes: Buffer, pool?: StringPool): DocumentSummary | undefined {
  return decodeSummary(bytes.toString('utf8'), pool);
}
