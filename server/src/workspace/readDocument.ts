import * as fsSync from 'fs';
import { constants, type Stats } from 'fs';
import { promises as fs } from 'fs';
import * as buffers from 'buffer';

/** Files up to this size are read in one blocking call: cheaper than an asynchronous read's four round trips. */
const READ_AT_ONCE = 1 << 20;
/** O_NONBLOCK where the platform has it (not on Windows, which has no named pipes in folders). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export type ReadResult =
  | {
      ok: true;
      text: string;
      /** Some bytes were not valid in the file's encoding and were replaced (U+FFFD). */
      invalidUtf8: boolean;
      /** The encoding the bytes were decoded from: UTF-8 unless a UTF-16 byte-order mark said otherwise. */
      encoding?: TextEncoding;
      /**
       * The text's UTF-8 bytes when the file holds exactly them (valid UTF-8, a byte-order mark left out): its hash is
       * then taken from them (shardStore.ts, utf8Hash) rather than from the text, which would be encoded again.
       */
      utf8?: Uint8Array;
      /** The file's metadata, taken before its bytes were read (the workspace manifest's stamp). */
      stat?: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>;
    }
  /** `tooLarge`: refused for its size alone (over `maxBytes`), which the caller's limit can lift. */
  | { ok: false; reason: string; tooLarge?: true };

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

const BINARY_PROBE = 8192;

/**
 * Reads a document from disk as text. Binary files (a NUL byte near the
 * start) and directories are refused with a reason; invalid UTF-8 is decoded
 * with replacement characters and flagged, never fatal.
 */
export async function readDocument(file: string, maxBytes = Number.POSITIVE_INFINITY): Promise<ReadResult> {
  let fd: number | undefined;
  try {
    // One open, and the metadata of what was opened (fstat): an asynchronous stat before the read was a tenth of the
    // server thread's time while a big folder is indexed. Non-blocking, so that opening a named pipe does not wait for a writer.
    fd = fsSync.openSync(file, OPEN_FLAGS);
    const stat = fsSync.fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, reason: 'is a directory' };
    if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
    if (stat.size > maxBytes) return { ok: false, reason: tooLargeMessage(maxBytes), tooLarge: true };
    // Indexing reads thousands of article-sized files; a blocking read of one takes less than a tenth of a millisecond.
    const bytes = stat.size <= READ_AT_ONCE ? fsSync.readFileSync(fd) : await fs.readFile(file);
    const read = decode(bytes);
    return read.ok ? { ...read, stat } : read;
  } catch (err) {
    return { ok: false, reason: describe(err) };
  } finally {
    if (fd !== undefined) fsSync.closeSync(fd);
  }
}

/**
 * The text of a file as readDocument decodes it, read at once, without its
 * stamp: for a document whose analysis comes back from a shard (the shard
 * does not hold the text), when a feature waits for it. Undefined when it
 * cannot be read as text.
 */
export function readTextSync(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fsSync.openSync(file, OPEN_FLAGS);
    if (!fsSync.fstatSync(fd).isFile()) return undefined;
    const read = decode(fsSync.readFileSync(fd));
    return read.ok ? read.text : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fsSync.closeSync(fd);
  }
}

/**
 * Bytes to text. UTF-8 unless the bytes start with a UTF-16 byte-order mark:
 * UTF-16 text is full of NUL bytes, so it must be recognised before the
 * binary probe. Offsets are UTF-16 code units of the decoded text, as for
 * UTF-8 files, and the mark itself is not part of the text.
 */
export function decode(bytes: Uint8Array): ReadResult {
  // FF FE 00 00 is the UTF-32LE mark, which TextDecoder cannot decode.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes.length >= 4 && bytes[2] === 0 && bytes[3] === 0))
    return decodeUtf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
    return { ok: false, reason: 'UTF-32 text (not supported; convert it to UTF-8)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: false, reason: 'UTF-32 text (not supported; convert it to UTF-8)' };
  const probe = bytes.subarray(0, BINARY_PROBE);
  if (probe.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  const { text, invalid } = decodeUtf8(bytes);
  // A byte-order mark is not part of the text offsets are counted in.
  const bom = text.charCodeAt(0) === 0xfeff;
  const read: Extract<ReadResult, { ok: true }> = { ok: true, text: bom ? text.slice(1) : text, invalidUtf8: invalid, encoding: 'utf-8' };
  // Valid UTF-8 decodes and encodes back to the same bytes; the mark (EF BB BF) is not part of the text.
  if (!invalid) read.utf8 = bom ? bytes.subarray(3) : bytes;
  return read;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): ReadResult {
  let body = bytes.subarray(2);
  if (encoding === 'utf-16be') {
    // Swapped to little-endian on a copy: 'utf-16le' is the UTF-16 decoder every Node build has, with or without ICU.
    const swapped = Buffer.alloc(body.length);
    for (let i = 0; i + 1 < body.length; i += 2) {
      swapped[i] = body[i + 1];
      swapped[i + 1] = body[i];
    }
    if (body.length % 2) swapped[body.length - 1] = body[body.length - 1];
    body = swapped;
  }
  const { text, invalid } = decodeAs(body, 'utf-16le');
  return { ok: true, text, invalidUtf8: invalid, encoding };
}

/**
 * UTF-8 to text. Valid bytes (checked natively first) are converted to UTF-16 and read as such: for a seed-sized
 * document with curly quotes that took about 12 µs of the server's thread where TextDecoder took about 30. Where
 * `transcode` is missing (a Node without ICU), and for invalid bytes, TextDecoder as before.
 */
function decodeUtf8(bytes: Uint8Array): { text: string; invalid: boolean } {
  // Up to READ_AT_ONCE bytes: the UTF-16 copy is twice the file, which for a huge one the decoder does without.
  if (bytes.length <= READ_AT_ONCE && buffers.isUtf8?.(bytes) && typeof buffers.transcode === 'function') {
    try {
      return { text: buffers.transcode(bytes, 'utf8', 'ucs2').toString('ucs2'), invalid: false };
    } catch {
      // Not supported by this build: decoded below.
    }
  }
  return decodeAs(bytes, 'utf-8');
}

function decodeAs(bytes: Uint8Array, label: 'utf-8' | 'utf-16le'): { text: string; invalid: boolean } {
  try {
    // ignoreBOM: the caller removes a mark itself, so that exactly one is removed.
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes), invalid: false };
  } catch {
    return { text: new TextDecoder(label, { ignoreBOM: true }).decode(bytes), invalid: true };
  }
}

/** Why a file over `maxBytes` is refused: the limit in MB as people write it (50, 0.5; not 1 for half a megabyte). */
export function tooLargeMessage(maxBytes: number): string {
  return `larger than ${Math.round((maxBytes / 1048576) * 100) / 100} MB`;
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  // Worded like the others, not Node's "ELOOP: too many symbolic links encountered, open '…'" (the path is said already).
  if (code === 'ELOOP') return 'too many levels of symbolic links (a loop?)';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (code === 'ENAMETOOLONG') return 'file name too long';
  return err instanceof Error ? err.message : String(err);
}
