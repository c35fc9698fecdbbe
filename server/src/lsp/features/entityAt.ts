import type { Position } from 'vscode-languageserver';
import type { EntityAtResult } from '../../../../common/protocol';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { hitAt } from './lookup';
import { label } from './markdown';

/** `dossier/entityAt`: the entity mention at a position and the document's other entities. */
export function entityAt(doc: IndexedDocument, position: Position): EntityAtResult | null {
  const hit = hitAt(doc, doc.document.offsetAt(position));
  if (!hit || hit.kind !== 'mention') return null;
  const { mention, entity } = hit;
  return {
    mention: { start: mention.start, end: mention.end, text: label(mention.text) },
    entity: { id: entity.id, name: label(entity.canonical), type: entity.type, mentionCount: entity.mentions.length },
    others: doc.analysis.entities.filter((e) => e.id !== entity.id).map((e) => ({ id: e.id, name: label(e.canonical), type: e.type })),
  };
}
