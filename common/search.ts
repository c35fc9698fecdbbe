/*
 * The one binary search of Dossier (engine, server and client): offsets are looked up in sorted tokens, sentences, blocks and
 * mentions everywhere, and every hand-written copy was a chance to get a
 * bound wrong.
 */

/** A half-open range of UTF-16 offsets (structurally the engine's Span). */
interface Span {
  start: number;
  end: number;
}

/**
 * The index of the first element for which `before` is false, in an array
 * where `before` holds for a prefix and fails for the rest; `items.length`
 * when it holds for all. `before` gets the element and its index.
 */
export function lowerBound<T>(items: ArrayLike<T>, before: (item: T, index: number) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(items[mid], mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The span containing `offset` among spans sorted by start that do not
 * overlap: start ≤ offset < end, or start ≤ offset ≤ end with `inclusiveEnd`
 * (where a span ends where the next starts, the earlier one wins).
 */
export function spanAt<T extends Span>(spans: readonly T[], offset: number, inclusiveEnd = false): T | undefined {
  const i = lowerBound(spans, inclusiveEnd ? (s) => s.end < offset : (s) => s.end <= offset);
  return i < spans.length && spans[i].start <= offset ? spans[i] : undefined;
}

/** Index of the first token (or any span) starting at or after `offset`; `spans.length` when there is none. */
export function firstStartingAt(spans: readonly Span[], offset: number): number {
  return lowerBound(spans, (s) => s.start < offset);
}
