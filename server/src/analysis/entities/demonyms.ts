import { BoundedCache } from '../boundedCache';
import { normalizeName, type Gazetteer } from '../gazetteer';
import type { AnalysisResources } from '../resources';
import type { DemonymMention, Span, Token } from '../types';
import type { AliasIndex } from './aliasIndex';

/** The shape of demonyms.json: lowercase nationality words to gazetteer country names. */
export interface DemonymData {
  forms: Record<string, string>;
}

/** Nationality words beyond the gazetteer's, lowercase, to gazetteer country names. */
export type DemonymForms = ReadonlyMap<string, string>;

/** The forms of demonyms.json in a Map, not the parsed object: a word such as "Constructor" must not find Object.prototype's members. */
export function demonymForms(data: DemonymData): DemonymForms {
  return new Map(Object.entries(data.forms));
}

interface Country {
  id: string;
  name: string;
}

/**
 * Nationality words ("Iraqi", "Iraqis", "Turkish") linked to their country
 * for hovers; never entity mentions (annotation guidelines). Words inside an
 * entity mention ("Iraqi" in "Iraqi Kurdistan") are left to the mention.
 * Country ids go through the alias data so they equal the ids entity
 * clustering gives the country ("Turkish" → turkey, as "Turkey" does).
 */
export function findDemonyms(
  /** The tokens' text: their first characters are read from it (see splitSentences). */
  text: string,
  tokens: Token[],
  res: Pick<AnalysisResources, 'gazetteer' | 'aliases' | 'demonyms'>,
  mentions: readonly Span[] = [],
): DemonymMention[] {
  const out: DemonymMention[] = [];
  // Capitalised words repeat through a document and across documents; resolve each spelling once.
  const cache = resolvedWords(res);
  const covered = [...mentions].sort((a, b) => a.start - b.start);
  let m = 0;
  for (const t of tokens) {
    // A word shorter than three characters is no demonym (resolve): "US", "He", "In" are not looked up.
    if (t.end - t.start < 3 || !startsUpper(text, t)) continue;
    while (m < covered.length && covered[m].end <= t.start) m++;
    if (m < covered.length && covered[m].start <= t.start && t.end <= covered[m].end) continue;
    let country = cache.get(t.text);
    if (country === undefined) country = cache.remember(t.text, (w) => resolve(w, res));
    if (country) out.push({ start: t.start, end: t.end, text: t.text, countryId: country.id, country: country.name });
  }
  return out;
}

/** Resolved spellings per (gazetteer, alias index, demonym forms): the answer depends on nothing else. */
const caches = new WeakMap<object, WeakMap<object, WeakMap<object, BoundedCache<Country | null>>>>();

function resolvedWords(res: Pick<AnalysisResources, 'gazetteer' | 'aliases' | 'demonyms'>): BoundedCache<Country | null> {
  let byAliases = caches.get(res.gazetteer);
  if (!byAliases) caches.set(res.gazetteer, (byAliases = new WeakMap()));
  let byForms = byAliases.get(res.aliases);
  if (!byForms) byAliases.set(res.aliases, (byForms = new WeakMap()));
  let cache = byForms.get(res.demonyms);
  if (!cache) byForms.set(res.demonyms, (cache = new BoundedCache(50000)));
  return cache;
}

/** Whether the token starts with a capital, its first character read from the document's text. */
function startsUpper(text: string, t: Token): boolean {
  const c = text.charCodeAt(t.start);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(t.text);
}

function resolve(word: string, res: Pick<AnalysisResources, 'gazetteer' | 'aliases' | 'demonyms'>): Country | null {
  const { gazetteer, aliases } = res;
  if (word.length < 3 || !/^[\p{L}-]+$/u.test(word)) return null;
  const lower = normalizeName(word);
  const extra = res.demonyms.get(lower);
  if (extra !== undefined) return countryNamed(extra, gazetteer, aliases);
  const direct = gazetteer.demonym(word);
  if (direct) return canonicalCountry(direct.id, direct.name, aliases);
  // Regular plurals: Iraqis, Russians, Canadians.
  if (lower.endsWith('s') && lower.length > 4) {
    const singular = gazetteer.demonym(word.slice(0, -1));
    if (singular) return canonicalCountry(singular.id, singular.name, aliases);
  }
  return null;
}

function countryNamed(name: string, gazetteer: Gazetteer, aliases: AliasIndex): Country | null {
  const place = gazetteer.lookup(name);
  if (place) return canonicalCountry(place.id, place.name, aliases);
  const alias = aliases.lookup(name);
  return alias ? { id: alias.id, name: alias.name } : null;
}

function canonicalCountry(id: string, name: string, aliases: AliasIndex): Country {
  const alias = aliases.lookup(name);
  return alias && alias.type === 'country' ? { id: alias.id, name: alias.name } : { id, name };
}
