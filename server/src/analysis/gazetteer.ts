import type { EntityType, PlaceFacts } from './types';

/** The shape of dist/data/gazetteer.json, written by scripts/build-gazetteer.mjs. */
export interface GazetteerData {
  countries: Array<{
    id: string;
    name: string;
    cca2: string;
    aliases: string[];
    demonyms: string[];
    capital: string | null;
    lat: number | null;
    lon: number | null;
    independent: boolean;
    /** ISO alpha-2 codes of the countries it borders. */
    borders?: string[];
  }>;
  /**
   * [name, country code, lat, lon, population, GeoNames feature code, index into `divisions` or -1],
   * most populous first.
   */
  cities: Array<[string, string, number, number, number, string, number?]>;
  /** [name, country code, index into `divisions` or -1] of administrative regions (country-region-data). */
  regions: Array<[string, string, number?]>;
  /** First-level divisions: [English name, country code, lat, lon, other names, 1 when the name is a common word]. */
  divisions?: Array<[string, string, number | null, number | null, string[], number?]>;
  /** Short forms of city names ("Washington" for Washington, D.C.): [short form, index into `cities`]. */
  cityAliases?: Array<[string, number]>;
}

export interface PlaceEntry {
  id: string;
  name: string;
  type: EntityType;
  facts: PlaceFacts;
}

export interface CountryEntry {
  id: string;
  name: string;
  cca2: string;
}

