/*
 * Entity scoring: exact-span precision / recall / F1 per label (PER, ORG,
 * LOC; MISC ignored on both sides) for CoNLL-2003 valid, PolNeAR dev (silver
 * labels, so the score is agreement with CoreNLP) and the seeds' gold files.
 * Predictions come from the engine's mention stage (detectMentions), not from
 * the raw tagger, so span hygiene and typing are measured too.
 *
 * Run alone:  node out/scripts/eval/ner.js [sharedDir]   (default ../shared)
 */
import * as fs from 'fs';
import * as path from 'path';
import { Gazetteer, type GazetteerData } from '../../server/src/analysis/gazetteer';
import { detectMentions } from '../../server/src/analysis/entities/mentions';
import { loadTagger } from '../../server/src/analysis/ner/model';
import type { AnalysisResources } from '../../server/src/analysis/resources';
import { splitSentences, tokenize } from '../../server/src/analysis/tokenize';
import { engineData, loadClaimModel } from '../../server/src/workspace/resources';
import type { EntityType } from '../../server/src/analysis/types';

export type EvalLabel = 'PER' | 'ORG' | 'LOC';
export const EVAL_LABELS: EvalLabel[] = ['PER', 'ORG', 'LOC'];

export interface LabeledSpan {
  start: number;
  end: number;
  label: EvalLabel;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface SetScore {
  name: string;
  perLabel: Record<EvalLabel, Prf>;
  micro: Prf;
  documents: number;
  chars: number;
}

// ---------------------------------------------------------------- data readers

export interface ConllSentence {
  words: string[];
  /** IOB2 NER tags, e.g. B-PER. */
  tags: string[];
}

export function readConll(file: string): ConllSentence[] {
  const sentences: ConllSentence[] = [];
  let cur: ConllSentence = { words: [], tags: [] };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) {
      if (cur.words.length) sentences.push(cur);
      cur = { words: [], tags: [] };
      continue;
    }
    const cols = trimmed.split(/\s+/);
    if (cols[0] === '-DOCSTART-') continue;
    cur.words.push(cols[0]);
    cur.tags.push(cols[cols.length - 1]);
  }
  if (cur.words.length) sentences.push(cur);
  return sentences;
}

/** CoNLL sentences grouped into documents by doc-starts.json. */
export function conllDocuments(dataDir: string, split: 'train' | 'valid'): ConllSentence[][] {
  const sentences = readConll(path.join(dataDir, 'conll2003', `${split}.txt`));
  const starts = (JSON.parse(fs.readFileSync(path.join(dataDir, 'conll2003', 'doc-starts.json'), 'utf8')) as Record<string, unknown>)[
    split
  ];
  if (!Array.isArray(starts)) throw new Error(`doc-starts.json has no "${split}" list`);
  const docs: ConllSentence[][] = [];
  const bounds = [...(starts as number[]), sentences.length];
  for (let d = 0; d + 1 < bounds.length; d++) docs.push(sentences.slice(bounds[d], bounds[d + 1]));
  return docs;
}

export interface PolnearDoc {
  name: string;
  text: string;
  entities: Array<{ start: number; end: number; label: string }>;
}

export function polnearDocuments(dataDir: string, split: 'train' | 'dev'): PolnearDoc[] {
  const dir = path.join(dataDir, 'polnear', split);
  const docs: PolnearDoc[] = [];
  for (const f of fs.readdirSync(path.join(dir, 'ner')).sort()) {
    if (!f.endsWith('.json')) continue;
    const ner = JSON.parse(fs.readFileSync(path.join(dir, 'ner', f), 'utf8')) as { file: string; entities: PolnearDoc['entities'] };
    const textFile = path.join(dir, 'text', ner.file);
    if (!fs.existsSync(textFile)) continue;
    docs.push({ name: ner.file, text: fs.readFileSync(textFile, 'utf8'), entities: ner.entities });
  }
  return docs;
}

/** A CoNLL document as text: tokens joined by spaces, sentences by newlines; gold spans as offsets. */
export function conllText(doc: ConllSentence[]): { text: string; gold: LabeledSpan[] } {
  let text = '';
  const gold: LabeledSpan[] = [];
  for (const s of doc) {
    if (text) text += '\n';
    let open: { start: number; end: number; type: string } | null = null;
    const close = () => {
      if (open && open.type !== 'MISC') gold.push({ start: open.start, end: open.end, label: open.type as EvalLabel });
      open = null;
    };
    s.words.forEach((w, i) => {
      if (i > 0) text += ' ';
      const start = text.length;
      text += w;
      const tag = s.tags[i];
      if (tag === 'O') {
        close();
        return;
      }
      const type = tag.slice(2);
      if (tag.startsWith('B-') || !open || open.type !== type) {
        close();
        open = { start, end: text.length, type };
      } else {
        open.end = text.length;
      }
    });
    close();
  }
  return { text, gold };
}

// ---------------------------------------------------------------- scoring

export function labelOfType(type: EntityType): EvalLabel {
  if (type === 'person') return 'PER';
  if (type === 'organization') return 'ORG';
  return 'LOC';
}

