import type { DocumentAnalysis, EntityKind, EntityType, ResolvedPlace, TextSpan } from './analysis/types';

/** The place a place mention refers to (optional in version 1: absent for actors and unknown places). */
export interface ContractPlace {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** First-level division (US state, province, governorate), where known. */
  admin1?: string;
  lat?: number;
  lon?: number;
  population?: number;
}

/** One document in the `dossier analyze --json` contract (version 1). */
export interface ContractDocument {
  file: string;
  entities: Array<{ start: number; end: number; text: string; kind: EntityKind; type: EntityType; id: string; place?: ContractPlace }>;
  claims: Array<{
    start: number;
    end: number;
    text: string;
    cue: TextSpan | null;
    source: TextSpan | null;
    speaker: string | null;
  }>;
}

const span = (s: TextSpan | null): TextSpan | null => (s ? { start: s.start, end: s.end, text: s.text } : null);

function contractPlace(p: ResolvedPlace): ContractPlace {
  const out: ContractPlace = { country: p.country };
  if (p.admin1 !== undefined) out.admin1 = p.admin1;
  if (p.lat !== undefined && p.lon !== undefined) {
    out.lat = p.lat;
    out.lon = p.lon;
  }
  if (p.population !== undefined) out.population = p.population;
  return out;
}

export function toContract(file: string, a: DocumentAnalysis): ContractDocument {
  const places = new Map<string, ContractPlace>();
  for (const e of a.entities) if (e.kind === 'place' && e.place) places.set(e.id, contractPlace(e.place));
  return {
    file,
    entities: a.mentions.map((m) => {
      const place = m.kind === 'place' ? places.get(m.id) : undefined;
      return { start: m.start, end: m.end, text: m.text, kind: m.kind, type: m.type, id: m.id, ...(place ? { place } : {}) };
    }),
    claims: a.claims.map((c) => ({ start: c.start, end: c.end, text: c.text, cue: span(c.cue), source: span(c.source), speaker: c.speaker })),
  };
}

/** The readable summary printed without --json. */
export function summary(file: string, a: DocumentAnalysis): string {
  const lines = [`${file}`];
  const actors = a.entities.filter((e) => e.kind === 'actor');
  const places = a.entities.filter((e) => e.kind === 'place');
  const list = (es: typeof actors) =>
    es
      .sort((x, y) => y.mentions.length - x.mentions.length)
      .map((e) => `${e.canonical} (${e.type}, ${e.mentions.length}×)`)
      .join(', ');
  lines.push(`  actors (${actors.length}): ${list(actors) || '—'}`);
  lines.push(`  places (${places.length}): ${list(places) || '—'}`);
  lines.push(`  claims (${a.claims.length}):`);
  for (const c of a.claims) {
    const who = c.speaker ?? c.source?.text ?? 'unattributed';
    const text = c.text.replace(/\s+/g, ' ');
    lines.push(`    ${who} ${c.cue?.text ?? '—'}: ${text.length > 100 ? text.slice(0, 99) + '…' : text}${c.section === 'comments' ? ' [comment]' : ''}`);
  }
  return lines.join('\n');
}
