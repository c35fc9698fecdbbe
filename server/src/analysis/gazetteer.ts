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
  }>;
  /** [name, country code, lat, lon, population, GeoNames feature code], most populous first. */
  cities: Array<[string, string, number, number, number, string]>;
  /** [name, country code] of first-level administrative regions. */
  regions: Array<[string, string]>;
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
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function slugify(s: string): string {
  return normalizeName(s)
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Country, city and region look-ups by surface form. */
export class Gazetteer {
  private readonly places = new Map<string, PlaceEntry>();
  private readonly demonymToCountry = new Map<string, CountryEntry>();
  private readonly countriesByCode = new Map<string, CountryEntry>();
  /** Lowercased single words that begin some multi-word place name, for quick rejection. */
  readonly firstWords = new Set<string>();
  readonly maxWords: number;

  constructor(data: GazetteerData) {
    let maxWords = 1;
    const add = (name: string, entry: PlaceEntry) => {
      const key = normalizeName(name);
      if (!key || this.places.has(key)) return;
      this.places.set(key, entry);
      const words = key.split(' ');
      maxWords = Math.max(maxWords, words.length);
      this.firstWords.add(words[0]);
    };
    for (const c of data.countries) {
      const country: CountryEntry = { id: c.id, name: c.name, cca2: c.cca2 };
      this.countriesByCode.set(c.cca2, country);
      const facts: PlaceFacts = { country: c.name, countryCode: c.cca2, lat: c.lat ?? undefined, lon: c.lon ?? undefined };
      const entry: PlaceEntry = { id: c.id, name: c.name, type: 'country', facts };
      add(c.name, entry);
      for (const a of c.aliases) add(a, entry);
      for (const d of c.demonyms) {
        const key = normalizeName(d);
        if (!this.demonymToCountry.has(key)) this.demonymToCountry.set(key, country);
      }
    }
    // Cities come most populous first, so a name maps to its best-known bearer.
    for (const [name, cc, lat, lon, population] of data.cities) {
      const country = this.countriesByCode.get(cc);
      add(name, {
        id: slugify(name),
        name,
        type: 'city',
        facts: { country: country?.name, countryCode: cc, lat, lon, population },
      });
    }
    for (const [name, cc] of data.regions) {
      const country = this.countriesByCode.get(cc);
      add(name, { id: slugify(name), name, type: 'region', facts: { country: country?.name, countryCode: cc } });
    }
    this.maxWords = maxWords;
  }

  lookup(name: string): PlaceEntry | undefined {
    return this.places.get(normalizeName(name));
  }

  demonym(word: string): CountryEntry | undefined {
    return this.demonymToCountry.get(normalizeName(word));
  }

  country(code: string): CountryEntry | undefined {
    return this.countriesByCode.get(code);
  }
}
