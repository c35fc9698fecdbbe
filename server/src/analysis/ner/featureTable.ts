import { insertKeys } from '../learn/sequence';
import { NUM_LABELS } from './viterbi';

/**
 * Open-addressing table from feature hash to weights. The slots hold only
 * (key, row) pairs, 8 bytes each, so that the many probes that miss (most
 * word-pair features are not in the model) touch a compact array; the float
 * weights are read from a dense row-major array on a hit. 0 marks an empty
 * slot (hashes are never 0); keys are int32 because V8 keeps those as small
 * integers, whereas uint32 values above 2^31 become doubles.
 */
export class FeatureTable {
  /** Interleaved [key, row] per slot. */
  readonly slots: Int32Array;
  readonly mask: number;
  /** rows x NUM_LABELS, weight = int8 * row scale as stored in the file. */
  readonly weights: Float32Array;
  /** Bit set over hash bits: bit (h >>> 5 & mask, h & 31) is set for every key. */
  readonly filter: Int32Array;

  constructor(hashes: Uint32Array, q: Int8Array, scales: Float32Array) {
    // Load factor up to 0.6: the probe array stays small (cache misses cost more than a few extra probes).
    let size = 1;
    while (size * 0.6 < hashes.length) size <<= 1;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    this.weights = new Float32Array(hashes.length * NUM_LABELS);
    let bits = 1 << 16;
    while (bits < hashes.length * 2) bits <<= 1;
    // ~14 bits a key: about 7% of absent features pass the filter.
    this.filter = new Int32Array((bits * 8) >>> 5);
    insertKeys(hashes, this.slots, this.mask, this.filter, 5);
    for (let r = 0; r < hashes.length; r++) {
      for (let l = 0; l < NUM_LABELS; l++) this.weights[r * NUM_LABELS + l] = q[r * NUM_LABELS + l] * scales[r];
    }
  }

  /** Offset of the weights of a feature in `weights`, or -1 when the model does not have it. */
  find(hash: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const h = hash | 0;
    let idx = h & mask;
    let key = slots[idx * 2];
    while (key !== 0 && key !== h) {
      idx = (idx + 1) & mask;
      key = slots[idx * 2];
    }
    return key === 0 ? -1 : slots[idx * 2 + 1] * NUM_LABELS;
  }
}
