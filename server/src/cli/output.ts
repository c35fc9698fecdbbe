import type { DocumentAnalysis, EntityKind, EntityType, ResolvedPlace, TextSpan } from '../analysis/types';
import type { ReadResult } from '../workspace/readDocument';
import { printable } from '../../../common/printable';

/** One document in the `dossier analyze --json` contract (version 1). */
export interface ContractDocument {
  file: string;
  entities: ContractEntity[];
  claims: ContractClaim[];
}

export interface ContractEntity {
  start: number;
  end: number;
  text: string;
  kind: EntityKind;
  type: EntityType;
  id: string;
  /** The place a place mention refers to (optional in version 1: absent for actors and unresolved places). */
  place?: ContractPlace;
}

export interface ContractPlace {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** First-level division (US state, province, governorate), where known. */
  admin1?: string;
  lat?: number;
  lon?: number;
  population?: number;
}

export interface ContractClaim {
  start: number;
  end: number;
  text: string;
  cue: TextSpan | null;
  source: TextSpan | null;
  speaker: string | null;
  /** The model's confidence, 0..1 (optional in version 1: absent from older output). */
  score?: number;
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

/** The resolved place of each place entity of a document, by entity id. */
export function contractPlaces(a: DocumentAnalysis): ReadonlyMap<string, ContractPlace> {
  const places = new Map<string, ContractPlace>();
  for (const e of a.entities) if (e.kind === 'place' && e.place) places.set(e.id, contractPlace(e.place));
  return places;
}

export function contractEntity(m: DocumentAnalysis['mentions'][number], places: ReadonlyMap<string, ContractPlace>): ContractEntity {
  const out: ContractEntity = { start: m.start, end: m.end, text: m.text, kind: m.kind, type: m.type, id: m.id };
  // Set after the others (not spread in from a temporary object): the JSON's key order stays the same.
  const place = m.kind === 'place' ? places.get(m.id) : undefined;
  if (place) out.place = place;
  return out;
}

export const contractClaim = (c: DocumentAnalysis['claims'][number]): ContractClaim => {
  const out: ContractClaim = { start: c.start, end: c.end, text: c.text, cue: span(c.cue), source: span(c.source), speaker: c.speaker };
  if (c.score !== undefined) out.score = Math.round(c.score * 1000) / 1000;
  return out;
};

export function toContract(file: string, a: DocumentAnalysis): ContractDocument {
  const places = contractPlaces(a);
  return { file, entities: a.mentions.map((m) => contractEntity(m, places)), claims: a.claims.map(contractClaim) };
}

/** One line of the readable summary: whitespace runs (tab, newline) become one space, controls are shown, not obeyed. */
const inline = (s: string): string => printable(s.replace(/\s+/g, ' '));

/** The readable summary printed without --json, line by line, so that a huge document never needs one huge string. */
export function* summaryLines(file: string, a: DocumentAnalysis): Generator<string> {
  yield inline(file);
  const actors = a.entities.filter((e) => e.kind === 'actor');
  const places = a.entities.filter((e) => e.kind === 'place');
  const list = (es: typeof actors) =>
    [...es]
      .sort((x, y) => y.mentions.length - x.mentions.length)
      .map((e) => `${inline(e.canonical)} (${e.type}, ${e.mentions.length}×)`)
      .join(', ');
  yield `  actors (${actors.length}): ${list(actors) || '—'}`;
  yield `  places (${places.length}): ${list(places) || '—'}`;
  yield `  claims (${a.claims.length}):`;
  for (const c of a.claims) {
    const who = inline(c.speaker ?? c.source?.text ?? 'unattributed');
    const text = c.text.replace(/\s+/g, ' ');
    const shown = inline(text.length > 100 ? text.slice(0, 99) + '…' : text);
    const score = c.score !== undefined ? ` (${c.score.toFixed(2)})` : '';
    yield `    ${who} ${c.cue ? inline(c.cue.text) : '—'}${score}: ${shown}${c.section === 'comments' ? ' [comment]' : ''}`;
  }
}

/** The readable summary as one string (for small documents and tests). */
export function summary(file: string, a: DocumentAnalysis): string {
  return [...summaryLines(file, a)].join('\n');
}

/**
 * The engine's warnings about a document (for example that it was analysed in
 * part), when the analysis carries any. Read structurally so that the CLI
 * works with engines that do and do not report them.
 */
export function analysisWarnings(a: DocumentAnalysis): string[] {
  const warnings: unknown = (a as { warnings?: unknown }).warnings;
  if (!Array.isArray(warnings)) return [];
  const out: string[] = [];
  for (const w of warnings as unknown[]) {
    if (typeof w === 'string') out.push(w);
    else if (w && typeof w === 'object' && typeof (w as { message?: unknown }).message === 'string')
      out.push((w as { message: string }).message);
  }
  return out;
}

/** The warning for a document whose bytes were not all valid in its encoding, if any. */
export function decodeWarning(read: ReadResult): string | null {
  if (!read.ok || !read.invalidUtf8) return null;
  const encoding = read.encoding === 'utf-16le' ? 'UTF-16LE' : read.encoding === 'utf-16be' ? 'UTF-16BE' : 'UTF-8';
  return `warning: not valid ${encoding}, invalid bytes replaced`;
}
