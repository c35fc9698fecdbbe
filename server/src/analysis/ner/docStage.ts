import type { DocContext } from './contextFeatures';
import { DocEntities } from './docEntities';
import { NUM_LABELS } from './viterbi';
import { F_CASE, F_COMMON } from './wordFacts';

/*
 * The tagger's second, document-level stage (Krishnan & Manning 2006): after
 * a first Viterbi pass, every token gets features from what that pass
 * concluded elsewhere in the same document, and a small learned table adds
 * their weights to the first stage's emission scores before a second pass.
 *
 *  - the labels of the other occurrences of the same word form (case-folded,
 *    so a headline's "ROTOR" sees the body's "Rotor");
 *  - the labels of the other occurrences of the same entity string;
 *  - the type of longer entities that contain this one ("Pirelli" inside
 *    "Pirelli SpA");
 *  - what the neighbours of the other occurrences say (their emission scores
 *    minus the word's own scores: "shares of Magna", "said Washington").
 *
 * They are features, not overrides: the learned weights decide how far a
 * document majority may outvote the local context, and conjunctions with the
 * first-stage label let a clear local context keep its own type. (A template
 * on the first-stage label, case and sentence mode alone was tried and dropped:
 * it relabelled names by their shape, "Hakim al-Zamili" as an organisation.)
 * Part of DOC_STAGE_VERSION: changing a code's meaning needs retraining.
 */

export const DOC_STAGE_VERSION = 1;

/** Value-domain sizes of the second-stage templates; a feature id is DOC_OFFSETS[k] + code. */
export const DOC_SIZES: readonly number[] = [6 * 3 * 3 * 9, 6 * 5 * 2, 5 * 5, 6 * 3 * 9];
export const NUM_DOC = DOC_SIZES.length;
export const DOC_OFFSETS: readonly number[] = DOC_SIZES.map((_, k) => DOC_SIZES.slice(0, k).reduce((a, b) => a + b, 0));
export const DOC_FEATURES = DOC_SIZES.reduce((a, b) => a + b, 0);

/**
 * The first stage's scores are sums of unnormalised perceptron weights, in the hundreds; the
 * second stage sees them scaled down so that its own weights, learned from zero with unit
 * updates, can reach the same size within a few epochs.
 */
export const BASE_SCALE = 0.02;

/** Entities longer than this many words are not searched for the names they contain. */
const MAX_CONTAINING_WORDS = 8;

/** Label index -> type slot: 0 O, 1 PER, 2 ORG, 3 LOC, 4 MISC. */
const SLOT = Int32Array.from({ length: NUM_LABELS }, (_, l) => (l === 0 ? 0 : (l + 1) >> 1));

/** Reusable scratch buffers; one per tagger. */
export class DocStage {
  private keyOf = new Int32Array(0);
  private counts = new Int32Array(0);
  private ctxSums = new Float32Array(0);
  private ctxN = new Int32Array(0);
  private entityOf = new Int32Array(0);
  private readonly c = new Float32Array(5);
  private readonly entities = new DocEntities();

