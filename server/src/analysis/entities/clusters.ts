import aliasData from '../data/aliases.json';
import { slugify, type Gazetteer, type PlaceEntry } from '../gazetteer';
import { kindOf, type EntityCluster, type EntityKind, type EntityMention, type EntityType, type PlaceFacts } from '../types';
import {
  abbreviates,
  abbreviationKey,
  BoundedCache,
  foldName,
  cleanSurface,
  compatibleGiven,
  initialsKeys,
  isAbbreviation,
  nameKey,
  parsePersonName,
  phoneticWord,
  similarSurnameKeys,
  type PersonName,
} from './names';
import type { RawMention } from './rawMention';
import { lowerBound } from '../util/search';

/*
 * Alias clustering within one document. Every mention gets the id of the
 * entity it names; the rules below only ever merge, and a merge is refused
 * when it would join two different fixed identities (alias data or gazetteer
 * ids), so rule order matters little.
 */

export interface AliasEntity {
  id: string;
  name: string;
  type: EntityType;
  /** Gazetteer name whose facts the entity carries. */
  place?: string;
  aliases: string[];
}

interface AliasFile {
  entities: AliasEntity[];
  givenNames: string[][];
}

/** Alias data of well-known entities, indexed once per process. */
export class AliasIndex {
  private readonly exact = new Map<string, AliasEntity>();
  private readonly folded = new Map<string, AliasEntity>();
  readonly nicknames = new Map<string, string>();
  readonly entities: readonly AliasEntity[];

  constructor(data: AliasFile) {
    this.entities = data.entities;
    for (const e of data.entities) {
      for (const a of [e.name, ...e.aliases]) {
        const surface = cleanSurface(a);
        // Short capitalised aliases ("IS", "US", "AP") are common words in lower case.
        if (/^[\p{Lu}.]+$/u.test(surface) && surface.replace(/\./g, '').length <= 4) {
          if (!this.exact.has(surface)) this.exact.set(surface, e);
        } else {
          const key = foldName(surface);
          if (!this.folded.has(key)) this.folded.set(key, e);
        }
      }
    }
    for (const group of data.givenNames) {
      for (const n of group) if (!this.nicknames.has(n)) this.nicknames.set(n, group[0]);
    }
  }

  lookup(surface: string): AliasEntity | undefined {
    return this.exact.get(surface) ?? this.folded.get(foldName(surface));
  }
}

let defaultIndex: AliasIndex | undefined;

export function aliasIndex(): AliasIndex {
  defaultIndex ??= new AliasIndex(aliasData as AliasFile);
  return defaultIndex;
}

const GENERIC_HEADS = new Set([
  'province', 'governorate', 'news', 'tv', 'channel', 'television', 'radio', 'organisation', 'organization', 'force', 'forces',
  'party', 'movement', 'group', 'brigade', 'brigades', 'agency', 'network', 'army', 'corps', 'militia', 'inc', 'inc.', 'corp', 'corp.',
  'ltd', 'ltd.', 'company', 'co', 'co.',
]);

class UnionFind {
  readonly parent: number[];
  readonly fixed: Array<string | undefined>;
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
    this.fixed = new Array<string | undefined>(n);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  /** Merges unless the two sets carry different fixed ids. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const fa = this.fixed[ra];
    const fb = this.fixed[rb];
    if (fa !== undefined && fb !== undefined && fa !== fb) return false;
    // The earlier mention stays root so clusters come out in text order.
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[child] = root;
    this.fixed[root] = fa ?? fb;
    return true;
  }
}

interface Info {
  surface: string;
  type: EntityType;
  kind: EntityKind;
  alias?: AliasEntity;
  place?: PlaceEntry;
  fixedId?: string;
  person?: PersonName;
  /** Spelling-insensitive name key (organisations and places). */
  key: string;
  abbreviation: boolean;
}

function isPlaceType(t: EntityType): boolean {
  return t === 'country' || t === 'city' || t === 'region' || t === 'facility';
}

/**
 * Gives every mention the id of its entity: alias data and gazetteer ids
 * first, then surname/full-name matching for people, acronyms, parenthetical
 * definitions and modifier/head variants for organisations and places.
 * `text` enables the parenthetical rule ("Popular Mobilization Units (PMU)").
 */
