import { type Gazetteer, type PlaceEntry } from '../gazetteer';
import { kindOf, type EntityKind, type EntityType } from '../types';
import type { AliasEntity, AliasIndex } from './aliasIndex';
import type { Forms } from './clusterPeople';
import type { AbbreviationForms, VariantKeys } from './linkForms';
import type { Shape } from './misspellings';
import { cleanSurface, isAbbreviation, nameKey, parsePersonName, type PersonName } from './names';
import type { RawMention } from './rawMention';
import { ownString } from '../ownString';

/*
 * What clustering knows about one written name: its alias entry or gazetteer
 * place, its person-name parts and its spelling key. Computed once per
 * distinct name and shared between mentions and documents.
 */

export interface Info {
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
  /** What the clustering rules derive from this name, filled in on first use. */
  memo: InfoMemo;
}

/**
 * Values the clustering rules derive from an Info, each computed on first use. Infos are shared
 * between documents, so these are too. Fields of one object rather than a WeakMap per rule: new
 * text makes new Infos, and every WeakMap entry costs a hash-table insertion and an ephemeron the
 * collector must trace, where a field costs a store.
 */
export class InfoMemo {
  identityKeys: string[] | undefined = undefined;
  forms: Forms | undefined = undefined;
  variantKeys: VariantKeys | undefined = undefined;
  abbreviationForms: AbbreviationForms | undefined = undefined;
  shape: Shape | undefined = undefined;
}

export function isPlaceType(t: EntityType): boolean {
  return t === 'country' || t === 'city' || t === 'region' || t === 'facility';
}

/** One cached `describe` result: the rest of its key, and the next entry of the same text. */
interface DescribeEntry {
  type: EntityType;
  placeId: string | undefined;
  info: Info;
  next: DescribeEntry | undefined;
}

/**
 * `describe` results by (text, type, place id), forgetting everything at 20,000 entries. Keyed by the
 * mention's text, then a short list compared field by field: a look-up builds no combined key string
 * (mentions are many, and a fresh concatenated key had to be flattened and hashed each time), and a
 * new text adds one small object rather than a Map of its own.
 */
export class DescribeCache {
  private readonly byText = new Map<string, DescribeEntry>();
  private size = 0;

  /** An empty place id is none, as `describe` reads it. */
  private static placeId(m: RawMention): string | undefined {
    return m.placeId || undefined;
  }

  get(m: RawMention): Info | undefined {
    const placeId = DescribeCache.placeId(m);
    for (let e = this.byText.get(m.text); e !== undefined; e = e.next) if (e.type === m.type && e.placeId === placeId) return e.info;
    return undefined;
  }

  set(m: RawMention, info: Info): void {
    if (this.size >= 20000) {
      // Cleared, not replaced: a field never reassigned stays a constant to the optimised code (see BoundedCache).
      this.byText.clear();
      this.size = 0;
    }
    const placeId = DescribeCache.placeId(m);
    const first = this.byText.get(m.text);
    for (let e = first; e !== undefined; e = e.next) {
      if (e.type === m.type && e.placeId === placeId) {
        e.info = info;
        return;
      }
    }
    // A new text is stored as a copy, not a view into its document (see ownString); an existing one keeps its key.
    this.byText.set(first ? m.text : ownString(m.text), { type: m.type, placeId, info, next: first });
    this.size++;
  }
}

const describeCaches = new WeakMap<Gazetteer, WeakMap<AliasIndex, DescribeCache>>();

export function describeCache(gazetteer: Gazetteer, aliases: AliasIndex): DescribeCache {
  let byAliases = describeCaches.get(gazetteer);
  if (!byAliases) {
    byAliases = new WeakMap();
    describeCaches.set(gazetteer, byAliases);
  }
  let cache = byAliases.get(aliases);
  if (!cache) {
    cache = new DescribeCache();
    byAliases.set(aliases, cache);
  }
  return cache;
}

/** Facts about one surface form; shared between mentions and documents, so never mutated. */
export function describe(m: RawMention, gazetteer: Gazetteer, aliases: AliasIndex): Info {
  // Infos outlive the document (DescribeCache): cut from a copy of the name, they hold no view into its text (see ownString).
  const text = ownString(m.text);
  const surface = cleanSurface(text) || text;
  const abbreviation = isAbbreviation(surface);
  // Every field present from the start (undefined when absent): one object shape for all Infos.
  const info: Info = {
    surface,
    type: m.type,
    kind: kindOf(m.type),
    alias: undefined,
    place: undefined,
    fixedId: undefined,
    person: undefined,
    key: m.type === 'person' ? '' : nameKey(surface),
    abbreviation,
    memo: new InfoMemo(),
  };
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