  /**
   * Second-stage feature ids (n x NUM_DOC, into `out`) of a document from the
   * first stage's labels and emissions. selfAt(i) is the offset in pool of
   * token i's own word scores (see PerceptronTagger.emissions).
   */
  codes(
    ctx: DocContext,
    sentences: ReadonlyArray<readonly [number, number]>,
    n: number,
    labels: Uint8Array,
    emit: Float32Array,
    pool: Float32Array,
    selfAt: Int32Array,
    out: Int32Array,
    /** Per token, 1 for a closed word's forced O (closedWords.ts): the second stage leaves it alone, so it gets no codes. */
    forced: Uint8Array | null = null,
  ): void {
    const facts = ctx.facts;
    const mode = ctx.mode;
    if (this.keyOf.length < n) {
      const size = Math.max(n, this.keyOf.length * 2);
      this.keyOf = new Int32Array(size);
      this.entityOf = new Int32Array(size);
    }
    const keyOf = this.keyOf;
    // Word forms that may be names: capitalised, or any word of a caseless sentence; function words never.
    // A form's id is its index among the document's lowercase forms (FeatureExtractor.context).
    const form = ctx.form;
    const k = ctx.forms;
    for (let i = 0; i < n; i++) {
      const f = facts[i];
      const cc = f & F_CASE;
      keyOf[i] = cc === 0 || (f & F_COMMON) !== 0 || (cc < 2 && mode[i] === 0) ? -1 : form[i];
    }
    if (this.counts.length < k * 5) {
      this.counts = new Int32Array(k * 10);
      this.ctxSums = new Float32Array(k * 10);
      this.ctxN = new Int32Array(k * 2);
    }
    const counts = this.counts;
    const ctxSums = this.ctxSums;
    const ctxN = this.ctxN;
    counts.fill(0, 0, k * 5);
    ctxSums.fill(0, 0, k * 5);
    ctxN.fill(0, 0, k);
    const c = this.c;
    for (let i = 0; i < n; i++) {
      const id = keyOf[i];
      if (id < 0) continue;
      counts[id * 5 + SLOT[labels[i]]]++;
      // Context evidence only from capitalised, normally cased, non-initial occurrences: the informative ones.
      if (mode[i] === 0 && (facts[i] & F_CASE) >= 2 && !ctx.initial[i]) {
        contextOf(emit, pool, i, selfAt[i], c);
        for (let s = 0; s < 5; s++) ctxSums[id * 5 + s] += c[s];
        ctxN[id]++;
      }
    }

    // Entities of the first stage, by case-folded words (docEntities.ts): type counts, and the containing entities' types.
    const ents = this.entities;
    const entityOf = this.entityOf;
    ents.reset();
    entityOf.fill(-1, 0, n);
    for (const [s, e] of sentences) {
      let i = s;
      while (i < e) {
        const l = labels[i];
        if (l === 0 || l % 2 === 0) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < e && labels[j] === l + 1) j++;
        entityOf.fill(ents.spans, i, j);
        ents.add(form, i, j, SLOT[l]);
        i = j;
      }
    }
    const { spanStart, spanEnd, spanType, spanEntity, counts: entCounts, longer } = ents;
    if (ents.spans > 1) {
      // Each distinct entity once, through its first span: the types of the longer entities with it as a whole-word part.
      for (let sp = 0; sp < ents.spans; sp++) {
        const s = spanStart[sp];
        const len = spanEnd[sp] - s;
        // Parts of longer names only: a run-on "entity" of hundreds of words would cost its length cubed.
        if (len < 2 || len > MAX_CONTAINING_WORDS || !ents.isFirst(sp)) continue;
        const types = spanEntity[sp] * 5;
        for (let a = 0; a < len; a++) {
          for (let b = a + 1; b <= len; b++) {
            if (b - a === len) continue;
            const part = ents.find(form, s + a, s + b);
            if (part < 0) continue;
            for (let t = 1; t < 5; t++) longer[part * 5 + t] += entCounts[types + t];
          }
        }
      }
    }

    for (let i = 0; i < n; i++) {
      if (forced !== null && forced[i] === 1) continue;
      const p = labels[i];
      const own = SLOT[p];
      const o = i * NUM_DOC;
      const cc = facts[i] & F_CASE;
      const id = keyOf[i];
      // Token majority over the other occurrences.
      // Sentinels past the real codes: 5 in the majority-type position means no other occurrence.
      let tokenCode = 5 * 3 * 3 * 9 + p;
      let ctxCode = 5 * 3 * 9 + p;
      if (id >= 0) {
        let total = 0;
        let best = 0;
        let bestN = -1;
        for (let s = 0; s < 5; s++) {
          const m = counts[id * 5 + s] - (s === own ? 1 : 0);
          total += m;
          if (m > bestN) {
            bestN = m;
            best = s;
          }
        }
        if (total > 0) {
          const agree = bestN === total ? 0 : 2 * bestN >= total ? 1 : 2;
          const many = total === 1 ? 0 : total < 4 ? 1 : 2;
          tokenCode = ((best * 3 + agree) * 3 + many) * 9 + p;
        }
        // Neighbours of the other occurrences.
        const self = mode[i] === 0 && cc >= 2 && !ctx.initial[i];
        const others = ctxN[id] - (self ? 1 : 0);
        if (others > 0) {
          if (self) contextOf(emit, pool, i, selfAt[i], c);
          let top = -Infinity;
          let second = -Infinity;
          let arg = 0;
          for (let s = 0; s < 5; s++) {
            const v = (ctxSums[id * 5 + s] - (self ? c[s] : 0)) / others;
            if (v > top) {
              second = top;
              top = v;
              arg = s;
            } else if (v > second) second = v;
          }
          const margin = top - second;
          ctxCode = (arg * 3 + (margin < 20 ? 0 : margin < 80 ? 1 : 2)) * 9 + p;
        }
      } else {
        tokenCode = (5 * 3 + 1) * 3 * 9 + p;
        ctxCode = (5 * 3 + 1) * 9 + p;
      }
      out[o] = DOC_OFFSETS[0] + tokenCode;
      out[o + 3] = DOC_OFFSETS[3] + ctxCode;
      // Entity majority and containing entities, for tokens inside a first-stage entity.
      const ent = entityOf[i];
      if (ent >= 0) {
        const v = spanEntity[ent] * 5;
        const type = spanType[ent];
        let best = 5;
        let bestN = 0;
        for (let t = 1; t < 5; t++) {
          const m = entCounts[v + t] - (t === type ? 1 : 0);
          if (m > bestN) {
            bestN = m;
            best = t;
          }
        }
        out[o + 1] = DOC_OFFSETS[1] + (best * 5 + own) * 2 + (i === spanStart[ent] ? 0 : 1);
        // The first of the most frequent containing types (0 when no longer entity contains this one).
        let lt = 0;
        let ln = 0;
        for (let t = 1; t < 5; t++)
          if (longer[v + t] > ln) {
            ln = longer[v + t];
            lt = t;
          }
        out[o + 2] = DOC_OFFSETS[2] + lt * 5 + own;
      } else {
        out[o + 1] = DOC_OFFSETS[1] + 5 * 5 * 2;
        out[o + 2] = DOC_OFFSETS[2];
      }
    }
  }
}