export function clusterMentions(
  raw: RawMention[],
  gazetteer: Gazetteer,
  text?: string,
  aliases: AliasIndex = aliasIndex(),
): { mentions: EntityMention[]; entities: EntityCluster[] } {
  const order = raw.map((_, i) => i).sort((a, b) => raw[a].start - raw[b].start || raw[a].end - raw[b].end);
  const ms = order.map((i) => raw[i]);
  const n = ms.length;
  const uf = new UnionFind(n);
  // Names repeat (a country dozens of times, in every document), so each distinct surface is described once.
  const memo = describeCache(gazetteer, aliases);
  const infos: Info[] = ms.map((m) => {
    const key = `${m.type}\u0000${m.placeId ?? ''}\u0000${m.text}`;
    let info = memo.get(key);
    if (!info) {
      info = describe(m, gazetteer, aliases);
      memo.set(key, info);
    }
    return info;
  });
  infos.forEach((info, i) => (uf.fixed[i] = info.fixedId));

  // Same fixed identity, or the same spelling key within one kind, is one entity.
  const byKey = new Map<string, number>();
  infos.forEach((info, i) => {
    const keys: string[] = [];
    if (info.fixedId) keys.push(`id:${info.fixedId}`);
    if (!info.person && info.key) keys.push(`${info.kind}:${info.key}`);
    // The same written name is one entity even when the tagger types it both ways (capital as place and as actor).
    if (!info.person) keys.push(`=${foldName(info.surface)}`);
    for (const key of keys) {
      const first = byKey.get(key);
      if (first === undefined) byKey.set(key, i);
      else uf.union(first, i);
    }
  });

  // First mention of each distinct name: the form-level rules below work on these.
  const firstOf = new Map<Info, number>();
  infos.forEach((info, i) => {
    if (!firstOf.has(info)) firstOf.set(info, i);
  });
  const forms = [...firstOf].map(([info, i]) => ({ info, i }));

  clusterPeople(ms, infos, uf, aliases, byKey);
  linkAbbreviations(forms, uf);
  if (text !== undefined) linkParentheticals(ms, infos, uf, text);
  linkVariants(forms, uf, gazetteer, aliases);

  return buildClusters(ms, infos, uf, gazetteer, aliases);
}

const describeCaches = new WeakMap<Gazetteer, WeakMap<AliasIndex, BoundedCache<Info>>>();

function describeCache(gazetteer: Gazetteer, aliases: AliasIndex): BoundedCache<Info> {
  let byAliases = describeCaches.get(gazetteer);
  if (!byAliases) {
    byAliases = new WeakMap();
    describeCaches.set(gazetteer, byAliases);
  }
  let cache = byAliases.get(aliases);
  if (!cache) {
    cache = new BoundedCache<Info>(20000);
    byAliases.set(aliases, cache);
  }
  return cache;
}

/** Facts about one surface form; shared between mentions and documents, so never mutated. */
function describe(m: RawMention, gazetteer: Gazetteer, aliases: AliasIndex): Info {
  const surface = cleanSurface(m.text) || m.text;
  const abbreviation = isAbbreviation(surface);
  const info: Info = { surface, type: m.type, kind: kindOf(m.type), abbreviation, key: m.type === 'person' ? '' : nameKey(surface) };
  const alias = aliases.lookup(surface);
  if (alias) {
    info.alias = alias;
    info.fixedId = alias.id;
    if (alias.place) info.place = gazetteer.lookup(alias.place);
    return info;
  }
  if (m.placeId) {
    info.fixedId = m.placeId;
    info.place = gazetteer.lookup(surface);
    return info;
  }
  if (m.type !== 'person') {
    const place = gazetteer.lookup(surface);
    // An organisation-typed country name is the tagger reading metonymy; cities stay apart ("Washington" the paper).
    if (place && (isPlaceType(m.type) || place.type === 'country')) {
      info.place = place;
      info.fixedId = place.id;
      return info;
    }
    return info;
  }
  info.person = parsePersonName(surface);
  return info;
}

interface PersonCluster {
  root: number;
  given: string;
  /** Mention starts of the cluster, ascending. */
  starts: number[];
}

/**
 * People: full names sharing a surname key and a compatible given name are
 * one person; a bare surname joins the single person of that surname, or the
 * nearest preceding one when several share it; a bare given name joins the
 * one person who has it.
 */
