import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import type { ContractDocument } from '../../server/src/cli/output';

/*
 * Place resolution against the hand-made sets in test/fixtures/places: for
 * every gold place mention, the mention with exactly its span in
 * `dossier analyze --json` must have its type, its place's country and,
 * where the gold gives one, its first-level division. A gold mention
 * without a predicted one counts as wrong on every score.
 */

const GoldPlace = z.object({
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  type: z.enum(['country', 'city', 'region', 'facility']),
  country: z.string().length(2),
  admin1: z.string().optional(),
});
const GoldSet = z.object({
  version: z.literal(1),
  set: z.string(),
  documents: z.array(z.object({ file: z.string(), places: z.array(GoldPlace) })),
});
export type GoldPlaceSet = z.infer<typeof GoldSet>;

export interface PlaceScore {
  set: string;
  documents: number;
  mentions: number;
  found: number;
  type: number;
  country: number;
  admin1: number;
  admin1Gold: number;
  errors: string[];
}

export function loadPlaceSet(dir: string, set: string): { gold: GoldPlaceSet; files: string[] } {
  const gold = GoldSet.parse(JSON.parse(fs.readFileSync(path.join(dir, `${set}.gold.json`), 'utf8')));
  return { gold, files: gold.documents.map((d) => path.join(dir, d.file)) };
}

/** Division names compared without accents, case and generic words ("Sindh Province" = "Sindh"). */
export function sameDivision(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/\b(?:province|governorate|region|state|district|department|oblast|community|of|the)\b/g, ' ')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return norm(a) === norm(b);
}

export function scorePlaces(gold: GoldPlaceSet, predicted: ContractDocument[]): PlaceScore {
  const s: PlaceScore = {
    set: gold.set,
    documents: gold.documents.length,
    mentions: 0,
    found: 0,
    type: 0,
    country: 0,
    admin1: 0,
    admin1Gold: 0,
    errors: [],
  };
  gold.documents.forEach((d, i) => {
    const bySpan = new Map(predicted[i].entities.map((e) => [`${e.start}:${e.end}`, e]));
    for (const g of d.places) {
      s.mentions++;
      if (g.admin1 !== undefined) s.admin1Gold++;
      const p = bySpan.get(`${g.start}:${g.end}`);
      const wrong: string[] = [];
      if (!p) wrong.push('no mention');
      else {
        s.found++;
        if (p.type === g.type) s.type++;
        else wrong.push(`type ${p.type}`);
        if (p.place?.country === g.country) s.country++;
        else wrong.push(`country ${p.place?.country ?? '—'}`);
        if (g.admin1 !== undefined) {
          if (p.place?.admin1 !== undefined && sameDivision(p.place.admin1, g.admin1)) s.admin1++;
          else wrong.push(`admin1 ${p.place?.admin1 ?? '—'}`);
        }
      }
      if (wrong.length)
        s.errors.push(`${d.file} ${g.text}@${g.start} (${g.type} ${g.country}${g.admin1 ? ` ${g.admin1}` : ''}): ${wrong.join(', ')}`);
    }
  });
  return s;
}

const pct = (n: number, d: number) => (d === 0 ? '—' : (n / d).toFixed(3));

export function formatPlaceScores(scores: PlaceScore[]): string {
  const lines = [
    '| set | documents | place mentions | found | type acc. | country acc. | admin1 acc. (where given) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of scores) {
    lines.push(
      `| ${s.set} | ${s.documents} | ${s.mentions} | ${pct(s.found, s.mentions)} | **${pct(s.type, s.mentions)}** | **${pct(s.country, s.mentions)}** | **${pct(s.admin1, s.admin1Gold)}** (${s.admin1Gold}) |`,
    );
  }
  return lines.join('\n');
}
