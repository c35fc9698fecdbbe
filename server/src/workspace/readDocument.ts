import { promises as fs } from 'fs';

export type ReadResult = { ok: true; text: string; invalidUtf8: boolean } | { ok: false; reason: string };

const BINARY_PROBE = 8192;

/**
 * Reads a document from disk as text. Binary files (a NUL byte near the
 * start) and directories are refused with a reason; invalid UTF-8 is decoded
 * with replacement characters and flagged, never fatal.
 */
export async function readDocument(file: string, maxBytes = Number.POSITIVE_INFINITY): Promise<ReadResult> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (err) {
    return { ok: false, reason: describe(err) };
  }
  if (stat.isDirectory()) return { ok: false, reason: 'is a directory' };
  if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
  if (stat.size > maxBytes) return { ok: false, reason: `larger than ${Math.round(maxBytes / 1048576)} MB` };
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    return { ok: false, reason: describe(err) };
  }
  return decode(bytes);
}

export function decode(bytes: Uint8Array): ReadResult {
  const probe = bytes.subarray(0, BINARY_PROBE);
  if (probe.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  let invalidUtf8 = false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    invalidUtf8 = true;
    text = new TextDecoder('utf-8').decode(bytes);
  }
  // A byte-order mark is not part of the text offsets are counted in.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text, invalidUtf8 };
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return err instanceof Error ? err.message : String(err);
}
