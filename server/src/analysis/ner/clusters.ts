/*
 * Word clusters: distributional classes of word forms induced from unlabeled
 * news text (scripts/nerClusters.ts, run by `npm run train` over CoNLL train's
 * and PolNeAR train's text) and stored in the NER model file. A name the
 * labelled data never showed still lands in the class of the names written in
 * the same contexts ("shares of X", "X 2 Y 1", "X said"), which carries its type.
 * Codes are two-level: fine cluster c, coarse cluster c >> FINE_BITS.
 */

/** Fine clusters per coarse cluster: 2^FINE_BITS. */
export const FINE_BITS = 3;

/** A word with no cluster (never seen often enough in the unlabeled text). */
export const NO_CLUSTER = -1;

export class WordClusters {
  private readonly code = new Map<string, number>();

  /** lists[c] = the words of fine cluster c, space-separated (the model file's form). */
  constructor(lists: readonly string[]) {
    lists.forEach((line, c) => {
      if (line === '') return;
      for (const w of line.split(' ')) this.code.set(w, c);
    });
  }

  get size(): number {
    return this.code.size;
  }

  /**
   * Fine cluster of a word form, or NO_CLUSTER. A form the text never had is
   * looked up as a Title-case name (a SHOUTED headline word) and then in lowercase
   * (a sentence-initial capital, a lowercase comment).
   */
  of(w: string): number {
    const c = this.code.get(w);
    if (c !== undefined) return c;
    if (w.length > 1) {
      const title = w.charAt(0) + w.slice(1).toLowerCase();
      const t = this.code.get(title);
      if (t !== undefined) return t;
      const u = this.code.get(w.charAt(0).toUpperCase() + w.slice(1));
      if (u !== undefined) return u;
    }
    return this.code.get(w.toLowerCase()) ?? NO_CLUSTER;
  }
}