function clusterPeople(ms: RawMention[], infos: Info[], uf: UnionFind, aliases: AliasIndex, byKey: ReadonlyMap<string, number>): void {
  const people: number[] = [];
  infos.forEach((info, i) => {
    if (info.person && info.person.surnameKey) people.push(i);
  });
  if (people.length === 0) return;

  // Transliterations one edit apart share a surname group (al-Zamili / al-Zimili).
  // Buckets by first letter and length keep this near-linear: one edit changes the length by at most one.
  const groupOf = new Map<string, string>();
  const buckets = new Map<string, string[]>();
  for (const i of people) {
    const key = infos[i].person!.surnameKey;
    if (groupOf.has(key)) continue;
    let match: string | undefined;
    if (key.length >= 6) {
      for (let len = key.length - 1; len <= key.length + 1 && match === undefined; len++) {
        match = buckets.get(`${key[0]}${len}`)?.find((k) => similarSurnameKeys(k, key));
      }
    }
    groupOf.set(key, match !== undefined ? groupOf.get(match)! : key);
    const b = `${key[0]}${key.length}`;
    const list = buckets.get(b);
    if (list) list.push(key);
    else buckets.set(b, [key]);
  }
  const group = (i: number) => groupOf.get(infos[i].person!.surnameKey)!;

  // Full names first, most complete first, so shortened given names find their full form.
  const full = people.filter((i) => infos[i].person!.given !== null);
  const distinct = new Map<string, number[]>();
  for (const i of full) {
    const key = `${group(i)}|${infos[i].person!.display.toLowerCase()}`;
    const list = distinct.get(key);
    if (list) list.push(i);
    else distinct.set(key, [i]);
  }
  const forms = [...distinct.values()].sort((a, b) => {
    const pa = infos[a[0]].person!;
    const pb = infos[b[0]].person!;
    return pb.words - pa.words || pb.display.length - pa.display.length || b.length - a.length || a[0] - b[0];
  });
  const clustersBySurname = new Map<string, PersonCluster[]>();
  const clustersByGiven = new Map<string, PersonCluster[]>();
  const clusterOf = new Map<number, PersonCluster>();
  for (const form of forms) {
    const p = infos[form[0]].person!;
    const g = group(form[0]);
    const list = clustersBySurname.get(g) ?? [];
    const compatible = list.filter((c) => compatibleGiven(c.given, p.given!, aliases.nicknames));
    let cluster: PersonCluster;
    if (compatible.length === 1) cluster = compatible[0];
    else {
      cluster = { root: form[0], given: p.given!, starts: [] };
      list.push(cluster);
      clustersBySurname.set(g, list);
      const gk = p.givenKey ?? '';
      const byGiven = clustersByGiven.get(gk) ?? [];
      byGiven.push(cluster);
      clustersByGiven.set(gk, byGiven);
    }
    for (const i of form) {
      uf.union(cluster.root, i);
      cluster.starts.push(ms[i].start);
      clusterOf.set(i, cluster);
    }
  }
  for (const list of clustersBySurname.values()) for (const c of list) c.starts.sort((a, b) => a - b);

  const bareBySurname = new Map<string, number>();
  for (const i of people) {
    const p = infos[i].person!;
    if (p.given !== null) continue;
    const candidates = clustersBySurname.get(group(i)) ?? [];
    let target: PersonCluster | undefined;
    if (candidates.length === 1) target = candidates[0];
    else if (candidates.length > 1) target = nearest(candidates, ms[i].start);
    else if (p.words === 1 && !/[-‐‑]/.test(p.display)) {
      // A lone given name ("Atheel") when exactly one full name starts with it.
      const byGiven = clustersByGiven.get(p.surnameKey) ?? [];
      if (byGiven.length === 1) target = byGiven[0];
    }
    if (target) {
      uf.union(target.root, i);
      continue;
    }
    // A lone word typed person that is elsewhere a place or organisation ("towards Raqqa") is that entity.
    const same = byKey.get(`=${foldName(infos[i].surface)}`);
    if (same !== undefined && candidates.length === 0) {
      uf.union(same, i);
      continue;
    }
    const first = bareBySurname.get(group(i));
    if (first === undefined) bareBySurname.set(group(i), i);
    else uf.union(first, i);
  }

  // A tagger sometimes types a bare surname as an organisation ("Abadi said").
  infos.forEach((info, i) => {
    if (info.type !== 'organization' || info.fixedId || /\s/.test(info.surface) || info.abbreviation) return;
    const key = phoneticWord(info.surface);
    const g = groupOf.get(key);
    if (g === undefined) {
      const byGiven = /[-‐‑]/.test(info.surface) ? [] : (clustersByGiven.get(key) ?? []);
      if (byGiven.length === 1) uf.union(byGiven[0].root, i);
      return;
    }
    const candidates = clustersBySurname.get(g) ?? [];
    if (candidates.length === 1) uf.union(candidates[0].root, i);
    else if (candidates.length > 1) uf.union(nearest(candidates, ms[i].start).root, i);
  });
}

