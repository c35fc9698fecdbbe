/*
 * Where typed F1 is lost on CoNLL-2003 valid: the raw tagger, the mention
 * stage, and the whole engine, each with span-only F1 and a confusion matrix
 * over exactly matched spans (rows gold, columns predicted).
 *
 *   npm run compile && node out/scripts/eval/nerStages.js [--model file] [--errors N]
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import { detectMentions } from '../../server/src/analysis/entities/mentions';
import { loadPerceptron } from '../../server/src/analysis/ner/model';
import type { AnalysisResources } from '../../server/src/analysis/resources';
import { splitSentences, tokenize } from '../../server/src/analysis/tokenize';
import { dataDir, loadResources } from '../../server/src/workspace/resources';
import { requireShared } from '../shared';
import { conllDocuments, conllText, labelOfType, type LabeledSpan } from './ner';

type Stage = 'tagger' | 'mentions' | 'engine';
const LABELS = ['PER', 'ORG', 'LOC', '-'] as const;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  spanTp: number;
  confusion: Map<string, number>;
  errors: string[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function predict(stage: Stage, text: string, res: AnalysisResources): LabeledSpan[] {
  if (stage === 'engine')
    return analyzeDocument(text, res).mentions.map((m) => ({ start: m.start, end: m.end, label: labelOfType(m.type) }));
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  if (stage === 'mentions')
    return detectMentions(text, tokens, sentences, res).map((m) => ({ start: m.start, end: m.end, label: labelOfType(m.type) }));
  return res.tagger
    .tag(text, tokens, sentences)
    .filter((s) => s.label !== 'MISC')
    .map((s) => ({ start: s.start, end: s.end, label: s.label as LabeledSpan['label'] }));
}

function tally(t: Tally, text: string, gold: LabeledSpan[], pred: LabeledSpan[], maxErrors: number): void {
  const span = (s: LabeledSpan) => `${s.start}:${s.end}`;
  const g = new Map(gold.map((s) => [span(s), s.label]));
  const p = new Map(pred.map((s) => [span(s), s.label]));
  for (const [k, l] of p) {
    const gl = g.get(k);
    if (gl === l) t.tp++;
    else t.fp++;
    if (gl !== undefined) t.spanTp++;
    const key = `${gl ?? '-'}>${l}`;
    t.confusion.set(key, (t.confusion.get(key) ?? 0) + 1);
    if (gl !== l && t.errors.length < maxErrors) {
      const [a, b] = k.split(':').map(Number);
      t.errors.push(`${gl ?? '-'} -> ${l}: ${text.slice(a, b)} | ${text.slice(Math.max(0, a - 40), b + 40).replace(/\n/g, ' / ')}`);
    }
  }
  for (const [k, l] of g) {
    if (p.get(k) !== l) t.fn++;
    if (!p.has(k)) t.confusion.set(`${l}>-`, (t.confusion.get(`${l}>-`) ?? 0) + 1);
  }
}

function f1(tp: number, fp: number, fn: number): string {
  const pr = tp / Math.max(1, tp + fp);
  const re = tp / Math.max(1, tp + fn);
  return (pr + re ? (200 * pr * re) / (pr + re) : 0).toFixed(2);
}

function main(): void {
  const shared = requireShared('nerStages');
  const base = loadResources();
  const model = arg('--model');
  const modelFile = model ?? path.join(dataDir(), 'ner-model.json');
  const tagger = loadPerceptron(fs.readFileSync(modelFile, 'utf8'), base.gazetteer);
  const noStage2 = process.argv.includes('--no-stage2');
  if (noStage2) tagger.setSecondStage(null);
  const res: AnalysisResources = { ...base, tagger };
  const maxErrors = Number(arg('--errors') ?? 0);
  const stages: Stage[] = (arg('--stages') ?? 'tagger,mentions,engine').split(',') as Stage[];
  const docs = conllDocuments(path.join(shared, 'data'), 'valid').map(conllText);
  console.log(`model: ${modelFile}${noStage2 ? ' (first stage only)' : ''}`);
  for (const stage of stages) {
    const t: Tally = { tp: 0, fp: 0, fn: 0, spanTp: 0, confusion: new Map(), errors: [] };
    const perLabel = new Map<string, { tp: number; fp: number; fn: number }>(LABELS.slice(0, 3).map((l) => [l, { tp: 0, fp: 0, fn: 0 }]));
    let nGold = 0;
    let nPred = 0;
    for (const d of docs) {
      const pred = predict(stage, d.text, res);
      nGold += d.gold.length;
      nPred += pred.length;
      tally(t, d.text, d.gold, pred, maxErrors);
      const key = (s: LabeledSpan) => `${s.start}:${s.end}:${s.label}`;
      const gk = new Set(d.gold.map(key));
      const pk = new Set(pred.map(key));
      for (const s of pred) perLabel.get(s.label)![gk.has(key(s)) ? 'tp' : 'fp']++;
      for (const s of d.gold) if (!pk.has(key(s))) perLabel.get(s.label)!.fn++;
    }
    const per = [...perLabel].map(([l, c]) => `${l} ${f1(c.tp, c.fp, c.fn)}`).join('  ');
    console.log(
      `\n## ${stage}: typed F1 ${f1(t.tp, t.fp, t.fn)}  span-only F1 ${f1(t.spanTp, nPred - t.spanTp, nGold - t.spanTp)}  (${per})`,
    );
    console.log('gold \\ pred ' + LABELS.map((l) => l.padStart(6)).join(''));
    for (const g of LABELS) console.log(g.padEnd(12) + LABELS.map((p) => String(t.confusion.get(`${g}>${p}`) ?? '').padStart(6)).join(''));
    for (const e of t.errors) console.log('  ' + e);
  }
}

main();
