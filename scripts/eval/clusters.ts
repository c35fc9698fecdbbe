/*
 * B-cubed F1 of entity ids against the seeds gold, per document:
 *   pipeline: mentions found by the full pipeline whose span matches a gold
 *             mention exactly, compared by predicted vs gold id;
 *   gold:     gold mentions (span and type) fed straight into clusterMentions,
 *             so clustering is measured apart from detection.
 * Run: npx esbuild scripts/eval/clusters.ts --bundle --platform=node --outfile=/tmp/ce.js && node /tmp/ce.js
 * Reads ../shared/gold and ../shared/seeds relative to the working directory
 * (or DOSSIER_SHARED). Pass --verbose to list the errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { clusterMentions } from '../../server/src/analysis/entities/clusters';
import { resolveWorkspaceIds, type DocumentEntities } from '../../server/src/analysis/entities/crossDocument';
import type { RawMention } from '../../server/src/analysis/entities/rawMention';
import { Gazetteer, type GazetteerData } from '../../server/src/analysis/gazetteer';
import { loadTagger } from '../../server/src/analysis/ner/model';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import type { AnalysisResources } from '../../server/src/analysis/resources';
import type { EntityType } from '../../server/src/analysis/types';
import { engineData, loadResources, loadClaimModel } from '../../server/src/workspace/resources';

interface GoldEntity {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  id: string;
}

interface GoldFile {
  file: string;
  scoredRange: { start: number; end: number };
  entities: GoldEntity[];
}

export interface Score {
  p: number;
  r: number;
  n: number;
}

function findShared(): string {
  const candidates = [
    process.env.DOSSIER_SHARED,
    path.resolve('../shared'),
    path.resolve('shared'),
    path.resolve(__dirname, '../../../shared'),
  ];
  for (const c of candidates) {
    if (c && fs.existsSync(path.join(c, 'gold')) && fs.existsSync(path.join(c, 'seeds'))) return c;
  }
  console.error(
    'clusters eval: cannot find shared/gold and shared/seeds (looked in ../shared from the working directory; set DOSSIER_SHARED)',
  );
  process.exit(2);
}

function resources(): { res: AnalysisResources; note: string } {
  try {
    return { res: loadResources(), note: '' };
  } catch {
    // Bundled into /tmp, the loader cannot find dist/data from its own location; look from the working directory.
    for (const dir of [path.resolve('dist/data'), path.resolve('../main/dist/data')]) {
      const file = path.join(dir, 'gazetteer.json');
      const model = path.join(dir, 'ner-model.json');
      if (!fs.existsSync(file) || !fs.existsSync(model)) continue;
      const gazetteer = new Gazetteer(JSON.parse(fs.readFileSync(file, 'utf8')) as GazetteerData);
      return {
        res: { gazetteer, tagger: loadTagger(fs.readFileSync(model, 'utf8'), gazetteer), claims: loadClaimModel(), ...engineData() },
        note: ` (data from ${dir})`,
      };
    }
    console.error('clusters eval: dist/data/gazetteer.json or ner-model.json not found; run `npm run build` in the repository first');
    process.exit(2);
  }
}

/** B-cubed precision and recall summed over items (divide by n for averages). */
export function bcubed(pred: string[], gold: string[]): Score {
  const n = pred.length;
  const pc = new Map<string, number>();
  const gc = new Map<string, number>();
  const both = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    pc.set(pred[i], (pc.get(pred[i]) ?? 0) + 1);
    gc.set(gold[i], (gc.get(gold[i]) ?? 0) + 1);
    const k = `${pred[i]}\u0000${gold[i]}`;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    const inter = both.get(`${pred[i]}\u0000${gold[i]}`)!;
    p += inter / pc.get(pred[i])!;
    r += inter / gc.get(gold[i])!;
  }
  return { p, r, n };
}

export const f1 = (s: Score) => {
  const p = s.n ? s.p / s.n : 0;
  const r = s.n ? s.r / s.n : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};
