import type { Gazetteer } from '../gazetteer';
import type { EntityMention } from '../types';
import { candidatesOf, liesIn, orNone, type Referent } from './referents';
import { prior } from './score';
import { BoundedCache } from '../boundedCache';

/*
 * The readings of a place name (its candidate places in the gazetteer), the narrowed lists a name
 * starts from (a country's name is the country first; a division named like its city is the city
 * first), and the reading it has by default. Readings arrays are shared between documents, so the
 * filtered lists are cached by array identity.
 */

/** More readings than this are cut to the most prominent (names such as "San Antonio"). */
const MAX_CANDIDATES = 40;

const readingCaches = new WeakMap<Gazetteer, BoundedCache<Referent[]>>();

/** The readings of a name; they depend on its words and on whether it is typed a region only, so documents share them. */
export function readingsOf(surface: string, type: EntityMention['type'], gazetteer: Gazetteer): Referent[] {
  let cache = readingCaches.get(gazetteer);
  if (!cache) readingCaches.set(gazetteer, (cache = new BoundedCache(20001)));
  const key = type === 'region' ? `\u0000${surface}` : surface;
  // Computed from the cache's own copy of the key, without its region mark.
  return cache.get(key) ?? cache.remember(key, (own) => orNone(readingsUncached(type === 'region' ? own.slice(1) : own, type, gazetteer)));
}

function readingsUncached(surface: string, type: EntityMention['type'], gazetteer: Gazetteer): Referent[] {
  if (MACRO_REGIONS.has(surface.toLowerCase())) return [];
  // "Guanajuato state", "Nineveh province": the division named before the cue word.
  const cue = DIVISION_CUE.exec(surface);
  let all = cue
    ? candidatesOf(surface.slice(0, cue.index), gazetteer).filter((r) => r.kind === 'division' || r.kind === 'region')
    : candidatesOf(surface, gazetteer);
  // A name the tagger calls a region is no small town ("Pacific", "Asia").
  if (type === 'region') all = all.filter((r) => r.kind !== 'city' || (r.population ?? 0) >= 100000);
  if (all.length > MAX_CANDIDATES) all = [...all].sort((a, b) => (b.population ?? 1e6) - (a.population ?? 1e6)).slice(0, MAX_CANDIDATES);
  return all;
}

const DIVISION_CUE = / (?:[Ss]tate|[Pp]rovince|[Gg]overnorate|[Rr]egion|[Oo]blast|[Pp]refecture|[Dd]epartment)$/;
/** Areas that are no country, city or first-level division: they never take one of those readings. */
const MACRO_REGIONS = new Set(
  (
    'middle east|mid-east|mideast|near east|far east|the west|west|east|north|south|europe|asia|africa|america|north america|' +
    'south america|latin america|central america|central asia|southeast asia|south asia|east asia|caucasus|balkans|levant|' +
    'maghreb|sahel|scandinavia|caribbean|pacific|atlantic|mediterranean|caspian|arctic|antarctica|antarctic|eurasia|oceania|' +
    'persian gulf|arabian peninsula|horn of africa|sub-saharan africa|western europe|eastern europe|gulf|north africa|' +
    'west africa|east africa|midwest|new england|siberia|patagonia|deep south|sun belt|rust belt|gulf coast|west coast|east coast'
  ).split('|'),
);

/**
 * A country's name means the country, or one of its namesake first-level divisions ("Georgia" the
 * state), unless the text places it ("Lebanon, Pennsylvania"): the document's context alone never
 * makes it a town or a lesser region.
 */
export function countryFirst(all: Referent[]): Referent[] {
  let hit = countryFirstCache.get(all);
  if (!hit) {
    hit = all.some((r) => r.kind === 'country') ? all.filter((r) => r.kind === 'country' || r.kind === 'division') : cityFirst(all);
    countryFirstCache.set(all, hit);
  }
  return hit;
}

/**
 * A division named like a city inside it ("Granada" the department and its city, "Córdoba" the
 * province) means the city unless the text says otherwise ("Guanajuato state", "in the province").
 */
export function cityFirst(all: Referent[]): Referent[] {
  const namesakes = all.filter(
    (d) => (d.kind === 'division' || d.kind === 'region') && all.some((c) => c.kind === 'city' && !c.shortForm && liesInOrSameRegion(c, d)),
  );
  return namesakes.length ? all.filter((r) => !namesakes.includes(r)) : all;
}

function liesInOrSameRegion(c: Referent, d: Referent): boolean {
  return d.kind === 'division' ? liesIn(c, d) : c.cc === d.cc;
}

/** Readings arrays are shared between documents (readingsOf): so are their filtered forms. */
const countryFirstCache = new WeakMap<Referent[], Referent[]>();
const usualCache = new WeakMap<Referent[], Referent | undefined>();

/** The reading a name with several readings has when nothing in the text says otherwise (shared per readings array). */
export function usualReading(all: Referent[]): Referent | undefined {
  if (all.length === 1) return all[0];
  let usual = usualCache.get(all);
  if (usual === undefined) usualCache.set(all, (usual = bestByPrior(countryFirst(all))));
  return usual;
}

/**
 * Unions of readings arrays, by the arrays in order of first appearance: an entity whose mentions read
 * differently ("Washington", "Washington's") gets the same union array in every document, so the
 * caches keyed by readings arrays (countryFirst, choices) hold for it too.
 */
interface UnionNode {
  next: WeakMap<Referent[], UnionNode>;
  union?: Referent[];
}
const unionRoot: UnionNode = { next: new WeakMap() };

export function unionReadings(all: Referent[][]): Referent[] {
  // Mentions of one name share one readings array: most entities have a single distinct list.
  if (all.every((l) => l === all[0])) return all[0];
  const lists = [...new Set(all)];
  let node = unionRoot;
  for (const l of lists) {
    let child = node.next.get(l);
    if (!child) node.next.set(l, (child = { next: new WeakMap() }));
    node = child;
  }
  node.union ??= unionOf(lists);
  return node.union;
}

function unionOf(lists: Referent[][]): Referent[] {
  const out: Referent[] = [];
  const seen = new Set<string>();
  for (const l of lists) {
    for (const r of l) {
      if (seen.has(r.key)) continue;
      seen.add(r.key);
      out.push(r);
    }
  }
  return out;
}

/** The reading a name has when nothing in the text says otherwise. */
function bestByPrior(rs: Referent[]): Referent | undefined {
  let top: Referent | undefined;
  let s = -Infinity;
  for (const r of rs) {
    const p = prior(r);
    if (p > s) {
      s = p;
      top = r;
    }
  }
  return top;
}
