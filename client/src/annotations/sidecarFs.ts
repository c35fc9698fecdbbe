import { randomUUID } from 'crypto';
import { constants, promises as fsp } from 'fs';
import { baseName } from './sidecarPaths';

/*
 * The file operations the sidecar store needs, behind an interface so that
 * the store runs in plain Node (unit tests, and the multi-process test that
 * runs several stores on one sidecar). The extension uses `nodeSidecarFs`
 * too: sidecars are local files next to their documents, and the store needs
 * O_EXCL creation for its lock, which `vscode.workspace.fs` does not offer.
 * No `vscode` import here or in anything this file imports.
 */

export interface FileInfo {
  size: number;
  mtimeMs: number;
  /** Permission bits (`mode & 0o7777`). */
  mode: number;
}

export interface SidecarFs {
  /** The file's bytes, or null if it does not exist. */
  read(path: string): Promise<Uint8Array | null>;
  /** Null if the file does not exist. */
  stat(path: string): Promise<FileInfo | null>;
  /** Creates or replaces a file (not atomic: used for temporary files); `mode` sets its permission bits. */
  write(path: string, data: Uint8Array, mode?: number): Promise<void>;
  /** Creates a file only if nothing is at `path` (O_EXCL); false if something is. */
  createExclusive(path: string, data: Uint8Array): Promise<boolean>;
  /** Atomically replaces `to` with `from`. */
  rename(from: string, to: string): Promise<void>;
  /** Moves `from` to `to` only if nothing is at `to`; false if something is. */
  moveExclusive(from: string, to: string): Promise<boolean>;
  /** Removes a file; no error if it is already gone. */
  remove(path: string): Promise<void>;
}

function code(err: unknown): unknown {
  return (err as { code?: unknown } | null)?.code;
}

export const nodeSidecarFs: SidecarFs = {
  async read(path) {
    let handle: fsp.FileHandle;
    try {
      // Non-blocking: opening a named pipe that has the sidecar's (or a document's) name must not wait for a writer.
      // A blocking open holds one of libuv's four threads until one comes, and keeps the extension host from exiting.
      handle = await fsp.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (err) {
      if (code(err) === 'ENOENT') return null;
      throw err;
    }
    try {
      const info = await handle.stat();
      if (info.isDirectory()) throw Object.assign(new Error(`${baseName(path)} is a directory`), { code: 'EISDIR' });
      if (!info.isFile()) throw Object.assign(new Error(`${baseName(path)} is not a regular file`), { code: 'ENOTREG' });
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  },
  async stat(path) {
    try {
      const s = await fsp.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs, mode: s.mode & 0o7777 };
    } catch (err) {
      if (code(err) === 'ENOENT') return null;
      throw err;
    }
  },
  async write(path, data, mode) {
    await fsp.writeFile(path, data);
    // writeFile's own `mode` is masked by the umask; the sidecar's bits are copied exactly.
    if (mode !== undefined) await fsp.chmod(path, mode);
  },
  async createExclusive(path, data) {
    try {
      await fsp.writeFile(path, data, { flag: 'wx' });
      return true;
    } catch (err) {
      if (code(err) === 'EEXIST') return false;
      throw err;
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  async moveExclusive(from, to) {
    // link() fails if `to` exists, unlike rename(), which would replace it.
    try {
      await fsp.link(from, to);
    } catch (err) {
      if (code(err) === 'EEXIST') return false;
      if (code(err) === 'ENOENT') throw err;
      // No hard links on this file system: an exclusive copy is just as safe against overwriting.
      try {
        await fsp.copyFile(from, to, constants.COPYFILE_EXCL);
      } catch (copyErr) {
        if (code(copyErr) === 'EEXIST') return false;
        throw copyErr;
      }
    }
    await fsp.unlink(from);
    return true;
  },
  async remove(path) {
    try {
      await fsp.unlink(path);
    } catch (err) {
      if (code(err) !== 'ENOENT') throw err;
    }
  },
};

// #region the lock

export interface LockOptions {
  /** A lock file older than this is left over by a process that died holding it, and is broken. */
  staleMs: number;
  /** How long to wait for a lock held by someone else before giving up. */
  timeoutMs: number;
}

export const DEFAULT_LOCK: LockOptions = { staleMs: 10_000, timeoutMs: 20_000 };

/** Another process held the lock for longer than the timeout. */
export class LockTimeoutError extends Error {}

export function lockPathOf(sidecarPath: string): string {
  return `${sidecarPath}.lock`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const decode = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('utf8'));

/**
 * Runs `run` holding `<sidecar>.lock`, a file created with O_EXCL, so that
 * every Dossier window (and the multi-process test) writing one sidecar
 * takes turns. `held()` tells whether the lock is still this caller's: a
 * holder stalled past `staleMs` may have had it broken, and must then not
 * write.
 */
export async function withLock<T>(
  fs: SidecarFs,
  sidecarPath: string,
  options: LockOptions,
  run: (held: () => Promise<boolean>) => Promise<T>,
): Promise<T> {
  const path = lockPathOf(sidecarPath);
  const token = `${process.pid} ${randomUUID()}\n`;
  const deadline = Date.now() + options.timeoutMs;
  let pause = 2;
  while (!(await fs.createExclusive(path, Buffer.from(token, 'utf8')))) {
    if (await breakIfStale(fs, path, options.staleMs)) continue;
    if (Date.now() > deadline)
      throw new LockTimeoutError(
        `${lockPathOf(baseName(sidecarPath))} was held by another process for over ${Math.round(options.timeoutMs / 1000)} s`,
      );
    await sleep(pause + Math.random() * pause);
    pause = Math.min(pause * 2, 50);
  }
  const held = async () => decode(await fs.read(path).catch(() => null)) === token;
  try {
    return await run(held);
  } finally {
    if (await held()) await fs.remove(path);
  }
}

/**
 * Removes a lock left over by a dead process. The content is read before
 * the age, so a fresh lock that replaced the stale one in between is never
 * taken for it; the lock is renamed away (atomic) and compared once more, and
 * a fresh lock taken by mistake (another process broke the stale one first
 * and locked again) is put back.
 */
async function breakIfStale(fs: SidecarFs, path: string, staleMs: number): Promise<boolean> {
  const content = decode(await fs.read(path));
  const info = await fs.stat(path);
  if (content === null || !info) return true;
  if (Date.now() - info.mtimeMs <= staleMs) return false;
  const aside = `${path}.stale-${randomUUID().slice(0, 8)}`;
  try {
    await fs.rename(path, aside);
  } catch {
    return true; // someone else broke it first
  }
  // A fresh lock taken by mistake goes back; if yet another process has locked meanwhile, the
  // holder of the fresh one finds out through held() before it writes.
  if (decode(await fs.read(aside)) !== content && (await fs.moveExclusive(aside, path))) return true;
  await fs.remove(aside);
  return true;
}

// #endregion
