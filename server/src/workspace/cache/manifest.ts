import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic, writeFileInFolder } from './shardFile';

/*
 * The workspace manifest: one file beside the shards that says, per indexed
 * file, what its file looked like on disk (size, times, inode), the hash of
 * its text and its summary. A warm start reads it once and files every
 * unchanged document straight from it: no text read or hashed, no shard
 * opened (10,000 of each took most of a warm start).
 *
 *   line 1:    {"manifest":"dossier-workspace-1","engine":"…"}
 *   each line: [uri, size, mtimeMs, ctimeMs, ino, textHash, shard's size, summary as encodeSummary writes it]
 *
 * Lines are appended as documents are indexed (the summary's JSON as the
 * analysis thread sent it, not encoded again); the last line of a uri wins,
 * and the file is rewritten without stale lines when they pile up. A line
 * that does not parse (a torn append, a damaged file) is ignored, and so is
 * a file of another engine: those documents go the slow way (text, hash,
 * shard), never a crash. A file's stamp is trusted only when its modification
 * time was SETTLE_MS in the past when it was read, so that an edit in the
 * same tick of a coarse file-system clock is not missed. The shard's size is
 * checked (a stat) before a document is filed: a shard deleted, truncated or
 * overwritten since is rebuilt at start, as without the manifest.
 */

export const MANIFEST = 'workspace.manifest';
const FORMAT = 'dossier-workspace-1';
/** Appends are collected up to this many characters (or until flushed). */
const APPEND_AT = 256 * 1024;
/** Bytes read at a time while the manifest is indexed at start. */
const CHUNK = 1 << 20;
/** Files modified less than this before they were read are not trusted by their stamp (FAT's clock ticks every 2 s). */
export const SETTLE_MS = 3000;

/** What identifies a file's bytes without reading them: while all of it is unchanged, so is the text. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export function fileStamp(stat: Pick<fs.Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
}

/** The stamp of a regular file within `maxBytes`, as a warm start may adopt it; undefined for anything else or a failed stat. */
export function adoptableStamp(file: string, maxBytes: number): FileStamp | undefined {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  return stat?.isFile() && stat.size <= maxBytes ? fileStamp(stat) : undefined;
}

/**
 * Whether the stamp may stand for the text read at `now`: the file had not
 * been modified for a while, so a later edit gets another modification time
 * even on a coarse clock (git's "racy" rule). The change time is part of the
 * stamp (a copy that keeps the modification time changes it), not of this rule.
 */
export function settled(stamp: FileStamp, now = Date.now()): boolean {
  return now - stamp.mtimeMs >= SETTLE_MS;
}

const sameStamp = (a: FileStamp, b: FileStamp) =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

export interface ManifestEntry {
  hash: string;
  /** The size of the document's shard when it was recorded. */
  shardSize: number;
  /** The summary's rows, unchecked (decodeSummaryData checks them). */
  summary: unknown;
}

