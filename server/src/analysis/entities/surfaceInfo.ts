import { type Gazetteer, type PlaceEntry } from '../gazetteer';
import { kindOf, type EntityKind, type EntityType } from '../types';
import type { AliasEntity, AliasIndex } from './aliasIndex';
import { BoundedCache, cleanSurface, isAbbreviation, nameKey, parsePersonName, type PersonName } from './names';
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

const describeCaches = new WeakMap<Gazetteer, WeakMap<AliasIndex, BoundedCache<Info>>>();

export function describeCache(gazetteer: Gazetteer, aliases: AliasIndex): BoundedCache<Info> {
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
