/*
 * The forms that may be one typo from a form, found by key instead of by
 * comparing every pair. Two words one edit apart (an insertion, a deletion, a
 * substitution or two swapped adjacent letters) share a deletion key: the
 * word itself or the word less one letter. A substitution or a swap deletes
 * the same letter from both; an insertion's deletion is the other word. So a
 * lookup returns every true match, and some that are not (the caller checks
 * each): the pairs of a page of reader comments with thousands of names cost
 * their keys, where comparing all pairs grew with the square of the names.
 *
 * Keys are 32-bit hashes, computed without building the strings: a collision
 * only offers one more form for the caller to turn down.
 */

const FNV_PRIME = 0x01000193;
const FNV_SEED = 0x811c9dc5;

/** Hash of `word` less its character at `skip` (-1 for the whole word), mixed into `h`. */
function hashSkipping(h: number, word: string, skip: number): number {
  for (let i = 0; i < word.length; i++) if (i !== skip) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return Math.imul(h ^ 0xff, FNV_PRIME);
}

/**
 * The hashes of the word and of each of its one-letter deletions; deleting either of two equal
 * neighbours gives one string, hashed once.
 */
export function deletionHashes(word: string, seed = FNV_SEED): number[] {
  const out = [hashSkipping(seed, word, -1) >>> 0];
  for (let p = 0; p < word.length; p++) if (p === 0 || word[p] !== word[p - 1]) out.push(hashSkipping(seed, word, p) >>> 0);
  return out;
}

export class TypoIndex {
  /** Same-length word lists that differ in one word, keyed by its position, its deletion key and the other words. */
  private readonly lists = new Map<number, number[]>();
  /** Lists of two or more words, keyed by their last word's deletion keys. */
  private readonly lasts = new Map<number, number[]>();

  /**
   * `words[k]` are form k's words; `typable(w)` says whether a word may be one side of a typo at
   * all, so the rest need no keys.
   */
  constructor(
    private readonly words: readonly (readonly string[])[],
    private readonly typable: (w: string) => boolean,
  ) {
    for (let k = 0; k < words.length; k++) {
      const w = words[k];
      for (let p = 0; p < w.length; p++)
        if (typable(w[p])) for (const key of deletionHashes(w[p], listSeed(w, p))) push(this.lists, key, k);
      if (w.length > 1 && typable(w[w.length - 1])) for (const key of deletionHashes(w[w.length - 1])) push(this.lasts, key, k);
    }
  }

  /** The forms that may match form k: `sameButOne`, and `lastWordNear` its one word when it may be a bare surname. */
  near(k: number, bareSurname: boolean): number[] {
    const found = this.sameButOne(k);
    return bareSurname && this.words[k].length === 1 ? found.concat(this.lastWordNear(this.words[k][0], k)) : found;
  }

  /** Forms whose words may equal form k's but for one typo in one word, in ascending order, k itself left out. */
  sameButOne(k: number): number[] {
    const w = this.words[k];
    const found = new Set<number>();
    for (let p = 0; p < w.length; p++) {
      if (!this.typable(w[p])) continue;
      for (const key of deletionHashes(w[p], listSeed(w, p))) for (const j of this.lists.get(key) ?? []) found.add(j);
    }
    return ascending(found, k);
  }

  /** Forms of two or more words whose last word may be one typo from `word`, in ascending order, k left out. */
  lastWordNear(word: string, k: number): number[] {
    const found = new Set<number>();
    if (!this.typable(word)) return [];
    for (const key of deletionHashes(word)) for (const j of this.lasts.get(key) ?? []) found.add(j);
    return ascending(found, k);
  }
}

/** Words by their deletion keys: `near` gives the ids of every word one edit from a word (and some that are not). */
export class NearWords {
  private readonly keys = new Map<number, number[]>();

  add(word: string, id: number): void {
    for (const key of deletionHashes(word)) push(this.keys, key, id);
  }

  /** Ids of the words added that share a deletion key with `word`, ascending. */
  near(word: string): number[] {
    const found = new Set<number>();
    for (const key of deletionHashes(word)) for (const id of this.keys.get(key) ?? []) found.add(id);
    return ascending(found, -1);
  }
}

/** The seed of the key of a list's word p: the position, the length and the other words, so only lists alike but for p share it. */
function listSeed(words: readonly string[], p: number): number {
  let h = Math.imul(FNV_SEED ^ p, FNV_PRIME);
  h = Math.imul(h ^ words.length, FNV_PRIME);
  for (let q = 0; q < words.length; q++) if (q !== p) h = hashSkipping(Math.imul(h ^ q, FNV_PRIME), words[q], -1);
  return h;
}

function push(map: Map<number, number[]>, key: number, k: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [k]);
  else if (list[list.length - 1] !== k) list.push(k);
}

function ascending(found: Set<number>, leaveOut: number): number[] {
  found.delete(leaveOut);
  return [...found].sort((a, b) => a - b);
}
