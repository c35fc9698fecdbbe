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
 * Writes labels into out[from..to). The back-pointer buffer (at least (to - from) * 9) is passed in to avoid allocation per sentence.
 */
export function viterbi(
  emit: Float32Array,
  trans: Float32Array,
  from: number,
  to: number,
  out: Uint8Array,
  back: Uint8Array,
  /**
   * Per absolute token, 1 where the token is a closed word (closedWords.ts) whose emissions make every
   * label but O lose by far: there only O is scored, and after it only the labels that may follow O.
   * The same path as without it, whose other scores at such a token could never win.
   */
  forced: Uint8Array | null = null,
): void {
  const n = to - from;
  if (n <= 0) return;
  // Unrolled over the 9 labels (the hot loop of tagging): the previous step's scores live in
  // locals s0..s8 and the transition scores in tPC = trans[P * 9 + C]. Comparisons and sums are
  // the same, in the same order, as the plain double loop over (previous, current) labels.
  if (NUM_LABELS !== 9) throw new Error('viterbi is unrolled for 9 labels');
  const t00 = trans[0],
    t01 = trans[1],
    t03 = trans[3],
    t05 = trans[5],
    t07 = trans[7],
    t10 = trans[9],
    t11 = trans[10],
    t12 = trans[11],
    t13 = trans[12],
    t15 = trans[14],
    t17 = trans[16],
    t20 = trans[18],
    t21 = trans[19],
    t22 = trans[20],
    t23 = trans[21],
    t25 = trans[23],
    t27 = trans[25],
    t30 = trans[27],
    t31 = trans[28],
    t33 = trans[30],
    t34 = trans[31],
    t35 = trans[32],
    t37 = trans[34],
    t40 = trans[36],
    t41 = trans[37],
    t43 = trans[39],
    t44 = trans[40],
    t45 = trans[41],
    t47 = trans[43],
    t50 = trans[45],
    t51 = trans[46],
    t53 = trans[48],
    t55 = trans[50],
    t56 = trans[51],
    t57 = trans[52],
    t60 = trans[54],
    t61 = trans[55],
    t63 = trans[57],
    t65 = trans[59],
    t66 = trans[60],
    t67 = trans[61],
    t70 = trans[63],
    t71 = trans[64],
    t73 = trans[66],
    t75 = trans[68],
    t77 = trans[70],
    t78 = trans[71],
    t80 = trans[72],
    t81 = trans[73],
    t83 = trans[75],
    t85 = trans[77],
    t87 = trans[79],
    t88 = trans[80];
  const eo0 = from * 9;
  let s0 = ALLOWED[START * 9 + 0] ? trans[START * 9 + 0] + emit[eo0 + 0] : -Infinity,
    s1 = ALLOWED[START * 9 + 1] ? trans[START * 9 + 1] + emit[eo0 + 1] : -Infinity,
    s2 = ALLOWED[START * 9 + 2] ? trans[START * 9 + 2] + emit[eo0 + 2] : -Infinity,
    s3 = ALLOWED[START * 9 + 3] ? trans[START * 9 + 3] + emit[eo0 + 3] : -Infinity,
    s4 = ALLOWED[START * 9 + 4] ? trans[START * 9 + 4] + emit[eo0 + 4] : -Infinity,
    s5 = ALLOWED[START * 9 + 5] ? trans[START * 9 + 5] + emit[eo0 + 5] : -Infinity,
    s6 = ALLOWED[START * 9 + 6] ? trans[START * 9 + 6] + emit[eo0 + 6] : -Infinity,
    s7 = ALLOWED[START * 9 + 7] ? trans[START * 9 + 7] + emit[eo0 + 7] : -Infinity,
    s8 = ALLOWED[START * 9 + 8] ? trans[START * 9 + 8] + emit[eo0 + 8] : -Infinity;
  // After a forced O only O has a score (the loop below relies on it from the first token on).
  if (forced !== null && forced[from] === 1) s1 = s2 = s3 = s4 = s5 = s6 = s7 = s8 = -Infinity;
  let b: number;
  let a: number;
  let v: number;
  for (let t = 1; t < n; t++) {
    const eo = (from + t) * 9;
    const bo = t * 9;
    if (forced !== null && forced[from + t - 1] === 1) {
      // Only O had a score at t - 1: it is every label's predecessor, and I-X cannot follow it.
      if (forced[from + t] === 1) {
        s0 = s0 + t00 + emit[eo];
        back[bo] = 0;
        continue;
      }
      s1 = s0 + t01 + emit[eo + 1];
      s3 = s0 + t03 + emit[eo + 3];
      s5 = s0 + t05 + emit[eo + 5];
      s7 = s0 + t07 + emit[eo + 7];
      s0 = s0 + t00 + emit[eo];
      s2 = s4 = s6 = s8 = -Infinity;
      back[bo] = back[bo + 1] = back[bo + 3] = back[bo + 5] = back[bo + 7] = 0;
      continue;
    }
    // O and B-X may follow any label; I-X only B-X or I-X (the BIO constraint of ALLOWED).
    b = s0 + t00;
    a = 0;
    v = s1 + t10;
    if (v > b) {
      b = v;
      a = 1;
    }
    v = s2 + t20;
    if (v > b) {
      b = v;
      a = 2;
    }
    v = s3 + t30;
    if (v > b) {
      b = v;
      a = 3;
    }
    v = s4 + t40;
    if (v > b) {
      b = v;
      a = 4;
    }
    v = s5 + t50;
    if (v > b) {
      b = v;
      a = 5;
    }
    v = s6 + t60;
    if (v > b) {
      b = v;
      a = 6;
    }
    v = s7 + t70;
    if (v > b) {
      b = v;
      a = 7;
    }
    v = s8 + t80;
    if (v > b) {
      b = v;
      a = 8;
    }
    const n0 = b + emit[eo + 0];
    back[bo + 0] = a;
    if (forced !== null && forced[from + t] === 1) {
      // A closed word's forced O: only O is scored (its other labels could never win).
      s0 = n0;
      s1 = s2 = s3 = s4 = s5 = s6 = s7 = s8 = -Infinity;
      continue;
    }
    b = s0 + t01;
    a = 0;
    v = s1 + t11;
    if (v > b) {
      b = v;
      a = 1;
    }
    v = s2 + t21;
    if (v > b) {
      b = v;
      a = 2;
    }
    v = s3 + t31;
    if (v > b) {
      b = v;
      a = 3;
    }
    v = s4 + t41;
    if (v > b) {
      b = v;
      a = 4;
    }
    v = s5 + t51;
    if (v > b) {
      b = v;
      a = 5;
    }
    v = s6 + t61;
    if (v > b) {
      b = v;
      a = 6;
    }
    v = s7 + t71;
    if (v > b) {
      b = v;
      a = 7;
    }
    v = s8 + t81;
    if (v > b) {
      b = v;
      a = 8;
    }
    const n1 = b + emit[eo + 1];
    back[bo + 1] = a;
    b = s0 + t03;
    a = 0;
    v = s1 + t13;
    if (v > b) {
      b = v;
      a = 1;
    }
    v = s2 + t23;
    if (v > b) {
      b = v;
      a = 2;
    }
    v = s3 + t33;
    if (v > b) {
      b = v;
      a = 3;
    }
    v = s4 + t43;
    if (v > b) {
      b = v;
      a = 4;
    }
    v = s5 + t53;
    if (v > b) {
      b = v;
      a = 5;
    }
    v = s6 + t63;
    if (v > b) {
      b = v;
      a = 6;
    }
    v = s7 + t73;
    if (v > b) {
      b = v;
      a = 7;
    }
    v = s8 + t83;
    if (v > b) {
      b = v;
      a = 8;
    }
    const n3 = b + emit[eo + 3];
    back[bo + 3] = a;
    b = s0 + t05;
    a = 0;
    v = s1 + t15;
    if (v > b) {
      b = v;
      a = 1;
    }
    v = s2 + t25;
    if (v > b) {
      b = v;
      a = 2;
    }
    v = s3 + t35;
    if (v > b) {
      b = v;
      a = 3;
    }
    v = s4 + t45;
    if (v > b) {
      b = v;
      a = 4;
    }
    v = s5 + t55;
    if (v > b) {
      b = v;
      a = 5;
    }
    v = s6 + t65;
    if (v > b) {
      b = v;
      a = 6;
    }
    v = s7 + t75;
    if (v > b) {
      b = v;
      a = 7;
    }
    v = s8 + t85;
    if (v > b) {
      b = v;
      a = 8;
    }
    const n5 = b + emit[eo + 5];
    back[bo + 5] = a;
    b = s0 + t07;
    a = 0;
    v = s1 + t17;
    if (v > b) {
      b = v;
      a = 1;
    }
    v = s2 + t27;
    if (v > b) {
      b = v;
      a = 2;
    }
    v = s3 + t37;
    if (v > b) {
      b = v;
      a = 3;
    }
    v = s4 + t47;
    if (v > b) {
      b = v;
      a = 4;
    }
    v = s5 + t57;
    if (v > b) {
      b = v;
      a = 5;
    }
    v = s6 + t67;
    if (v > b) {
      b = v;
      a = 6;
    }
    v = s7 + t77;
    if (v > b) {
      b = v;
      a = 7;
    }
    v = s8 + t87;
    if (v > b) {
      b = v;
      a = 8;
    }
    const n7 = b + emit[eo + 7];
    back[bo + 7] = a;
    b = s1 + t12;
    v = s2 + t22;
    let n2: number;
    if (v > b) {
      n2 = v + emit[eo + 2];
      back[bo + 2] = 2;
    } else {
      n2 = b + emit[eo + 2];
      back[bo + 2] = 1;
    }
    b = s3 + t34;
    v = s4 + t44;
    let n4: number;
    if (v > b) {
      n4 = v + emit[eo + 4];
      back[bo + 4] = 4;
    } else {
      n4 = b + emit[eo + 4];
      back[bo + 4] = 3;
    }
    b = s5 + t56;
    v = s6 + t66;
    let n6: number;
    if (v > b) {
      n6 = v + emit[eo + 6];
      back[bo + 6] = 6;
    } else {
      n6 = b + emit[eo + 6];
      back[bo + 6] = 5;
    }
    b = s7 + t78;
    v = s8 + t88;
    let n8: number;
    if (v > b) {
      n8 = v + emit[eo + 8];
      back[bo + 8] = 8;
    } else {
      n8 = b + emit[eo + 8];
      back[bo + 8] = 7;
    }
    s0 = n0;
    s1 = n1;
    s2 = n2;
    s3 = n3;
    s4 = n4;
    s5 = n5;
    s6 = n6;
    s7 = n7;
    s8 = n8;
  }
  // The best final label (the first of equals), without an array per sentence.
  let best = -Infinity;
  let arg = 0;
  if (s0 > best) {
    best = s0;
    arg = 0;
  }
  if (s1 > best) {
    best = s1;
    arg = 1;
  }
  if (s2 > best) {
    best = s2;
    arg = 2;
  }
  if (s3 > best) {
    best = s3;
    arg = 3;
  }
  if (s4 > best) {
    best = s4;
    arg = 4;
  }
  if (s5 > best) {
    best = s5;
    arg = 5;
  }
  if (s6 > best) {
    best = s6;
    arg = 6;
  }
  if (s7 > best) {
    best = s7;
    arg = 7;
  }
  if (s8 > best) arg = 8;
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
