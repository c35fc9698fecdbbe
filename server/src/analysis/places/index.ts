import type { Gazetteer } from '../gazetteer';
import { findDemonyms } from '../entities/demonyms';
import type { DocumentStructure, EntityCluster, EntityMention, Token } from '../types';
import type { DemonymSpan } from './evidence';
import { resolvePlaces } from './resolve';

export { promotePlaces } from './promote';

/**
 * Gives every place entity of the document the place it means (`EntityCluster.place`),
 * with ids, types and facts to match; see resolve.ts.
 */
export function placeEntities(
  text: string,
  structure: DocumentStructure,
  tokens: Token[],
  mentions: EntityMention[],
  entities: EntityCluster[],
  gazetteer: Gazetteer,
): void {
  resolvePlaces({ text, structure, mentions, entities, demonyms: demonymSpans(tokens, gazetteer), gazetteer });
}

/** Every nationality word with its country code, inside entity names too ("the Lebanese Army"). */
export function demonymSpans(tokens: Token[], gazetteer: Gazetteer): DemonymSpan[] {
  const out: DemonymSpan[] = [];
  const codes = new Map<string, string | undefined>();
  for (const d of findDemonyms(tokens, gazetteer)) {
    let cc = codes.get(d.country);
    if (!codes.has(d.country)) {
      cc = gazetteer.lookup(d.country)?.facts.countryCode;
      codes.set(d.country, cc);
    }
    if (cc) out.push({ start: d.start, end: d.end, cc });
  }
  return out;
}
