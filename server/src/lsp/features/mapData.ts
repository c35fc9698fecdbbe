import type { MapData, MapPlace, MapPlaceType } from '../../../../common/protocol';
import { placeCoordinates, fullerName, type EntityIds, type ViewDocument } from './viewData';

/*
 * The map view's data: every place entity of the documents in scope, summed
 * across documents under its workspace-wide id. Pure and incremental (one
 * document at a time), so the server can feed it in slices.
 */

interface Entry extends MapPlace {
  located: boolean;
  /** Mentions of the member that gave the type and coordinates: the most mentioned one wins. */
  typeWeight: number;
  coordWeight: number;
  lastDoc: string;
}

export class MapAccumulator {
  private readonly places = new Map<string, Entry>();
  private documents = 0;

  constructor(private readonly ids: EntityIds) {}

  add(doc: ViewDocument): void {
    this.documents++;
    const entities = doc.analysis.entities;
    const ids = this.ids(doc);
    for (let i = 0; i < entities.length; i++) {
      const e = entities[i];
      if (e.kind !== 'place') continue;
      const id = ids[i];
      const weight = e.mentions.length;
      let entry = this.places.get(id);
      if (!entry) {
        entry = {
          id,
          name: e.canonical,
          type: e.type as MapPlaceType,
          lat: 0,
          lon: 0,
          mentionCount: 0,
          documentCount: 0,
          located: false,
          typeWeight: -1,
          coordWeight: -1,
          lastDoc: '',
        };
        this.places.set(id, entry);
      }
      entry.name = fullerName(entry.name, e.canonical);
      if (weight > entry.typeWeight) {
        entry.type = e.type as MapPlaceType;
        entry.typeWeight = weight;
      }
      const at = placeCoordinates(e);
      if (at && weight > entry.coordWeight) {
        entry.lat = at.lat;
        entry.lon = at.lon;
        entry.located = true;
        entry.coordWeight = weight;
        if (e.facts?.country) entry.country = e.facts.country;
      }
      entry.mentionCount += weight;
      if (entry.lastDoc !== doc.uri) {
        entry.lastDoc = doc.uri;
        entry.documentCount++;
      }
    }
  }

  result(): MapData {
    const places: MapPlace[] = [];
    let unlocated = 0;
    for (const e of this.places.values()) {
      if (!e.located) {
        unlocated++;
        continue;
      }
      const place: MapPlace = {
        id: e.id,
        name: e.name,
        type: e.type,
        lat: e.lat,
        lon: e.lon,
        mentionCount: e.mentionCount,
        documentCount: e.documentCount,
      };
      if (e.country) place.country = e.country;
      places.push(place);
    }
    places.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
    return { places, unlocated, documents: this.documents };
  }
}

/** The map of these documents: places with coordinates, most mentioned first. */
export function buildMapData(docs: Iterable<ViewDocument>, ids: EntityIds): MapData {
  const acc = new MapAccumulator(ids);
  for (const doc of docs) acc.add(doc);
  return acc.result();
}
