/*
 * The claims' confidence table: for each kind of claim the rule patterns
 * make (form, cue class, cue lemma; server/src/analysis/claims/score.ts), the
 * share of its claims on PolNeAR train that match a gold attribution at
 * content Jaccard ≥ 0.5 (as `npm run eval` scores them), smoothed toward the
 * coarser kind: p = (hits + K·p_parent) / (n + K). Writes
 * server/data/claim-scores.json. The patterns alone, not the attribution
 * model: the model is trained on train (its claims there are too good to
 * measure anything) and its calibration, fitted on dev after this table, blends
 * the two (scripts/trainClaims.ts). Dev is left for that and for reporting.
 *
 *   npm run train            (runs this after the tagger)
 *   node out/scripts/trainClaimScores.js [--polnear DIR] [--out FILE]
 *
 * Deterministic: documents in name order, keys sorted, values rounded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { patternClaims } from '../server/src/analysis/claims';
import { claimKind, kindKeys, type ClaimScoreTable } from '../server/src/analysis/claims/score';
import { analyzeDocument } from '../server/src/analysis/pipeline';
import { CueFrameSchema } from '../server/src/workspace/resources';
import { loadPolnearDocs } from './eval/claims';
import { pairClaims, type ScoredClaim } from './eval/claimsScore';
import { repoRoot } from './shared';
import { arg, justTrainedResources, polnearTrainDir } from './trainingInputs';

/** Pseudo-count of the smoothing toward the parent kind's precision. */
const K = 10;
/** Kinds seen fewer times on train are left to their parent (keeps the table small). */
const MIN_COUNT = 5;
/** Comment claims without a real attribution cue keep this share of their precision (comments are opinion by default). */
const COMMENT_FACTOR = 0.5;
/**
 * Lowest score of an article claim. The default `minConfidence` (0.5) is for
 * opinion posing as a claim, mostly in comments; news kinds below it on train
 * still carry recall that the seeds and dev F1 need (see README).
 */
const ARTICLE_FLOOR = Number(arg('--article-floor') ?? 0.5);

const round = (x: number) => Math.round(x * 1000) / 1000;

function main(): void {
  const polDir = polnearTrainDir('the claim score table');
  const outFile = path.resolve(arg('--out') ?? path.join(repoRoot(), 'server', 'data', 'claim-scores.json'));
  // The tagger just trained (server/data, not the copy in dist/ from before
  // training), and the patterns' claims without scores: the table must not feed on itself.
  const res = justTrainedResources();
  // The learned cue frames just written (scripts/trainCueFrames.ts), not the copy compiled in: their claims are scored too.
  const frames = CueFrameSchema.parse(JSON.parse(fs.readFileSync(path.join(repoRoot(), 'server', 'data', 'cue-frames.json'), 'utf8')));
  const docs = loadPolnearDocs(polDir);
  const counts = new Map<string, { n: number; hits: number }>();
  let n = 0;
  let hits = 0;
  for (const doc of docs) {
    const a = analyzeDocument(doc.text, res, undefined, { claims: false });
    const claims = patternClaims({ text: doc.text, ...a, frames }).filter((c) => c.start >= doc.range.start && c.start < doc.range.end);
    const pred: ScoredClaim[] = claims.map((c) => ({ content: { start: c.start, end: c.end }, cue: c.cue, source: c.source }));
    const matched = new Set(pairClaims(doc.gold, pred, (j) => j >= 0.5).map(([, p]) => p));
    claims.forEach((c, i) => {
      const hit = matched.has(i) ? 1 : 0;
      n++;
      hits += hit;
      for (const key of kindKeys(claimKind(c))) {
        const t = counts.get(key) ?? { n: 0, hits: 0 };
        t.n++;
        t.hits += hit;
        counts.set(key, t);
      }
    });
  }
  const overall = n ? hits / n : 1;
  // Parents before children: "form" < "form|class" < "form|class|cue" by the number of bars.
  const keys = [...counts.keys()].sort((a, b) => a.split('|').length - b.split('|').length || (a < b ? -1 : a > b ? 1 : 0));
  const smoothed = new Map<string, number>();
  const precision: Record<string, number> = {};
  for (const key of keys) {
    const t = counts.get(key);
    if (!t) continue;
    const parent = key.includes('|') ? (smoothed.get(key.slice(0, key.lastIndexOf('|'))) ?? overall) : overall;
    const p = (t.hits + K * parent) / (t.n + K);
    smoothed.set(key, p);
    if (t.n >= MIN_COUNT) precision[key] = round(p);
  }
  const table: ClaimScoreTable = {
    precision: Object.fromEntries(Object.entries(precision).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    overall: round(overall),
    commentFactor: COMMENT_FACTOR,
    articleFloor: ARTICLE_FLOOR,
  };
  fs.writeFileSync(outFile, JSON.stringify(table, null, 1) + '\n');
  console.log(`${docs.length} PolNeAR train documents, ${n} claims, precision ${(100 * overall).toFixed(1)}%`);
  console.log(`${Object.keys(precision).length} kinds written to ${path.relative(process.cwd(), outFile)}`);
  const rows = keys
    .filter((k) => (counts.get(k)?.n ?? 0) >= 30)
    .map((k) => `  ${k.padEnd(40)} n=${String(counts.get(k)?.n).padStart(5)} p=${precision[k]}`);
  console.log(rows.join('\n'));
}

main();
