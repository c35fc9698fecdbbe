import { refIndex, refKind, refOf, slugify, type Gazetteer } from '../gazetteer';
import type { EntityType, ResolvedPlace } from '../types';
import { divisionAbbreviation } from './abbreviations';
import { BoundedCache } from '../boundedCache';

/*
 * The places a name can refer to, from the gazetteer's tables, in one shape:
 * countries, cities, first-level divisions and the other administrative
 * regions of country-region-data. A region that is a first-level division
 * is that division, so each place appears once among a name's candidates.
 */

export type ReferentKind = 'country' | 'city' | 'division' | 'region';

export interface Referent {
  /** Stable key of the place: kind and table index. */
  key: string;
  kind: ReferentKind;
  name: string;
  /** ISO 3166-1 alpha-2. */
  cc: string;
  /** Index of the first-level division it lies in (its own index for a division), or -1. */
  division: number;
  admin1?: string;
  lat?: number;
  lon?: number;
  population?: number;
  /** GeoNames feature code of a city (PPLC: capital, PPLA: seat of a first-level division). */
  feature?: string;
  /** Reached through a short form of the place's name ("Washington" for Washington, D.C.). */
  shortForm: boolean;
  /** Its weight before any evidence, once computed (score.ts). */
  prior?: number;
  /** Its map cell, once computed (score.ts). */
  cell?: number;
}

const caches = new WeakMap<Gazetteer, BoundedCache<Referent[]>>();

/** The distinct places a written name can refer to (none for an unknown name). */
export function candidatesOf(name: string, gazetteer: Gazetteer): Referent[] {
  let cache = caches.get(gazetteer);
  if (!cache) caches.set(gazetteer, (cache = new BoundedCache(20000)));
  return cache.get(name) ?? cache.remember(name, (own) => orNone(build(own, gazetteer)));
}

/** The shared empty list for none, so that a name without places costs no array of its own. */
export function orNone(found: Referent[]): Referent[] {
  return found.length === 0 ? NO_REFERENTS : found;
}

/**
 * The empty list of readings, shared (never mutated). Made of the same array kind as the lists with
 * readings: V8 gives an empty literal `[]` another hidden class than an array holding objects, and
 * the first empty list optimised code met made it bail out (resolvePlaces, again and again).
 */
export const NO_REFERENTS: Referent[] = objectArray();

function objectArray<T>(): T[] {
  const a: unknown[] = [null];
  a.pop(); // An array's element kind never narrows back: it stays an array of objects.
  return a as T[];
}

function build(name: string, gazetteer: Gazetteer): Referent[] {
  const out: Referent[] = [];
  const seen = new Set<string>();
  // "Ill.", "N.C.", "GA": an abbreviated division is that division.
  const abbr = divisionAbbreviation(name);
  if (!(abbr && abbr.length === name.length) && !gazetteer.knows(name)) return out;
  const refs = abbr && abbr.length === name.length ? gazetteer.candidateRefs(abbr.name) : gazetteer.candidateRefs(name);
  for (const ref of refs) {
    const r = referent(ref, gazetteer);
    if (!r || seen.has(r.key) || (abbr && abbr.length === name.length && (r.kind !== 'division' || r.cc !== abbr.cc))) continue;
    seen.add(r.key);
    out.push(r);
  }
  return out;
}

/**
 * A referent with every field present, in one order (undefined when unknown): scoring reads the
 * same fields of countries, cities and divisions alike, and one object shape keeps those reads
 * monomorphic, where four shapes and fields added later made the optimised code bail out on
 * new text again and again.
 */
function make(
  key: string,
  kind: ReferentKind,
  name: string,
  cc: string,
  division: number,
  admin1: string | undefined,
  lat: number | undefined,
  lon: number | undefined,
  population: number | undefined,
  feature: string | undefined,
  shortForm: boolean,
): Referent {
  return { key, kind, name, cc, division, admin1, lat, lon, population, feature, shortForm, prior: undefined, cell: undefined };
}

function referent(ref: number, gazetteer: Gazetteer): Referent | null {
  const data = gazetteer.data;
  const i = refIndex(ref);
  const divisionName = (d: number) => (d >= 0 ? data.divisions?.[d]?.[0] : undefined);
  switch (refKind(ref)) {
    case 'country': {
      const c = data.countries[i];
      return make(`c${i}`, 'country', c.name, c.cca2, -1, undefined, c.lat ?? undefined, c.lon ?? undefined, undefined, undefined, false);
    }
    case 'city':
    case 'city-alias': {
      const [name, cc, lat, lon, population, feature, div = -1] = gazetteer.city(i);
      return make(`t${i}`, 'city', name, cc, div, divisionName(div), lat, lon, population, feature, refKind(ref) === 'city-alias');
    }
    case 'division': {
      const d = data.divisions?.[i];
      if (!d) return null;
      return make(`d${i}`, 'division', d[0], d[1], i, d[0], d[2] ?? undefined, d[3] ?? undefined, undefined, undefined, false);
    }
    case 'region': {
      const [name, cc, div = -1] = data.regions[i];
      if (div >= 0) return referent(refOf('division', div), gazetteer);
      return make(`r${i}`, 'region', name, cc, -1, undefined, undefined, undefined, undefined, undefined, false);
    }
  }
}

/** The entity type a referent gives its mentions: divisions and other regions are regions. */
export function typeOfReferent(r: Referent): EntityType {
  return r.kind === 'country' ? 'country' : r.kind === 'city' ? 'city' : 'region';
}

/** Whether `inner` lies in `outer` (a country or a first-level division). */
export function liesIn(inner: Referent, outer: Referent): boolean {
  if (inner.key === outer.key) return false;
  if (outer.kind === 'country') return inner.cc === outer.cc && inner.kind !== 'country';
  if (outer.kind === 'division') return inner.kind !== 'division' && inner.division === outer.division && inner.cc === outer.cc;
  return false;
}

export function toResolved(r: Referent, alternatives: number): ResolvedPlace {
  const out: ResolvedPlace = { name: r.name, country: r.cc, alternatives };
  if (r.admin1 !== undefined) out.admin1 = r.admin1;
  if (r.lat !== undefined && r.lon !== undefined) {
    out.lat = r.lat;
    out.lon = r.lon;
  }
  if (r.population) out.population = r.population;
  return out;
}

/** Great-circle distance in kilometres, or Infinity when either point is unknown. */
export function distanceKm(a: Referent, b: Referent): number {
  if (a.lat === undefined || a.lon === undefined || b.lat === undefined || b.lon === undefined) return Infinity;
  const rad = Math.PI / 180;
  const dφ = (b.lat - a.lat) * rad;
  const dλ = (b.lon - a.lon) * rad;
  const h = Math.sin(dφ / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dλ / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Entity id of a resolved place. The reading a name has without any context (`usual`) keeps the id
 * clustering gave the name ("paris", "united-states"), so ids stay stable across documents; any other
 * reading is qualified by division or country ("paris-texas", "tripoli-lebanon").
 */
export function idFor(
  r: Referent,
  usual: Referent | undefined,
  currentId: string,
  name: string,
  gazetteer: Gazetteer,
  candidates: readonly Referent[],
): string {
  if (!usual || usual.key === r.key) return currentId;
  // Several places of the name in one country are told apart by division, others by country.
  const sameCountry = candidates.filter((c) => c.cc === r.cc).length;
  const country = gazetteer.country(r.cc)?.name ?? r.cc;
  const qualifier = r.kind !== 'division' && sameCountry > 1 && r.admin1 ? r.admin1 : country;
  return `${slugify(name) || 'place'}-${slugify(qualifier)}`;
}
