import type { Gazetteer } from '../gazetteer';
import type { EntityCluster, PlaceCandidate, PlaceFacts } from '../types';
import { idFor, toResolved, type Referent } from './referents';
import { prior } from './score';

/* What a resolved place shows: its facts (hover, map) and the candidates "choose the place…" offers. */

/** How many readings "choose the place…" offers: the chosen one, then the most prominent others. */
const MAX_CHOICES = 10;

/**
 * The same name with the same readings and choice recurs across documents ("Washington", "Georgia"):
 * the list is built once per readings array and reused. Its objects are shared, read-only data.
 */
const choiceCache = new WeakMap<Referent[], Map<string, PlaceCandidate[]>>();

export function choices(
  chosen: Referent,
  all: Referent[],
  usual: Referent | undefined,
  e: EntityCluster,
  gazetteer: Gazetteer,
  baseId: string,
): PlaceCandidate[] {
  let byChoice = choiceCache.get(all);
  if (!byChoice) choiceCache.set(all, (byChoice = new Map()));
  const key = `${chosen.key}\u0000${usual?.key ?? ''}\u0000${baseId}\u0000${e.canonical}`;
  let list = byChoice.get(key);
  if (!list) {
    list = buildChoices(chosen, all, gazetteer, (r) => idFor(r, usual, baseId, e.canonical, gazetteer, all));
    if (byChoice.size > 64) byChoice.clear();
    byChoice.set(key, list);
  }
  return list.slice();
}

/** The chosen reading, then the most prominent others, each with the entity id that reading takes. */
function buildChoices(chosen: Referent, all: Referent[], gazetteer: Gazetteer, idOf: (r: Referent) => string): PlaceCandidate[] {
  const others = all.filter((r) => r.key !== chosen.key).sort((a, b) => prior(b) - prior(a));
  return [chosen, ...others.slice(0, MAX_CHOICES - 1)].map((r) => {
    const { name, country, admin1, lat, lon, population } = toResolved(r, 0);
    const c: PlaceCandidate = { id: idOf(r), type: placeType(r), name, country };
    const countryName = gazetteer.country(r.cc)?.name;
    if (countryName) c.countryName = countryName;
    if (admin1 !== undefined) c.admin1 = admin1;
    if (lat !== undefined && lon !== undefined) Object.assign(c, { lat, lon });
    if (population) c.population = population;
    return c;
  });
}

function placeType(r: Referent): PlaceCandidate['type'] {
  return r.kind === 'country' ? 'country' : r.kind === 'city' ? 'city' : 'region';
}

export function factsOf(r: Referent, gazetteer: Gazetteer): PlaceFacts {
  const f: PlaceFacts = { country: gazetteer.country(r.cc)?.name, countryCode: r.cc };
  if (r.admin1 !== undefined && r.kind !== 'division') f.admin1 = r.admin1;
  if (r.lat !== undefined) f.lat = r.lat;
  if (r.lon !== undefined) f.lon = r.lon;
  if (r.population) f.population = r.population;
  return f;
}
