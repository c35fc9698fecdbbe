import { defaultSettings } from '../../../common/settings';
import { readDocument, tooLargeMessage, type ReadResult } from '../workspace/readDocument';

/*
 * `--max-size MB`: the CLI skips a document over this size, as the editor's
 * index skips one over `dossier.maxFileSizeMB`, with the same default. An
 * analysis holds about sixty bytes of memory for each byte of text, so a file
 * of hundreds of megabytes would otherwise run the process out of memory
 * after minutes of work instead of being refused at once with a reason.
 */

export const MAX_SIZE_USAGE = '--max-size needs a size in MB (0 for no limit)';

/** The default limit in bytes: the editor's. */
export const DEFAULT_MAX_BYTES = defaultSettings.maxFileSizeMB * 1048576;

/** `--max-size` in MB to bytes; 0 is no limit. */
export function maxBytesOf(mb: number): number {
  return mb === 0 ? Number.POSITIVE_INFINITY : mb * 1048576;
}

/** Why a text of `bytes` is skipped, or null when it is within `maxBytes`. */
export function tooLargeReason(bytes: number, maxBytes: number): string | null {
  return bytes > maxBytes ? tooLargeMessage(maxBytes) + LIFT : null;
}

const LIFT = ', skipped (raise the limit with --max-size MB, or 0 for none)';

/** A document for the CLI: read as the editor reads it, and refused over `maxBytes` with how to lift the limit. */
export async function readInput(file: string, maxBytes: number): Promise<ReadResult> {
  const read = await readDocument(file, maxBytes);
  return !read.ok && read.tooLarge ? { ...read, reason: read.reason + LIFT } : read;
}
