/** How a file-system error of a path the user gave is worded. */
const FILE_ERRORS: Readonly<Record<string, string>> = {
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'already exists',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENOENT: 'no such file or directory',
};

/**
 * A file-system error that escaped a command (writing `--out` to a folder,
 * or under a path that is a file) as one line naming the path, instead of
 * Node's raw `EISDIR: illegal operation on a directory, open …`. Null for
 * anything else.
 */
export function fileErrorMessage(err: unknown): string | null {
  const e = err as NodeJS.ErrnoException | null;
  if (!(err instanceof Error) || typeof e?.code !== 'string' || typeof e.path !== 'string') return null;
  // mkdir's EEXIST: a file stands where a folder (a brat --out directory) must be.
  const reason = e.code === 'EEXIST' && e.syscall === 'mkdir' ? 'exists and is not a directory' : FILE_ERRORS[e.code];
  return reason ? `${e.path}: ${reason}` : null;
}
