import type { PlaceIdentity } from '../../analysis/entities/crossDocument';
import type { DocumentAnalysis, EntityKind, EntityType, Section } from '../../analysis/types';
import type { Positions } from './linePositions';

/*
 * What stays in memory for every indexed document, and the first part of its
 * shard: the little that workspace-wide answers read when they walk all
 * documents (workspace symbols, the sidebar's summary, the registry's keys).
 * Everything else (mentions, descriptions, claim texts, structure, the text)
 * is read back from the shard when a feature asks for that document.
 */

export interface SummaryEntity {
  id: string;
  canonical: string;
  kind: EntityKind;
  type: EntityType;
  aliases: string[];
  /** How many mentions the entity has in this document. */
  n: number;
  /** The first mention's range as the editor sees it: start line, character, end line, character. */
  first: [number, number, number, number];
  /** The place a place name was resolved to (what the registry needs to keep two Parises apart). */
  place?: PlaceIdentity;
}

export interface SummaryClaim {
  /** The document-local id of the resolved speaker, or null. */
  speaker: string | null;
  /** The source as written, or null. */
  source: string | null;
  /** The detector's confidence, when it gave one (the editor's thresholds read it). */
  score?: number;
  section: Section;
  /**
   * Where the claim is and what it says, for claims with a resolved speaker
   * only: the workspace aggregates list a speaker's first claims in hovers
   * without reading the document back.
   */
  shown?: ClaimGlimpse;
}

export interface ClaimGlimpse {
  start: number;
  /** 0-based line of `start`. */
  line: number;
  cue: string | null;
  /** The claim's text, cut to GLIMPSE_TEXT characters. */
  text: string;
}

/** Longest claim text a summary keeps: the hover shows 140 characters. */
export const GLIMPSE_TEXT = 160;

export interface DocumentSummary {
  length: number;
  entities: SummaryEntity[];
  /** One per claim of the analysis, in the same order. */
  claims: SummaryClaim[];
}

/*
 * On disk a summary is rows of arrays, not objects: a shard's summary is read
 * for every document at start, and parsing and checking 10,000 of them has
 * to take a few seconds at most, which objects with repeated keys and a
 * schema library do not.
 *   entity: [id, canonical, kind, type, n, startLine, startChar, endLine, endChar, place ([name, country, admin1 or 0]) or 0, ...aliases (0 for the canonical name)]
 *   claim:  [speaker or 0, source or 0, score or -1, 1 in comments else 0, (start, line, cue or 0, text) when there is a speaker]
 */
type PlaceRow = [string, string, string | 0];
type EntityRow = [string, string, EntityKind, EntityType, number, number, number, number, number, PlaceRow | 0, ...Array<string | 0>];
type ClaimRow = [string | 0, string | 0, number, 0 | 1, ...Array<string | number>];

export function encodeSummary(s: DocumentSummary): string {
  const entities: EntityRow[] = s.entities.map((e) => [
    e.id,
    e.canonical,
    e.kind,
    e.type,
    e.n,
    ...e.first,
    e.place ? [e.place.name, e.place.country, e.place.admin1 ?? 0] : 0,
    ...e.aliases.map((a) => (a === e.canonical ? 0 : a)),
  ]);
  const claims: ClaimRow[] = s.claims.map((c) => {
    const row: ClaimRow = [c.speaker ?? 0, c.source ?? 0, c.score ?? -1, c.section === 'comments' ? 1 : 0];
    if (c.shown) row.push(c.shown.start, c.shown.line, c.shown.cue ?? 0, c.shown.text);
    return row;
  });
  return JSON.stringify([s.length, entities, claims]);
}

const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStr = (v: unknown): v is string => typeof v === 'string';

