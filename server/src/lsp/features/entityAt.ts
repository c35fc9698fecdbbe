import type { Position } from 'vscode-languageserver';
import type { EntityAtResult } from '../../../../common/protocol';
import type { EntityCluster } from '../../analysis/types';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { hitAt } from './lookup';
import { label } from './markdown';

/** `dossier/entityAt`: the entity mention at a position, the document's other entities and, for a place name, its candidates. */
export function entityAt(doc: IndexedDocument, position: Position): EntityAtResult | null {
  const hit = hitAt(doc, doc.document.offsetAt(position));
  if (!hit || hit.kind !== 'mention') return null;
  const { mention, entity } = hit;
  const places = placesOf(entity);
  return {
    mention: { start: mention.start, end: mention.end, text: label(mention.text) },
    entity: { id: entity.id, name: label(entity.canonical), type: entity.type, mentionCount: entity.mentions.length },
    others: doc.analysis.entities.filter((e) => e.id !== entity.id).map((e) => ({ id: e.id, name: label(e.canonical), type: e.type })),
    ...(places ? { places } : {}),
  };
}

function placesOf(entity: EntityCluster): EntityAtResult['places'] {
  const candidates = entity.placeCandidates;
  if (entity.kind !== 'place' || !candidates || candidates.length < 2) return undefined;
  const p = entity.place;
  // The user may have chosen another place than the engine: the current one is found by what it is, not by position.
  const current = p ? candidates.findIndex((c) => c.name === p.name && c.country === p.country && c.lat === p.lat && c.lon === p.lon) : -1;
  return { current, candidates: candidates.map((c) => ({ ...c })) };
}
