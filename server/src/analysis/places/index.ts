import type { Gazetteer } from '../gazetteer';
import type { DemonymMention, DocumentStructure, EntityCluster, EntityMention } from '../types';
import type { DemonymSpan } from './evidence';
import { resolvePlaces } from './resolve';
import { BoundedCache } from '../boundedCache';

export { promotePlaces } from './promote';

/**
 * Gives every place entity of the document the place it means (`EntityCluster.place`),
 * with ids, types and facts to match; see resolve.ts.
 */
export function placeEntities(
  text: string,
  structure: DocumentStructure,
  mentions: EntityMention[],
  entities: EntityCluster[],
  demonyms: readonly DemonymMention[],
  gazetteer: Gazetteer,
): void {
  const spans = demonymSpans(demonyms, gazetteer);
  spans.push(...namedDemonyms(mentions, gazetteer), ...twoWordDemonyms(text, gazetteer));
  spans.sort((a, b) => a.start - b.start);
  resolvePlaces({ text, structure, mentions, entities, demonyms: spans, gazetteer });
}

const demonymWords = new WeakMap<Gazetteer, BoundedCache<string | null>>();

/** Nationalities that open actor names: "the Lebanese Army", "the Greek Parliament" say where the text is. */
function namedDemonyms(mentions: readonly EntityMention[], gazetteer: Gazetteer): DemonymSpan[] {
  let cache = demonymWords.get(gazetteer);
  if (!cache) demonymWords.set(gazetteer, (cache = new BoundedCache(20001)));
  const out: DemonymSpan[] = [];
  for (const m of mentions) {
    if (m.kind !== 'actor' || m.type !== 'organization') continue;
    const space = m.text.indexOf(' ');
    if (space < 0) continue;
    const word = m.text.slice(0, space);
    let cc = cache.get(word);
    if (cc === undefined) cc = cache.remember(word, (w) => gazetteer.demonym(w)?.cca2 ?? null);
    if (cc) out.push({ start: m.start, end: m.start + space, cc });
  }
  return out;
}

const twoWordPatterns = new WeakMap<Gazetteer, { pattern: RegExp; codes: Map<string, string> } | null>();

/** "Costa Rican", "South African": nationalities of two words, which a scan of single words misses. */
function twoWordDemonyms(text: string, gazetteer: Gazetteer): DemonymSpan[] {
  let p = twoWordPatterns.get(gazetteer);
  if (p === undefined) {
    const codes = new Map<string, string>();
    for (const c of gazetteer.data.countries) {
      if (!c.independent) continue;
      for (const d of c.demonyms) if (/^\p{Lu}\p{L}+ \p{Lu}\p{L}+$/u.test(d)) codes.set(d, c.cca2);
    }
    const words = [...codes.keys()].sort((a, b) => b.length - a.length);
    // Without the u flag when every name is ASCII: the same matches (\\b is ASCII either way), found faster.
    const flags = words.every((w) => /^[\x20-\x7e]+$/.test(w)) ? 'g' : 'gu';
    p = words.length ? { pattern: new RegExp(`\\b(?:${words.join('|')})s?\\b`, flags), codes } : null;
    twoWordPatterns.set(gazetteer, p);
  }
  if (!p) return [];
  const out: DemonymSpan[] = [];
  for (const m of text.matchAll(p.pattern)) {
    const cc = p.codes.get(m[0].endsWith('s') && !p.codes.has(m[0]) ? m[0].slice(0, -1) : m[0]);
    if (cc) out.push({ start: m.index, end: m.index + m[0].length, cc });
  }
  return out;
}

const countryCodes = new WeakMap<Gazetteer, Map<string, string | null>>();

/** Nationality words with their country codes; the few country names are looked up once, not per document. */
function demonymSpans(demonyms: readonly DemonymMention[], gazetteer: Gazetteer): DemonymSpan[] {
  const out: DemonymSpan[] = [];
  let codes = countryCodes.get(gazetteer);
  if (!codes) countryCodes.set(gazetteer, (codes = new Map()));
  for (const d of demonyms) {
    let cc = codes.get(d.country);
    if (cc === undefined) {
      cc = gazetteer.lookup(d.country)?.facts.countryCode ?? null;
      if (codes.size > 5000) codes.clear();
      codes.set(d.country, cc);
    }
    if (cc) out.push({ start: d.start, end: d.end, cc });
  }
  return out;
}