/**
 * One copy of each name and alias list for all the summaries read: the same
 * names recur across thousands of documents, and a summary in memory is
 * mostly names.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, string[]>();
  private readonly byId = new Map<string, EntityNames[]>();
  private readonly places = new Map<string, PlaceIdentity>();

  string(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /**
   * The pooled names of an entity row: its id, canonical name, kind, type,
   * place and aliases (row[from...], 0 for the canonical name), or undefined
   * when an alias is neither. Found by the id alone when a row with the same
   * names was read before (most are: the same entities recur in thousands of
   * documents), instead of pooling each name and joining the aliases.
   */
  names(
    id: string,
    canonical: string,
    kind: EntityKind,
    type: string,
    place: PlaceIdentity | undefined,
    row: readonly unknown[],
    from: number,
  ): EntityNames | undefined {
    let known = this.byId.get(id);
    if (known) {
      for (const n of known) {
        if (
          n.canonical === canonical &&
          n.kind === kind &&
          n.type === type &&
          samePlace(n.place, place) &&
          sameRow(n.aliases, canonical, row, from)
        )
          return n;
      }
    }
    const aliases: string[] = [];
    for (let i = from; i < row.length; i++) {
      const a = row[i];
      if (a === 0) aliases.push(canonical);
      else if (typeof a === 'string') aliases.push(a);
      else return undefined;
    }
    const names = this.record(id, canonical, kind, type, place, this.list(aliases));
    if (!known) this.byId.set(names.id, (known = []));
    // A few spellings per id are remembered (an id is a name's key): past them, rows are pooled name by name.
    if (known.length < NAMES_PER_ID) known.push(names);
    return names;
  }

  /** The pooled names of an entity already made (an analysis thread's summary, a fresh analysis). */
  namesOf(e: Omit<SummaryEntity, 'n' | 'first'>): EntityNames {
    const known = this.byId.get(e.id);
    if (known) {
      for (const n of known) {
        if (
          n.canonical === e.canonical &&
          n.kind === e.kind &&
          n.type === e.type &&
          samePlace(n.place, e.place) &&
          sameItems(n.aliases, e.aliases)
        )
          return n;
      }
    }
    const names = this.record(e.id, e.canonical, e.kind, e.type, e.place, this.list(e.aliases));
    if (!known) this.byId.set(names.id, [names]);
    else if (known.length < NAMES_PER_ID) known.push(names);
    return names;
  }

  private record(
    id: string,
    canonical: string,
    kind: EntityKind,
    type: string,
    place: PlaceIdentity | undefined,
    aliases: string[],
  ): EntityNames {
    return {
      id: this.string(id),
      canonical: this.string(canonical),
      // The literals, not the copies: they are the same two strings everywhere.
      kind: kind === 'actor' ? 'actor' : 'place',
      type: this.string(type) as EntityType,
      aliases,
      place: place && this.place(place),
    };
  }

  /** One object per place identity (a place name resolved in thousands of documents). */
  place(p: PlaceIdentity): PlaceIdentity {
    const key = `${p.name}\u0001${p.country}\u0001${p.admin1 ?? ''}`;
    let known = this.places.get(key);
    if (!known || !samePlace(known, p)) {
      known = { name: this.string(p.name), country: this.string(p.country) };
      if (p.admin1 !== undefined) known.admin1 = this.string(p.admin1);
      this.places.set(key, known);
    }
    return known;
  }

  /** A shared, never changed list equal to `items`. */
  list(items: string[]): string[] {
    // Joined, not JSON: a warm start pools half a million lists. Checked item by item, so no join can mistake one list for another.
    const key = items.length === 1 ? items[0] : items.join('\u0001');
    const known = this.lists.get(key);
    if (known && sameItems(known, items)) return known;
    const list = items.map((i) => this.string(i));
    this.lists.set(key, list);
    return list;
  }
}

/** Names of an entity as the pool shares them: one record for every document that has the same entity. */
export interface EntityNames {
  id: string;
  canonical: string;
  kind: EntityKind;
  type: EntityType;
  aliases: string[];
  place: PlaceIdentity | undefined;
}

/**
 * A summary's entity in memory: the pooled names and what is the
 * document's own (count, first mention) as small integers in the object
 * itself. A warm start holds 880,000 of them; as plain objects with a
 * `first` array and a place object each they were a third of its heap and
 * of what the collector walked again at every full collection.
 */
