/** V8's SlicedString::kMinLength and ConsString::kMinLength. */
export const VIEW_MIN_LENGTH = 13;

/**
 * A copy of `s` that shares no storage with the string it was cut from.
 *
 * V8 represents `text.slice(a, b)` (13 characters or more) as a view that keeps the whole parent
 * string alive. A name or a word cut from a document and kept as a key or value of a cache that
 * outlives the document therefore keeps that entire document in memory: measured on 2,000 new
 * documents, the engine's caches held one full text per document (about 35 KB each), so an
 * indexing thread's heap grew without bound and the pool replaced it every ~1,500 documents,
 * losing its compiled code each time. Caches copy a key (and compute its value from the copy)
 * when they store it, which happens once per distinct name; look-ups stay as they are.
 *
 * Concatenation makes a two-part string that the slice must flatten into a fresh one first, so
 * the result's storage is the copy's own; other engines copy or share as they will, harmlessly.
 */
export function ownString(s: string): string {
  // V8 makes no view (slice or concatenation) shorter than VIEW_MIN_LENGTH: a shorter string owns its characters
  // already, and is kept as it is (no copy per cache entry).
  return s.length < VIEW_MIN_LENGTH ? s : (' ' + s).slice(1);
}
