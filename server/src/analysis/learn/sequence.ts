/*
 * A first-order sequence labeller for any label set: averaged structured
 * perceptron (Collins 2002) over Viterbi with a table of allowed transitions.
 * The NER tagger has its own Viterbi unrolled for its 9 labels (ner/); this one
 * is generic so that other stages (claims) can learn their own tags. Both train
 * with learn/perceptron.ts, in the engine rather than in scripts/, so that unit
 * tests can train toy models.
 */

import { seededRandom, trainAveragedPerceptron, type PerceptronWeights } from './perceptron';

export { seededRandom } from './perceptron';

export interface LabelSet {
  /** Number of labels. */
  size: number;
  /** allowed[prev * size + cur], prev = size for the sequence start. */
  allowed: Uint8Array;
}

/**
 * Best label sequence for emission scores emit[t * L + label], t in [0, n),
 * and transitions trans[prev * L + cur] (row L = start). Scratch buffers hold at least n * L.
 */
export function viterbi(
  labels: LabelSet,
  emit: Float32Array,
  trans: Float32Array,
  n: number,
  out: Uint8Array,
  score: Float64Array,
  back: Uint8Array,
): void {
  const L = labels.size;
  const allowed = labels.allowed;
  if (n <= 0) return;
  for (let c = 0; c < L; c++) score[c] = allowed[L * L + c] ? trans[L * L + c] + emit[c] : -Infinity;
  for (let t = 1; t < n; t++) {
    const so = t * L;
    const po = so - L;
    for (let c = 0; c < L; c++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed[p * L + c]) continue;
        const v = score[po + p] + trans[p * L + c];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[so + c] = best + emit[so + c];
      back[so + c] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const lo = (n - 1) * L;
  for (let c = 0; c < L; c++) {
    if (score[lo + c] > best) {
      best = score[lo + c];
      arg = c;
    }
  }
  for (let t = n - 1; t >= 0; t--) {
    out[t] = arg;
    if (t > 0) arg = back[t * L + arg];
  }
}

export interface SequenceSet {
  /** tokens x featuresPerToken dense feature ids; -1 where a token lacks the feature. */
  feats: Int32Array;
  featuresPerToken: number;
  /** Gold label per token. */
  gold: Uint8Array;
  /** Flattened [tokenStart, tokenEnd) pairs, one per sequence. */
  sequences: Int32Array;
  numFeatures: number;
}

export type SequenceWeights = PerceptronWeights;

/** Averaged perceptron over the generic Viterbi (the shared trainer, learn/perceptron.ts). */
export function trainSequencePerceptron(
  labels: LabelSet,
  set: SequenceSet,
  opts: { epochs: number; seed: number; onEpoch?: (epoch: number, avg: SequenceWeights, mistakes: number) => void },
): SequenceWeights {
  return trainAveragedPerceptron(
    {
      labels: labels.size,
      feats: set.feats,
      featuresPerToken: set.featuresPerToken,
      gold: set.gold,
      sequences: set.sequences,
      numFeatures: set.numFeatures,
      decoder: (maxLen) => {
        const score = new Float64Array(maxLen * labels.size);
        const back = new Uint8Array(maxLen * labels.size);
        return (emit, trans, n, out) => viterbi(labels, emit, trans, n, out, score, back);
      },
    },
    { epochs: opts.epochs, random: seededRandom(opts.seed), onEpoch: opts.onEpoch },
  );
}

/**
 * Fills an open-addressing table of interleaved [key, row] slots (int32 keys,
 * 0 = empty, linear probing) with row r under hashes[r], and sets each key's
 * bit (word (h >>> filterShift) & (filter.length - 1), bit h & 31) in the
 * filter. Shared by WeightTable and the NER tagger's own table, which sizes
 * its slots and filter differently.
 */
export function insertKeys(hashes: Uint32Array, slots: Int32Array, mask: number, filter: Int32Array, filterShift: number): void {
  const fmask = filter.length - 1;
  for (let r = 0; r < hashes.length; r++) {
    const h = hashes[r] | 0;
    let idx = h & mask;
    while (slots[idx * 2] !== 0 && slots[idx * 2] !== h) idx = (idx + 1) & mask;
    slots[idx * 2] = h;
    slots[idx * 2 + 1] = r;
    filter[(h >>> filterShift) & fmask] |= 1 << (h & 31);
  }
}

/**
 * Open-addressing table from a 32-bit feature hash to its row of weights.
 * 0 marks an empty slot, so hashes are never 0 (see ner/hash.ts mix()). A bit
 * filter over the hashes answers most absent features without a probe: most
 * word-pair features of a text are not in the model.
 */
export class WeightTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly filter: Int32Array;
  constructor(
    hashes: Uint32Array,
    /** rows x labels. */
    readonly weights: Float32Array,
    readonly labels: number,
  ) {
    let size = 1;
    while (size * 0.5 < hashes.length) size <<= 1;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    let bits = 1 << 12;
    while (bits < hashes.length * 16) bits <<= 1;
    this.filter = new Int32Array(bits >>> 5);
    insertKeys(hashes, this.slots, this.mask, this.filter, 7);
  }

  /**
   * Sums the weights of the features of each of n tokens (hashes[t * perToken + f], 0 = none)
   * into out[t * labels + l].
   */
  emissions(hashes: Uint32Array, perToken: number, n: number, out: Float32Array): void {
    const { slots, mask, filter, weights, labels } = this;
    const fmask = filter.length - 1;
    for (let t = 0; t < n; t++) {
      const o = t * labels;
      const ho = t * perToken;
      for (let f = 0; f < perToken; f++) {
        const h = hashes[ho + f] | 0;
        if (h === 0 || (filter[(h >>> 7) & fmask] & (1 << (h & 31))) === 0) continue;
        let idx = h & mask;
        let key = slots[idx * 2];
        while (key !== 0 && key !== h) {
          idx = (idx + 1) & mask;
          key = slots[idx * 2];
        }
        if (key === 0) continue;
        const w = slots[idx * 2 + 1] * labels;
        for (let l = 0; l < labels; l++) out[o + l] += weights[w + l];
      }
    }
  }
}
