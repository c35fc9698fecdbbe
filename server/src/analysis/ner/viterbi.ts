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

/**
 * viterbi() unrolled for the 9 labels: the previous position's scores live in locals.
 * Same decisions as the loop version (ties go to the lower previous label).
 */
export function viterbi9(
  emit: Float32Array,
  trans: Float64Array,
  from: number,
  to: number,
  out: Uint8Array,
  back: Uint8Array,
): void {
  const n = to - from;
  if (n <= 0) return;
  const eo0 = from * 9;
  let s0 = trans[81] + emit[eo0 + 0];
  let s1 = trans[82] + emit[eo0 + 1];
  let s2 = -Infinity;
  let s3 = trans[84] + emit[eo0 + 3];
  let s4 = -Infinity;
  let s5 = trans[86] + emit[eo0 + 5];
  let s6 = -Infinity;
  let s7 = trans[88] + emit[eo0 + 7];
  let s8 = -Infinity;
  for (let t = 1; t < n; t++) {
    const eo = (from + t) * 9;
    const bo = t * 9;
    let v = 0;
    let b0 = s0 + trans[0];
    let a0 = 0;
    v = s1 + trans[9];
    if (v > b0) { b0 = v; a0 = 1; }
    v = s2 + trans[18];
    if (v > b0) { b0 = v; a0 = 2; }
    v = s3 + trans[27];
    if (v > b0) { b0 = v; a0 = 3; }
    v = s4 + trans[36];
    if (v > b0) { b0 = v; a0 = 4; }
    v = s5 + trans[45];
    if (v > b0) { b0 = v; a0 = 5; }
    v = s6 + trans[54];
    if (v > b0) { b0 = v; a0 = 6; }
    v = s7 + trans[63];
    if (v > b0) { b0 = v; a0 = 7; }
    v = s8 + trans[72];
    if (v > b0) { b0 = v; a0 = 8; }
    let b1 = s0 + trans[1];
    let a1 = 0;
    v = s1 + trans[10];
    if (v > b1) { b1 = v; a1 = 1; }
    v = s2 + trans[19];
    if (v > b1) { b1 = v; a1 = 2; }
    v = s3 + trans[28];
    if (v > b1) { b1 = v; a1 = 3; }
    v = s4 + trans[37];
    if (v > b1) { b1 = v; a1 = 4; }
    v = s5 + trans[46];
    if (v > b1) { b1 = v; a1 = 5; }
    v = s6 + trans[55];
    if (v > b1) { b1 = v; a1 = 6; }
    v = s7 + trans[64];
    if (v > b1) { b1 = v; a1 = 7; }
    v = s8 + trans[73];
    if (v > b1) { b1 = v; a1 = 8; }
    let b2 = s1 + trans[11];
    let a2 = 1;
    v = s2 + trans[20];
    if (v > b2) { b2 = v; a2 = 2; }
    let b3 = s0 + trans[3];
    let a3 = 0;
    v = s1 + trans[12];
    if (v > b3) { b3 = v; a3 = 1; }
    v = s2 + trans[21];
    if (v > b3) { b3 = v; a3 = 2; }
    v = s3 + trans[30];
    if (v > b3) { b3 = v; a3 = 3; }
    v = s4 + trans[39];
    if (v > b3) { b3 = v; a3 = 4; }
    v = s5 + trans[48];
    if (v > b3) { b3 = v; a3 = 5; }
    v = s6 + trans[57];
    if (v > b3) { b3 = v; a3 = 6; }
    v = s7 + trans[66];
    if (v > b3) { b3 = v; a3 = 7; }
    v = s8 + trans[75];
    if (v > b3) { b3 = v; a3 = 8; }
    let b4 = s3 + trans[31];
    let a4 = 3;
    v = s4 + trans[40];
    if (v > b4) { b4 = v; a4 = 4; }
    let b5 = s0 + trans[5];
    let a5 = 0;
    v = s1 + trans[14];
    if (v > b5) { b5 = v; a5 = 1; }
    v = s2 + trans[23];
    if (v > b5) { b5 = v; a5 = 2; }
    v = s3 + trans[32];
    if (v > b5) { b5 = v; a5 = 3; }
    v = s4 + trans[41];
    if (v > b5) { b5 = v; a5 = 4; }
    v = s5 + trans[50];
    if (v > b5) { b5 = v; a5 = 5; }
    v = s6 + trans[59];
    if (v > b5) { b5 = v; a5 = 6; }
    v = s7 + trans[68];
    if (v > b5) { b5 = v; a5 = 7; }
    v = s8 + trans[77];
    if (v > b5) { b5 = v; a5 = 8; }
    let b6 = s5 + trans[51];
    let a6 = 5;
    v = s6 + trans[60];
    if (v > b6) { b6 = v; a6 = 6; }
    let b7 = s0 + trans[7];
    let a7 = 0;
    v = s1 + trans[16];
    if (v > b7) { b7 = v; a7 = 1; }
    v = s2 + trans[25];
    if (v > b7) { b7 = v; a7 = 2; }
    v = s3 + trans[34];
    if (v > b7) { b7 = v; a7 = 3; }
    v = s4 + trans[43];
    if (v > b7) { b7 = v; a7 = 4; }
    v = s5 + trans[52];
    if (v > b7) { b7 = v; a7 = 5; }
    v = s6 + trans[61];
    if (v > b7) { b7 = v; a7 = 6; }
    v = s7 + trans[70];
    if (v > b7) { b7 = v; a7 = 7; }
    v = s8 + trans[79];
    if (v > b7) { b7 = v; a7 = 8; }
    let b8 = s7 + trans[71];
    let a8 = 7;
    v = s8 + trans[80];
    if (v > b8) { b8 = v; a8 = 8; }
    s0 = b0 + emit[eo + 0];
    back[bo + 0] = a0;
    s1 = b1 + emit[eo + 1];
    back[bo + 1] = a1;
    s2 = b2 + emit[eo + 2];
    back[bo + 2] = a2;
    s3 = b3 + emit[eo + 3];
    back[bo + 3] = a3;
    s4 = b4 + emit[eo + 4];
    back[bo + 4] = a4;
    s5 = b5 + emit[eo + 5];
    back[bo + 5] = a5;
    s6 = b6 + emit[eo + 6];
    back[bo + 6] = a6;
    s7 = b7 + emit[eo + 7];
    back[bo + 7] = a7;
    s8 = b8 + emit[eo + 8];
    back[bo + 8] = a8;
  }
  let best = s0;
  let arg = 0;
  if (s1 > best) { best = s1; arg = 1; }
  if (s2 > best) { best = s2; arg = 2; }
  if (s3 > best) { best = s3; arg = 3; }
  if (s4 > best) { best = s4; arg = 4; }
  if (s5 > best) { best = s5; arg = 5; }
  if (s6 > best) { best = s6; arg = 6; }
  if (s7 > best) { best = s7; arg = 7; }
  if (s8 > best) { best = s8; arg = 8; }
  for (let t = n - 1; t >= 0; t--) {
    out[from + t] = arg;
    if (t > 0) arg = back[t * 9 + arg];
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

