/*
 * Scoring of claims (attributions) against gold, as `npm run eval` prints it
 * for PolNeAR and the seeds. Pure functions over spans, no I/O, so the
 * arithmetic has unit tests (test/unit/claimsScore.test.ts).
 *
 * A predicted claim and a gold claim are paired one-to-one, greedily, best
 * content-span Jaccard first. Three ways of pairing give three P/R/F1:
 *  - J ≥ 0.5: the pair counts when the character Jaccard of the contents is
 *    at least 0.5 (the headline figure; the bar);
 *  - exact: the contents are the same span;
 *  - overlap: the contents share at least one character.
 * Of the J ≥ 0.5 pairs:
 *  - source accuracy: the source spans match at Jaccard ≥ 0.5, or both are
 *    absent (PolNeAR's attributions without a source);
 *  - speaker accuracy (seeds, whose gold has speakers): the speaker ids are
 *    equal, a gold null met by a null (guessing a speaker the text does not
 *    make clear is wrong, as the annotation guidelines ask).
 * Recall per cue type: the share of gold claims of each type (cueType.ts)
 * that are paired at J ≥ 0.5.
 */

import { CUE_TYPES, cueType, type CueType } from './cueType';

export interface ScoreSpan {
  start: number;
  end: number;
  text?: string;
}

export interface ScoredClaim {
  content: ScoreSpan;
  cue: ScoreSpan | null;
  source: ScoreSpan | null;
  /** Entity id of the speaker; undefined when the set has no speakers. */
  speaker?: string | null;
  /** The detector's confidence (predictions only). */
  score?: number;
}

export interface Prf {
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ClaimCounts {
  docs: number;
  gold: number;
  predicted: number;
  /** Pairs at J ≥ 0.5, identical contents, any overlap. */
  jaccard: number;
  exact: number;
  overlap: number;
  sourceRight: number;
  speakerRight: number;
  /** Pairs at J ≥ 0.5 whose speaker was scored (the set has speakers). */
  speakerScored: number;
  cueGold: Record<CueType, number>;
  cueFound: Record<CueType, number>;
}

export interface ClaimReport {
  gold: number;
  predicted: number;
  jaccard: Prf;
  exact: Prf;
  overlap: Prf;
  /** Of the J ≥ 0.5 pairs; NaN without pairs. */
  sourceAccuracy: number;
  /** Of the J ≥ 0.5 pairs; NaN when the set has no speakers. */
  speakerAccuracy: number;
  cueRecall: Record<CueType, { gold: number; recall: number }>;
}

export function spanJaccard(a: ScoreSpan, b: ScoreSpan): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union <= 0 ? 0 : inter / union;
}

/** One-to-one pairs [gold, pred] among those `accept` allows, best Jaccard first (ties: text order). */
export function pairClaims(
  gold: readonly ScoredClaim[],
  pred: readonly ScoredClaim[],
  accept: (j: number, g: ScoredClaim, p: ScoredClaim) => boolean,
): Array<[number, number]> {
  const candidates: Array<[number, number, number]> = [];
  for (let g = 0; g < gold.length; g++) {
    for (let p = 0; p < pred.length; p++) {
      const j = spanJaccard(gold[g].content, pred[p].content);
      if (accept(j, gold[g], pred[p])) candidates.push([j, g, p]);
    }
  }
  candidates.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const out: Array<[number, number]> = [];
  for (const [, g, p] of candidates) {
    if (usedG.has(g) || usedP.has(p)) continue;
    usedG.add(g);
    usedP.add(p);
    out.push([g, p]);
  }
  return out;
}

const byType = (): Record<CueType, number> => Object.fromEntries(CUE_TYPES.map((t) => [t, 0])) as Record<CueType, number>;

export function emptyCounts(): ClaimCounts {
  return {
    docs: 0,
    gold: 0,
    predicted: 0,
    jaccard: 0,
    exact: 0,
    overlap: 0,
    sourceRight: 0,
    speakerRight: 0,
    speakerScored: 0,
    cueGold: byType(),
    cueFound: byType(),
  };
}

function sourceMatches(g: ScoreSpan | null, p: ScoreSpan | null): boolean {
  if (!g || !p) return !g && !p;
  return spanJaccard(g, p) >= 0.5;
}

/**
 * Adds one document. `text` is the document (the cue type reads the gold cue
 * from it when the gold span has no text); `withSpeaker` when the gold has speakers.
 */
export function addDocument(
  counts: ClaimCounts,
  gold: readonly ScoredClaim[],
  pred: readonly ScoredClaim[],
  text: string,
  withSpeaker: boolean,
): void {
  counts.docs++;
  counts.gold += gold.length;
  counts.predicted += pred.length;
  const pairs = pairClaims(gold, pred, (j) => j >= 0.5);
  counts.jaccard += pairs.length;
  counts.exact += pairClaims(gold, pred, (_j, g, p) => g.content.start === p.content.start && g.content.end === p.content.end).length;
  counts.overlap += pairClaims(gold, pred, (j) => j > 0).length;
  const found = new Set<number>();
  for (const [g, p] of pairs) {
    found.add(g);
    if (sourceMatches(gold[g].source, pred[p].source)) counts.sourceRight++;
    if (withSpeaker) {
      counts.speakerScored++;
      if ((gold[g].speaker ?? null) === (pred[p].speaker ?? null)) counts.speakerRight++;
    }
  }
  gold.forEach((g, i) => {
    const cue = g.cue ? (g.cue.text ?? text.slice(g.cue.start, g.cue.end)) : null;
    const type = cueType(cue);
    counts.cueGold[type]++;
    if (found.has(i)) counts.cueFound[type]++;
  });
}

export function prf(matched: number, gold: number, predicted: number): Prf {
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  return { matched, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export function report(c: ClaimCounts): ClaimReport {
  const cueRecall = {} as ClaimReport['cueRecall'];
  for (const t of CUE_TYPES) cueRecall[t] = { gold: c.cueGold[t], recall: c.cueGold[t] ? c.cueFound[t] / c.cueGold[t] : NaN };
  return {
    gold: c.gold,
    predicted: c.predicted,
    jaccard: prf(c.jaccard, c.gold, c.predicted),
    exact: prf(c.exact, c.gold, c.predicted),
    overlap: prf(c.overlap, c.gold, c.predicted),
    sourceAccuracy: c.jaccard ? c.sourceRight / c.jaccard : NaN,
    speakerAccuracy: c.speakerScored ? c.speakerRight / c.speakerScored : NaN,
    cueRecall,
  };
}

/** The claims at or above a confidence (a missing score counts as 1, as in the editor). */
export function atConfidence<C extends ScoredClaim>(claims: readonly C[], min: number): C[] {
  return claims.filter((c) => (c.score ?? 1) >= min);
}
