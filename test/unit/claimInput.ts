import { parseStructure } from '../../server/src/analysis/structure';
import { splitSentences, tokenize } from '../../server/src/analysis/tokenize';
import { kindOf, type EntityCluster, type EntityMention, type EntityType } from '../../server/src/analysis/types';

/*
 * The claims tests give the entity mentions by hand, so that they exercise the
 * claim rules and the claims model alone, not the NER tagger.
 */

export type Named = [text: string, type: EntityType, id: string];

/**
 * Tokens, sentences, structure and a mention of every occurrence of each name,
 * clustered by id. With aliases, each entity also lists its mentions' spellings.
 */
export function claimInput(text: string, names: Named[], opts: { aliases: boolean }) {
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  const structure = parseStructure(text);
  const mentions: EntityMention[] = [];
  for (const [name, type, id] of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      mentions.push({ start: at, end: at + name.length, text: name, type, kind: kindOf(type), id });
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  const byId = new Map<string, EntityCluster>();
  mentions.forEach((m, i) => {
    const e = byId.get(m.id) ?? { id: m.id, canonical: m.text, kind: m.kind, type: m.type, aliases: [], mentions: [], descriptions: [] };
    e.mentions.push(i);
    if (opts.aliases && !e.aliases.includes(m.text)) e.aliases.push(m.text);
    byId.set(m.id, e);
  });
  return { text, tokens, sentences, structure, mentions, entities: [...byId.values()] };
}
