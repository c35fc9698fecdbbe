/*
 * A feature table whose every slot holds the whole row: [hash, scale, int8
 * weights packed four to a word], 16 bytes. A feature found costs one memory
 * access (half a cache line) instead of a slot, then a row of float weights
 * elsewhere: on the claims tagger's ~24,000 rows the table shrinks from 1.2 MB
 * (slots + float rows) to 1 MB in one array, and the emissions were half the
 * tagger's time, mostly waiting on memory. Weights are the quantised ones of
 * the model file (weightRows.ts), read as Math.fround(int8 * scale): exactly
 * the float32 the dequantised rows held, so scores do not change.
 *
 * A table may hold two weight sets (the two passes of the claims tagger, whose
 * second pass sees every feature of the first plus its own): a slot is then
 * 32 bytes, [hash, scale, lo, hi] of each set, the second set's hash word saying which sets
 * have the row, and `emissionsBoth` sums both passes' emissions of the shared
 * features in one sweep, one memory access a feature instead of two tables'.
 */

/** At most this many labels: two words of four int8 each. */
export const PACKED_MAX_LABELS = 8;

/** One weight set: rows x labels int8 weights, weight = int8 * scale of the row. */
export interface PackedRows {
  hashes: Uint32Array;
  q: Int8Array;
  scales: Float32Array;
}

export class PackedWeightTable {
  private readonly slots: Int32Array;
  private readonly scales: Float32Array;
  private readonly mask: number;
  private readonly filter: Int32Array;
  /** Int32 words a slot: 4 for one set, 8 for two. */
  private readonly stride: number;
  /** In a two-set slot, the word whose bits 1 and 2 say whether set 0 and set 1 have the row. */
  private static readonly PRESENT = 4;
  constructor(
    sets: PackedRows[],
    readonly labels: number,
  ) {
    if (labels > PACKED_MAX_LABELS) throw new Error(`a packed weight table holds at most ${PACKED_MAX_LABELS} labels`);
    if (sets.length < 1 || sets.length > 2) throw new Error('a packed weight table holds one or two weight sets');
    this.stride = sets.length === 1 ? 4 : 8;
    const all = new Set<number>();
    for (const s of sets) for (const h of s.hashes) all.add(h | 0);
    let size = 1;
    while (size * 0.5 < all.size) size <<= 1;
    const buf = new ArrayBuffer(size * this.stride * 4);
    this.slots = new Int32Array(buf);
    this.scales = new Float32Array(buf);
    this.mask = size - 1;
    let bits = 1 << 12;
    while (bits < all.size * 16) bits <<= 1;
    this.filter = new Int32Array(bits >>> 5);
    const fmask = this.filter.length - 1;
    const S = this.stride;
    sets.forEach((set, p) => {
      for (let r = 0; r < set.hashes.length; r++) {
        const h = set.hashes[r] | 0;
        let idx = h & this.mask;
        while (this.slots[idx * S] !== 0 && this.slots[idx * S] !== h) idx = (idx + 1) & this.mask;
        const o = idx * S + p * 4;
        this.slots[idx * S] = h;
        this.scales[o + 1] = set.scales[r];
        let lo = 0;
        let hi = 0;
        for (let l = 0; l < labels; l++) {
          const byte = set.q[r * labels + l] & 0xff;
          if (l < 4) lo |= byte << (8 * l);
          else hi |= byte << (8 * (l - 4));
        }
        this.slots[o + 2] = lo;
        this.slots[o + 3] = hi;
        if (S === 8) this.slots[idx * S + PackedWeightTable.PRESENT] |= 2 << p;
        this.filter[(h >>> 7) & fmask] |= 1 << (h & 31);
      }
    });
  }

  /** The slot of hash h (never 0), or -1 when no set has it. */
  private find(h: number): number {
    const { slots, mask, filter, stride } = this;
    if ((filter[(h >>> 7) & (filter.length - 1)] & (1 << (h & 31))) === 0) return -1;
    let idx = h & mask;
    let key = slots[idx * stride];
    while (key !== 0 && key !== h) {
      idx = (idx + 1) & mask;
      key = slots[idx * stride];
    }
    return key === 0 ? -1 : idx * stride;
  }

  /** Adds the weights at word offset o (a set's [_, scale, lo, hi]) to out[ot..ot+labels). */
  private add(o: number, out: Float32Array, ot: number): void {
    const s = this.scales[o + 1];
    const lo = this.slots[o + 2];
    const hi = this.slots[o + 3];
    for (let l = 0; l < this.labels; l++) {
      // Sign-extend the l-th byte: shift it to the top of the word, then arithmetic-shift it back.
      const qv = l < 4 ? (lo << (24 - 8 * l)) >> 24 : (hi << (24 - 8 * (l - 4))) >> 24;
      out[ot + l] += Math.fround(qv * s);
    }
  }

  /**
   * Sums the weights of set `set` of the features of each of n tokens
   * (hashes[t * perToken + f], 0 = none) into out[t * labels + l].
   */
  emissions(hashes: Uint32Array, perToken: number, n: number, out: Float32Array, set = 0): void {
    const two = this.stride === 8;
    const bit = 2 << set;
    for (let t = 0; t < n; t++) {
      const ho = t * perToken;
      for (let f = 0; f < perToken; f++) {
        const h = hashes[ho + f] | 0;
        if (h === 0) continue;
        const o = this.find(h);
        if (o < 0 || (two && (this.slots[o + PackedWeightTable.PRESENT] & bit) === 0)) continue;
        this.add(o + set * 4, out, t * this.labels);
      }
    }
  }

  /** `emissions` of set 0 into out0 and of set 1 into out1 (a two-set table), each summed in the same order. */
  emissionsBoth(hashes: Uint32Array, perToken: number, n: number, out0: Float32Array, out1: Float32Array): void {
    if (this.stride !== 8) throw new Error('emissionsBoth needs a table of two weight sets');
    for (let t = 0; t < n; t++) {
      const ho = t * perToken;
      const ot = t * this.labels;
      for (let f = 0; f < perToken; f++) {
        const h = hashes[ho + f] | 0;
        if (h === 0) continue;
        const o = this.find(h);
        if (o < 0) continue;
        const present = this.slots[o + PackedWeightTable.PRESENT];
        if (present & 2) this.add(o, out0, ot);
        if (present & 4) this.add(o + 4, out1, ot);
      }
    }
  }
}
