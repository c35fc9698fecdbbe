import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/*
 * A shard's bytes and where they go, without the reading side's checks (zod):
 * the analysis threads write shards with this alone, so that the language
 * server's thread neither receives nor writes the encoded analysis.
 *
 *   "DSH1" · u32 header length · header JSON · summary JSON · payload (cache/payload.ts: the analysis, encoded, without the text)
 */

export const MAGIC = Buffer.from('DSH1', 'latin1');
const FOLDER = 'index-v1';
export const SUFFIX = '.dsh';

/** Where an analysis thread writes the shard of the text it analyses. */
export interface ShardTarget {
  /** The store's folder (ShardStore.dir). */
  dir: string;
  engine: string;
  uri: string;
  textHash: string;
}

/** The folder of the shards under a cache folder. */
export function shardFolder(cacheDir: string): string {
  return path.join(cacheDir, FOLDER);
}

export function shardPath(dir: string, uri: string): string {
  return path.join(dir, createHash('sha1').update(uri).digest('hex').slice(0, 32) + SUFFIX);
}

/** The whole shard: the summary as encodeSummary wrote it, the payload as shardPayload made it. */
export function shardBytes(engine: string, uri: string, textHash: string, summaryJson: string, payload: Uint8Array): Buffer {
  const summary = Buffer.from(summaryJson, 'utf8');
  const header = Buffer.from(JSON.stringify({ engine, uri, textHash, summary: summary.length, payload: payload.length }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([MAGIC, length, header, summary, payload]);
}

/*
 * A temporary name no other writer uses: the random part is drawn once per
 * thread (another process, even on another machine sharing the folder, draws
 * its own) and a counter tells this thread's writes apart. Drawing random
 * bytes for every shard cost about 0.4 % of an analysis thread's time.
 */
const writerTag = `${process.pid}.${randomBytes(6).toString('hex')}`;
let writes = 0;
const temporary = (file: string) => `${file}.${writerTag}.${(writes++).toString(36)}.tmp`;
const missingFolder = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * Writes a shard atomically (a temporary file renamed over it), blocking: for
 * analysis threads, which have nothing else to do meanwhile. The folder is
 * made only when it is missing (at the first write, or after the cache was
 * cleared), not before every write.
 */
export function writeShardSync(dir: string, uri: string, bytes: Uint8Array): void {
  const file = shardPath(dir, uri);
  const tmp = temporary(file);
  try {
    try {
      fs.writeFileSync(tmp, bytes);
    } catch (err) {
      if (!missingFolder(err)) throw err;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(tmp, bytes);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** As writeShardSync, without blocking (the language server's thread). */
export async function writeShard(dir: string, uri: string, bytes: Uint8Array): Promise<void> {
  await writeFileAtomic(dir, shardPath(dir, uri), bytes);
}

/** Writes a file of the cache folder atomically (a temporary file renamed over it); the temporary file never stays. */
export async function writeFileAtomic(dir: string, file: string, bytes: Uint8Array): Promise<void> {
  const tmp = temporary(file);
  try {
    await writeFileInFolder(dir, tmp, bytes);
    await fs.promises.rename(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** fs.promises.writeFile into the cache folder, made only when it is missing (at the first write, or after the cache was cleared). */
export async function writeFileInFolder(dir: string, file: string, data: Uint8Array | string, flag: 'w' | 'a' = 'w'): Promise<void> {
  try {
    await fs.promises.writeFile(file, data, { flag });
  } catch (err) {
    if (!missingFolder(err)) throw err;
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.writeFile(file, data, { flag });
  }
}
