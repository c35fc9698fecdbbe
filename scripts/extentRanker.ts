/*
 * Measures a learnt alternative to the patterns' content ends (issue 15):
 * for each rule draft on PolNeAR train whose cue overlaps a gold cue, the
 * candidate ends of eval/extents.ts are ranked against the gold content, and
 * an averaged ranking perceptron (eval/ranker.ts) learns to pick one. Prints
 * the drafts that match (content Jaccard ≥ 0.5) with the rules' ends and with
 * the ranker's, cross-validated on train (4 folds by document, by the margin
 * the rule's end gets) and on dev, and the claims F1 of the whole pattern
 * detector with the ranker's ends on dev, train and the seeds. Writes
 * nothing: the ranker did not pay (docs/measurements.md), and this is how to
 * check a new feature or candidate set.
 *
 *   npm run compile && node out/scripts/extentRanker.js [--epochs N] [--extend-at-words] [--first-match]
 *
 * --extend-at-words also lengthens content to a boundary word ("at", "which"),
 * not only to punctuation; --first-match trains toward the first candidate
 * that matches instead of the rule's end when it matches, else the one
 * nearest the gold end. Deterministic (seeded shuffle).
 */
import * as path from 'path';
import { buildContext, type ClaimContext } from '../server/src/analysis/claims/context';
import type { Draft } from '../server/src/analysis/claims/draft';
import { finish } from '../server/src/analysis/claims/output';
import { ruleDrafts } from '../server/src/analysis/claims/rules';
import { analyzeDocument } from '../server/src/analysis/pipeline';
import type { Span } from '../server/src/analysis/types';
import { engineData, loadResourcesWithoutClaims } from '../server/src/workspace/resources';
import { emptyTally, finishTally, loadPolnearDocs, loadSeedDocs, tallyDoc, toEvalClaims, type EvalDoc } from './eval/claims';
import { spanJaccard } from './eval/claimsScore';
import { extentCandidates } from './eval/extents';
import { rankBest, trainRanker, type RankInstance } from './eval/ranker';
import { requireShared } from './shared';

const EPOCHS = Number(arg('--epochs') ?? 5);
const SEED = 14;
const MARGINS = [0, 0.5, 1, 2];
const FOLDS = 4;
const EXTEND_AT_WORDS = process.argv.includes('--extend-at-words');
const FIRST_MATCH = process.argv.includes('--first-match');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Prepared {
  doc: EvalDoc;
  ctx: ClaimContext;
  drafts: Draft[];
}

interface DocInstance extends RankInstance {
  doc: number;
  jaccard: number[];
}

const overlaps = (a: Span | null, b: Span | null) => !!a && !!b && Math.min(a.end, b.end) > Math.max(a.start, b.start);

/** Gold content without a leading "that " (PolNeAR keeps the complementizer, Dossier's guidelines do not). */
function goldContent(text: string, s: Span): Span {
  const m = /^that\s+/i.exec(text.slice(s.start, s.end));
  return m && s.end - s.start > m[0].length ? { start: s.start + m[0].length, end: s.end } : s;
}

function prepare(docs: EvalDoc[]): Prepared[] {
  const res = loadResourcesWithoutClaims();
  return docs.map((doc) => {
    const a = analyzeDocument(doc.text, res, undefined, { claims: false });
    const ctx = buildContext(doc.text, a.tokens, a.sentences, a.structure, a.mentions, a.entities);
    return { doc, ctx, drafts: ruleDrafts(ctx) };
  });
}

function quality(jaccard: number[]): number[] {
  if (FIRST_MATCH) return jaccard.map((j) => (j >= 0.5 ? 1 : j));
  return jaccard[0] >= 0.5 ? jaccard.map((_, k) => (k === 0 ? 1 : 0)) : jaccard;
}

