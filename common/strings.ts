/*
 * The one string hash of Dossier (engine, server and client): 32-bit FNV-1a over UTF-16 code units.
 * Not cryptographic; fast, stable across runs and processes, and the same in
 * every layer that needs a short fingerprint of a string. The tagger's
 * feature ids are built on it, so its output must never change.
 */

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/**
 * FNV-1a of `s` (or of s.slice(start, end), without making the substring), as an unsigned 32-bit
 * integer; a non-zero seed gives an independent hash of the same string.
 */
export function fnv1a32(s: string, seed = 0, start = 0, end = s.length): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** The last segment of a URI or a file system path (either separator), without query or fragment; percent-escapes decoded. */
export function baseName(path: string): string {
  const p = path.replace(/[?#].*$/, '');
  const last = p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
