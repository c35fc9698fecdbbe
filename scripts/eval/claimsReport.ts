import type { ContractDocument } from '../../server/src/cli/output';
import { addDocument, atConfidence, emptyCounts, report, type ClaimCounts, type ScoredClaim } from './claimsScore';
import { CUE_TYPES } from './cueType';

/*
 * The claims tables of `npm run eval` (issue 15's layout): J ≥ 0.5, exact
 * and overlap P/R/F1, source and speaker accuracy, recall per cue type, and
 * — once the detector gives confidences — P/R/F1 at each threshold, from
 * which `dossier.claims.minConfidence`'s default is read.
 */

export interface ScoredDoc {
  text: string;
  gold: ScoredClaim[];
  pred: ScoredClaim[];
}

export interface ClaimSet {
  name: string;
  docs: ScoredDoc[];
  /** The gold has speakers (the seeds). */
  speakers: boolean;
}

/** The contract's claims that start inside the range, as the scorer wants them. */
export function predictedClaims(doc: ContractDocument, range: { start: number; end: number }): ScoredClaim[] {
  return doc.claims
    .filter((c) => c.start >= range.start && c.start < range.end)
    .map((c) => ({
      content: { start: c.start, end: c.end, text: c.text },
      cue: c.cue,
      source: c.source,
      speaker: c.speaker,
      ...(c.score !== undefined ? { score: c.score } : {}),
    }));
}

export function countSet(set: ClaimSet, minConfidence = 0): ClaimCounts {
  const counts = emptyCounts();
  for (const d of set.docs) addDocument(counts, d.gold, atConfidence(d.pred, minConfidence), d.text, set.speakers);
  return counts;
}

const pct = (x: number) => (Number.isNaN(x) ? '—' : (100 * x).toFixed(1));

export function formatClaimTables(sets: readonly ClaimSet[]): string {
  const lines = [
    '| set | gold | predicted | J≥0.5 P | J≥0.5 R | **J≥0.5 F1** | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 | source acc. | speaker acc. |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const reports = sets.map((s) => ({ name: s.name, r: report(countSet(s)) }));
  for (const { name, r } of reports) {
    const three = [r.jaccard, r.exact, r.overlap].map((m, i) =>
      [pct(m.precision), pct(m.recall), i === 0 ? `**${pct(m.f1)}**` : pct(m.f1)].join(' | '),
    );
    lines.push(`| ${name} | ${r.gold} | ${r.predicted} | ${three.join(' | ')} | ${pct(r.sourceAccuracy)} | ${pct(r.speakerAccuracy)} |`);
  }
  lines.push('', 'Recall per cue type of the gold claim (J ≥ 0.5; gold claims of the type in brackets; scripts/eval/cueType.ts):', '');
  lines.push(`| set | ${CUE_TYPES.join(' | ')} |`, `| --- |${CUE_TYPES.map(() => ' --- |').join('')}`);
  for (const { name, r } of reports) {
    const cells = CUE_TYPES.map((t) => (r.cueRecall[t].gold ? `${pct(r.cueRecall[t].recall)} (${r.cueRecall[t].gold})` : '—'));
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export const SWEEP = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** J ≥ 0.5 P/R/F1 of the claims at or above each confidence; empty when no prediction has a score. */
export function formatConfidenceSweep(set: ClaimSet): string {
  if (!set.docs.some((d) => d.pred.some((c) => c.score !== undefined))) return '';
  const lines = [`| ${set.name}: min. confidence | predicted | P | R | F1 |`, '| --- | --- | --- | --- | --- |'];
  for (const t of SWEEP) {
    const r = report(countSet(set, t));
    lines.push(`| ${t.toFixed(1)} | ${r.predicted} | ${pct(r.jaccard.precision)} | ${pct(r.jaccard.recall)} | ${pct(r.jaccard.f1)} |`);
  }
  return lines.join('\n');
}
