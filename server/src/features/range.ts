import type { Range } from 'vscode-languageserver';
import type { IndexedDocument } from '../workspace/documentIndex';

export function toRange(doc: IndexedDocument, span: { start: number; end: number }): Range {
  return { start: doc.document.positionAt(span.start), end: doc.document.positionAt(span.end) };
}
