import { ownString, VIEW_MIN_LENGTH } from './ownString';

/*
 * The text of a token. A token of VIEW_MIN_LENGTH to MAX_SHARED characters ("Washington-based",
 * "administration") gets a string shared between the tokens and documents that spell it alike, a copy
 * (ownString) where a slice would be a view holding the whole document; every shorter one is sliced.
 *
 * All tokens up to MAX_SHARED were once shared, so that later Map and Set probes with them (tagger
 * features, gazetteer and name caches) would find their hash computed and their key by pointer. Measured
 * over the whole analysis of generated seed-sized documents (both builds in one process, alternating):
 * the table's probe for the short tokens, 99 % of them, cost the tokenizer about 0.35 ms a document
 * (it reads a slot and a string that the tagger's tables have pushed out of the cache since the last
 * document), and the later stages saved less than that by it: sliced, the whole analysis took about 2 %
 * less CPU. V8 copies a slice shorter than VIEW_MIN_LENGTH into a string of its own, made next to the
 * token, so those keep no document alive either.
 *
 * A document of SHARE_ALL_FROM characters or more shares its short tokens too: there the strings, one per
 * token, are what costs. Sliced, a 20 MB document's analysis peaked at 1,379 MB of memory against 1,197
 * MB shared, which on a small machine is near the analysis thread's heap limit.
 *
 * An open-addressing table with linear probing, found by a hash of the characters read from the
 * document (no string made for a token seen before). It forgets everything when half full, as
 * BoundedCache does, and stores copies (ownString), so it keeps no document alive.
 */

const BITS = 15;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;
/** Longer tokens are rarely repeated and cost more to compare: they are sliced as before. */
const MAX_SHARED = 20;
/** Documents from this length on (1 MB) share short tokens too (see above). */
const SHARE_ALL_FROM = 1 << 20;

const table: Array<string | undefined> = new Array<string | undefined>(SIZE).fill(undefined);
let stored = 0;

/**
 * `text.slice(start, end)`; up to MAX_SHARED characters, a copy shared with earlier tokens of the same characters, from
 * VIEW_MIN_LENGTH characters on in a document shorter than SHARE_ALL_FROM.
 */
export function tokenText(text: string, start: number, end: number): string {
  const len = end - start;
  if (len > MAX_SHARED || len <= 0 || (len < VIEW_MIN_LENGTH && text.length < SHARE_ALL_FROM)) return text.slice(start, end);
  let h = len;
  for (let k = start; k < end; k++) h = (Math.imul(h, 31) + text.charCodeAt(k)) | 0;
  // Fibonacci hashing: the top bits of the product spread short words, whose sums crowd a few ranges, over the table
  // (with a weak mix, probe chains grew as the table filled and the tokenizer ran twice as slow as with slices).
  h = Math.imul(h, 0x9e3779b1) >>> (32 - BITS);
  let slot = h;
  for (;;) {
    const s = table[slot];
    if (s === undefined) break;
    if (s.length === len && sameChars(s, text, start, len)) return s;
    slot = (slot + 1) & MASK;
  }
  if (stored >= SIZE >> 1) {
    table.fill(undefined);
    stored = 0;
    slot = h;
  }
  const own = ownString(text.slice(start, end));
  table[slot] = own;
  stored++;
  return own;
}

function sameChars(s: string, text: string, start: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (s.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/** How many strings the table holds (for tests). */
export function sharedTokenCount(): number {
  return stored;
}
