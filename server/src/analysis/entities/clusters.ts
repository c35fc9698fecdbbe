import { slugify, type Gazetteer } from '../gazetteer';
import type { AnalysisResources } from '../resources';
import { kindOf, type EntityCluster, type EntityMention, type EntityType, type PlaceFacts } from '../types';
import type { AliasIndex } from './aliasIndex';
import { clusterPeople } from './clusterPeople';
import { type Form, linkAbbreviations, linkParentheticals, linkVariants } from './linkForms';
import { linkMisspellings } from './misspellings';
import { BoundedCache } from '../boundedCache';
import { foldName } from './names';
import type { RawMention } from './rawMention';
import { describe, describeCache, isPlaceType, type Info } from './surfaceInfo';
import { UnionFind } from './unionFind';

/*
 * Alias clustering within one document. Every mention gets the id of the
 * entity it names; the rules below only ever merge, and a merge is refused
 * when it would join two different fixed identities (alias data or gazetteer
 * ids), so rule order matters little.
 */

/**
 * Gives every mention the id of its entity: alias data and gazetteer ids
 * first, then surname/full-name matching for people, acronyms, parenthetical
 * definitions and modifier/head variants for organisations and places.
 * `text` enables the parenthetical rule ("Popular Mobilization Units (PMU)").
 */
export function clusterMentions(
  raw: RawMention[],
  res: Pick<AnalysisResources, 'gazetteer' | 'aliases'>,
  text?: string,
): { mentions: EntityMention[]; entities: EntityCluster[] } {
  const { gazetteer, aliases } = res;
  const order = raw.map((_, i) => i).sort((a, b) => raw[a].start - raw[b].start || raw[a].end - raw[b].end);
  const ms = order.map((i) => raw[i]);
  const n = ms.length;
  const uf = new UnionFind(n);
  // Names repeat (a country dozens of times, in every document), so each distinct surface is described once.
  const memo = describeCache(gazetteer, aliases);
  const infos: Info[] = ms.map((m) => {
    let info = memo.get(m);
    if (!info) {
      info = describe(m, gazetteer, aliases);
      memo.set(m, info);
    }
    return info;
  });
  infos.forEach((info, i) => (uf.fixed[i] = info.fixedId));

  // Same fixed identity, or the same spelling key within one kind, is one entity.
  const byKey = new Map<string, number>();
  // First mention of each distinct name: the form-level rules below work on these.
  const firstOf = new Map<Info, number>();
  const forms: Form[] = [];
  for (let i = 0; i < n; i++) {
    const info = infos[i];
    const keys = identityKeys(info);
    const seen = firstOf.get(info);
    if (seen !== undefined) {
      // A name met before joins its first mention, which is what its keys' look-ups would give: that mention joined
      // the first holder of its first key (a fixed id or none, so never refused), and a later key's union with it
      // was made or refused for good (a set's fixed id never changes once set). Most mentions repeat a name, and
      // this spares their keys' look-ups by string. A name without keys (a person) joins nothing here.
      if (keys.length > 0) uf.union(seen, i);
      continue;
    }
    firstOf.set(info, i);
    forms.push({ info, i });
    for (const key of keys) {
      const first = byKey.get(key);
      if (first === undefined) byKey.set(key, i);
      else uf.union(first, i);
    }
  }

  clusterPeople(ms, infos, uf, aliases, byKey);
  linkAbbreviations(forms, uf);
  if (text !== undefined) linkParentheticals(ms, infos, uf, text);
  linkVariants(forms, uf, gazetteer, aliases);
  const misspelt = linkMisspellings(forms, ms, infos, uf);

  return buildClusters(ms, infos, uf, gazetteer, aliases, misspelt);
}

/** Infos are shared between documents (describeCache), and so are their identity keys: built once per Info. */
function identityKeys(info: Info): string[] {
  let keys = info.memo.identityKeys;
  if (!keys) {
    keys = [];
    if (info.fixedId) keys.push(`id:${info.fixedId}`);
    if (!info.person && info.key) keys.push(`${info.kind}:${info.key}`);
    // The same written name is one entity even when the tagger types it both ways (capital as place and as actor).
    if (!info.person) keys.push(`=${foldName(info.surface)}`);
    info.memo.identityKeys = keys;
  }
  return keys;
}