export function predictSpans(text: string, res: AnalysisResources): LabeledSpan[] {
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  return detectMentions(text, tokens, sentences, res).map((m) => ({ start: m.start, end: m.end, label: labelOfType(m.type) }));
}

export function emptyCounts(): Record<EvalLabel, Counts> {
  return { PER: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 } };
}

/** Adds exact-span matches (same offsets and label) of one document to the counts. */
export function countSpans(gold: LabeledSpan[], pred: LabeledSpan[], counts: Record<EvalLabel, Counts>): void {
  const key = (s: LabeledSpan) => `${s.start}:${s.end}:${s.label}`;
  const goldKeys = new Set(gold.map(key));
  const predKeys = new Set(pred.map(key));
  for (const s of pred) {
    if (goldKeys.has(key(s))) counts[s.label].tp++;
    else counts[s.label].fp++;
  }
  for (const s of gold) if (!predKeys.has(key(s))) counts[s.label].fn++;
}

function prf(c: Counts): Prf {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

export function summarize(name: string, counts: Record<EvalLabel, Counts>, documents: number, chars: number): SetScore {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const l of EVAL_LABELS) {
    total.tp += counts[l].tp;
    total.fp += counts[l].fp;
    total.fn += counts[l].fn;
  }
  return {
    name,
    perLabel: { PER: prf(counts.PER), ORG: prf(counts.ORG), LOC: prf(counts.LOC) },
    micro: prf(total),
    documents,
    chars,
  };
}

// ---------------------------------------------------------------- the three sets

export function evalConll(dataDir: string, res: AnalysisResources): SetScore {
  const counts = emptyCounts();
  let chars = 0;
  const docs = conllDocuments(dataDir, 'valid');
  for (const doc of docs) {
    const { text, gold } = conllText(doc);
    chars += text.length;
    countSpans(gold, predictSpans(text, res), counts);
  }
  return summarize('CoNLL-2003 valid', counts, docs.length, chars);
}

export function evalPolnear(dataDir: string, res: AnalysisResources): SetScore {
  const counts = emptyCounts();
  let chars = 0;
  const docs = polnearDocuments(dataDir, 'dev');
  for (const doc of docs) {
    chars += doc.text.length;
    const gold = doc.entities
      .filter((e) => e.label === 'PER' || e.label === 'ORG' || e.label === 'LOC')
      .map((e) => ({ start: e.start, end: e.end, label: e.label as EvalLabel }));
    countSpans(gold, predictSpans(doc.text, res), counts);
  }
  return summarize('PolNeAR dev (silver)', counts, docs.length, chars);
}

interface GoldFile {
  file: string;
  scoredRange: { start: number; end: number };
  entities: Array<{ start: number; end: number; type: EntityType }>;
}

export function evalSeeds(sharedDir: string, res: AnalysisResources, report?: (line: string) => void): SetScore {
  const counts = emptyCounts();
  let chars = 0;
  const goldDir = path.join(sharedDir, 'gold');
  const files = fs
    .readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const f of files) {
    const g = JSON.parse(fs.readFileSync(path.join(goldDir, f), 'utf8')) as GoldFile;
    const text = fs.readFileSync(path.join(sharedDir, 'seeds', g.file), 'utf8');
    chars += text.length;
    const { start, end } = g.scoredRange;
    const gold = g.entities.map((e) => ({ start: e.start, end: e.end, label: labelOfType(e.type) }));
    const pred = predictSpans(text, res).filter((s) => s.start >= start && s.end <= end);
    countSpans(gold, pred, counts);
    if (report) {
      const key = (s: LabeledSpan) => `${s.start}:${s.end}:${s.label}`;
      const gk = new Set(gold.map(key));
      const pk = new Set(pred.map(key));
      for (const s of pred) if (!gk.has(key(s))) report(`${g.file} FP ${s.label} ${JSON.stringify(text.slice(s.start, s.end))}`);
      for (const s of gold) if (!pk.has(key(s))) report(`${g.file} FN ${s.label} ${JSON.stringify(text.slice(s.start, s.end))}`);
    }
  }
  return summarize('seeds gold', counts, files.length, chars);
}

export function formatTable(scores: SetScore[]): string {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  const lines = [`${'set'.padEnd(22)} ${'label'.padEnd(5)}     P     R    F1    tp    fp    fn`];
  for (const s of scores) {
    const rows: Array<[string, Prf]> = [...EVAL_LABELS.map((l) => [l, s.perLabel[l]] as [string, Prf]), ['micro', s.micro]];
    for (const [label, p] of rows) {
      lines.push(
        `${s.name.padEnd(22)} ${label.padEnd(5)} ${pct(p.precision)} ${pct(p.recall)} ${pct(p.f1)} ${String(p.tp).padStart(5)} ${String(p.fp).padStart(5)} ${String(p.fn).padStart(5)}`,
      );
    }
  }
  return lines.join('\n');
}