function instances(prepared: Prepared[]): DocInstance[] {
  const out: DocInstance[] = [];
  prepared.forEach(({ doc, ctx, drafts }, di) => {
    for (const d of drafts) {
      if (d.content.start < doc.range.start || d.content.start >= doc.range.end) continue;
      const cands = extentCandidates(ctx, d, EXTEND_AT_WORDS);
      if (!cands || cands.length < 2) continue;
      const golds = doc.gold.filter((g) => overlaps(g.cue, d.cue)).map((g) => goldContent(doc.text, g.content));
      if (!golds.length) continue;
      const jaccard = cands.map((c) => Math.max(...golds.map((g) => spanJaccard(g, { start: d.content.start, end: c.end }))));
      if (Math.max(...jaccard) <= 0) continue;
      out.push({ candidates: cands.map((c) => c.feats), quality: quality(jaccard), jaccard, doc: di });
    }
  });
  return out;
}

function gain(insts: DocInstance[], weights: ReadonlyMap<string, number>, margin: number): number {
  let g = 0;
  for (const i of insts) g += Number(i.jaccard[rankBest(weights, i.candidates, margin)] >= 0.5) - Number(i.jaccard[0] >= 0.5);
  return g;
}

function describe(name: string, insts: DocInstance[]): string {
  const rule = insts.filter((i) => i.jaccard[0] >= 0.5).length;
  const oracle = insts.filter((i) => Math.max(...i.jaccard) >= 0.5).length;
  return `${name}: ${insts.length} drafts, ${rule} match with the rules' ends, ${oracle} with the best candidate`;
}

/** Claims F1 of the pattern detector with each draft's end as the ranker picks it. */
function pipelineF1(prepared: Prepared[], weights: ReadonlyMap<string, number> | null, margin: number, withSpeaker: boolean): string {
  const t = emptyTally();
  const scores = engineData().claimScores;
  for (const { doc, ctx, drafts } of prepared) {
    const moved = drafts.map((d) => {
      const cands = weights ? extentCandidates(ctx, d, EXTEND_AT_WORDS) : null;
      if (!weights || !cands || cands.length < 2) return d;
      const best = rankBest(
        weights,
        cands.map((c) => c.feats),
        margin,
      );
      return best > 0 ? { ...d, content: { start: d.content.start, end: cands[best].end } } : d;
    });
    tallyDoc(t, doc.gold, toEvalClaims(finish(ctx, moved, undefined, scores), doc.range), withSpeaker);
  }
  const s = finishTally(t);
  return `P ${(100 * s.precision).toFixed(1)} R ${(100 * s.recall).toFixed(1)} F1 ${(100 * s.f1).toFixed(2)} (matched ${s.matched})`;
}

function main(): void {
  const shared = requireShared('scripts/extentRanker.ts');
  const polnear = path.join(shared, 'data', 'polnear');
  const train = prepare(loadPolnearDocs(path.join(polnear, 'train')));
  const dev = prepare(loadPolnearDocs(path.join(polnear, 'dev')));
  const seeds = prepare(loadSeedDocs(path.join(shared, 'seeds'), path.join(shared, 'gold')));
  const trainInst = instances(train);
  const devInst = instances(dev);
  console.log(describe('train', trainInst));
  console.log(describe('dev', devInst));
  const cv = MARGINS.map(() => 0);
  for (let f = 0; f < FOLDS; f++) {
    const w = trainRanker(
      trainInst.filter((i) => i.doc % FOLDS !== f),
      EPOCHS,
      SEED,
    );
    const held = trainInst.filter((i) => i.doc % FOLDS === f);
    MARGINS.forEach((m, k) => (cv[k] += gain(held, w, m)));
  }
  const weights = trainRanker(trainInst, EPOCHS, SEED);
  const margin = MARGINS[cv.indexOf(Math.max(...cv))];
  console.log(`matches gained by the ranker, ${FOLDS}-fold on train, by margin: ${MARGINS.map((m, k) => `${m}: ${cv[k]}`).join(', ')}`);
  console.log(`dev (trained on all of train), by margin: ${MARGINS.map((m) => `${m}: ${gain(devInst, weights, m)}`).join(', ')}`);
  console.log(`${weights.size} weights; whole pattern detector, rules' ends against the ranker's (margin ${margin}):`);
  for (const [name, set, speaker] of [
    ['dev', dev, false],
    ['train (fitted)', train, false],
    ['seeds', seeds, true],
  ] as const) {
    console.log(`  ${name.padEnd(15)} rules ${pipelineF1(set, null, 0, speaker)}  ranker ${pipelineF1(set, weights, margin, speaker)}`);
  }
}

main();