/** What a read of the file says about it for later writes. */
export interface ManifestState {
  /** Whether the file ends in a torn line. */
  torn: boolean;
  /** Lines in it, stale ones included. */
  count: number;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export class WorkspaceManifest {
  readonly file: string;
  /** The file, open from load to release, and where each uri's last line is in it (offset, length). */
  private fd: number | undefined;
  private readonly lines = new Map<string, [number, number]>();
  private scratch = Buffer.alloc(0);
  private ready: Promise<void> | undefined;
  /** The file ends in a torn line (a write cut short): the next append starts a line of its own. */
  private torn = false;
  /** Whether the file must be started again (missing, another engine's, unreadable): the next write truncates it. */
  private restart = true;
  /** Lines in the file, stale ones included: when far more than the documents, it is compacted. */
  private count = 0;
  private queue: string[] = [];
  private queued = 0;
  /** Appends and compactions, one after the other. */
  private chain: Promise<void> = Promise.resolve();
  readonly stats = { appendFailures: 0, compactions: 0 };

  constructor(
    private readonly dir: string,
    private readonly engine: string,
  ) {
    this.file = path.join(dir, MANIFEST);
  }

  private header(): string {
    return JSON.stringify({ manifest: FORMAT, engine: this.engine }) + '\n';
  }

  /** Reads the file once (later calls wait for the same read). */
  load(): Promise<void> {
    this.ready ??= this.read();
    return this.ready;
  }

  /**
   * Indexes where each uri's last line is, reading the file through one
   * small buffer: the file is tens of megabytes, and held whole it made the
   * collector run more often for the whole start (V8 counts external memory).
   * Lines are read again one at a time when looked up.
   */
  private async read(): Promise<void> {
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.file, 'r');
      const size = fs.fstatSync(fd).size;
      let buf = Buffer.allocUnsafe(CHUNK);
      let base = 0;
      let filled = fs.readSync(fd, buf, 0, buf.length, 0);
      const headerEnd = buf.subarray(0, filled).indexOf(10);
      if (headerEnd < 0 || buf.toString('utf8', 0, headerEnd + 1) !== this.header()) return;
      let at = headerEnd + 1;
      for (;;) {
        const end = buf.subarray(0, filled).indexOf(10, at);
        if (end < 0) {
          if (base + filled >= size) break;
          // The line goes on past the buffer: what is left moves to its start (the buffer doubles for a line longer than it).
          const rest = filled - at;
          if (rest === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
          buf.copy(buf, 0, at, filled);
          base += at;
          at = 0;
          filled = rest + fs.readSync(fd, buf, rest, buf.length - rest, base + rest);
          continue;
        }
        // The uri is the row's first string: read without parsing the whole line (most lines are never looked up twice).
        const uri = uriOf(buf, at, end);
        if (uri !== undefined) this.lines.set(uri, [base + at, end - at]);
        this.count++;
        at = end + 1;
      }
      // A last line without its newline was cut short: it is not looked up, and the next append starts a line of its own.
      this.torn = at < filled;
      if (this.torn) this.count++;
      this.restart = false;
      this.fd = fd;
      fd = undefined;
    } catch {
      this.lines.clear();
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** The hash and summary recorded for uri when its file still has this stamp (only between load and release). */
  lookup(uri: string, stamp: FileStamp): ManifestEntry | undefined {
    const where = this.lines.get(uri);
    if (!where || this.fd === undefined) return undefined;
    let row: unknown;
    try {
      if (this.scratch.length < where[1]) this.scratch = Buffer.allocUnsafe(Math.max(where[1], this.scratch.length * 2));
      if (fs.readSync(this.fd, this.scratch, 0, where[1], where[0]) !== where[1]) return undefined;
      row = JSON.parse(this.scratch.toString('utf8', 0, where[1]));
    } catch {
      return undefined;
    }
    if (!Array.isArray(row) || row.length !== 8) return undefined;
    const [u, size, mtimeMs, ctimeMs, ino, hash, shardSize] = row as unknown[];
    if (u !== uri || !isNum(size) || !isNum(mtimeMs) || !isNum(ctimeMs) || !isNum(ino) || typeof hash !== 'string' || !isNum(shardSize))
      return undefined;
    if (!sameStamp({ size, mtimeMs, ctimeMs, ino }, stamp)) return undefined;
    return { hash, shardSize, summary: row[7] };
  }

  /** What a read found that later appends and compactions need: undefined when the file must be started again. */
  readState(): ManifestState | undefined {
    return this.restart ? undefined : { torn: this.torn, count: this.count };
  }

  /**
   * Takes what another thread's read of this file found (manifestReader.ts),
   * unless this one read it already: appends then continue the file as it is,
   * and lookups here find nothing (that thread did them).
   */
  adoptRead(state: ManifestState | undefined): void {
    if (this.ready) return;
    this.ready = Promise.resolve();
    if (!state) return;
    this.restart = false;
    this.torn = state.torn;
    this.count = state.count;
  }

  /** Frees what load read (the start is over). */
  release(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    this.lines.clear();
  }

  /** Records the document's file stamp, text hash, shard size and summary (its JSON as encodeSummary made it); written by flush. */
  record(uri: string, stamp: FileStamp, hash: string, shardSize: number, summaryJson: string): void {
    const line = `${JSON.stringify([uri, stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, hash, shardSize]).slice(0, -1)},${summaryJson}]\n`;
    this.queue.push(line);
    this.queued += line.length;
    if (this.queued >= APPEND_AT) void this.flush();
  }

  /** Writes what was recorded; resolves when it (and any compaction before it) is on disk or failed. */
  flush(): Promise<void> {
    if (this.queue.length) {
      const lines = this.queue;
      this.queue = [];
      this.queued = 0;
      this.chain = this.chain.then(() => this.append(lines));
    }
    return this.chain;
  }

  private async append(lines: string[]): Promise<void> {
    await this.load();
    const restart = this.restart;
    const text = (restart ? this.header() : this.torn ? '\n' : '') + lines.join('');
    try {
      // One write per batch, in append mode: lines of another writer (a second window) interleave whole or are ignored.
      await writeFileInFolder(this.dir, this.file, text, restart ? 'w' : 'a');
      this.restart = false;
      this.torn = false;
      this.count += lines.length;
    } catch {
      this.stats.appendFailures++;
    }
  }

  /**
   * Rewrites the file with only the last line of each uri in `keep`, when
   * stale lines (replaced, or of documents gone) are most of it. Atomic: a
   * temporary file renamed over it. Appends wait meanwhile.
   */
  compact(keep: ReadonlySet<string>): Promise<void> {
    void this.flush();
    this.chain = this.chain.then(async () => {
      if (this.restart || this.count <= keep.size + Math.max(64, keep.size / 4)) return;
      const bytes = await fs.promises.readFile(this.file).catch(() => undefined);
      if (!bytes) return;
      const last = new Map<string, [number, number]>();
      let at = bytes.indexOf(10) + 1;
      while (at > 0 && at < bytes.length) {
        let end = bytes.indexOf(10, at);
        if (end < 0) end = bytes.length;
        const uri = uriOf(bytes, at, end);
        if (uri !== undefined && keep.has(uri) && bytes[end] === 10) last.set(uri, [at, end + 1]);
        at = end + 1;
      }
      const parts: Buffer[] = [Buffer.from(this.header())];
      for (const [s, e] of last.values()) parts.push(bytes.subarray(s, e));
      try {
        await writeFileAtomic(this.dir, this.file, Buffer.concat(parts));
        this.count = last.size;
        this.stats.compactions++;
      } catch {
        // Not compacted this time: the file stays as it was, stale lines included.
      }
    });
    return this.chain;
  }

  /** The cache was cleared: nothing recorded before counts, and the next write starts the file again. */
  reset(): void {
    this.release();
    this.queue = [];
    this.queued = 0;
    this.restart = true;
    this.count = 0;
    this.ready = Promise.resolve();
  }
}

/** The first element of the row on this line when it is a plain string (a uri needs no escapes), else undefined. */
function uriOf(bytes: Buffer, start: number, end: number): string | undefined {
  // [" … "
  if (bytes[start] !== 0x5b || bytes[start + 1] !== 0x22) return undefined;
  const close = bytes.indexOf(0x22, start + 2);
  if (close < 0 || close >= end) return undefined;
  const uri = bytes.toString('utf8', start + 2, close);
  return uri.includes('\\') ? undefined : uri;
}
