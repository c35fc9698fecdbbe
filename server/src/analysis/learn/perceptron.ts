/*
 * Averaged structured perceptron (Collins 2002) for first-order sequence
 * labelling, shared by the NER tagger (ner/perceptron.ts, with its unrolled
 * 9-label Viterbi) and the claims tagger (learn/sequence.ts, generic Viterbi).
 * Only the decoder and the random generator differ between them, so both are
 * passed in; the arithmetic here must not change, or the committed models stop
 * being reproducible byte for byte.
 */

/** Deterministic PRNG (mulberry32): training must give the same model on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of `order` in place with `random` (one draw per position, last to second): a seeded training order. */
export function shuffleInPlace(order: { length: number; [i: number]: number }, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
}

/** Writes the best labels of tokens [0, n) into out, given emit[t * labels + l] and trans[prev * labels + cur]. */
export type Decode = (emit: Float32Array, trans: Float32Array, n: number, out: Uint8Array) => void;

export interface PerceptronProblem {
  /** Number of labels; transitions have labels + 1 rows, row `labels` being the sequence start. */
  labels: number;
  /** tokens x featuresPerToken dense feature ids; -1 where a token lacks the feature. */
  feats: Int32Array;
  featuresPerToken: number;
  /** Gold label per token. */
  gold: Uint8Array;
  /** Flattened [tokenStart, tokenEnd) pairs, one per sequence. */
  sequences: Int32Array;
  numFeatures: number;
  /** Fixed scores (tokens x labels) added to the emissions, e.g. an earlier stage's. */
  base?: Float32Array;
  /** Makes a decoder for sequences of at most maxLen tokens (so it can allocate its scratch once). */
  decoder: (maxLen: number) => Decode;
}

export interface PerceptronWeights {
  /** numFeatures x labels. */
  weights: Float32Array;
  /** (labels + 1) x labels. */
  transitions: Float32Array;
}

export interface PerceptronOptions {
  epochs: number;
  /** Shuffles the sequences before each epoch. */
  random: () => number;
  /** Starting transition scores (default zero). */
  initTransitions?: Float32Array;
  /** Called after each epoch with the averaged weights so far (e.g. to report dev scores). */
  onEpoch?: (epoch: number, avg: PerceptronWeights, mistakes: number) => void;
}

export function trainAveragedPerceptron(problem: PerceptronProblem, opts: PerceptronOptions): PerceptronWeights {
  const L = problem.labels;
  const START = L;
  const F = problem.featuresPerToken;
  const TL = (L + 1) * L;
  const W = new Float32Array(problem.numFeatures * L);
  // Lazy averaging: U accumulates c * delta, and the average is W - U / c.
  const U = new Float64Array(problem.numFeatures * L);
  const T = new Float64Array(TL);
  if (opts.initTransitions) T.set(opts.initTransitions);
  const TU = new Float64Array(TL);
  const { feats, gold, sequences, base } = problem;
  const nSeq = sequences.length / 2;
  let maxLen = 1;
  for (let s = 0; s < nSeq; s++) maxLen = Math.max(maxLen, sequences[2 * s + 1] - sequences[2 * s]);
  const emit = new Float32Array(maxLen * L);
  const trans = new Float32Array(TL);
  const pred = new Uint8Array(maxLen);
  const decode = problem.decoder(maxLen);
  const order = new Int32Array(nSeq);
  for (let s = 0; s < nSeq; s++) order[s] = s;
  const random = opts.random;
  let c = 1;

  const averaged = (): PerceptronWeights => {
    const weights = new Float32Array(W.length);
    for (let i = 0; i < W.length; i++) weights[i] = W[i] - U[i] / c;
    const transitions = new Float32Array(TL);
    for (let i = 0; i < TL; i++) transitions[i] = T[i] - TU[i] / c;
    return { weights, transitions };
  };

  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    shuffleInPlace(order, random);
    let mistakes = 0;
    for (let oi = 0; oi < nSeq; oi++) {
      const s = order[oi];
      const from = sequences[2 * s];
      const to = sequences[2 * s + 1];
      const n = to - from;
      if (n === 0) continue;
      if (base) emit.set(base.subarray(from * L, to * L));
      else emit.fill(0, 0, n * L);
      for (let t = 0; t < n; t++) {
        const fo = (from + t) * F;
        const eo = t * L;
        for (let k = 0; k < F; k++) {
          const f = feats[fo + k];
          if (f < 0) continue;
          const wo = f * L;
          for (let l = 0; l < L; l++) emit[eo + l] += W[wo + l];
        }
      }
      for (let i = 0; i < TL; i++) trans[i] = T[i];
      decode(emit, trans, n, pred);
      let wrong = false;
      for (let t = 0; t < n; t++) {
        const g = gold[from + t];
        const p = pred[t];
        if (g !== p) {
          wrong = true;
          const fo = (from + t) * F;
          for (let k = 0; k < F; k++) {
            const f = feats[fo + k];
            if (f < 0) continue;
            W[f * L + g] += 1;
            U[f * L + g] += c;
            W[f * L + p] -= 1;
            U[f * L + p] -= c;
          }
        }
        const pg = t === 0 ? START : gold[from + t - 1];
        const pp = t === 0 ? START : pred[t - 1];
        if (pg !== pp || g !== p) {
          T[pg * L + g] += 1;
          TU[pg * L + g] += c;
          T[pp * L + p] -= 1;
          TU[pp * L + p] -= c;
        }
      }
      if (wrong) mistakes++;
      c++;
    }
    if (opts.onEpoch) opts.onEpoch(epoch, averaged(), mistakes);
  }
  return averaged();
}

/** The distinct values of a sorted array that occur at least minCount times: the hashes of the features worth a weight row. */
export function frequentValues(sorted: Uint32Array, minCount: number): Uint32Array {
  const uniq: number[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i >= minCount) uniq.push(sorted[i]);
    i = j;
  }
  return Uint32Array.from(uniq);
}
