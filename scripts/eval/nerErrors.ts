/*
 * Error listing for the entity tagger (engine mention stage, as scripts/eval/ner.ts scores it):
 * every false positive and false negative of one set, classified as
 *   type      same span, other label (gold PER, ours ORG)
 *   boundary  overlapping spans with other offsets (the label may differ too)
 *   spurious  ours, overlapping nothing in the reference
 *   missed    the reference's, overlapping nothing of ours
 * with the text around it, then the most frequent strings per class. For error analysis only.
 *
 *   node out/scripts/eval/nerErrors.js polnear|conll|seeds [--class type] [--limit N] [sharedDir]
 * NER_MODEL=file scores another model file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { conllDocuments, conllText, labelOfType, loadLocalResources, polnearDocuments, predictSpans, type LabeledSpan } from './ner';
import type { EntityType } from '../../server/src/analysis/types';

interface Doc {
  name: string;
  text: string;
  gold: LabeledSpan[];
  range?: { start: number; end: number };
}

function loadSet(set: string, shared: string): Doc[] {
  const dataDir = path.join(shared, 'data');
  if (set === 'conll')
    return conllDocuments(dataDir, 'valid').map((d, i) => {
      const { text, gold } = conllText(d);
      return { name: `valid#${i}`, text, gold };
    });
  if (set === 'polnear')
    return polnearDocuments(dataDir, 'dev').map((d) => ({
      name: d.name,
      text: d.text,
      gold: d.entities
        .filter((e) => e.label === 'PER' || e.label === 'ORG' || e.label === 'LOC')
        .map((e) => ({ start: e.start, end: e.end, label: e.label as LabeledSpan['label'] })),
    }));
  const goldDir = path.join(shared, 'gold');
  return fs
    .readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const g = JSON.parse(fs.readFileSync(path.join(goldDir, f), 'utf8')) as {
        file: string;
        scoredRange: { start: number; end: number };
        entities: Array<{ start: number; end: number; type: EntityType }>;
      };
      return {
        name: g.file,
        text: fs.readFileSync(path.join(shared, 'seeds', g.file), 'utf8'),
        gold: g.entities.map((e) => ({ start: e.start, end: e.end, label: labelOfType(e.type) })),
        range: g.scoredRange,
      };
    });
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  const set = positional[0] ?? 'polnear';
  const shared = path.resolve(positional[1] ?? path.join(process.cwd(), '..', 'shared'));
  if (!fs.existsSync(path.join(shared, 'data'))) {
    console.error(`Shared data not found at ${shared}; pass the shared directory as the second argument.`);
    process.exit(1);
  }
  const only = opt('--class');
  const limit = Number(opt('--limit') ?? 1e9);
  const { res } = loadLocalResources(process.cwd());
  const byClass = new Map<string, Map<string, number>>();
  const lines: string[] = [];
  const note = (cls: string, key: string, line: string) => {
    let m = byClass.get(cls);
    if (!m) byClass.set(cls, (m = new Map()));
    m.set(key, (m.get(key) ?? 0) + 1);
    if ((!only || cls.startsWith(only)) && lines.length < limit) lines.push(line);
  };
  for (const d of loadSet(set, shared)) {
    let pred = predictSpans(d.text, res);
    if (d.range) {
      const r = d.range;
      pred = pred.filter((s) => s.start >= r.start && s.end <= r.end);
    }
    const k = (s: LabeledSpan) => `${s.start}:${s.end}:${s.label}`;
    const gk = new Set(d.gold.map(k));
    const pk = new Set(pred.map(k));
    const fp = pred.filter((s) => !gk.has(k(s)));
    const fn = d.gold.filter((s) => !pk.has(k(s)));
    const show = (s: { start: number; end: number }) => {
      const a = Math.max(0, s.start - 50);
      const b = Math.min(d.text.length, s.end + 50);
      return `${d.text.slice(a, s.start)}[[${d.text.slice(s.start, s.end)}]]${d.text.slice(s.end, b)}`.replace(/\s+/g, ' ');
    };
    const overlaps = (a: LabeledSpan, b: LabeledSpan) => a.start < b.end && b.start < a.end;
    const usedFn = new Set<LabeledSpan>();
    for (const p of fp) {
      const same = fn.find((g) => g.start === p.start && g.end === p.end);
      if (same) {
        usedFn.add(same);
        const str = d.text.slice(p.start, p.end);
        note(`type ${same.label}->${p.label}`, str, `${d.name} TYPE gold ${same.label} ours ${p.label}: ${show(p)}`);
        continue;
      }
      const ov = d.gold.filter((g) => overlaps(g, p));
      if (ov.length) {
        for (const g of ov) if (fn.includes(g)) usedFn.add(g);
        const gs = ov.map((g) => `${g.label} "${d.text.slice(g.start, g.end)}"`).join(', ');
        note(
          `boundary ${p.label}`,
          `${d.text.slice(p.start, p.end)} / ${ov.map((g) => d.text.slice(g.start, g.end)).join(' + ')}`,
          `${d.name} BOUNDARY ours ${p.label} gold ${gs}: ${show(p)}`,
        );
        continue;
      }
      note(`spurious ${p.label}`, d.text.slice(p.start, p.end), `${d.name} SPURIOUS ${p.label}: ${show(p)}`);
    }
    for (const g of fn) {
      if (usedFn.has(g)) continue;
      if (pred.some((p) => overlaps(g, p))) {
        note(`boundary-gold ${g.label}`, d.text.slice(g.start, g.end), `${d.name} BOUNDARY(gold) ${g.label}: ${show(g)}`);
        continue;
      }
      note(`missed ${g.label}`, d.text.slice(g.start, g.end), `${d.name} MISSED ${g.label}: ${show(g)}`);
    }
  }
  for (const l of lines) console.log(l);
  console.log('\n## per class (count: most frequent strings)');
  for (const [cls, m] of [...byClass].sort((a, b) => a[0].localeCompare(b[0]))) {
    const n = [...m.values()].reduce((a, b) => a + b, 0);
    const top = [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([s, c]) => `${s}×${c}`)
      .join('; ');
    console.log(`${cls.padEnd(16)} ${String(n).padStart(4)}: ${top}`);
  }
}

main();