const fmt = (s: Score) => {
  const { p, r, f } = f1(s);
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f.toFixed(3)} (n=${s.n})`;
};

function errors(pred: string[], gold: string[], texts: string[]): string[] {
  const out: string[] = [];
  const goldOf = new Map<string, Set<string>>();
  const predOf = new Map<string, Set<string>>();
  pred.forEach((p, i) => {
    (goldOf.get(p) ?? goldOf.set(p, new Set()).get(p)!).add(gold[i]);
    (predOf.get(gold[i]) ?? predOf.set(gold[i], new Set()).get(gold[i])!).add(p);
  });
  const show = (ids: Set<string>, own: string[]) =>
    [...ids]
      .map(
        (id) => `${id}{${[...new Set(own.map((x, i) => (x === id ? texts[i] : null)).filter((x): x is string => x !== null))].join('|')}}`,
      )
      .join(' + ');
  for (const [p, gs] of goldOf) if (gs.size > 1) out.push(`  merged  ${p}: ${show(gs, gold)}`);
  for (const [g, ps] of predOf) if (ps.size > 1) out.push(`  split   ${g}: ${show(ps, pred)}`);
  return out;
}

function main(): void {
  const shared = findShared();
  const verbose = process.argv.includes('--verbose');
  const { res, note } = resources();
  const goldDir = path.join(shared, 'gold');
  const files = fs
    .readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) {
    console.error(`clusters eval: no gold files in ${goldDir}`);
    process.exit(2);
  }
  const totals = { pipe: { p: 0, r: 0, n: 0 }, gold: { p: 0, r: 0, n: 0 } };
  const macro = { pipe: 0, gold: 0 };
  let goldMentions = 0;
  const workspace: DocumentEntities[] = [];
  const crossRows: Array<{ doc: string; local: string; gold: string; text: string }> = [];
  let bytes = 0;
  let ms = 0;
  console.log(`entity-id B-cubed on ${files.length} documents${note}`);
  for (const f of files) {
    const g = JSON.parse(fs.readFileSync(path.join(goldDir, f), 'utf8')) as GoldFile;
    const seed = path.join(shared, 'seeds', g.file);
    if (!fs.existsSync(seed)) {
      console.error(`clusters eval: seed ${seed} missing for ${f}`);
      process.exit(2);
    }
    const text = fs.readFileSync(seed, 'utf8');
    goldMentions += g.entities.length;

    const t0 = process.hrtime.bigint();
    const analysis = analyzeDocument(text, res);
    ms += Number(process.hrtime.bigint() - t0) / 1e6;
    bytes += Buffer.byteLength(text);
    const bySpan = new Map(analysis.mentions.map((m) => [`${m.start}:${m.end}`, m.id]));
    const pp: string[] = [];
    const pg: string[] = [];
    const pt: string[] = [];
    for (const e of g.entities) {
      const id = bySpan.get(`${e.start}:${e.end}`);
      if (id === undefined) continue;
      pp.push(id);
      pg.push(e.id);
      pt.push(e.text);
    }
    const pipe = bcubed(pp, pg);

    const raw: RawMention[] = g.entities.map((e) => ({ start: e.start, end: e.end, text: text.slice(e.start, e.end), type: e.type }));
    const { mentions, entities } = clusterMentions(raw, res, text);
    workspace.push({ doc: g.file, entities });
    mentions.forEach((m, i) =>
      crossRows.push({
        doc: g.file,
        local: m.id,
        gold: g.entities.find((e) => e.start === m.start && e.end === m.end)?.id ?? '?',
        text: raw[i].text,
      }),
    );
    const bySpanGold = new Map(mentions.map((m) => [`${m.start}:${m.end}`, m.id]));
    const gp = g.entities.map((e) => bySpanGold.get(`${e.start}:${e.end}`) ?? '?');
    const gg = g.entities.map((e) => e.id);
    const gold = bcubed(gp, gg);

    for (const k of ['p', 'r', 'n'] as const) {
      totals.pipe[k] += pipe[k];
      totals.gold[k] += gold[k];
    }
    macro.pipe += f1(pipe).f;
    macro.gold += f1(gold).f;
    console.log(`${g.file}\n  pipeline (exact-span matches ${pipe.n}/${g.entities.length}): ${fmt(pipe)}\n  gold mentions: ${fmt(gold)}`);
    if (verbose) {
      for (const line of errors(
        gp,
        gg,
        g.entities.map((e) => e.text),
      ))
        console.log(`  [gold]${line}`);
      for (const line of errors(pp, pg, pt)) console.log(`  [pipe]${line}`);
    }
  }
  const matched = totals.pipe.n;
  console.log('---');
  console.log(
    `pipeline      micro ${fmt(totals.pipe)}  macro F1 ${(macro.pipe / files.length).toFixed(3)}  span coverage ${matched}/${goldMentions}`,
  );
  console.log(`gold mentions micro ${fmt(totals.gold)}  macro F1 ${(macro.gold / files.length).toFixed(3)}`);
  // Gold ids are workspace-wide, so the same measure over all documents at once scores crossDocument.ts.
  const ws = resolveWorkspaceIds(workspace, res.aliases.nicknames);
  const wp = crossRows.map((r) => ws.get(r.doc)?.get(r.local) ?? r.local);
  const cross = bcubed(
    wp,
    crossRows.map((r) => r.gold),
  );
  const naive = bcubed(
    crossRows.map((r) => r.local),
    crossRows.map((r) => r.gold),
  );
  console.log(`cross-document (gold mentions, workspace ids) ${fmt(cross)}; local ids alone ${fmt(naive)}`);
  if (verbose)
    for (const line of errors(
      wp,
      crossRows.map((r) => r.gold),
      crossRows.map((r) => r.text),
    ))
      console.log(`  [cross]${line}`);
  console.log(
    `pipeline time ${ms.toFixed(0)} ms for ${(bytes / 1024).toFixed(0)} KiB (${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s, first run includes warm-up)`,
  );
}

if (require.main === module && /clusters[^/\\]*$/.test(process.argv[1] ?? '')) main();
