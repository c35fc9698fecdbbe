/*
 * Labels, BIO constraints and first-order Viterbi decoding, shared by the
 * trainer and the runtime tagger.
 */

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type BioLabel = (typeof LABELS)[number];
export const NUM_LABELS = LABELS.length;
/** Row NUM_LABELS of a transition matrix holds the sentence-start scores. */
export const START = NUM_LABELS;

/** allowed[prev * L + cur] (prev = START at sentence start): I-X must follow B-X or I-X. */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((NUM_LABELS + 1) * NUM_LABELS);
  for (let p = 0; p <= NUM_LABELS; p++) {
    for (let c = 0; c < NUM_LABELS; c++) {
      const inside = c > 0 && c % 2 === 0;
      a[p * NUM_LABELS + c] = !inside || (p !== START && p !== 0 && Math.ceil(p / 2) === c / 2) ? 1 : 0;
    }
  }
  return a;
})();

/**
 * Best label sequence for tokens [from, to) given emission scores
 * (emit[i * L + label], indexed by absolute token) and transition scores.
 * Writes labels into out[from..to). Scratch buffers are passed in to avoid allocation per sentence.
 */
export function viterbi(
  emit: Float32Array,
  trans: Float32Array,
  from: number,
  to: number,
  out: Uint8Array,
  score: Float64Array,
  back: Uint8Array,
): void {
  const L = NUM_LABELS;
  const n = to - from;
  if (n <= 0) return;
  for (let c = 0; c < L; c++) {
    score[c] = ALLOWED[START * L + c] ? trans[START * L + c] + emit[from * L + c] : -Infinity;
  }
  for (let t = 1; t < n; t++) {
    const eo = (from + t) * L;
    const so = t * L;
    const po = (t - 1) * L;
    // O and B-X may follow any label; I-X only B-X or I-X (the BIO constraint of ALLOWED, unrolled).
    for (let c = 0; c < L; c += c === 0 ? 1 : 2) {
      let best = score[po] + trans[c];
      let arg = 0;
      for (let p = 1; p < L; p++) {
        const v = score[po + p] + trans[p * L + c];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[so + c] = best + emit[eo + c];
      back[so + c] = arg;
    }
    for (let c = 2; c < L; c += 2) {
      const b = score[po + c - 1] + trans[(c - 1) * L + c];
      const i = score[po + c] + trans[c * L + c];
      if (i > b) {
        score[so + c] = i + emit[eo + c];
        back[so + c] = c;
      } else {
        score[so + c] = b + emit[eo + c];
        back[so + c] = c - 1;
      }
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
    out[from + t] = arg;
    if (t > 0) arg = back[t * L + arg];
  }
}

export interface LabelSpan {
  tokenStart: number;
  tokenEnd: number;
  /** 0 PER, 1 ORG, 2 LOC, 3 MISC. */
  type: number;
}

/** Entity spans from a BIO label array within [from, to). */
export function spansOf(labels: Uint8Array, from: number, to: number, out: LabelSpan[]): void {
  let i = from;
  while (i < to) {
    const l = labels[i];
    if (l === 0) {
      i++;
      continue;
    }
    const type = (Math.ceil(l / 2) - 1) | 0;
    let e = i + 1;
    while (e < to && labels[e] === 2 * (type + 1)) e++;
    out.push({ tokenStart: i, tokenEnd: e, type });
    i = e;
  }
}
