/*
 * The claims tagger's feature table: an open-addressing index from a
 * feature's 32-bit hash to its row, and per row the float32 weights of one or
 * two weight sets (the tagger's two passes: the second sees every feature of
 * the first plus its own, so `emissionsBoth` looks a shared feature up once
 * for both). The weights are the quantised ones of the model file
 * (weightRows.ts), stored as Math.fround(int8 * scale): exactly the float32
 * the dequantised rows held, so scores do not change. Measured on PolNeAR
 * train texts, the emissions were bound by arithmetic, not memory (a
 * document's second run cost as much as its first): unpacking int8 weights per
 * look-up and the loop over labels were most of it, so the weights are stored
 * dequantised and added unrolled (addRow), and a bit filter skips most
 * features absent from the table before the probe.
 */

/** At most this many labels: two words of four int8 each. */
export const PACKED_MAX_LABELS = 8;

/** One weight set: rows x labels int8 weights, weight = int8 * scale of the row. */
export interface PackedRows {
  hashes: Uint32Array;
  q: Int8Array;
  scales: Float32Array;
}

/**
 * out[ot + l] += w[wo + l] for l < labels, written out for the claims
 * tagger's 7 labels: the loop over labels, not the look-up, was most of the
 * emissions' time (halved unrolled, on PolNeAR train texts).
 */
function addRow(out: Float32Array, ot: number, w: Float32Array, wo: number, labels: number): void {
  if (labels === 7) {
    out[ot] += w[wo];
    out[ot + 1] += w[wo + 1];
    out[ot + 2] += w[wo + 2];
    out[ot + 3] += w[wo + 3];
    out[ot + 4] += w[wo + 4];
    out[ot + 5] += w[wo + 5];
    out[ot + 6] += w[wo + 6];
    return;
  }
  for (let l = 0; l < labels; l++) out[ot + l] += w[wo + l];
}

export class PackedWeightTable {
  /** Open addressing: per slot, the hash (0 = empty) and row * 4 + which sets have it (bit p: set p), one read for both. */
  private readonly keys: Int32Array;
  /** Per row, the weights of each set: rows x sets x labels, the float32 of the dequantised row. */
  private readonly weights: Float32Array;
  private readonly mask: number;
  private readonly filter: Int32Array;
  /** Weights a row: sets x labels. */
  private readonly rowWidth: number;
  constructor(
    sets: PackedRows[],
    readonly labels: number,
  ) {
    if (labels > PACKED_MAX_LABELS) throw new Error(`a packed weight table holds at most ${PACKED_MAX_LABELS} labels`);
    if (sets.length < 1 || sets.length > 2) throw new Error('a packed weight table holds one or two weight sets');
    let total = 0;
    for (const set of sets) total += set.hashes.length;
    let size = 1;
    while (size * 0.5 < total) size <<= 1;
    const keys = new Int32Array(size * 2);
    const mask = size - 1;
    let bits = 1 << 12;
    while (bits < total * 16) bits <<= 1;
    const filter = new Int32Array(bits >>> 5);
    const fmask = filter.length - 1;
    // First the index (a row per distinct hash, in order of first appearance), then the rows' weights.
    let rows = 0;
    for (let p = 0; p < sets.length; p++) {
      const { hashes } = sets[p];
      for (let r = 0; r < hashes.length; r++) {
        const h = hashes[r] | 0;
        let idx = h & mask;
        while (keys[idx * 2] !== 0 && keys[idx * 2] !== h) idx = (idx + 1) & mask;
        if (keys[idx * 2] === 0) {
          keys[idx * 2] = h;
          keys[idx * 2 + 1] = rows++ << 2;
          filter[(h >>> 7) & fmask] |= 1 << (h & 31);
        }
        keys[idx * 2 + 1] |= 1 << p;
      }
    }
    const width = sets.length * labels;
    const weights = new Float32Array(rows * width);
    for (let p = 0; p < sets.length; p++) {
      const { hashes, q, scales } = sets[p];
      for (let r = 0; r < hashes.length; r++) {
        const h = hashes[r] | 0;
        let idx = h & mask;
        while (keys[idx * 2] !== h) idx = (idx + 1) & mask;
        const row = keys[idx * 2 + 1] >> 2;
        // The float32 the dequantised row held: Math.fround(int8 * scale), computed once rather than per look-up.
        const o = row * width + p * labels;
        for (let l = 0; l < labels; l++) weights[o + l] = Math.fround(q[r * labels + l] * scales[r]);
      }
    }
    this.keys = keys;
    this.mask = mask;
    this.filter = filter;
    this.rowWidth = width;
    this.weights = weights;
  }

  /** The index word of feature h (its row << 2, and bit p set where set p has a row), or -1 when none has. */
  private slot(h: number): number {
    const { keys, mask, filter } = this;
    if (h === 0 || (filter[(h >>> 7) & (filter.length - 1)] & (1 << (h & 31))) === 0) return -1;
    let idx = h & mask;
    let key = keys[idx * 2];
    while (key !== 0 && key !== h) {
      idx = (idx + 1) & mask;
      key = keys[idx * 2];
    }
    return key === 0 ? -1 : keys[idx * 2 + 1];
  }

  /**
   * Sums the weights of set `set` of the features of each of n tokens
   * (hashes[t * perToken + f], 0 = none) into out[t * labels + l].
   */
  emissions(hashes: Uint32Array, perToken: number, n: number, out: Float32Array, set = 0): void {
    const { weights, labels, rowWidth } = this;
    const bit = 1 << set;
    const wo = set * labels;
    for (let t = 0; t < n; t++) {
      const ho = t * perToken;
      const ot = t * labels;
      for (let f = 0; f < perToken; f++) {
        const v = this.slot(hashes[ho + f] | 0);
        if (v >= 0 && v & bit) addRow(out, ot, weights, (v >> 2) * rowWidth + wo, labels);
      }
    }
  }

  /** `emissions` of set 0 into out0 and of set 1 into out1 (a two-set table), each summed in the same order. */
  emissionsBoth(hashes: Uint32Array, perToken: number, n: number, out0: Float32Array, out1: Float32Array): void {
    const { weights, labels, rowWidth } = this;
    if (rowWidth !== 2 * labels) throw new Error('emissionsBoth needs a table of two weight sets');
    for (let t = 0; t < n; t++) {
      const ho = t * perToken;
      const ot = t * labels;
      for (let f = 0; f < perToken; f++) {
        const v = this.slot(hashes[ho + f] | 0);
        if (v < 0) continue;
        const o = (v >> 2) * rowWidth;
        if (v & 1) addRow(out0, ot, weights, o, labels);
        if (v & 2) addRow(out1, ot, weights, o + labels, labels);
      }
    }
  }
}