export class PooledEntity implements SummaryEntity {
  constructor(
    readonly names: EntityNames,
    readonly n: number,
    readonly l1: number,
    readonly c1: number,
    readonly l2: number,
    readonly c2: number,
  ) {}
  get id(): string {
    return this.names.id;
  }
  get canonical(): string {
    return this.names.canonical;
  }
  get kind(): EntityKind {
    return this.names.kind;
  }
  get type(): EntityType {
    return this.names.type;
  }
  get aliases(): string[] {
    return this.names.aliases;
  }
  get place(): PlaceIdentity | undefined {
    return this.names.place;
  }
  /** A new tuple at each read: callers that only want the line read firstLine. */
  get first(): [number, number, number, number] {
    return [this.l1, this.c1, this.l2, this.c2];
  }
  get firstLine(): number {
    return this.l1;
  }
  get firstCharacter(): number {
    return this.c1;
  }
}

const samePlace = (a: PlaceIdentity | undefined, b: PlaceIdentity | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.name === b.name && a.country === b.country && a.admin1 === b.admin1);

/** A summary as plain objects (tests compare summaries field by field; pooled entities are class instances). */
export function plainSummary(s: DocumentSummary): DocumentSummary {
  return {
    length: s.length,
    entities: s.entities.map((e) => {
      const plain: SummaryEntity = {
        id: e.id,
        canonical: e.canonical,
        kind: e.kind,
        type: e.type,
        aliases: [...e.aliases],
        n: e.n,
        first: [...e.first],
      };
      if (e.place) plain.place = e.place.admin1 === undefined ? { name: e.place.name, country: e.place.country } : { ...e.place };
      return plain;
    }),
    claims: s.claims.map((c) => {
      const plain: SummaryClaim = { speaker: c.speaker, source: c.source, section: c.section };
      if (c.score !== undefined) plain.score = c.score;
      if (c.shown) plain.shown = { ...c.shown };
      return plain;
    }),
  };
}

const NAMES_PER_ID = 8;

/** Whether the aliases of a row (from `from` on, 0 for the canonical name) are `aliases`. */
function sameRow(aliases: readonly string[], canonical: string, row: readonly unknown[], from: number): boolean {
  if (aliases.length !== row.length - from) return false;
  for (let i = 0; i < aliases.length; i++) {
    const a = row[from + i];
    if ((a === 0 ? canonical : a) !== aliases[i]) return false;
  }
  return true;
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The summary a shard holds, checked field by field; undefined when anything is off. */
export function decodeSummary(json: string, pool = new StringPool()): DocumentSummary | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  return decodeSummaryData(data, pool);
}

/** As decodeSummary, from the JSON already parsed (a row of the workspace manifest holds the summary's array). */
export function decodeSummaryData(data: unknown, pool = new StringPool()): DocumentSummary | undefined {
  if (!Array.isArray(data) || data.length !== 3 || !isNat(data[0]) || !Array.isArray(data[1]) || !Array.isArray(data[2])) return undefined;
  const entities: SummaryEntity[] = [];
  for (const row of data[1] as unknown[]) {
    if (!Array.isArray(row) || row.length < 10) return undefined;
    const [id, canonical, kind, type, n, l1, c1, l2, c2] = row as unknown[];
    if (!isStr(id) || !isStr(canonical) || (kind !== 'actor' && kind !== 'place') || !isStr(type)) return undefined;
    if (!isNat(n) || !isNat(l1) || !isNat(c1) || !isNat(l2) || !isNat(c2)) return undefined;
    const placeRow: unknown = row[9];
    let place: PlaceIdentity | undefined;
    if (placeRow !== 0) {
      if (!Array.isArray(placeRow) || placeRow.length !== 3) return undefined;
      const [name, country, admin1] = placeRow as unknown[];
      if (!isStr(name) || !isStr(country) || (admin1 !== 0 && !isStr(admin1))) return undefined;
      place = admin1 === 0 ? { name, country } : { name, country, admin1 };
    }
    // Types are the engine's: a shard from another engine never gets this far (its version differs).
    const names = pool.names(id, canonical, kind, type, place, row as unknown[], 10);
    if (!names) return undefined;
    entities.push(new PooledEntity(names, n, l1, c1, l2, c2));
  }
  const claims: SummaryClaim[] = [];
  for (const row of data[2] as unknown[]) {
    if (!Array.isArray(row) || (row.length !== 4 && row.length !== 8)) return undefined;
    const [speaker, source, score, comments, start, line, cue, text] = row as unknown[];
    if ((speaker !== 0 && !isStr(speaker)) || (source !== 0 && !isStr(source))) return undefined;
    if (typeof score !== 'number' || !(score === -1 || (score >= 0 && score <= 1)) || (comments !== 0 && comments !== 1)) return undefined;
    const claim: SummaryClaim = {
      speaker: speaker === 0 ? null : pool.string(speaker),
      source: source === 0 ? null : pool.string(source),
      section: comments === 1 ? 'comments' : 'article',
    };
    if (score !== -1) claim.score = score;
    if (row.length === 8) {
      if (!isNat(start) || !isNat(line) || (cue !== 0 && !isStr(cue)) || !isStr(text)) return undefined;
      claim.shown = { start, line, cue: cue === 0 ? null : pool.string(cue), text };
    }
    claims.push(claim);
  }
  return { length: data[0], entities, claims };
}

