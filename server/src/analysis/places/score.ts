import type { Gazetteer } from '../gazetteer';
import type { Referent } from './referents';

/*
 * How well one reading of a place name fits the document. The scale is
 * log-population: a city of a million starts at 9, a city of 100,000 at
 * 7.5, a first-level division at 7.8, a country at 10.1 (and a country's
 * name never means a town unless the text says so: see resolve.ts).
 * Evidence adds to that: the document's other
 * places and demonyms in the same country or division, its places nearby,
 * bordering countries, and the dateline's place. Population alone decides
 * only between readings nothing else tells apart.
 */

export interface Evidence {
  /** The dateline's place, when the name being scored is not the dateline itself. */
  home?: Referent;
  /** The places listed with this one ("Georgia and Ukraine"). */
  partners?: readonly Referent[];
  /** The name is also a country's ("Georgia"). */
  countryNamesake?: boolean;
}

const W = {
  country: 10.1,
  division: 7.8,
  region: 6.5,
  /** Per tenfold population: a careful reader needs more than a little context to prefer a town to a city. */
  population: 1.5,
  capital: 0.7,
  seat: 0.3,
  shortForm: 0.3,
  sameCountry: 1.6,
  sameDivision: 1.4,
  siblingDivision: 0.8,
  near: 0.6,
  border: 0.6,
  homeCountry: 1.5,
  homeDivision: 1.2,
  listKind: 2.5,
  listCountry: 0.8,
};
/** Counts of context past this add nothing: a long document is not more certain than a short one. */
const CAP = 4;

/** The reading's weight before any evidence; referents are shared between documents, and so is this. */
export function prior(r: Referent): number {
  return (r.prior ??= priorOf(r));
}

function priorOf(r: Referent): number {
  switch (r.kind) {
    case 'country':
      return W.country;
    case 'division':
      return W.division;
    case 'region':
      return W.region;
    case 'city': {
      let p = W.population * Math.log10(Math.max(r.population ?? 0, 1000));
      if (r.feature === 'PPLC') p += W.capital;
      else if (r.feature === 'PPLA') p += W.seat;
      if (r.shortForm) p -= W.shortForm;
      return p;
    }
  }
}

const CELL = 2;
const cellKey = (lat: number, lon: number) => (Math.floor(lat / CELL) + 100) * 1000 + Math.floor(lon / CELL) + 200;

/**
 * The places chosen so far and the demonyms, counted by country, division and map cell. Scoring asks
 * far more often than places are added: the counts of the cells around each cell and of the countries
 * bordering each country are kept up to date on add, so that each question is one look-up.
 */
export class PlaceContext {
  private readonly countries = new Map<string, number>();
  /** By division index (unique across countries). */
  private readonly divisions = new Map<number, number>();
  /** Places in the 3 × 3 cells around each cell. */
  private readonly around = new Map<number, number>();
  /** Places in the countries bordering each country. */
  private readonly borderingCounts = new Map<string, number>();

  constructor(private readonly gazetteer: Gazetteer) {}

  addCountry(cc: string, n = 1): void {
    this.bumpCountry(cc, n);
  }

  add(r: Referent): void {
    this.change(r, 1);
  }

  remove(r: Referent): void {
    this.change(r, -1);
  }

  private bumpCountry(cc: string, n: number): void {
    bump(this.countries, cc, n);
    for (const x of borderedBy(this.gazetteer, cc)) bump(this.borderingCounts, x, n);
  }

  private change(r: Referent, n: number): void {
    this.bumpCountry(r.cc, n);
    if (r.division >= 0) bump(this.divisions, r.division, n);
    // A country's centre says nothing about where in it the text is.
    if (r.kind !== 'country' && r.lat !== undefined && r.lon !== undefined) {
      const la = Math.floor(r.lat / CELL) + 100;
      const lo = Math.floor(r.lon / CELL) + 200;
      for (let a = la - 1; a <= la + 1; a++) for (let b = lo - 1; b <= lo + 1; b++) bump(this.around, a * 1000 + b, n);
    }
  }

  inCountry(cc: string): number {
    return this.countries.get(cc) ?? 0;
  }

  inDivision(r: Referent): number {
    return r.division >= 0 ? (this.divisions.get(r.division) ?? 0) : 0;
  }

  /** Places in the map cells around a point (a few hundred kilometres). */
  near(r: Referent): number {
    if (r.kind === 'country' || r.lat === undefined || r.lon === undefined) return 0;
    return this.around.get((r.cell ??= cellKey(r.lat, r.lon))) ?? 0;
  }

  bordering(cc: string): number {
    return this.borderingCounts.get(cc) ?? 0;
  }
}

const borderIndexes = new WeakMap<Gazetteer, Map<string, string[]>>();

/** The countries that list `cc` among their borders (each as often as it lists it). */
function borderedBy(gazetteer: Gazetteer, cc: string): readonly string[] {
  let index = borderIndexes.get(gazetteer);
  if (!index) {
    index = new Map();
    for (const code of new Set(gazetteer.data.countries.map((c) => c.cca2)))
      for (const b of gazetteer.borders(code)) {
        const list = index.get(b);
        if (list) list.push(code);
        else index.set(b, [code]);
      }
    borderIndexes.set(gazetteer, index);
  }
  return index.get(cc) ?? NO_COUNTRIES;
}

const NO_COUNTRIES: readonly string[] = [];

function bump<K>(map: Map<K, number>, key: K, n: number): void {
  const v = (map.get(key) ?? 0) + n;
  if (v === 0) map.delete(key);
  else map.set(key, v);
}

/** log2(1 + n) for the counts 0..CAP, computed once: scoring asks for them again and again. */
const LOG2P = Array.from({ length: CAP + 1 }, (_, n) => Math.log2(1 + n));
const log2p = (n: number) => (n <= 0 ? 0 : n >= CAP ? LOG2P[CAP] : Number.isInteger(n) ? LOG2P[n] : Math.log2(1 + n));

export function score(r: Referent, ctx: PlaceContext, ev: Evidence): number {
  let s = prior(r);
  // A division named like a country ("Georgia"): the country's places lie inside the country, but
  // they are only the division's siblings, weaker evidence for it than places inside it.
  s += (ev.countryNamesake && r.kind === 'division' ? W.siblingDivision : W.sameCountry) * log2p(ctx.inCountry(r.cc));
  s += W.sameDivision * log2p(ctx.inDivision(r));
  s += W.near * log2p(ctx.near(r));
  s += W.border * log2p(ctx.bordering(r.cc));
  // Lists join places of a kind: countries with countries, states with states of the same country.
  for (const p of ev.partners ?? []) {
    if (p.kind === r.kind && (r.kind === 'country' || r.kind === 'division')) s += W.listKind;
    if (p.cc === r.cc) s += W.listCountry;
  }
  const h = ev.home;
  if (h) {
    if (h.cc === r.cc) s += W.homeCountry;
    if (h.division >= 0 && h.division === r.division && h.cc === r.cc) s += W.homeDivision;
  }
  return s;
}
