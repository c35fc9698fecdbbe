/*
 * Claim (attribution) evaluation against the seed gold files and PolNeAR dev.
 *
 *   npx esbuild scripts/eval/claims.ts --bundle --platform=node --outfile=out/claims-eval.js && node out/claims-eval.js [--seeds DIR --gold DIR] [--polnear DIR] [--verbose]
 *
 * Matching: one-to-one, greedy by best character-overlap Jaccard of the
 * content spans, a pair counts when Jaccard >= 0.5. Exact-span F1 counts
 * identical content spans only. Among matched pairs:
 *  - cue accuracy: the cue spans overlap (both null is correct);
 *  - source accuracy: the source spans overlap (both null is correct);
 *  - speaker accuracy (seeds only): reported two ways. The headline number
 *    is over ALL matched claims, where a gold `null` speaker must be met by
 *    our `null` — this punishes guessing, which the guidelines ask us not to
 *    do. The second number is over matched claims whose gold speaker is set.
 * Data is read from ../shared (or the given directories); nothing is copied.
 */

import * as fs from 'fs';
import * as path from 'path';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import { loadResources } from '../../server/src/workspace/resources';
import type { Claim, Span } from '../../server/src/analysis/types';
import { pairClaims, spanJaccard } from './claimsScore';

export interface EvalSpan extends Span {
  text?: string;
}

export interface EvalClaim {
  content: EvalSpan;
  cue: EvalSpan | null;
  source: EvalSpan | null;
  speaker?: string | null;
}

export interface EvalDoc {
  name: string;
  text: string;
  gold: EvalClaim[];
  /** The part of the text the gold covers; predictions outside it are ignored. */
  range: Span;
}

export interface ClaimScores {
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  exactMatched: number;
  exactF1: number;
  cueAccuracy: number;
  sourceAccuracy: number;
  /** Over all matched claims (gold null must be predicted null). */
  speakerAccuracy: number;
  /** Over matched claims whose gold speaker is set. */
  speakerAccuracyGoldSet: number;
  speakerCount: number;
  speakerGoldSetCount: number;
}

/** Character Jaccard of two spans (the scoring module's, so both tables agree). */
export const jaccard = spanJaccard;

function overlaps(a: Span | null, b: Span | null): boolean {
  if (!a || !b) return !a && !b;
  return Math.min(a.end, b.end) > Math.max(a.start, b.start);
}

/** One-to-one greedy matching by best Jaccard >= threshold: pairs [goldIndex, predIndex]. */
export function matchClaims(gold: EvalClaim[], pred: EvalClaim[], threshold = 0.5): Array<[number, number]> {
  return pairClaims(gold, pred, (j) => j >= threshold);
}

export interface Tally {
  gold: number;
  predicted: number;
  matched: number;
  exact: number;
  cue: number;
  source: number;
  speaker: number;
  speakerN: number;
  speakerSet: number;
  speakerSetN: number;
}

export function emptyTally(): Tally {
  return { gold: 0, predicted: 0, matched: 0, exact: 0, cue: 0, source: 0, speaker: 0, speakerN: 0, speakerSet: 0, speakerSetN: 0 };
}

export function tallyDoc(t: Tally, gold: EvalClaim[], pred: EvalClaim[], withSpeaker: boolean): Array<[number, number]> {
  const pairs = matchClaims(gold, pred);
  t.gold += gold.length;
  t.predicted += pred.length;
  t.matched += pairs.length;
  const goldKeys = new Set(gold.map((c) => `${c.content.start}:${c.content.end}`));
  const seen = new Set<string>();
  for (const p of pred) {
    const k = `${p.content.start}:${p.content.end}`;
    if (goldKeys.has(k) && !seen.has(k)) {
      t.exact++;
      seen.add(k);
    }
  }
  for (const [g, p] of pairs) {
    if (overlaps(gold[g].cue, pred[p].cue)) t.cue++;
    if (overlaps(gold[g].source, pred[p].source)) t.source++;
    if (withSpeaker) {
      const gs = gold[g].speaker ?? null;
      const ps = pred[p].speaker ?? null;
      t.speakerN++;
      if (gs === ps) t.speaker++;
      if (gs !== null) {
        t.speakerSetN++;
        if (gs === ps) t.speakerSet++;
      }
    }
  }
  return pairs;
}

