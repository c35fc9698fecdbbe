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
  traceBack(score, back, n, L, out, 0);
}

/** The end of a Viterbi pass: the best last label (the first of equals), then the back-pointers, into out[at..at + n). */
export function traceBack(score: Float64Array, back: Uint8Array, n: number, L: number, out: Uint8Array, at: number): void {
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
    out[at + t] = arg;
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
 * filter. The NER tagger's table (ner/model.ts); the claims tagger's packs
 * its rows into the slots (packedTable.ts).
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
