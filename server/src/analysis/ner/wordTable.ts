/**
 * A string-keyed open-addressing table for the tagger's per-word cache. Every token of every
 * document is looked up here, and the token strings are fresh each time: a Map must hash each
 * one through the runtime and then chase a bucket, an entry and the stored key, which after the
 * rest of the pipeline has run are all cache misses. Here the 32-bit hashes sit in one compact
 * array, so a probe touches the stored key only when the hashes agree.
 */
export class WordTable<V> {
  private keys: Array<string | null>;
  private hashes: Int32Array;
  private vals: Array<V | null>;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 12) {
    let n = 16;
    while (n < capacity) n <<= 1;
    this.keys = new Array<string | null>(n).fill(null);
    this.hashes = new Int32Array(n);
    this.vals = new Array<V | null>(n).fill(null);
    this.mask = n - 1;
  }

  get(key: string): V | undefined {
    const h = hashOf(key);
    const keys = this.keys;
    const hashes = this.hashes;
    const mask = this.mask;
    let i = h & mask;
    let k = keys[i];
    while (k !== null) {
      if (hashes[i] === h && k === key) return this.vals[i] as V;
      i = (i + 1) & mask;
      k = keys[i];
    }
    return undefined;
  }

  /** Adds a key that is not in the table. */
  add(key: string, value: V): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    this.insert(key, hashOf(key), value);
    this.size++;
  }

  clear(): void {
    this.keys.fill(null);
    this.vals.fill(null);
    this.size = 0;
  }

  private insert(key: string, h: number, value: V): void {
    let i = h & this.mask;
    while (this.keys[i] !== null) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.hashes[i] = h;
    this.vals[i] = value;
  }

  private grow(): void {
    const { keys, hashes, vals } = this;
    const n = keys.length * 2;
    this.keys = new Array<string | null>(n).fill(null);
    this.hashes = new Int32Array(n);
    this.vals = new Array<V | null>(n).fill(null);
    this.mask = n - 1;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k !== null) this.insert(k, hashes[i], vals[i] as V);
    }
  }
}

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer. */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
