import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bcubed, f1 as bcubedF1 } from './eval/clusters';
import { emptyTally, finishTally, loadPolnearDocs, loadSeedDocs, tallyDoc, type EvalClaim } from './eval/claims';
import {
  conllDocuments,
  conllText,
  countSpans,
  emptyCounts,
  formatTable,
  labelOfType,
  summarize,
  type EvalLabel,
  type LabeledSpan,
  type SetScore,
} from './eval/ner';
import { formatPlaceScores, loadPlaceSet, scorePlaces } from './eval/places';
import { formatClaimTables, formatConfidenceSweep, predictedClaims, type ClaimSet } from './eval/claimsReport';
import { repoRoot, sharedDir } from './shared';
import type { EntityType } from '../server/src/analysis/types';
import type { ContractDocument } from '../server/src/cli/output';

/*
 * `npm run eval`: scores Dossier exactly as the held-out sets are scored,
 * through the CLI's JSON contract (`dossier analyze --json` / `--jsonl`), on
 * the seeds' gold, CoNLL-2003 valid and PolNeAR dev (from ../shared), and
 * place resolution on the sets in test/fixtures/places (always).
 * `npm run eval -- --places-errors dev` lists the wrong places of a set;
 * `npm run eval -- --train` adds the claims of PolNeAR train (the set a
 * trained model learnt from: high there by construction).
 */

type ContractDoc = ContractDocument;

const CLI = path.join(repoRoot(), 'dist', 'cli.js');

/** Runs the CLI in corpus mode over texts written to a temporary folder. */
function analyzeTexts(texts: string[]): ContractDoc[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-eval-'));
  const files = texts.map((t, i) => {
    const f = path.join(dir, `${String(i).padStart(5, '0')}.txt`);
    fs.writeFileSync(f, t);
    return f;
  });
  const r = spawnSync(process.execPath, [CLI, 'analyze', '--jsonl', '--jobs', String(Math.max(1, os.cpus().length))], {
    input: files.join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`dossier analyze failed (${r.status}): ${r.stderr}`);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ContractDoc);
}

