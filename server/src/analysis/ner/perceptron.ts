import { NUM_FEATURES } from './features';
import { NUM_LABELS, START, viterbi } from './viterbi';

/*
 * Averaged structured perceptron (Collins 2002) over first-order Viterbi.
 * Training lives here rather than in scripts/ so that unit tests can train a
 * toy model without the shared data.
 */

export interface TrainingSet {
  /** tokens x NUM_FEATURES dense feature ids; -1 for features outside the model (too rare). */
  feats: Int32Array;
  /** Gold BIO label index per token. */
  gold: Uint8Array;
  /** Flattened [tokenStart, tokenEnd) pairs, one per sentence. */
  sentences: Int32Array;
  numFeatures: number;
  /** Features per token in feats (default NUM_FEATURES). */
  stride?: number;
  /** Fixed scores (tokens x labels) added to the emissions: the first stage's, when training the second (docStage.ts). */
  base?: Float32Array;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Called after each epoch with the averaged weights so far (e.g. to report dev F1). */
  /** Starting transition scores (default zero). */
  initTransitions?: Float32Array;
  onEpoch?: (epoch: number, weights: Float32Array, transitions: Float32Array, mistakes: number) => void;
}

export interface TrainedWeights {
  weights: Float32Array;
  transitions: Float32Array;
}

/** Deterministic PRNG (mulberry32): training must give the same model on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainPerceptron(set: TrainingSet, opts: TrainOptions): TrainedWeights {
  const L = NUM_LABELS;
  const TL = (NUM_LABELS + 1) * NUM_LABELS;
  const W = new Float32Array(set.numFeatures * L);
  // Lazy averaging: U accumulates c * delta, and the average is W - U / c.
  const U = new Float64Array(set.numFeatures * L);
  const T = new Float64Array(TL);
  if (opts.initTransitions) T.set(opts.initTransitions);
  const F = set.stride ?? NUM_FEATURES;
  const base = set.base;
  const TU = new Float64Array(TL);
  const nSent = set.sentences.length / 2;
  let maxLen = 1;
  for (let s = 0; s < nSent; s++) maxLen = Math.max(maxLen, set.sentences[2 * s + 1] - set.sentences[2 * s]);
  const emit = new Float32Array(maxLen * L);
  const trans = new Float32Array(TL);
  const pred = new Uint8Array(maxLen);
  const back = new Uint8Array(maxLen * L);
  const order = new Int32Array(nSent);
  for (let s = 0; s < nSent; s++) order[s] = s;
  const random = rng(opts.seed);
  const { feats, gold } = set;
  let c = 1;

  const averaged = (): TrainedWeights => {
    const weights = new Float32Array(W.length);
    for (let i = 0; i < W.length; i++) weights[i] = W[i] - U[i] / c;
    const transitions = new Float32Array(TL);
    for (let i = 0; i < TL; i++) transitions[i] = T[i] - TU[i] / c;
    return { weights, transitions };
  };

  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = nSent - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    let mistakes = 0;
    for (let oi = 0; oi < nSent; oi++) {
      const s = order[oi];
      const from = set.sentences[2 * s];
      const to = set.sentences[2 * s + 1];
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
      viterbi(emit, trans, 0, n, pred, back);
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
    if (opts.onEpoch) {
      const avg = averaged();
      opts.onEpoch(epoch, avg.weights, avg.transitions, mistakes);
    }
  }
  return averaged();
}
