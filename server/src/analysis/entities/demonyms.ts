import type { Gazetteer } from '../gazetteer';
import type { DemonymMention, Token } from '../types';

/** Nationality adjectives ("Iraqi") linked to their country for hovers; never entity mentions. */
export function findDemonyms(tokens: Token[], gazetteer: Gazetteer): DemonymMention[] {
  const out: DemonymMention[] = [];
  for (const t of tokens) {
    if (!/^\p{Lu}/u.test(t.text)) continue;
    const country = gazetteer.demonym(t.text);
    if (country) out.push({ start: t.start, end: t.end, text: t.text, countryId: country.id, country: country.name });
  }
  return out;
}