export function finishTally(t: Tally): ClaimScores {
  const p = t.predicted ? t.matched / t.predicted : 0;
  const r = t.gold ? t.matched / t.gold : 0;
  const ep = t.predicted ? t.exact / t.predicted : 0;
  const er = t.gold ? t.exact / t.gold : 0;
  return {
    gold: t.gold,
    predicted: t.predicted,
    matched: t.matched,
    precision: p,
    recall: r,
    f1: p + r ? (2 * p * r) / (p + r) : 0,
    exactMatched: t.exact,
    exactF1: ep + er ? (2 * ep * er) / (ep + er) : 0,
    cueAccuracy: t.matched ? t.cue / t.matched : 0,
    sourceAccuracy: t.matched ? t.source / t.matched : 0,
    speakerAccuracy: t.speakerN ? t.speaker / t.speakerN : 0,
    speakerAccuracyGoldSet: t.speakerSetN ? t.speakerSet / t.speakerSetN : 0,
    speakerCount: t.speakerN,
    speakerGoldSetCount: t.speakerSetN,
  };
}

// ---------------------------------------------------------------- loading

interface GoldFileSpan {
  start: number;
  end: number;
  text: string;
}

interface GoldFile {
  file: string;
  scoredRange: Span;
  claims: Array<{ content: GoldFileSpan; cue: GoldFileSpan | null; source: GoldFileSpan | null; speaker?: string | null }>;
}

