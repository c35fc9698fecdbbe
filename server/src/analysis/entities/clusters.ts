import { slugify, type Gazetteer } from '../gazetteer';
import { kindOf, type EntityCluster, type EntityMention } from '../types';
import type { RawMention } from './rawMention';

/** Interim: one entity per gazetteer place or per person surname. */
export function clusterMentions(raw: RawMention[], gazetteer: Gazetteer): { mentions: EntityMention[]; entities: EntityCluster[] } {
  const bySurname = new Map<string, string>();
  for (const m of raw) {
    if (m.type === 'person' && m.text.includes(' ')) {
      const last = m.text.split(/\s+/).pop() ?? m.text;
      if (!bySurname.has(last.toLowerCase())) bySurname.set(last.toLowerCase(), slugify(m.text));
    }
  }
  const mentions: EntityMention[] = raw.map((m) => {
    let id = slugify(m.text);
    const place = m.type !== 'person' && m.type !== 'organization' ? gazetteer.lookup(m.text) : undefined;
    if (place) id = place.id;
    else if (m.type === 'person') id = bySurname.get((m.text.split(/\s+/).pop() ?? '').toLowerCase()) ?? id;
    return { start: m.start, end: m.end, text: m.text, kind: kindOf(m.type), type: m.type, id };
  });
  const entities = new Map<string, EntityCluster>();
  mentions.forEach((m, index) => {
    let e = entities.get(m.id);
    if (!e) {
      const place = gazetteer.lookup(m.text);
      e = { id: m.id, canonical: m.text, kind: m.kind, type: m.type, aliases: [], mentions: [], descriptions: [], facts: place?.facts };
      entities.set(m.id, e);
    }
    e.mentions.push(index);
    if (m.text.length > e.canonical.length) e.canonical = m.text;
    if (!e.aliases.includes(m.text)) e.aliases.push(m.text);
  });
  return { mentions, entities: [...entities.values()] };
}
