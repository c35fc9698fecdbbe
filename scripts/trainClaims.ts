/*
 * Trains the attribution tagger (averaged perceptron over the tags of
 * server/src/analysis/claims/tags.ts) on PolNeAR train in two passes (the
 * second, claims/stack.ts, stacked on the first's tags; on train those come
 * from a 4-fold jackknife), picks each pass's epoch count on PolNeAR dev, fits
 * the score calibration on dev, and writes server/data/claims-model.json.
 * The second pass took the model alone from dev F1 67.9 to 69.9 and the merge
 * from 67.1 to 68.5 (train 63.9 -> 65.5, seeds 85.4 -> 85.1).
 *
 *   npm run train:claims [-- --epochs N] [--out file] [--one-pass]   (`npm run train` runs it after the NER tagger)
 *   npm run train:claims -- --merge-only   (retunes the merge thresholds and the blend of the committed model)
 *
 * Deterministic: the only randomness is the seeded shuffle.
 */
import * as fs from 'fs';
import * as path from 'path';
import { claimFeatures, detectClaimsWith, modelDrafts } from '../server/src/analysis/claims';
import { buildContext, type ClaimContext } from '../server/src/analysis/claims/context';
import { decodeClaims, tagsOfSpans, type Decoded, type RoleSpan } from '../server/src/analysis/claims/decode';
import { FEATURES_PER_TOKEN } from '../server/src/analysis/claims/features';
import {
  type Calibration,
  ClaimModel,
  type ClaimModelFile,
  passAsWritten,
  type PassWeights,
  parseClaimModel,
  serializeClaimModel,
} from '../server/src/analysis/claims/model';
import { SECOND_PASS_FEATURES } from '../server/src/analysis/claims/stack';
import { quantizeRows } from '../server/src/analysis/learn/weightRows';
import { buildProblem, jackknifeStack, trainPass } from './trainClaimsPasses';
import type { MergeParams } from '../server/src/analysis/claims/merge';
import { blendInputs, claimKind, kindPrecision, type ClaimScoreTable, type ScoreBlend } from '../server/src/analysis/claims/score';
import { B_CUE, NUM_TAGS } from '../server/src/analysis/claims/tags';
import type { SequenceWeights } from '../server/src/analysis/learn/sequence';
import { analyzeDocument } from '../server/src/analysis/pipeline';
import type { DocumentAnalysis } from '../server/src/analysis/types';
import { ClaimScoreSchema, CueFrameSchema, loadResourcesWithoutClaims } from '../server/src/workspace/resources';
import type { CueFrameTable } from '../server/src/analysis/claims/learnedFrames';
import { emptyTally, finishTally, matchClaims, parseBratAttributions, tallyDoc, type EvalClaim } from './eval/claims';
import { repoRoot, requireShared } from './shared';

const SEED = 20261206;
/** Folds of the jackknife that gives the second pass first-pass tags of train documents the first pass did not see. */
const FOLDS = 4;
const secs = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);
const MIN_COUNT = 2;
/** Rows whose largest averaged weight is below this are dropped: on dev, F1 is unchanged down to ~1 row in 30, and the table then fits in cache. */
const MIN_WEIGHT = 10;