/** The cluster with the closest mention before `start`, else the closest after. */
function nearest(candidates: PersonCluster[], start: number): PersonCluster {
  let best: PersonCluster | undefined;
  let bestBefore = -1;
  for (const c of candidates) {
    const before = lastBelow(c.starts, start);
    if (before > bestBefore) {
      bestBefore = before;
      best = c;
    }
  }
  if (best) return best;
  let bestAfter = Infinity;
  best = candidates[0];
  for (const c of candidates) {
    if (c.starts.length > 0 && c.starts[0] < bestAfter) {
      bestAfter = c.starts[0];
      best = c;
    }
  }
  return best;
}

function lastBelow(sorted: number[], x: number): number {
  const lo = lowerBound(sorted, (v) => v < x);
  return lo > 0 ? sorted[lo - 1] : -1;
}

interface Form {
  info: Info;
  /** Index of its first mention. */
  i: number;
}

/** Acronyms and short forms join their expansion when exactly one entity fits. */
function linkAbbreviations(forms: Form[], uf: UnionFind): void {
  const expansions: Form[] = [];
  const byInitials = new Map<string, Form[]>();
  for (const form of forms) {
    const { info } = form;
    // People count as expansions too ("JFK"), and taggers call some organisations people.
    if (!/\s/.test(info.surface)) continue;
    expansions.push(form);
    for (const key of initialsKeys(info.surface)) {
      const list = byInitials.get(key) ?? [];
      list.push(form);
      byInitials.set(key, list);
    }
  }
  if (expansions.length === 0) return;
  for (const { info, i } of forms) {
    if (info.person || info.alias || info.place || !info.abbreviation) continue;
    const key = abbreviationKey(info.surface);
    const pool = key !== null ? (byInitials.get(key) ?? []) : expansions;
    const roots = new Set<number>();
    let pick = -1;
    for (const e of pool) {
      if (!abbreviates(info.surface, e.info.surface)) continue;
      roots.add(uf.find(e.i));
      pick = e.i;
    }
    if (roots.size === 1) uf.union(pick, i);
  }
}

const OPEN_PAREN = /^\s*[(\[]\s*$/;
const CLOSE_PAREN = /^\s*[)\]]/;

/** "Popular Mobilization Units (PMU)" and "PMU (Popular Mobilization Units)" define each other. */
function linkParentheticals(ms: RawMention[], infos: Info[], uf: UnionFind, text: string): void {
  for (let i = 0; i + 1 < ms.length; i++) {
    const a = ms[i];
    const b = ms[i + 1];
    if (b.start - a.end > 4 || !OPEN_PAREN.test(text.slice(a.end, b.start))) continue;
    if (!CLOSE_PAREN.test(text.slice(b.end, b.end + 3))) continue;
    const ia = infos[i];
    const ib = infos[i + 1];
    if (ia.person || ib.person) continue;
    // "Erbil (Iraq)" locates rather than renames; only abbreviations or two organisation names define.
    const abbrA = ia.abbreviation;
    const abbrB = ib.abbreviation;
    const multiWord = (s: string) => /\s/.test(s);
    const defines =
      (abbrB && !abbrA && (abbreviates(ib.surface, ia.surface) || (multiWord(ia.surface) && ia.kind === ib.kind))) ||
      (abbrA && !abbrB && (abbreviates(ia.surface, ib.surface) || (multiWord(ib.surface) && ia.kind === ib.kind))) ||
      (ia.type === 'organization' && ib.type === 'organization' && !abbrA && !abbrB);
    if (defines) uf.union(i, i + 1);
  }
}