/**
 * The summary with its names, types and alias lists from the pool: a summary
 * made by an analysis thread arrives with its own copy of every string
 * (structured clone), and 10,000 copies of "Iraq" or "organization" are most
 * of what a cold index holds in memory. Claim texts are kept as they are
 * (they rarely recur). Entities become PooledEntity records over shared names.
 */
export function internSummary(s: DocumentSummary, pool: StringPool): DocumentSummary {
  return {
    length: s.length,
    entities: s.entities.map((e) => new PooledEntity(pool.namesOf(e), e.n, e.first[0], e.first[1], e.first[2], e.first[3])),
    claims: s.claims.map((c) => {
      const claim: SummaryClaim = {
        speaker: c.speaker === null ? null : pool.string(c.speaker),
        source: c.source === null ? null : pool.string(c.source),
        section: c.section === 'comments' ? 'comments' : 'article',
      };
      if (c.score !== undefined) claim.score = c.score;
      if (c.shown) claim.shown = { ...c.shown, cue: c.shown.cue === null ? null : pool.string(c.shown.cue) };
      return claim;
    }),
  };
}

/** The summary of an analysis of a document (its positions are the document's). */
export function summarize(analysis: DocumentAnalysis, document: Positions): DocumentSummary {
  return {
    length: analysis.length,
    entities: analysis.entities.map((e) => {
      const m = analysis.mentions[e.mentions[0]] as { start: number; end: number } | undefined;
      const s = document.positionAt(m?.start ?? 0);
      const t = document.positionAt(m?.end ?? 0);
      const entity: SummaryEntity = {
        id: e.id,
        canonical: e.canonical,
        kind: e.kind,
        type: e.type,
        aliases: [...e.aliases],
        n: e.mentions.length,
        first: [s.line, s.character, t.line, t.character],
      };
      if (e.place)
        entity.place =
          e.place.admin1 === undefined
            ? { name: e.place.name, country: e.place.country }
            : { name: e.place.name, country: e.place.country, admin1: e.place.admin1 };
      return entity;
    }),
    claims: analysis.claims.map((c) => {
      const claim: SummaryClaim = { speaker: c.speaker, source: c.source?.text ?? null, section: c.section };
      if (typeof c.score === 'number' && Number.isFinite(c.score)) claim.score = c.score;
      if (c.speaker) {
        const line = document.positionAt(c.start).line;
        claim.shown = { start: c.start, line, cue: c.cue?.text ?? null, text: c.text.slice(0, GLIMPSE_TEXT) };
      }
      return claim;
    }),
  };
}

/** What the cross-document registry reads of an entity, from a summary. */
export function registryEntities(summary: DocumentSummary): Array<Omit<SummaryEntity, 'n' | 'first'> & { mentions: { length: number } }> {
  return summary.entities.map((e) => ({
    id: e.id,
    canonical: e.canonical,
    kind: e.kind,
    type: e.type,
    aliases: e.aliases,
    mentions: { length: e.n },
    ...(e.place ? { place: e.place } : {}),
  }));
}