interface Doc {
  name: string;
  text: string;
  gold: EvalClaim[];
  roles: RoleSpan[];
  analysis: DocumentAnalysis;
  ctx: ClaimContext;
  hashes: Uint32Array;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Every fragment of every source, cue and content span that belongs to an attribution. */
function roleSpans(ann: string): RoleSpan[] {
  const frags = new Map<string, RoleSpan[]>();
  const used = new Set<string>();
  for (const line of ann.split('\n')) {
    const t = /^(T\d+)\t(Source|Cue|Content) ([\d ;]+)\t/.exec(line);
    if (t) {
      const role = t[2] === 'Source' ? 'source' : t[2] === 'Cue' ? 'cue' : 'content';
      frags.set(
        t[1],
        t[3].split(';').map((p) => {
          const [a, b] = p.trim().split(/\s+/).map(Number);
          return { role, start: a, end: b };
        }),
      );
    } else if (/^E\d+\t/.test(line)) {
      for (const a of line.split('\t')[1].trim().split(/\s+/).slice(1)) used.add(a.slice(a.lastIndexOf(':') + 1));
    }
  }
  return [...frags.entries()].filter(([id]) => used.has(id)).flatMap(([, s]) => s);
}

function loadSplit(splitDir: string): Doc[] {
  const res = loadResourcesWithoutClaims();
  const annDir = path.join(splitDir, 'attributions');
  const first = new Map<string, string>();
  for (const f of fs
    .readdirSync(annDir)
    .filter((n) => n.endsWith('.ann'))
    .sort()) {
    const article = f.replace(/_[^_]+\.ann$/, '');
    if (!first.has(article)) first.set(article, f);
  }
  const docs: Doc[] = [];
  for (const [article, f] of [...first.entries()].sort()) {
    const textPath = path.join(splitDir, 'text', `${article}.txt`);
    if (!fs.existsSync(textPath)) continue;
    const text = fs.readFileSync(textPath, 'utf8');
    const ann = fs.readFileSync(path.join(annDir, f), 'utf8');
    const analysis = analyzeDocument(text, res, undefined, { claims: false });
    const ctx = buildContext(text, analysis.tokens, analysis.sentences, analysis.structure, analysis.mentions, analysis.entities);
    docs.push({ name: article, text, gold: parseBratAttributions(ann), roles: roleSpans(ann), analysis, ctx, hashes: new Uint32Array(0) });
  }
  return docs;
}

type Model = ClaimModel;

/** Words that are often the first word of a gold cue: word → share of its occurrences that are, in quarters. */
function learnCueWords(docs: Doc[]): Map<string, number> {
  const seen = new Map<string, number>();
  const cue = new Map<string, number>();
  for (const d of docs) {
    const tags = tagsOfSpans(d.ctx, d.roles);
    d.ctx.lower.forEach((w, k) => {
      seen.set(w, (seen.get(w) ?? 0) + 1);
      if (tags[k] === B_CUE) cue.set(w, (cue.get(w) ?? 0) + 1);
    });
  }
  const out = new Map<string, number>();
  for (const [w, c] of cue) {
    const share = c / (seen.get(w) ?? 1);
    if (c >= 3 && share >= 0.15) out.set(w, Math.min(3, Math.floor(share * 4)));
  }
  return out;
}

/** The learned cue frames as written to server/data (scripts/trainCueFrames.ts runs first), not the copy compiled in. */
let cueFrames: CueFrameTable | undefined;
function frames(): CueFrameTable {
  cueFrames ??= CueFrameSchema.parse(JSON.parse(fs.readFileSync(path.join(repoRoot(), 'server', 'data', 'cue-frames.json'), 'utf8')));
  return cueFrames;
}

function predict(d: Doc, model: Model): EvalClaim[] {
  const a = d.analysis;
  const claims = detectClaimsWith(
    {
      text: d.text,
      tokens: a.tokens,
      sentences: a.sentences,
      structure: a.structure,
      mentions: a.mentions,
      entities: a.entities,
      frames: frames(),
    },
    model,
  );
  return claims.map((c) => ({ content: { start: c.start, end: c.end }, cue: c.cue, source: c.source }));
}

/** The model alone, without the patterns' attributions: for choosing the epoch count. */
function scoreModelAlone(docs: Doc[], model: Model): ReturnType<typeof finishTally> {
  const t = emptyTally();
  for (const d of docs) {
    const pred = decodeClaims(d.ctx, model.tag(d.ctx, d.hashes), model.calibration).map((x) => ({
      content: x.content,
      cue: x.cue,
      source: x.source ? { start: d.ctx.tokens[x.source[0]].start, end: d.ctx.tokens[x.source[1] - 1].end } : null,
    }));
    tallyDoc(t, d.gold, pred, false);
  }
  return finishTally(t);
}

function score(docs: Doc[], model: Model): ReturnType<typeof finishTally> {
  const t = emptyTally();
  for (const d of docs) tallyDoc(t, d.gold, predict(d, model), false);
  return finishTally(t);
}

const fmt = (s: ReturnType<typeof finishTally>) =>
  `P ${(100 * s.precision).toFixed(1)} R ${(100 * s.recall).toFixed(1)} F1 ${(100 * s.f1).toFixed(1)} exact ${(100 * s.exactF1).toFixed(1)} source ${(100 * s.sourceAccuracy).toFixed(1)}`;

/** Logistic regression by plain gradient descent on standardised inputs; returns [bias, w1, …] in the inputs' own units. */
function fitLogistic(xs: number[][], ys: number[]): number[] {
  const k = xs[0]?.length ?? 0;
  const w = new Array<number>(k + 1).fill(0);
  const scale = [1];
  // Standardise the inputs so that one learning rate suits all of them.
  for (let j = 0; j < k; j++) {
    const m = xs.reduce((s, x) => s + Math.abs(x[j]), 0) / Math.max(1, xs.length);
    scale.push(m > 0 ? 1 / m : 0);
  }
  for (let it = 0; it < 2000; it++) {
    const g = new Array<number>(k + 1).fill(0);
    xs.forEach((x, i) => {
      let z = w[0];
      for (let j = 0; j < k; j++) z += w[j + 1] * x[j] * scale[j + 1];
      const e = 1 / (1 + Math.exp(-z)) - ys[i];
      g[0] += e;
      for (let j = 0; j < k; j++) g[j + 1] += e * x[j] * scale[j + 1];
    });
    for (let j = 0; j <= k; j++) w[j] -= (0.5 * g[j]) / Math.max(1, xs.length);
  }
  return w.map((x, j) => x * scale[j]);
}

/** Each draft of the model (merged with the patterns) on docs, with whether it matches a gold claim. */
function labelledDrafts(docs: Doc[], model: Model): Array<{ d: Doc; x: Decoded; hit: boolean }> {
  const out: Array<{ d: Doc; x: Decoded; hit: boolean }> = [];
  for (const d of docs) {
    const drafts = modelDrafts(d.ctx, model);
    const pred = drafts.map((x) => ({ content: x.content, cue: x.cue, source: null }));
    const hit = new Set(matchClaims(d.gold, pred).map(([, p]) => p));
    drafts.forEach((x, i) => out.push({ d, x, hit: hit.has(i) }));
  }
  return out;
}

/** The calibration of "this predicted claim matches a gold one" on its margins. */
function fitCalibration(docs: Doc[], model: Model): Calibration {
  const rows = labelledDrafts(docs, model);
  const [bias, cue, content, source] = fitLogistic(
    rows.map((r) => r.x.margins),
    rows.map((r) => (r.hit ? 1 : 0)),
  );
  return { bias, cue, content, source };
}

/** The blend of the calibrated model score and the score table's kind precision into a claim's score (score.ts). */
function fitBlend(docs: Doc[], model: Model, table: ClaimScoreTable): ScoreBlend {
  const rows = labelledDrafts(docs, model);
  const [bias, m, kind] = fitLogistic(
    rows.map(({ d, x }) => {
      const cue = x.cue ? { ...x.cue, text: d.text.slice(x.cue.start, x.cue.end) } : null;
      return blendInputs(x.score ?? 0, kindPrecision(table, claimKind({ form: x.form, cue })));
    }),
    rows.map((r) => (r.hit ? 1 : 0)),
  );
  return { bias, model: m, kind };
}

function loadScoreTable(): ClaimScoreTable {
  const file = path.join(repoRoot(), 'server', 'data', 'claim-scores.json');
  return ClaimScoreSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** --blend-only: refit the score blend of the committed model (after the score table changed) without retraining it. */
function refitBlend(dev: Doc[], outFile: string): void {
  const file = JSON.parse(fs.readFileSync(outFile, 'utf8')) as ClaimModelFile;
  const model = parseClaimModel(file);
  file.blend = fitBlend(dev, model, loadScoreTable());
  console.log(`blend ${JSON.stringify(file.blend)}`);
  fs.writeFileSync(outFile, JSON.stringify(file));
}

/** The merge thresholds (merge.ts): a small grid on dev. */
/**
 * Dev F1 differences under this are noise (0.1 point: about two claims of 2,192); within it the tuning keeps the
 * milder veto, because the patterns follow the annotation guidelines where PolNeAR's notion is broader
 * (the two-pass model: veto 0.4 and 0.5 both give dev 68.5).
 */
const MERGE_TIE = 0.001;

/** The merge thresholds (merge.ts): a small grid on dev. */
function tuneMerge(dev: Doc[], withMerge: (p: MergeParams) => Model): MergeParams {
  const tried: Array<{ p: MergeParams; f1: number }> = [];
  for (const modelContent of [false, true]) {
    // A claim only the model finds is added when its calibrated chance of being right is at least even:
    // below that, dev F1 still gains a little from PolNeAR's broader notion of attribution (the author's
    // own voice, a group's beliefs), which the annotation guidelines do not count as claims
    // (add 0 gives dev F1 69.0 but seeds 73.0, against 67.5 and 84.6 at 0.5).
    for (const add of [0.5, 0.6, 0.7]) {
      for (const veto of [0, 0.2, 0.3, 0.4, 0.5]) {
        const p = { add, veto, modelContent };
        const s = score(dev, withMerge(p));
        console.log(`  ${JSON.stringify(p)}: dev ${fmt(s)}`);
        tried.push({ p, f1: s.f1 });
      }
    }
  }
  const best = Math.max(...tried.map((t) => t.f1));
  // The first (in grid order) of the mildest veto among the near-best.
  const near = tried.filter((t) => t.f1 >= best - MERGE_TIE);
  const veto = Math.min(...near.map((t) => t.p.veto));
  return near.find((t) => t.p.veto === veto)!.p;
}

/**
 * --merge-only: retune the merge thresholds and the score blend of the committed model (pruned, as written) on dev
 * (after merge.ts changed) without retraining it: about a minute, against four for training.
 */
function retuneMerge(dev: Doc[], outFile: string): void {
  const file = JSON.parse(fs.readFileSync(outFile, 'utf8')) as ClaimModelFile;
  const cueWords = parseClaimModel(file).cueWords;
  for (const d of dev) d.hashes = claimFeatures(d.ctx, cueWords, frames()).feats;
  file.merge = tuneMerge(dev, (merge) => parseClaimModel({ ...file, merge }));
  file.blend = fitBlend(dev, parseClaimModel(file), loadScoreTable());
  console.log(`merge ${JSON.stringify(file.merge)}; blend ${JSON.stringify(file.blend)}`);
  console.log(`PolNeAR dev   ${fmt(score(dev, parseClaimModel(file)))}`);
  fs.writeFileSync(outFile, JSON.stringify(file));
}

function main(): void {
  const t0 = Date.now();
  const shared = requireShared('npm run train');
  const polnear = path.join(shared, 'data', 'polnear');
  if (!fs.existsSync(path.join(polnear, 'train')) || !fs.existsSync(path.join(polnear, 'dev'))) {
    console.error(`PolNeAR train and dev are missing under ${polnear}.`);
    process.exit(1);
  }
  // 12: with 19 templates dev F1 still rose after epoch 8 (best at 10).
  const maxEpochs = Number(arg('--epochs') ?? 12);
  const outFile = path.resolve(arg('--out') ?? path.join(repoRoot(), 'server', 'data', 'claims-model.json'));
  if (process.argv.includes('--merge-only')) {
    retuneMerge(loadSplit(path.join(polnear, 'dev')), outFile);
    return;
  }
  const train = loadSplit(path.join(polnear, 'train'));
  const dev = loadSplit(path.join(polnear, 'dev'));
  if (process.argv.includes('--blend-only')) {
    for (const d of dev)
      d.hashes = claimFeatures(
        d.ctx,
        parseClaimModel(JSON.parse(fs.readFileSync(outFile, 'utf8')) as ClaimModelFile).cueWords,
        frames(),
      ).feats;
    refitBlend(dev, outFile);
    return;
  }
  const cueWords = learnCueWords(train);
  for (const d of [...train, ...dev]) d.hashes = claimFeatures(d.ctx, cueWords, frames()).feats;
  console.log(`${cueWords.size} cue words learned beyond the lexicon`);
  const p1 = buildProblem(train, (d) => d.hashes, FEATURES_PER_TOKEN, MIN_COUNT);
  console.log(`${train.length} train / ${dev.length} dev documents, ${p1.gold.length} train tokens (${secs(t0)} s)`);
  console.log(`first pass: ${p1.featHashes.length} features seen >= ${MIN_COUNT} times`);

  const noCal: Calibration = { bias: 0, cue: 1, content: 1, source: 0 };
  const everything: MergeParams = { add: 0, veto: 0, modelContent: false };
  const asModel = (first: PassWeights, second?: PassWeights, cal = noCal, merge = everything) =>
    new ClaimModel(first.hashes, first.q, first.scales, first.transitions, cal, merge, cueWords, second);
  const quantised = (hashes: Uint32Array, w: SequenceWeights): PassWeights => ({
    hashes,
    ...quantizeRows(w.weights, NUM_TAGS),
    transitions: w.transitions,
  });
  let best1: { epoch: number; f1: number; w: SequenceWeights } | null = null;
  trainPass(
    p1,
    () => true,
    maxEpochs,
    SEED,
    (epoch, avg, mistakes) => {
      const s = scoreModelAlone(dev, asModel(quantised(p1.featHashes, avg)));
      console.log(`pass 1 epoch ${epoch}: ${mistakes} sequences wrong; dev ${fmt(s)} (${secs(t0)} s)`);
      if (!best1 || s.f1 > best1.f1) best1 = { epoch, f1: s.f1, w: avg };
    },
  );
  const chosen1 = best1 as { epoch: number; f1: number; w: SequenceWeights } | null;
  if (!chosen1) throw new Error('no epoch trained');
  const first = passAsWritten(p1.featHashes, chosen1.w.weights, chosen1.w.transitions, MIN_WEIGHT);
  type Best2 = { epoch: number; f1: number; w: SequenceWeights; hashes: Uint32Array };
  let chosen2 = null as Best2 | null;
  if (!process.argv.includes('--one-pass')) {
    // The second pass learns from first-pass tags made by models that did not see the document.
    const stacked = jackknifeStack(train, p1, FOLDS, chosen1.epoch, SEED, MIN_WEIGHT, cueWords);
    console.log(`first-pass tags of train by ${FOLDS}-fold jackknife (${secs(t0)} s)`);
    const p2 = buildProblem(
      train.map((d, i) => ({ ...d, stacked: stacked[i] })),
      (d) => d.stacked,
      SECOND_PASS_FEATURES,
      MIN_COUNT,
    );
    console.log(`second pass: ${p2.featHashes.length} features seen >= ${MIN_COUNT} times`);
    let best2 = null as Best2 | null;
    trainPass(
      p2,
      () => true,
      maxEpochs,
      SEED,
      (epoch, avg, mistakes) => {
        const s = scoreModelAlone(dev, asModel(first, quantised(p2.featHashes, avg)));
        console.log(`pass 2 epoch ${epoch}: ${mistakes} sequences wrong; dev ${fmt(s)} (${secs(t0)} s)`);
        if (!best2 || s.f1 > (best2 as Best2).f1) best2 = { epoch, f1: s.f1, w: avg, hashes: p2.featHashes };
      },
    );
    chosen2 = best2;
  }
  const second = chosen2 ? passAsWritten(chosen2.hashes, chosen2.w.weights, chosen2.w.transitions, MIN_WEIGHT) : undefined;
  const calibration = fitCalibration(dev, asModel(first, second));
  const merge = tuneMerge(dev, (p) => asModel(first, second, calibration, p));
  const blend = fitBlend(dev, asModel(first, second, calibration, merge), loadScoreTable());
  console.log(
    `epochs ${chosen1.epoch}${chosen2 ? ` + ${chosen2.epoch}` : ''} chosen; calibration ${JSON.stringify(calibration)}; merge ${JSON.stringify(merge)}; blend ${JSON.stringify(blend)}`,
  );
  const text = serializeClaimModel(
    p1.featHashes,
    chosen1.w.weights,
    chosen1.w.transitions,
    calibration,
    merge,
    cueWords,
    MIN_WEIGHT,
    {
      trainedOn: 'polnear/train (first annotator file per article)',
      tunedOn: 'polnear/dev (epoch counts, score calibration, merge thresholds, score blend)',
      epochs: chosen1.epoch,
      ...(chosen2 ? { secondPassEpochs: chosen2.epoch, folds: FOLDS } : {}),
      seed: SEED,
    },
    blend,
    chosen2 ? { hashes: chosen2.hashes, weights: chosen2.w.weights, transitions: chosen2.w.transitions } : undefined,
  );
  // The figures of the model as written (pruned and quantised), which is what the product loads.
  const written = parseClaimModel(JSON.parse(text) as ClaimModelFile);
  console.log(`PolNeAR dev   alone ${fmt(scoreModelAlone(dev, written))}`);
  console.log(`PolNeAR dev   ${fmt(score(dev, written))}`);
  console.log(`PolNeAR train ${fmt(score(train, written))} (trained on it)`);
  fs.writeFileSync(outFile, text);
  console.log(`wrote ${outFile} (${(text.length / 1e6).toFixed(1)} MB) in ${secs(t0)} s`);
}

main();