export function normalizeName(s: string): string {
  // Most names are plain ASCII: skip Unicode normalisation for them (it dominates load time).
  let ascii = true;
  // And most have no white space to fold: no tab or line break, no double, leading or trailing space.
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 126 || c === 96) {
      ascii = false;
      break;
    }
    if ((c >= 9 && c <= 13) || (c === 32 && (i === 0 || i === s.length - 1 || s.charCodeAt(i - 1) === 32))) plain = false;
  }
  if (ascii && plain) return s.toLowerCase();
  const base = ascii ? s : s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘`]/g, "'");
  return base.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function slugify(s: string): string {
  return normalizeName(s)
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The name tables that the constructor derives from `GazetteerData` by
 * normalising every name (most of the gazetteer's load time). The build
 * derives them once into dist/data/gazetteer.bin (see gazetteerPack.ts), so
 * that a host loads them instead of recomputing them; computed from the data
 * or loaded, they are the same tables.
 */
export interface GazetteerIndex {
  /** Normalised name → reference (kind * REF + index): the best-known bearer of the name. */
  places: NameLookup<number>;
  /** Other bearers of a name than the one `places` answers with. */
  others: NameLookup<readonly number[]>;
  /** Lowercased single words that begin some place name. */
  firstWords: { has(word: string): boolean };
  maxWords: number;
  /** Names that only place resolution knows (divisions, short forms of city names); computed on first use when absent. */
  extra?: NameLookup<readonly number[]>;
}

/** What the gazetteer asks of a table keyed by normalised names: a Map, or gazetteerPack.ts's table over typed arrays. */
export interface NameLookup<T> {
  get(key: string): T | undefined;
  has(key: string): boolean;
}

/**
 * A gazetteer's data read on first use: the countries at once (the
 * constructor needs them), the rest (cities, regions, divisions) when a
 * place is first resolved.
 */
export interface DeferredGazetteerData {
  countries: GazetteerData['countries'];
  /** City i, made on first read: a run reads a few thousand of the 49,000. */
  city(i: number): GazetteerData['cities'][number];
  /** The whole data; its `cities` are made only when read. */
  load(): GazetteerData;
}

/** The look-up tables of country, city and region names (`places`, `others`, `firstWords`, `maxWords`). */
export function buildGazetteerIndex(data: GazetteerData): GazetteerIndex {
  const places = new Map<string, number>();
  const others = new Map<string, number[]>();
  const firstWords = new Set<string>();
  let maxWords = 1;
  const add = (name: string, ref: number) => {
    const key = normalizeName(name);
    if (!key) return;
    const first = places.get(key);
    if (first !== undefined) {
      if (first !== ref) pushRef(others, key, ref);
      return;
    }
    places.set(key, ref);
    const space = key.indexOf(' ');
    if (space > 0) {
      firstWords.add(key.slice(0, space));
      maxWords = Math.max(maxWords, key.split(' ').length);
    } else firstWords.add(key);
  };
  data.countries.forEach((c, i) => {
    add(c.name, COUNTRY * REF + i);
    for (const a of c.aliases) add(a, COUNTRY * REF + i);
  });
  // Cities come most populous first, so a name maps to its best-known bearer.
  data.cities.forEach((c, i) => add(c[0], CITY * REF + i));
  data.regions.forEach((r, i) => add(r[0], REGION * REF + i));
  return { places, others, firstWords, maxWords };
}

/** Names that only place resolution knows: first-level divisions and short forms of city names. */
export function buildExtraIndex(data: GazetteerData): Map<string, number[]> {
  const extra = new Map<string, number[]>();
  const add = (name: string, ref: number) => {
    const key = normalizeName(name);
    if (!key) return;
    const list = extra.get(key);
    if (!list) extra.set(key, [ref]);
    else if (!list.includes(ref)) list.push(ref);
  };
  (data.divisions ?? []).forEach((d, i) => {
    if (d[5] !== 1) add(d[0], DIVISION * REF + i);
    for (const a of d[4]) add(a, DIVISION * REF + i);
  });
  for (const [alias, i] of data.cityAliases ?? []) add(alias, CITY_ALIAS * REF + i);
  return extra;
}

/** Country, city and region look-ups by surface form. */
export class Gazetteer {
  /**
   * Normalised name → reference (kind * REF + index). Entries are built on
   * look-up, not at load, because loading is on the path to the first hover.
   */
  private readonly places: NameLookup<number>;
  /** Other bearers of a name than the one `places` answers with (place resolution weighs them all). */
  private readonly others: NameLookup<readonly number[]>;
  /** Names that only place resolution knows: divisions and short forms of city names; built on first use. */
  private extra: NameLookup<readonly number[]> | undefined;
  private readonly entries = new Map<number, PlaceEntry>();
  private readonly demonymToCountry = new Map<string, CountryEntry>();
  private readonly countriesByCode = new Map<string, CountryEntry>();
  /** Lowercased single words that begin some multi-word place name, for quick rejection. */
  readonly firstWords: { has(word: string): boolean };
  readonly maxWords: number;
  private loaded: GazetteerData | undefined;
  private readonly deferred: DeferredGazetteerData | undefined;

  /**
   * `index`: the name tables derived from the data ahead of time (gazetteerPack.ts), which deferred
   * data needs; computed here from the data when absent.
   */
  constructor(source: GazetteerData | DeferredGazetteerData, index?: GazetteerIndex) {
    if ('load' in source) {
      if (!index) throw new Error('a gazetteer with deferred data needs its name tables');
      this.deferred = source;
    } else {
      this.loaded = source;
      index ??= buildGazetteerIndex(source);
    }
    this.places = index.places;
    this.others = index.others;
    this.firstWords = index.firstWords;
    this.maxWords = index.maxWords;
    this.extra = index.extra;
    const independentDemonyms = new Set<string>();
    source.countries.forEach((c) => {
      const country: CountryEntry = { id: c.id, name: c.name, cca2: c.cca2 };
      this.countriesByCode.set(c.cca2, country);
      for (const d of c.demonyms) {
        // "American" is also the demonym of dependent territories: the sovereign state wins.
        const key = normalizeName(d);
        if (!this.demonymToCountry.has(key) || c.independent) {
          if (!c.independent || !independentDemonyms.has(key)) this.demonymToCountry.set(key, country);
          if (c.independent) independentDemonyms.add(key);
        }
      }
    });
  }

  /** City i (index into `data.cities`), without making the others when the data was deferred. */
  city(i: number): GazetteerData['cities'][number] {
    return this.deferred ? this.deferred.city(i) : (this.loaded as GazetteerData).cities[i];
  }

  /** The gazetteer's data, read on first use when it was deferred. */
  get data(): GazetteerData {
    this.loaded ??= (this.deferred as DeferredGazetteerData).load();
    return this.loaded;
  }

  lookup(name: string): PlaceEntry | undefined {
    // Not remembered by spelling: the callers that repeat names remember their own answers (placeType,
    // describe, the tagger's multi-word cache), so on new text nine look-ups in ten here were misses
    // that cost a cache probe and an insertion on top of the normalisation and the table probe below.
    const ref = this.places.get(normalizeName(name));
    if (ref === undefined) return undefined;
    let entry = this.entries.get(ref);
    if (!entry) {
      entry = this.build(ref);
      this.entries.set(ref, entry);
    }
    return entry;
  }

  private build(ref: number): PlaceEntry {
    const kind = Math.floor(ref / REF);
    const i = ref % REF;
    if (kind === COUNTRY) {
      const c = this.data.countries[i];
      return {
        id: c.id,
        name: c.name,
        type: 'country',
        facts: { country: c.name, countryCode: c.cca2, lat: c.lat ?? undefined, lon: c.lon ?? undefined },
      };
    }
    if (kind === CITY) {
      const [name, cc, lat, lon, population] = this.city(i);
      return {
        id: slugify(name),
        name,
        type: 'city',
        facts: { country: this.countriesByCode.get(cc)?.name, countryCode: cc, lat, lon, population },
      };
    }
    const [name, cc] = this.data.regions[i];
    return { id: slugify(name), name, type: 'region', facts: { country: this.countriesByCode.get(cc)?.name, countryCode: cc } };
  }

  /**
   * Every known bearer of a name, as references (see refKind): the look-up's answer first, then the
   * other countries, cities, regions and first-level divisions of that name, in no particular order.
   */
  candidateRefs(name: string): number[] {
    const key = normalizeName(name);
    const out: number[] = [];
    const first = this.places.get(key);
    if (first !== undefined) out.push(first);
    for (const r of this.others.get(key) ?? []) if (!out.includes(r)) out.push(r);
    for (const r of this.extraIndex().get(key) ?? []) if (!out.includes(r)) out.push(r);
    return out;
  }

  /** Whether place resolution knows a name at all: cheaper than `candidateRefs` for the many names it does not. */
  knows(name: string): boolean {
    // Not remembered by spelling: its callers remember their own answers for a name (candidatesOf), and
    // a cache look-up costs about what these two do, while on new text each name also cost an insertion.
    const key = normalizeName(name);
    return this.places.has(key) || this.extraIndex().has(key);
  }

  /** The reference the plain look-up answers with for a name, if any. */
  primaryRef(name: string): number | undefined {
    return this.places.get(normalizeName(name));
  }

  private extraIndex(): NameLookup<readonly number[]> {
    this.extra ??= buildExtraIndex(this.data);
    return this.extra;
  }

  private bordersByCode: Map<string, readonly string[]> | undefined;

  /** ISO alpha-2 codes of the countries bordering a country. */
  borders(code: string): readonly string[] {
    this.bordersByCode ??= new Map(this.data.countries.map((c) => [c.cca2, c.borders ?? []]));
    return this.bordersByCode.get(code) ?? [];
  }

  demonym(word: string): CountryEntry | undefined {
    return this.demonymToCountry.get(normalizeName(word));
  }

  country(code: string): CountryEntry | undefined {
    return this.countriesByCode.get(code);
  }
}

function pushRef(map: Map<string, number[]>, key: string, ref: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [ref]);
  else if (!list.includes(ref)) list.push(ref);
}

const REF = 1_000_000;
const COUNTRY = 0;
const CITY = 1;
const REGION = 2;
const DIVISION = 3;
/** A city reached through a short form of its name ("Washington" for Washington, D.C.). */
const CITY_ALIAS = 4;

export type RefKind = 'country' | 'city' | 'region' | 'division' | 'city-alias';
const KINDS: RefKind[] = ['country', 'city', 'region', 'division', 'city-alias'];

/** What a reference from `candidateRefs` points at: the kind and the index in that table of `GazetteerData`. */
export function refKind(ref: number): RefKind {
  return KINDS[Math.floor(ref / REF)];
}

export function refIndex(ref: number): number {
  return ref % REF;
}

export function refOf(kind: RefKind, index: number): number {
  return KINDS.indexOf(kind) * REF + index;
}