function buildClusters(
  ms: RawMention[],
  infos: Info[],
  uf: UnionFind,
  gazetteer: Gazetteer,
  aliases: AliasIndex,
  misspelt: ReadonlySet<Info>,
): { mentions: EntityMention[]; entities: EntityCluster[] } {
  const members = new Map<number, number[]>();
  for (let i = 0; i < ms.length; i++) {
    const r = uf.find(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  }
  const mentions: EntityMention[] = ms.map((m) => ({
    start: m.start,
    end: m.end,
    text: m.text,
    kind: kindOf(m.type),
    type: m.type,
    id: '',
  }));
  const entities: EntityCluster[] = [];
  const used = new Map<string, number>();
  for (const [, list] of members) {
    const listInfos = list.map((i) => infos[i]);
    const type = majorityType(listInfos);
    const fixed = listInfos.find((info) => info.fixedId !== undefined);
    let canonical: string;
    let id: string;
    if (fixed?.alias) {
      canonical = fixed.alias.name;
      id = fixed.alias.id;
    } else if (fixed?.place) {
      canonical = fixed.place.name;
      id = fixed.place.id;
    } else if (fixed?.fixedId) {
      canonical = fixed.surface;
      id = fixed.fixedId;
    } else {
      canonical = bestName(listInfos, type, misspelt);
      id = slugOf(canonical) || 'entity';
    }
    // Two different entities may slug alike ("Washington" the city and the person).
    const seen = used.get(id) ?? 0;
    used.set(id, seen + 1);
    if (seen > 0) id = `${id}-${type}${seen > 1 ? `-${seen}` : ''}`;
    // An entity has few distinct spellings: a scan of them, not a Set per entity (a Set once there are many).
    const names: string[] = [];
    let spelled: Set<string> | undefined;
    for (const i of list) {
      const s = infos[i].surface;
      if (spelled ? !spelled.has(s) : !names.includes(s)) {
        names.push(s);
        if (spelled) spelled.add(s);
        else if (names.length > 16) spelled = new Set(names);
      }
      mentions[i].id = id;
    }
    const cluster: EntityCluster = { id, canonical, kind: kindOf(type), type, aliases: names, mentions: list, descriptions: [] };
    if (isPlaceType(type)) {
      const facts = placeFacts(listInfos, canonical, gazetteer, aliases);
      if (facts) cluster.facts = facts;
    }
    entities.push(cluster);
  }
  return { mentions, entities };
}

function majorityType(infos: Info[]): EntityType {
  const counts = new Map<EntityType, number>();
  for (const info of infos) counts.set(info.type, (counts.get(info.type) ?? 0) + 1);
  const declared = infos.find((i) => i.alias)?.alias?.type;
  let best: EntityType = infos[0].type;
  let bestCount = 0;
  for (const [t, c] of counts) {
    if (c > bestCount || (c === bestCount && t === declared)) {
      best = t;
      bestCount = c;
    }
  }
  return best;
}

/** The most complete name: people by name words, others preferring spelled-out names to abbreviations. */
function bestName(infos: Info[], type: EntityType, misspelt: ReadonlySet<Info>): string {
  // Most entities are written one way only: nothing to rank.
  const one = infos[0];
  if (infos.every((info) => info === one)) return one.person ? one.person.display : one.surface;
  const counts = new Map<Info, number>();
  for (const info of infos) counts.set(info, (counts.get(info) ?? 0) + 1);
  let best = '';
  let bestScore: number[] = [];
  for (const [info, count] of counts) {
    const name = info.person ? info.person.display : info.surface;
    const personWords = info.person ? info.person.words : 0;
    const spelledOut = info.abbreviation ? 0 : 1;
    const typeMatch = info.type === type ? 1 : 0;
    // A full personal name outranks everything: a tagger may call "Zamili" an organisation more often than not.
    // A misspelling (see misspellings.ts) never names the entity while its correct form is there.
    const score = [
      misspelt.has(info) ? 0 : 1,
      personWords >= 2 ? 1 : 0,
      typeMatch,
      personWords,
      spelledOut,
      wordCount(name),
      name.length,
      count,
    ];
    if (best === '' || compareScores(score, bestScore) > 0) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}

/** `name.split(/\s+/).length` without the regular expression and the array: one more than the runs of white space. */
function wordCount(name: string): number {
  let n = 1;
  let inSpace = false;
  for (let i = 0; i < name.length; i++) {
    const space = isSpaceCode(name.charCodeAt(i));
    if (space && !inSpace) n++;
    inSpace = space;
  }
  return n;
}

/** The code units `\s` matches. */
function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Canonical names recur in every document ("Trump", "Iraq"): their slugs are kept. */
const slugs = new BoundedCache<string>(20000);

function slugOf(name: string): string {
  return slugs.get(name) ?? slugs.remember(name, slugify);
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function placeFacts(infos: Info[], canonical: string, gazetteer: Gazetteer, aliases: AliasIndex): PlaceFacts | undefined {
  for (const info of infos) if (info.place) return info.place.facts;
  const alias = aliases.lookup(canonical);
  if (alias?.place) return gazetteer.lookup(alias.place)?.facts;
  return gazetteer.lookup(canonical)?.facts;
}
