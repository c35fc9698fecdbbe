/*
 * A feature table whose every slot holds the whole row: [hash, scale, int8
 * weights packed four to a word], 16 bytes. A feature found costs one memory
 * access (half a cache line) instead of a slot, then a row of float weights
 * elsewhere: on the claims tagger's ~24,000 rows the table shrinks from 1.2 MB
 * (slots + float rows) to 1 MB in one array, and the emissions were half the
 * tagger's time, mostly waiting on memory. Weights are the quantised ones of
 * the model file (weightRows.ts), read as Math.fround(int8 * scale): exactly
 * the float32 the dequantised rows held, so scores do not change.
 */

/** At most this many labels: two words of four int8 each. */
export const PACKED_MAX_LABELS = 8;

export class PackedWeightTable {
  private readonly slots: Int32Array;
  private readonly scales: Float32Array;
  private readonly mask: number;
  private readonly filter: Int32Array;
  constructor(
    hashes: Uint32Array,
    /** rows x labels, int8 weights. */
    q: Int8Array,
    /** One per row: weight = int8 * scale. */
    scales: Float32Array,
    readonly labels: number,
  ) {
    if (labels > PACKED_MAX_LABELS) throw new Error(`a packed weight table holds at most ${PACKED_MAX_LABELS} labels`);
    let size = 1;
    while (size * 0.5 < hashes.length) size <<= 1;
    const buf = new ArrayBuffer(size * 16);
    this.slots = new Int32Array(buf);
    this.scales = new Float32Array(buf);
    this.mask = size - 1;
    let bits = 1 << 12;
    while (bits < hashes.length * 16) bits <<= 1;
    this.filter = new Int32Array(bits >>> 5);
    const fmask = this.filter.length - 1;
    for (let r = 0; r < hashes.length; r++) {
      const h = hashes[r] | 0;
      let idx = h & this.mask;
      while (this.slots[idx * 4] !== 0 && this.slots[idx * 4] !== h) idx = (idx + 1) & this.mask;
      this.slots[idx * 4] = h;
      this.scales[idx * 4 + 1] = scales[r];
      let lo = 0;
      let hi = 0;
      for (let l = 0; l < labels; l++) {
        const byte = q[r * labels + l] & 0xff;
        if (l < 4) lo |= byte << (8 * l);
        else hi |= byte << (8 * (l - 4));
      }
      this.slots[idx * 4 + 2] = lo;
      this.slots[idx * 4 + 3] = hi;
      this.filter[(h >>> 7) & fmask] |= 1 << (h & 31);
    }
  }

  /**
   * Sums the weights of the features of each of n tokens (hashes[t * perToken + f], 0 = none)
   * into out[t * labels + l].
   */
  emissions(hashes: Uint32Array, perToken: number, n: number, out: Float32Array): void {
    const { slots, scales, mask, filter, labels } = this;
    const fmask = filter.length - 1;
    for (let t = 0; t < n; t++) {
      const o = t * labels;
      const ho = t * perToken;
      for (let f = 0; f < perToken; f++) {
        const h = hashes[ho + f] | 0;
        if (h === 0 || (filter[(h >>> 7) & fmask] & (1 << (h & 31))) === 0) continue;
        let idx = h & mask;
        let key = slots[idx * 4];
        while (key !== 0 && key !== h) {
          idx = (idx + 1) & mask;
          key = slots[idx * 4];
        }
        if (key === 0) continue;
        const s = scales[idx * 4 + 1];
        const lo = slots[idx * 4 + 2];
        const hi = slots[idx * 4 + 3];
        for (let l = 0; l < labels; l++) {
          // Sign-extend the l-th byte: shift it to the top of the word, then arithmetic-shift it back.
          const qv = l < 4 ? (lo << (24 - 8 * l)) >> 24 : (hi << (24 - 8 * (l - 4))) >> 24;
          out[o + l] += Math.fround(qv * s);
        }
      }
    }
  }
}
