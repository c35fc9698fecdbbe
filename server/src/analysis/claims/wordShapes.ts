/*
 * A set of lowercase words that can rule a token out by its shape before its string is looked up. The claims
 * stage asks such sets (the patterns' triggers, the learned frames' words) at every token of a document; most
 * tokens are none of their words, and reading three numbers from the document's text (the first and last
 * characters and the length) is cheaper than hashing the token's string.
 */

/** Slots of the table of (first, last) character pairs, less one. */
const MASK = 1023;

const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const slot = (first: number, last: number) => (lowerAscii(first) * 37 + lowerAscii(last)) & MASK;
/** A bit per length; 31 stands for any longer. */
const lengthBit = (length: number) => 1 << Math.min(length, 31);

export class ShapedWords {
  private readonly words: ReadonlySet<string>;
  /** Per (first, last) pair of ASCII characters, lowercased and hashed: a bit per length of the words with that pair. */
  private readonly shapes = new Uint32Array(MASK + 1);

  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    for (const w of this.words) {
      const first = w.charCodeAt(0);
      const last = w.charCodeAt(w.length - 1);
      if (first < 128 && last < 128) this.shapes[slot(first, last)] |= lengthBit(w.length);
    }
  }

  get size(): number {
    return this.words.size;
  }

  /** Whether `lower`, a token's lowercase form, is one of the words. */
  has(lower: string): boolean {
    return this.words.has(lower);
  }

  /**
   * False when the token text[start, end) cannot have one of the words as its lowercase form. That form has the
   * token's first and last characters, but for the case of an ASCII letter (lowercased here) and for a non-ASCII
   * one (a curly apostrophe: never ruled out here), and its length, but for "İ", whose lowercase adds a combining
   * dot that none of these words holds.
   */
  mayHold(text: string, start: number, end: number): boolean {
    const first = text.charCodeAt(start);
    const last = text.charCodeAt(end - 1);
    if (first >= 128 || last >= 128) return true;
    return (this.shapes[slot(first, last)] & lengthBit(end - start)) !== 0;
  }
}
