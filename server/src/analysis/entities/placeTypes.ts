import type { Gazetteer } from '../gazetteer';
import type { EntityType, Token } from '../types';
import type { Candidate } from './candidates';
import { CITY_CUES, COUNTRY_FORMS, DIRECTIONS, FACILITY_CUES, GROUP_WORDS, MACRO_REGIONS, REGION_CUES } from './nameWords';
import { BoundedCache } from '../boundedCache';

/*
 * Place or not, and which kind: the gazetteer first, then the cue words of
 * nameWords.ts. Answers are memoised per gazetteer, since names recur across
 * documents.
 */

type PlaceHit = { type: EntityType; id?: string } | null;

const CACHE_LIMIT = 100000;

/**
 * A bounded per-gazetteer cache of a function of (name, gazetteer). Every candidate, hyphen compound and
 * repeat asks, and a process has one gazetteer: the last one's map is kept at hand, so a look-up is one
 * Map probe and not a WeakMap probe before it.
 */
class GazetteerMemo<T> {
  private readonly byGazetteer = new WeakMap<Gazetteer, BoundedCache<T>>();
  private lastGazetteer: Gazetteer | null = null;
  private lastCache = new BoundedCache<T>(CACHE_LIMIT);

  constructor(private readonly compute: (name: string, gazetteer: Gazetteer) => T) {}

  get(name: string, gazetteer: Gazetteer): T {
    const cache = gazetteer === this.lastGazetteer ? this.lastCache : this.cacheOf(gazetteer);
    const hit = cache.get(name);
    return hit !== undefined ? hit : cache.remember(name, (own) => this.compute(own, gazetteer));
  }

  private cacheOf(gazetteer: Gazetteer): BoundedCache<T> {
    let cache = this.byGazetteer.get(gazetteer);
    if (!cache) this.byGazetteer.set(gazetteer, (cache = new BoundedCache(CACHE_LIMIT)));
    this.lastGazetteer = gazetteer;
    this.lastCache = cache;
    return cache;
  }
}

/** placeType answers per gazetteer and name: names recur across documents and the gazetteer look-up normalises each time. */
const placeCache = new GazetteerMemo<PlaceHit>(placeTypeUncached);

const groupCache = new GazetteerMemo<boolean>(isGroupWordUncached);

export function placeType(name: string, gazetteer: Gazetteer): PlaceHit {
  return placeCache.get(name, gazetteer);
}

function placeTypeUncached(name: string, gazetteer: Gazetteer): PlaceHit {
  const lower = name.toLowerCase();
  const code = COUNTRY_FORMS.get(lower);
  if (code) {
    const c = gazetteer.country(code);
    if (c) return { type: 'country', id: c.id };
  }
  if (MACRO_REGIONS.has(lower)) return { type: 'region' };
  const hit = gazetteer.lookup(name);
  if (hit) return { type: hit.type, id: hit.id };
  return null;
}

export function isGroupWord(name: string, gazetteer: Gazetteer): boolean {
  return groupCache.get(name, gazetteer);
}

function isGroupWordUncached(name: string, gazetteer: Gazetteer): boolean {
  const lower = name.toLowerCase().replace(/[’‘`]/g, "'");
  if (GROUP_WORDS.has(lower)) return true;
  if (gazetteer.demonym(name)) return true;
  // Plural demonyms: "Iraqis", "Americans".
  return lower.endsWith('s') && gazetteer.demonym(name.slice(0, -1)) !== undefined;
}

export function typeOf(
  c: Candidate,
  name: string,
  tokens: Token[],
  gazetteer: Gazetteer,
): { start: number; end: number; type: EntityType; placeId?: string } | null {
  if (c.label === 'PER') return { start: c.start, end: c.end, type: 'person' };
  if (c.label === 'ORG') return { start: c.start, end: c.end, type: 'organization' };
  if (c.label !== 'LOC') return null;
  const whole = c.start === tokens[c.ts].start && c.end === tokens[c.te - 1].end;
  const next = whole && c.te < tokens.length ? tokens[c.te].text : '';
  const nextLower = next.toLowerCase();
  const known = placeType(name, gazetteer);
  // "Kirkuk-Ceyhan pipeline": a lowercase facility word after the name belongs to the facility's name.
  if (FACILITY_CUES.has(next) && next === nextLower && !known) return { start: c.start, end: tokens[c.te].end, type: 'facility' };
  // "Sinjar district" is not the city of Sinjar: the cue is part of the region's name.
  if (REGION_CUES.has(next) && next === nextLower) {
    if (known && known.type === 'city') return { start: c.start, end: tokens[c.te].end, type: 'region' };
    if (!known || known.type === 'region') return { start: c.start, end: c.end, type: 'region', placeId: known?.id };
  }
  if (known) return { start: c.start, end: c.end, type: known.type, placeId: known.id };
  // Unknown names: the last word of a multi-word name usually says what it is ("Ninewa Province", "Sadr City").
  const words = name.split(/\s+/);
  const lastWord = words[words.length - 1].toLowerCase();
  if (words.length > 1 && FACILITY_CUES.has(lastWord)) return { start: c.start, end: c.end, type: 'facility' };
  if (words.length > 1 && REGION_CUES.has(lastWord)) return { start: c.start, end: c.end, type: 'region' };
  if (words.length > 1 && CITY_CUES.has(lastWord)) return { start: c.start, end: c.end, type: 'city' };
  if (DIRECTIONS.has(words[0].toLowerCase()) && words.length > 1) return { start: c.start, end: c.end, type: 'region' };
  if (words.length > 1 && gazetteer.demonym(words[0])) return { start: c.start, end: c.end, type: 'region' };
  // "-stan" names that are not countries are regions (Kurdistan, Waziristan, Dagestan).
  if (/stan$/i.test(name)) return { start: c.start, end: c.end, type: 'region' };
  const prev = c.ts > 0 ? tokens[c.ts - 1].text.toLowerCase() : '';
  const prev2 = c.ts > 1 ? tokens[c.ts - 2].text.toLowerCase() : '';
  if (prev === 'of' && (CITY_CUES.has(prev2) || prev2 === 'towns' || prev2 === 'cities' || prev2 === 'villages'))
    return { start: c.start, end: c.end, type: 'city' };
  if (prev === 'of' && REGION_CUES.has(prev2)) return { start: c.start, end: c.end, type: 'region' };
  // "in eastern Salah al-Din": a direction word before an unknown name marks an area.
  if (DIRECTIONS.has(prev) && prev === tokens[c.ts - 1].text) return { start: c.start, end: c.end, type: 'region' };
  // Otherwise a city: the gazetteer lists all countries and first-level regions but only the larger
  // cities, so an unknown place is most often a town or village.
  return { start: c.start, end: c.end, type: 'city' };
}