function analyzeFiles(files: string[]): ContractDoc[] {
  const r = spawnSync(process.execPath, [CLI, 'analyze', '--json', ...files], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`dossier analyze failed (${r.status}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { documents: ContractDoc[] }).documents;
}

const labeled = (doc: ContractDoc): LabeledSpan[] => doc.entities.map((e) => ({ start: e.start, end: e.end, label: labelOfType(e.type) }));
const claimsOf = (doc: ContractDoc, range: { start: number; end: number }): EvalClaim[] =>
  doc.claims
    .filter((c) => c.start >= range.start && c.start < range.end)
    .map((c) => ({ content: { start: c.start, end: c.end, text: c.text }, cue: c.cue, source: c.source, speaker: c.speaker }));

interface GoldFile {
  file: string;
  scoredRange: { start: number; end: number };
  entities: Array<{ start: number; end: number; type: EntityType; id: string }>;
}

function pct(x: number): string {
  return (100 * x).toFixed(1);
}

function claimLine(name: string, t: ReturnType<typeof emptyTally>, speaker: boolean): string {
  const s = finishTally(t);
  return (
    `| ${name} | ${s.gold} | ${s.predicted} | ${pct(s.precision)} | ${pct(s.recall)} | **${pct(s.f1)}** | ${pct(s.exactF1)} | ${pct(s.cueAccuracy)} | ${pct(s.sourceAccuracy)} | ` +
    (speaker ? `${pct(s.speakerAccuracy)} |` : '— |')
  );
}

/** Place resolution on the dev set and on the check set kept out of tuning. */
function placesSection(): void {
  const dir = path.join(repoRoot(), 'test', 'fixtures', 'places');
  const i = process.argv.indexOf('--places-errors');
  const show = new Set(i >= 0 ? (process.argv[i + 1] ?? 'dev').split(',') : []);
  const scores = ['dev', 'check'].map((set) => {
    const { gold, files } = loadPlaceSet(dir, set);
    return scorePlaces(gold, analyzeFiles(files));
  });
  console.log('\n## Places (test/fixtures/places: type, country and first-level division of each gold place mention)\n');
  console.log(formatPlaceScores(scores));
  for (const s of scores) if (show.has(s.set)) for (const e of s.errors) console.log(`  ${s.set}: ${e}`);
}

/** Issue 15's claims tables: J ≥ 0.5, exact and overlap, source and speaker accuracy, recall per cue type, the confidence sweep. */
function claimsSection(shared: string, sets: ClaimSet[]): void {
  if (process.argv.includes('--train')) {
    const train = loadPolnearDocs(path.join(shared, 'data', 'polnear', 'train'));
    const out = analyzeTexts(train.map((d) => d.text));
    const docs = train.map((d, i) => ({ text: d.text, gold: d.gold, pred: predictedClaims(out[i], d.range) }));
    sets.push({ name: 'PolNeAR train (a trained model learnt from it)', speakers: false, docs });
  }
  console.log('\n## Claims by match (one-to-one; J≥0.5: content Jaccard ≥ 0.5; source acc.: source Jaccard ≥ 0.5 of the J≥0.5 pairs)\n');
  console.log(formatClaimTables(sets));
  const sweeps = sets.map(formatConfidenceSweep).filter(Boolean);
  if (sweeps.length) {
    console.log('\nJ≥0.5 scores of the claims at or above each confidence (how `dossier.claims.minConfidence` was chosen):\n');
    console.log(sweeps.join('\n\n'));
  } else console.log('\nThe detector gives no confidences: every claim counts as 1, and the thresholds hide nothing.');
}

function main(): void {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run "npm run build" first');
  const shared = sharedDir();
  if (!shared) {
    placesSection();
    console.log(
      '\nThe seeds, CoNLL-2003 and PolNeAR sections need the development data in ../shared (or $DOSSIER_SHARED), which is missing here.',
    );
    return;
  }
  const scores: SetScore[] = [];

  // Seeds: entities, ids and claims against the hand-made gold.
  const goldDir = path.join(shared, 'gold');
  const golds = fs
    .readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(goldDir, f), 'utf8')) as GoldFile);
  const seedDocs = analyzeFiles(golds.map((g) => path.join(shared, 'seeds', g.file)));
  const counts = emptyCounts();
  const predIds: string[] = [];
  const goldIds: string[] = [];
  let chars = 0;
  golds.forEach((g, i) => {
    const doc = seedDocs[i];
    const r = g.scoredRange;
    chars += r.end - r.start;
    const inRange = doc.entities.filter((e) => e.start >= r.start && e.end <= r.end);
    countSpans(
      g.entities.map((e) => ({ start: e.start, end: e.end, label: labelOfType(e.type) })),
      inRange.map((e) => ({ start: e.start, end: e.end, label: labelOfType(e.type) })),
      counts,
    );
    // Ids are scored on the mentions whose spans match the gold exactly, per document.
    const bySpan = new Map(inRange.map((e) => [`${e.start}:${e.end}`, e.id]));
    for (const e of g.entities) {
      const id = bySpan.get(`${e.start}:${e.end}`);
      if (id === undefined) continue;
      predIds.push(`${g.file}\u0000${id}`);
      goldIds.push(`${g.file}\u0000${e.id}`);
    }
  });
  scores.push(summarize('seeds gold', counts, golds.length, chars));
  const b3 = bcubedF1(bcubed(predIds, goldIds));

  const seedClaims = emptyTally();
  const seedEval = loadSeedDocs(path.join(shared, 'seeds'), goldDir);
  const seedSet: ClaimSet = { name: 'seeds gold', speakers: true, docs: [] };
  seedEval.forEach((d) => {
    const doc = seedDocs.find((s) => path.basename(s.file) === d.name) ?? seedDocs[seedEval.indexOf(d)];
    tallyDoc(seedClaims, d.gold, claimsOf(doc, d.range), true);
    seedSet.docs.push({ text: d.text, gold: d.gold, pred: predictedClaims(doc, d.range) });
  });

  // CoNLL-2003 valid: documents rebuilt as text, tokens joined by spaces.
  const conll = conllDocuments(path.join(shared, 'data'), 'valid').map(conllText);
  const conllOut = analyzeTexts(conll.map((d) => d.text));
  const conllCounts = emptyCounts();
  conll.forEach((d, i) => countSpans(d.gold, labeled(conllOut[i]), conllCounts));
  // The committed tagger may have learned from valid (npm run train; --train-only leaves it out): then the row is no held-out score.
  const trainedOn = (
    JSON.parse(fs.readFileSync(path.join(repoRoot(), 'dist', 'data', 'ner-model.json'), 'utf8')) as { info?: { trainedOn?: string[] } }
  ).info?.trainedOn;
  scores.push(
    summarize(
      trainedOn?.includes('conll2003/valid') ? 'CoNLL-2003 valid (trained on, not held out)' : 'CoNLL-2003 valid',
      conllCounts,
      conll.length,
      conll.reduce((n, d) => n + d.text.length, 0),
    ),
  );

  // PolNeAR dev: entities against CoreNLP's silver labels (agreement), claims against the attributions.
  const polDir = path.join(shared, 'data', 'polnear', 'dev');
  const polClaims = loadPolnearDocs(polDir);
  const polOut = analyzeTexts(polClaims.map((d) => d.text));
  const polCounts = emptyCounts();
  const polTally = emptyTally();
  const polSet: ClaimSet = { name: 'PolNeAR dev', speakers: false, docs: [] };
  let polChars = 0;
  polClaims.forEach((d, i) => {
    polChars += d.text.length;
    tallyDoc(polTally, d.gold, claimsOf(polOut[i], d.range), false);
    polSet.docs.push({ text: d.text, gold: d.gold, pred: predictedClaims(polOut[i], d.range) });
    const nerFile = path.join(polDir, 'ner', `${d.name.replace(/\.txt$/, '')}.json`);
    if (!fs.existsSync(nerFile)) return;
    const silver = (
      JSON.parse(fs.readFileSync(nerFile, 'utf8')) as { entities: Array<{ start: number; end: number; label: string }> }
    ).entities
      .filter((e) => e.label === 'PER' || e.label === 'ORG' || e.label === 'LOC')
      .map((e) => ({ start: e.start, end: e.end, label: e.label as EvalLabel }));
    countSpans(silver, labeled(polOut[i]), polCounts);
  });
  scores.push(summarize('PolNeAR dev (silver NER: agreement)', polCounts, polClaims.length, polChars));

  console.log('## Entities (exact spans; person→PER, organization→ORG, places→LOC; MISC ignored)\n');
  console.log(formatTable(scores));
  console.log(`\nEntity ids on the seeds (B-cubed over exactly matched mentions): P ${pct(b3.p)} R ${pct(b3.r)} F1 **${pct(b3.f)}**`);
  console.log('\n## Claims (content matched one-to-one at character Jaccard ≥ 0.5)\n');
  console.log('| set | gold | predicted | P | R | F1 | exact F1 | cue acc. | source acc. | speaker acc. |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(claimLine('seeds gold', seedClaims, true));
  console.log(claimLine('PolNeAR dev', polTally, false));
  claimsSection(shared, [polSet, seedSet]);
  placesSection();
}

main();
