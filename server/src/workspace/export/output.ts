import { randomBytes } from 'crypto';
import { promises as fs, type WriteStream } from 'fs';
import * as path from 'path';
import { reasonOf } from './walk';

/**
 * A key to compare output paths by: case-folded and NFC, as macOS and
 * Windows compare names, so that "A.ann" and "a.ann" count as one file.
 */
export function pathKey(file: string): string {
  return path.resolve(file).normalize('NFC').toLowerCase();
}

function stemOf(file: string): string {
  const base = path.basename(file);
  const dot = base.lastIndexOf('.');
  // ".hidden" has no extension: its stem is the whole name.
  return dot > 0 ? file.slice(0, file.length - (base.length - dot)) : file;
}

/** The .ann file a document would get if no other file were in the way: its name with .ann for its extension. */
export function preferredBratTarget(base: string): string {
  return stemOf(base) + '.ann';
}

/**
 * The .ann file of each document. `bases` are the documents' paths where
 * their output goes (next to them, or mirrored under --out); `reserved` are
 * keys (pathKey) of files that must never be chosen: the documents and
 * sidecars being exported. Deterministic and independent of what is on
 * disk: first the .txt documents take X.ann, since brat pairs X.txt with
 * X.ann; then every other document takes X.ann if still free, else its
 * whole name plus .ann (collide.md.ann), else a number before .ann.
 */
export function planBratTargets(bases: readonly string[], reserved: ReadonlySet<string>): string[] {
  const taken = new Set(reserved);
  const targets: Array<string | undefined> = bases.map(() => undefined);
  const claim = (i: number, candidate: string): boolean => {
    const key = pathKey(candidate);
    if (taken.has(key)) return false;
    taken.add(key);
    targets[i] = candidate;
    return true;
  };
  bases.forEach((base, i) => {
    if (path.extname(base).toLowerCase() === '.txt') claim(i, preferredBratTarget(base));
  });
  bases.forEach((base, i) => {
    if (targets[i] !== undefined || claim(i, preferredBratTarget(base)) || claim(i, base + '.ann')) return;
    for (let n = 2; !claim(i, `${base}.${n}.ann`); n++);
  });
  return targets.map((t, i) => t ?? `${bases[i]}.ann`);
}

export interface Output {
  write(s: string): Promise<void>;
  /** Finishes the file; with --force, only now does it replace what was there. */
  commit(): Promise<void>;
  /** Removes what was written. */
  abort(): Promise<void>;
}

/**
 * Opens a new output file. Without force, the file is created exclusively
 * (O_EXCL), so nothing there — a file, a directory, a symbolic link, even a
 * dangling one — is ever written over, with no gap between check and write.
 * With force, the content goes to a temporary file beside it that replaces
 * the target by rename at commit: a symbolic link in the way is replaced,
 * not written through, and an interrupted export leaves the old file.
 */
export async function openOutput(file: string, force: boolean): Promise<Output | { error: string }> {
  const existing = await fs.lstat(file).catch(() => null);
  if (existing?.isDirectory()) return { error: 'is a directory, not overwritten' };
  if (existing && !force) return { error: 'exists, not overwritten (--force replaces it)' };
  const written = force ? path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`) : file;
  let stream: WriteStream;
  try {
    stream = (await fs.open(written, 'wx')).createWriteStream();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'EEXIST' ? 'exists, not overwritten (--force replaces it)' : reasonOf(err) };
  }
  let failure: Error | null = null;
  stream.on('error', (err) => (failure = err));
  // Waits for the descriptor to be closed, not just flushed: a rename must not race it.
  const end = () => new Promise<void>((resolve) => (stream.closed ? resolve() : (stream.once('close', resolve), stream.end())));
  return {
    write: async (s) => {
      if (failure) throw failure;
      if (!stream.write(s)) await new Promise<void>((resolve) => stream.once('drain', resolve).once('error', () => resolve()));
      if (failure) throw failure;
    },
    commit: async () => {
      await end();
      if (failure) throw failure;
      if (written !== file) await fs.rename(written, file);
    },
    abort: async () => {
      stream.destroy();
      await fs.rm(written, { force: true });
    },
  };
}
