import type { PlaceIdentity } from '../../analysis/entities/crossDocument';
import {
  decodeClaims,
  PooledEntity,
  type DocumentSummary,
  type EntityNames,
  type StringPool,
  type SummaryClaim,
  type SummaryEntity,
} from './summary';

/*
 * A summary as an analysis thread sends it to the server's thread: the JSON
 * the shard and the workspace manifest hold (encodeSummary's, byte for byte),
 * and beside it what the server files without parsing that JSON. Parsing it
 * was the largest part of filing a new document (a row array and a dozen
 * strings per entity, most of them names the pool already holds): here each
 * entity is one string of its names, looked up whole in the pool, and its
 * count and first mention are numbers in one typed array.
 */

export interface SummaryParts {
  /** encodeSummary's JSON. */
  json: string;
  /** Per entity, the JSON of its names: [id, canonical, kind, type, place or 0, ...aliases (0 for the canonical name)]. */
  names: string[];
  /** Per entity: mentions, start line, start character, end line, end character. */
  counts: Int32Array;
  /** Where the claims' array starts in `json` (it ends one character before the end). */
  claimsAt: number;
}

/** Numbers per entity in SummaryParts.counts. */
const COUNTS = 5;

/** The parts of a summary; their json is encodeSummary's (summaryParts.test.ts compares them). */
export function summaryParts(s: DocumentSummary): SummaryParts {
  const names: string[] = [];
  const rows: string[] = [];
  const counts = new Int32Array(s.entities.length * COUNTS);
  s.entities.forEach((e, i) => {
    // The entity's row is its names with the numbers after the type: both are cut from two strings made once.
    const head = JSON.stringify([e.id, e.canonical, e.kind, e.type]).slice(0, -1);
    const tail = JSON.stringify([
      e.place ? [e.place.name, e.place.country, e.place.admin1 ?? 0] : 0,
      ...e.aliases.map((a) => (a === e.canonical ? 0 : a)),
    ]).slice(1);
    names.push(`${head},${tail}`);
    const [l1, c1, l2, c2] = e.first;
    rows.push(`${head},${e.n},${l1},${c1},${l2},${c2},${tail}`);
    counts.set([e.n, l1, c1, l2, c2], i * COUNTS);
  });
  const head = `[${JSON.stringify(s.length)},[${rows.join(',')}],`;
  return { json: `${head}${encodeClaims(s.claims)}]`, names, counts, claimsAt: head.length };
}

function encodeClaims(claims: readonly SummaryClaim[]): string {
  return JSON.stringify(
    claims.map((c) => {
      const row: Array<string | number> = [c.speaker ?? 0, c.source ?? 0, c.score ?? -1, c.section === 'comments' ? 1 : 0];
      if (c.shown) row.push(c.shown.start, c.shown.line, c.shown.cue ?? 0, c.shown.text);
      return row;
    }),
  );
}

/** The summary the parts stand for, its names from the pool; undefined when anything is off (as decodeSummary). */
export function decodeSummaryParts(parts: SummaryParts, pool: StringPool): DocumentSummary | undefined {
  const { names, counts } = parts;
  if (counts.length !== names.length * COUNTS) return undefined;
  const entities: SummaryEntity[] = new Array<SummaryEntity>(names.length);
  for (let i = 0; i < names.length; i++) {
    const pooled = pool.namesOfJson(names[i]) ?? pool.remember(names[i], namesFromJson(names[i], pool));
    if (!pooled) return undefined;
    const at = i * COUNTS;
    if (counts[at] < 0 || counts[at + 1] < 0 || counts[at + 2] < 0 || counts[at + 3] < 0 || counts[at + 4] < 0) return undefined;
    entities[i] = new PooledEntity(pooled, counts[at], counts[at + 1], counts[at + 2], counts[at + 3], counts[at + 4]);
  }
  const length = Number(parts.json.slice(1, parts.json.indexOf(',')));
  if (!Number.isInteger(length) || length < 0) return undefined;
  let claimRows: unknown;
  try {
    claimRows = JSON.parse(parts.json.slice(parts.claimsAt, -1));
  } catch {
    return undefined;
  }
  const claims = decodeClaims(claimRows, pool);
  return claims && { length, entities, claims };
}

/** The pooled names of one entity's names JSON (a name the pool has not seen under this string). */
function namesFromJson(json: string, pool: StringPool): EntityNames | undefined {
  let row: unknown;
  try {
    row = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(row) || row.length < 5) return undefined;
  const [id, canonical, kind, type, placeRow] = row as unknown[];
  if (typeof id !== 'string' || typeof canonical !== 'string' || (kind !== 'actor' && kind !== 'place') || typeof type !== 'string')
    return undefined;
  let place: PlaceIdentity | undefined;
  if (placeRow !== 0) {
    if (!Array.isArray(placeRow) || placeRow.length !== 3) return undefined;
    const [name, country, admin1] = placeRow as unknown[];
    if (typeof name !== 'string' || typeof country !== 'string' || (admin1 !== 0 && typeof admin1 !== 'string')) return undefined;
    place = admin1 === 0 ? { name, country } : { name, country, admin1 };
  }
  return pool.names(id, canonical, kind, type, place, row as unknown[], 5);
}