export function loadSeedDocs(seedDir: string, goldDir: string): EvalDoc[] {
  const docs: EvalDoc[] = [];
  for (const f of fs
    .readdirSync(goldDir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const g = JSON.parse(fs.readFileSync(path.join(goldDir, f), 'utf8')) as GoldFile;
    const text = fs.readFileSync(path.join(seedDir, g.file), 'utf8');
    const range = g.scoredRange;
    const gold = g.claims
      .filter((c) => c.content.start >= range.start && c.content.end <= range.end)
      .map((c) => ({ content: c.content, cue: c.cue, source: c.source, speaker: c.speaker ?? null }));
    docs.push({ name: g.file, text, gold, range });
  }
  return docs;
}

/** Parses one brat .ann file into attribution events. */
export function parseBratAttributions(ann: string): EvalClaim[] {
  const spans = new Map<string, { type: string; span: Span }>();
  const events: Array<Record<string, string>> = [];
  for (const line of ann.split('\n')) {
    if (/^T\d+\t/.test(line)) {
      const [id, meta] = line.split('\t');
      const sp = meta.indexOf(' ');
      if (sp < 0) continue;
      const type = meta.slice(0, sp);
      let start = Infinity;
      let end = -Infinity;
      for (const part of meta.slice(sp + 1).split(';')) {
        const [a, b] = part.trim().split(/\s+/).map(Number);
        if (Number.isFinite(a) && Number.isFinite(b)) {
          start = Math.min(start, a);
          end = Math.max(end, b);
        }
      }
      if (Number.isFinite(start)) spans.set(id, { type, span: { start, end } });
    } else if (/^E\d+\t/.test(line)) {
      const args: Record<string, string> = {};
      const parts = line.split('\t')[1].trim().split(/\s+/);
      parts.forEach((a, i) => {
        const c = a.lastIndexOf(':');
        if (c > 0) args[i === 0 ? '__trigger' : a.slice(0, c)] = a.slice(c + 1);
      });
      events.push(args);
    }
  }
  const out: EvalClaim[] = [];
  for (const e of events) {
    const trig = spans.get(e.__trigger);
    if (!trig || (trig.type !== 'Attribution' && trig.type !== 'Attribution-no-source')) continue;
    const parts = [e.Content, e.Content2].map((id) => (id ? spans.get(id)?.span : undefined)).filter((s): s is Span => !!s);
    if (parts.length === 0) continue;
    const content = { start: Math.min(...parts.map((s) => s.start)), end: Math.max(...parts.map((s) => s.end)) };
    const cue = e.Cue ? (spans.get(e.Cue)?.span ?? null) : null;
    const source = e.Source ? (spans.get(e.Source)?.span ?? null) : null;
    out.push({ content, cue, source });
  }
  return out;
}

export function loadPolnearDocs(splitDir: string): EvalDoc[] {
  const annDir = path.join(splitDir, 'attributions');
  const firstByArticle = new Map<string, string>();
  for (const f of fs
    .readdirSync(annDir)
    .filter((n) => n.endsWith('.ann'))
    .sort()) {
    const article = f.replace(/_[^_]+\.ann$/, '');
    if (!firstByArticle.has(article)) firstByArticle.set(article, f);
  }
  const docs: EvalDoc[] = [];
  for (const [article, f] of [...firstByArticle.entries()].sort()) {
    const textPath = path.join(splitDir, 'text', `${article}.txt`);
    if (!fs.existsSync(textPath)) continue;
    const text = fs.readFileSync(textPath, 'utf8');
    const gold = parseBratAttributions(fs.readFileSync(path.join(annDir, f), 'utf8'));
    docs.push({ name: article, text, gold, range: { start: 0, end: text.length } });
  }
  return docs;
}

export function toEvalClaims(claims: Claim[], range: Span): EvalClaim[] {
  return claims
    .filter((c) => c.start >= range.start && c.start < range.end)
    .map((c) => ({ content: { start: c.start, end: c.end, text: c.text }, cue: c.cue, source: c.source, speaker: c.speaker }));
}

export interface EvalRun {
  scores: ClaimScores;
  bytes: number;
  ms: number;
}

export function evaluate(docs: EvalDoc[], withSpeaker: boolean, verbose = false): EvalRun {
  const res = loadResources();
  const t = emptyTally();
  let bytes = 0;
  let ms = 0;
  for (const doc of docs) {
    const t0 = process.hrtime.bigint();
    const analysis = analyzeDocument(doc.text, res);
    ms += Number(process.hrtime.bigint() - t0) / 1e6;
    bytes += Buffer.byteLength(doc.text, 'utf8');
    const pred = toEvalClaims(analysis.claims, doc.range);
    const pairs = tallyDoc(t, doc.gold, pred, withSpeaker);
    if (verbose) report(doc, pred, pairs, withSpeaker);
  }
  return { scores: finishTally(t), bytes, ms };
}

function show(text: string, s: Span | null): string {
  if (!s) return '∅';
  const t = text.slice(s.start, s.end).replace(/\s+/g, ' ');
  return t.length > 90 ? `${t.slice(0, 60)} … ${t.slice(-25)}` : t;
}

function report(doc: EvalDoc, pred: EvalClaim[], pairs: Array<[number, number]>, withSpeaker: boolean): void {
  const mg = new Map(pairs.map(([g, p]) => [g, p]));
  const mp = new Set(pairs.map(([, p]) => p));
  console.log(`\n### ${doc.name}`);
  doc.gold.forEach((g, i) => {
    const p = mg.get(i);
    if (p === undefined) {
      console.log(`  MISS  [${show(doc.text, g.source)}] <${show(doc.text, g.cue)}> ${show(doc.text, g.content)}`);
    } else {
      const q = pred[p];
      const bad: string[] = [];
      if (!overlaps(g.cue, q.cue)) bad.push(`cue ${show(doc.text, q.cue)}`);
      if (!overlaps(g.source, q.source)) bad.push(`source ${show(doc.text, q.source)} ≠ ${show(doc.text, g.source)}`);
      if (withSpeaker && (g.speaker ?? null) !== (q.speaker ?? null)) bad.push(`speaker ${q.speaker} ≠ ${g.speaker}`);
      if (bad.length) console.log(`  ok~   ${show(doc.text, g.content)} :: ${bad.join('; ')}`);
    }
  });
  pred.forEach((q, i) => {
    if (!mp.has(i)) console.log(`  FALSE [${show(doc.text, q.source)}] <${show(doc.text, q.cue)}> ${show(doc.text, q.content)}`);
  });
}

function fmt(name: string, run: EvalRun, withSpeaker: boolean): string {
  const s = run.scores;
  const lines = [
    `${name}: gold ${s.gold}, predicted ${s.predicted}, matched ${s.matched}`,
    `  content P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} | exact-span F1 ${s.exactF1.toFixed(3)} (${s.exactMatched})`,
    `  cue accuracy ${s.cueAccuracy.toFixed(3)} | source accuracy ${s.sourceAccuracy.toFixed(3)}`,
  ];
  if (withSpeaker) {
    lines.push(
      `  speaker accuracy ${s.speakerAccuracy.toFixed(3)} (all ${s.speakerCount} matched) | ${s.speakerAccuracyGoldSet.toFixed(3)} (${s.speakerGoldSetCount} with gold speaker)`,
    );
  }
  lines.push(
    `  whole-pipeline throughput ${(run.bytes / 1e6 / (run.ms / 1000)).toFixed(2)} MB/s (${run.bytes} bytes, ${run.ms.toFixed(0)} ms)`,
  );
  return lines.join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
  };
  const shared = path.resolve(__dirname, '..', '..', '..', 'shared');
  const base = fs.existsSync(shared) ? shared : '/work/shared';
  const verbose = args.includes('--verbose');
  const only = opt('--only', 'both');
  const seedDir = opt('--seeds', path.join(base, 'seeds'));
  const goldDir = opt('--gold', path.join(base, 'gold'));
  const polDir = opt('--polnear', path.join(base, 'data', 'polnear', 'dev'));
  if (only !== 'polnear' && fs.existsSync(goldDir)) {
    console.log(fmt('seeds', evaluate(loadSeedDocs(seedDir, goldDir), true, verbose), true));
  }
  if (only !== 'seeds' && fs.existsSync(polDir)) {
    console.log(fmt('polnear', evaluate(loadPolnearDocs(polDir), false, verbose), false));
  }
}

// Bundled into another script, `require.main === module` holds too; run only as the claims eval itself.
if (require.main === module && /claims[^/\\]*$/.test(process.argv[1] ?? '')) main();
