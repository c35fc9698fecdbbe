/*
 * The extractor's word cache (FeatureExtractor.info): word -> its facts, looked up once per token. A Map
 * reads two places of its table per look-up (the bucket, then the entry), and with the whole analysis
 * between two documents both are mostly cache misses; this open-addressing table keeps key and value
 * side by side, so a look-up reads one place. Its hash is computed from the word's characters, which the
 * tokenizer has just read. Keys are compared with ===, which is by pointer first (where the tokenizer
 * shares one string per spelling, tokenText.ts) and then by characters, so a look-up finds what a Map would.
 */

/** Characters hashed from each end of a longer word: enough to spread words, and a URL costs no more than a word. */
const HASHED_CHARS = 16;

export class WordTable<V> {
  /** Interleaved [key, value] per slot; undefined marks an empty slot. */
  private slots: Array<string | V | undefined>;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity) size <<= 1;
    this.slots = new Array<string | V | undefined>(size * 2).fill(undefined);
    this.mask = size - 1;
  }

  /** How many words the table holds. */
  get size(): number {
    return this.count;
  }

  get(word: string): V | undefined {
    const slots = this.slots;
    const mask = this.mask;
    let i = hashWord(word) & mask;
    for (;;) {
      const key = slots[2 * i];
      if (key === undefined) return undefined;
      if (key === word) return slots[2 * i + 1] as V;
      i = (i + 1) & mask;
    }
  }

  /** Adds a word that the table does not hold (see get). */
  add(word: string, value: V): void {
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    this.place(word, value);
    this.count++;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.count = 0;
  }

  private place(word: string, value: V): void {
    const slots = this.slots;
    const mask = this.mask;
    let i = hashWord(word) & mask;
    while (slots[2 * i] !== undefined) i = (i + 1) & mask;
    slots[2 * i] = word;
    slots[2 * i + 1] = value;
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.slots = new Array<string | V | undefined>(size * 2).fill(undefined);
    this.mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      const key = old[i];
      if (key !== undefined) this.place(key as string, old[i + 1] as V);
    }
  }
}

/** A hash of a word's length and characters (up to HASHED_CHARS from each end). */
function hashWord(w: string): number {
  const n = w.length;
  let h = n;
  if (n <= 2 * HASHED_CHARS) {
    for (let k = 0; k < n; k++) h = (Math.imul(h, 31) + w.charCodeAt(k)) | 0;
  } else {
    for (let k = 0; k < HASHED_CHARS; k++) h = (Math.imul(h, 31) + w.charCodeAt(k)) | 0;
    for (let k = n - HASHED_CHARS; k < n; k++) h = (Math.imul(h, 31) + w.charCodeAt(k)) | 0;
  }
  // A finaliser (MurmurHash3's) spreads words whose sums crowd a few ranges over the low bits that index the table.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
