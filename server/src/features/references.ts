import type { Location, ReferenceParams } from 'vscode-languageserver';
import type { DocumentIndex } from '../workspace/documentIndex';
import { hitAt } from './lookup';
import { toRange } from './range';

/** Every mention of the entity under the cursor, aliases included, across the workspace. */
export function references(index: DocumentIndex, params: ReferenceParams): Location[] {
  const doc = index.get(params.textDocument.uri);
  if (!doc) return [];
  const hit = hitAt(doc, doc.document.offsetAt(params.position));
  if (!hit || hit.kind !== 'mention') return [];
  const id = index.workspaceId(doc.uri, hit.entity.id);
  return index.mentionsOf(id).map((r) => ({ uri: r.doc.uri, range: toRange(r.doc, r.mention) }));
}