/**
 * "Iraqi Kurdistan" ~ "Kurdistan", "UN Security Council" ~ "Security
 * Council" (a leading nationality or country), and "Ninewa Province" ~
 * "Ninewa", "NBC News" ~ "NBC" (a generic head). A short form that could
 * belong to two longer ones ("Health Ministry" with Iraqi and Syrian ones)
 * stays alone.
 */
function linkVariants(forms: Form[], uf: UnionFind, gazetteer: Gazetteer, aliases: AliasIndex): void {
  const shortForms = new Map<string, number>();
  for (const { info, i } of forms) {
    if (info.person) continue;
    const key = `${variantGroup(info.type)}|${foldName(info.surface)}`;
    if (!shortForms.has(key)) shortForms.set(key, i);
  }
  const candidates = new Map<number, Set<number>>();
  const firstLong = new Map<number, number>();
  const consider = (short: number | undefined, long: number) => {
    if (short === undefined || short === long) return;
    const set = candidates.get(short) ?? new Set<number>();
    set.add(uf.find(long));
    candidates.set(short, set);
    if (!firstLong.has(short)) firstLong.set(short, long);
  };
  for (const { info, i } of forms) {
    const words = info.surface.split(/\s+/);
    if (words.length < 2) continue;
    const group = variantGroup(info.type);
    if (!info.person && isModifier(words[0], gazetteer, aliases)) {
      consider(shortForms.get(`${group}|${foldName(words.slice(1).join(' '))}`), i);
    }
    let end = words.length;
    while (end > 1 && GENERIC_HEADS.has(words[end - 1].toLowerCase())) end--;
    if (end < words.length) consider(shortForms.get(`${group}|${foldName(words.slice(0, end).join(' '))}`), i);
  }
  for (const [short, roots] of candidates) {
    if (roots.size === 1) uf.union(firstLong.get(short)!, short);
  }
}

/**
 * Places must agree on type ("Sinjar district" is not the town Sinjar);
 * actors only on kind, as taggers confuse organisation and person labels.
 */
function variantGroup(type: EntityType): string {
  return isPlaceType(type) ? type : 'actor';
}

function isModifier(word: string, gazetteer: Gazetteer, aliases: AliasIndex): boolean {
  if (gazetteer.demonym(word)) return true;
  const alias = aliases.lookup(word);
  if (alias && (alias.type === 'country' || isAbbreviation(word))) return true;
  return gazetteer.lookup(word)?.type === 'country';
}

function buildClusters(
  ms: RawMention[],
  infos: Info[],
  uf: UnionFind,
  gazetteer: Gazetteer,
  aliases: AliasIndex,
): { mentions: EntityMention[]; entities: EntityCluster[] } {
  const members = new Map<number, number[]>();
  for (let i = 0; i < ms.length; i++) {
    const r = uf.find(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  }
  const mentions: EntityMention[] = ms.map((m) => ({ start: m.start, end: m.end, text: m.text, kind: kindOf(m.type), type: m.type, id: '' }));
  const entities: EntityCluster[] = [];
  const used = new Map<string, number>();
  for (const [, list] of members) {
    const type = majorityType(list.map((i) => infos[i]));
    const fixed = list.map((i) => infos[i]).find((info) => info.fixedId !== undefined);
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
      canonical = bestName(list.map((i) => infos[i]), type);
      id = slugify(canonical) || 'entity';
    }
    // Two different entities may slug alike ("Washington" the city and the person).
    const seen = used.get(id) ?? 0;
    used.set(id, seen + 1);
    if (seen > 0) id = `${id}-${type}${seen > 1 ? `-${seen}` : ''}`;
    const aliasesSeen = new Set<string>();
    const names: string[] = [];
    for (const i of list) {
      const s = infos[i].surface;
      if (!aliasesSeen.has(s)) {
        aliasesSeen.add(s);
        names.push(s);
      }
      mentions[i].id = id;
    }
    const cluster: EntityCluster = { id, canonical, kind: kindOf(type), type, aliases: names, mentions: list, descriptions: [] };
    if (isPlaceType(type)) {
      const facts = placeFacts(list.map((i) => infos[i]), canonical, gazetteer, aliases);
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
function bestName(infos: Info[], type: EntityType): string {
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
    const score = [personWords >= 2 ? 1 : 0, typeMatch, personWords, spelledOut, name.split(/\s+/).length, name.length, count];
    if (best === '' || compareScores(score, bestScore) > 0) {
      best = name;
      bestScore = score;
    }
  }
  return best;
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