/**
 * The second stage's emission scores, in place: each token's first-stage scores scaled by BASE_SCALE plus the
 * weights (DOC_FEATURES x labels) of its feature ids (codes, n x NUM_DOC); a closed word's forced O is left alone.
 */
export function addDocScores(emit: Float32Array, codes: Int32Array, w: Float32Array, n: number, forced: Uint8Array): void {
  if (NUM_LABELS !== 9) throw new Error('addDocScores is unrolled for 9 labels');
  // Unrolled over the 9 labels into locals; Math.fround after every step keeps the float32
  // rounding of the in-place array arithmetic this replaces, so the scores are bit-identical.
  const fr = Math.fround;
  for (let i = 0; i < n; i++) {
    // A closed word keeps its O (emissions): the second stage would not move a margin of CLOSED_NOT_O.
    if (forced[i] === 1) continue;
    const eo = i * 9;
    let e0 = fr(emit[eo] * BASE_SCALE);
    let e1 = fr(emit[eo + 1] * BASE_SCALE);
    let e2 = fr(emit[eo + 2] * BASE_SCALE);
    let e3 = fr(emit[eo + 3] * BASE_SCALE);
    let e4 = fr(emit[eo + 4] * BASE_SCALE);
    let e5 = fr(emit[eo + 5] * BASE_SCALE);
    let e6 = fr(emit[eo + 6] * BASE_SCALE);
    let e7 = fr(emit[eo + 7] * BASE_SCALE);
    let e8 = fr(emit[eo + 8] * BASE_SCALE);
    for (let k = 0; k < NUM_DOC; k++) {
      const wo = codes[i * NUM_DOC + k] * 9;
      e0 = fr(e0 + w[wo]);
      e1 = fr(e1 + w[wo + 1]);
      e2 = fr(e2 + w[wo + 2]);
      e3 = fr(e3 + w[wo + 3]);
      e4 = fr(e4 + w[wo + 4]);
      e5 = fr(e5 + w[wo + 5]);
      e6 = fr(e6 + w[wo + 6]);
      e7 = fr(e7 + w[wo + 7]);
      e8 = fr(e8 + w[wo + 8]);
    }
    emit[eo] = e0;
    emit[eo + 1] = e1;
    emit[eo + 2] = e2;
    emit[eo + 3] = e3;
    emit[eo + 4] = e4;
    emit[eo + 5] = e5;
    emit[eo + 6] = e6;
    emit[eo + 7] = e7;
    emit[eo + 8] = e8;
  }
}

/** Context evidence of token i per type slot: emission minus the word's own scores, best of B-/I- per type. */
function contextOf(emit: Float32Array, pool: Float32Array, i: number, self: number, out: Float32Array): void {
  const o = i * NUM_LABELS;
  out[0] = emit[o] - pool[self];
  for (let s = 1; s < 5; s++) {
    const b = emit[o + 2 * s - 1] - pool[self + 2 * s - 1];
    const inside = emit[o + 2 * s] - pool[self + 2 * s];
    out[s] = b > inside ? b : inside;
  }
}
