import { type Gazetteer, type PlaceEntry } from '../gazetteer';
import { kindOf, type EntityKind, type EntityType } from '../types';
import type { AliasEntity, AliasIndex } from './aliasIndex';
import { cleanSurface, isAbbreviation, nameKey, parsePersonName, type PersonName } from './names';
import type { RawMention } from './rawMention';

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
}

export function isPlaceType(t: EntityType): boolean {
  return t === 'country' || t === 'city' || t === 'region' || t === 'facility';
}

/**
 * `describe` results by (text, type, place id), forgetting everything at 20,000 entries. Keyed by the
 * mention's text first and then by type (and place id, when there is one), so that a look-up builds no
 * combined key string: mentions are many, and a fresh concatenated key had to be flattened and hashed each time.
 */
export class DescribeCache {
  private byText = new Map<string, Map<string, Info>>();
  private size = 0;

  private static inner(m: RawMention): string {
    return m.placeId ? `${m.type}\u0000${m.placeId}` : m.type;
  }

  get(m: RawMention): Info | undefined {
    return this.byText.get(m.text)?.get(DescribeCache.inner(m));
  }

  set(m: RawMention, info: Info): void {
    if (this.size >= 20000) {
      this.byText = new Map();
      this.size = 0;
    }
    let inner = this.byText.get(m.text);
    if (!inner) this.byText.set(m.text, (inner = new Map()));
    const key = DescribeCache.inner(m);
    if (!inner.has(key)) this.size++;
    inner.set(key, info);
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
