import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { hitAt } from './lookup';
import { toRange } from './range';

/** The other mentions of the same entity in this document; the first one is marked as the introduction. */
export function documentHighlights(doc: IndexedDocument, position: Position): DocumentHighlight[] {
  const hit = hitAt(doc, doc.document.offsetAt(position));
  if (!hit || hit.kind !== 'mention') return [];
  return hit.entity.mentions.map((i, n) => ({
    range: toRange(doc, doc.analysis.mentions[i]),
    kind: n === 0 ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
