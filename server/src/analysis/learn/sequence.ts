/*
 * A first-order sequence labeller for any label set: averaged structured
 * perceptron (Collins 2002) over Viterbi with a table of allowed transitions.
 * The NER tagger has its own copy unrolled for its 9 labels (ner/); this one
 * is generic so that other stages (claims) can learn their own tags. Training
 * lives in the engine, not in scripts/, so that unit tests can train toy models.
 */

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

export interface SequenceWeights {
  /** numFeatures x labels. */
  weights: Float32Array;
  /** (labels + 1) x labels. */
  transitions: Float32Array;
}

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

export function trainSequencePerceptron(
  labels: LabelSet,
  set: SequenceSet,
  opts: { epochs: number; seed: number; onEpoch?: (epoch: number, avg: SequenceWeights, mistakes: number) => void },
): SequenceWeights {
  const L = labels.size;
  const F = set.featuresPerToken;
  const TL = (L + 1) * L;
  const W = new Float32Array(set.numFeatures * L);
  // Lazy averaging: U accumulates c * delta, and the average is W - U / c.
  const U = new Float64Array(set.numFeatures * L);
  const T = new Float64Array(TL);
  const TU = new Float64Array(TL);
  const nSeq = set.sequences.length / 2;
  let maxLen = 1;
  for (let s = 0; s < nSeq; s++) maxLen = Math.max(maxLen, set.sequences[2 * s + 1] - set.sequences[2 * s]);
  const emit = new Float32Array(maxLen * L);
  const trans = new Float32Array(TL);
  const pred = new Uint8Array(maxLen);
  const score = new Float64Array(maxLen * L);
  const back = new Uint8Array(maxLen * L);
  const order = Int32Array.from({ length: nSeq }, (_, i) => i);
  const random = seededRandom(opts.seed);
  const { feats, gold } = set;
  let c = 1;
  const averaged = (): SequenceWeights => {
    const weights = new Float32Array(W.length);
    for (let i = 0; i < W.length; i++) weights[i] = W[i] - U[i] / c;
    const transitions = new Float32Array(TL);
    for (let i = 0; i < TL; i++) transitions[i] = T[i] - TU[i] / c;
    return { weights, transitions };
  };
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = nSeq - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    let mistakes = 0;
    for (let oi = 0; oi < nSeq; oi++) {
      const s = order[oi];
      const from = set.sequences[2 * s];
      const n = set.sequences[2 * s + 1] - from;
      if (n === 0) continue;
      emit.fill(0, 0, n * L);
      for (let t = 0; t < n; t++) {
        const fo = (from + t) * F;
        for (let k = 0; k < F; k++) {
          const f = feats[fo + k];
          if (f < 0) continue;
          for (let l = 0; l < L; l++) emit[t * L + l] += W[f * L + l];
        }
      }
      for (let i = 0; i < TL; i++) trans[i] = T[i];
      viterbi(labels, emit, trans, n, pred, score, back);
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
        const pg = t === 0 ? L : gold[from + t - 1];
        const pp = t === 0 ? L : pred[t - 1];
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
    const fmask = this.filter.length - 1;
    for (let r = 0; r < hashes.length; r++) {
      const h = hashes[r] | 0;
      let idx = h & this.mask;
      while (this.slots[idx * 2] !== 0 && this.slots[idx * 2] !== h) idx = (idx + 1) & this.mask;
      this.slots[idx * 2] = h;
      this.slots[idx * 2 + 1] = r;
      this.filter[(h >>> 7) & fmask] |= 1 << (h & 31);
    }
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