/** Gazetteer from dist/data and the committed model from server/data, relative to the repo root. */
export function loadLocalResources(repoRoot: string): { res: AnalysisResources; loadMs: number } {
  const gazFile = path.join(repoRoot, 'dist', 'data', 'gazetteer.json');
  const modelFile = process.env.NER_MODEL ?? path.join(repoRoot, 'server', 'data', 'ner-model.json');
  if (!fs.existsSync(gazFile)) throw new Error(`${gazFile} missing: run "node scripts/build-gazetteer.mjs"`);
  if (!fs.existsSync(modelFile)) throw new Error(`${modelFile} missing: run "npm run train"`);
  const gazetteer = new Gazetteer(JSON.parse(fs.readFileSync(gazFile, 'utf8')) as GazetteerData);
  const t0 = process.hrtime.bigint();
  const tagger = loadTagger(fs.readFileSync(modelFile, 'utf8'), gazetteer);
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return { res: { gazetteer, tagger, claims: loadClaimModel(), ...engineData() }, loadMs };
}

/**
 * Throughput per stage on PolNeAR dev texts (fastest CPU time of several runs after a warm-up), in MB/s of UTF-8:
 * tokenize (+ sentences), tag (tagger only), mentions (detectMentions minus tagging), whole analyzeDocument.
 */
function bench(dataDir: string, res: AnalysisResources, runs: number): void {
  // Loaded lazily: the pipeline pulls in every stage, which the scoring run does not need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyzeDocument } = require('../../server/src/analysis/pipeline') as typeof import('../../server/src/analysis/pipeline');
  const dir = path.join(dataDir, 'polnear', 'dev', 'text');
  const texts = fs
    .readdirSync(dir)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576;
  const prepared = texts.map((text) => {
    const tokens = tokenize(text);
    return { text, tokens, sentences: splitSentences(text, tokens) };
  });
  const time = (run: () => void): number => {
    run();
    const xs: number[] = [];
    for (let r = 0; r < runs; r++) {
      // CPU time of this process, not wall time: the machine is shared, and the fastest run is the least disturbed.
      const c0 = process.cpuUsage();
      run();
      const c = process.cpuUsage(c0);
      xs.push((c.user + c.system) / 1e6);
    }
    return Math.min(...xs);
  };
  const tTok = time(() => {
    for (const t of texts) splitSentences(t, tokenize(t));
  });
  const tTag = time(() => {
    for (const p of prepared) res.tagger.tag(p.text, p.tokens, p.sentences);
  });
  const tMen = time(() => {
    for (const p of prepared) detectMentions(p.text, p.tokens, p.sentences, res);
  });
  const tAll = time(() => {
    for (const t of texts) analyzeDocument(t, res);
  });
  const rate = (s: number) => `${(mb / s).toFixed(2)} MB/s (${(s * 1000).toFixed(0)} ms)`;
  console.log(`PolNeAR dev: ${texts.length} texts, ${mb.toFixed(2)} MB, fastest of ${runs} runs, CPU time`);
  console.log(`  tokenize+sentences  ${rate(tTok)}`);
  console.log(`  tag                 ${rate(tTag)}`);
  console.log(`  mentions (w/o tag)  ${rate(Math.max(1e-9, tMen - tTag))}`);
  console.log(`  tag+mentions        ${rate(tMen)}`);
  console.log(`  tokenize+tag+ment.  ${rate(tTok + tMen)}`);
  console.log(`  analyzeDocument     ${rate(tAll)}`);
}

function main(): void {
  const repoRoot = process.cwd();
  const args = process.argv.slice(2);
  const verbose = args.includes('--errors');
  const sharedDir = path.resolve(
    args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ?? path.join(repoRoot, '..', 'shared'),
  );
  const dataDir = path.join(sharedDir, 'data');
  if (!fs.existsSync(dataDir)) {
    console.error(`Shared data not found at ${dataDir}; pass the shared directory as the first argument.`);
    process.exit(1);
  }
  const { res, loadMs } = loadLocalResources(repoRoot);
  if (args.includes('--bench')) {
    console.log(`model load ${loadMs.toFixed(0)} ms`);
    bench(dataDir, res, Number(args[args.indexOf('--runs') + 1]) || 7);
    return;
  }
  const scores: SetScore[] = [];
  const t0 = process.hrtime.bigint();
  scores.push(evalSeeds(sharedDir, res, verbose ? (l) => console.log(l) : undefined));
  scores.push(evalConll(dataDir, res));
  scores.push(evalPolnear(dataDir, res));
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const chars = scores.reduce((a, s) => a + s.chars, 0);
  console.log(formatTable(scores));
  console.log(
    `model load ${loadMs.toFixed(0)} ms; mention detection over ${(chars / 1e6).toFixed(2)} M chars in ${sec.toFixed(2)} s = ${(chars / 1e6 / sec).toFixed(2)} M chars/s`,
  );
}

// The argv check keeps bundles that import this file (scripts/train.ts) from running the evaluation.
if (require.main === module && /ner\.[jt]s$/.test(process.argv[1] ?? '')) main();
