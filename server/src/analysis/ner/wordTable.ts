import { fnv1a32 } from '../../../../common/strings';

/**
 * A string-keyed open-addressing table for the tagger's per-word cache. Every token of every
 * document is looked up here, and the token strings are fresh each time: a Map must hash each
 * one through the runtime and then chase a bucket, an entry and the stored key, which after the
 * rest of the pipeline has run are all cache misses. Here the 32-bit hashes sit in one compact
 * array (0 marks an empty slot), so a probe reads only that array until the hashes agree, and
 * then the key and its value, which sit side by side in one array (one cache line, not two).
 */
export class WordTable<V> {
  /** Per slot: the key's hash (never 0: see slotHash), or 0 when the slot is empty. */
  private hashes: Int32Array;
  /** Per slot: [key, value]. */
  private entries: Array<string | V | null>;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 12) {
    let n = 16;
    while (n < capacity) n <<= 1;
    this.hashes = new Int32Array(n);
    this.entries = new Array<string | V | null>(2 * n).fill(null);
    this.mask = n - 1;
  }

  get(key: string): V | undefined {
    const h = slotHash(key);
    const hashes = this.hashes;
    const mask = this.mask;
    let i = h & mask;
    let x = hashes[i];
    while (x !== 0) {
      if (x === h && this.entries[2 * i] === key) return this.entries[2 * i + 1] as V;
      i = (i + 1) & mask;
      x = hashes[i];
    }
    return undefined;
  }

  /** Adds a key that is not in the table. */
  add(key: string, value: V): void {
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    this.insert(key, slotHash(key), value);
    this.size++;
  }

  clear(): void {
    this.hashes.fill(0);
    this.entries.fill(null);
    this.size = 0;
  }

  private insert(key: string, h: number, value: V): void {
    let i = h & this.mask;
    while (this.hashes[i] !== 0) i = (i + 1) & this.mask;
    this.hashes[i] = h;
    this.entries[2 * i] = key;
    this.entries[2 * i + 1] = value;
  }

  private grow(): void {
    const { hashes, entries } = this;
    const n = hashes.length * 2;
    this.hashes = new Int32Array(n);
    this.entries = new Array<string | V | null>(2 * n).fill(null);
    this.mask = n - 1;
    for (let i = 0; i < hashes.length; i++) if (hashes[i] !== 0) this.insert(entries[2 * i] as string, hashes[i], entries[2 * i + 1] as V);
  }
}

/** The project's string hash (fnv1a32) as a signed 32-bit integer, as the Int32Array stores it; 1 in place of 0, which marks an empty slot. */
function slotHash(s: string): number {
  const h = fnv1a32(s) | 0;
  return h === 0 ? 1 : h;
}
