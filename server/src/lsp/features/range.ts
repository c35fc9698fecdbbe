import type { Range } from 'vscode-languageserver';
import type { Span } from '../../analysis/types';
import type { IndexedDocument } from '../../workspace/documentIndex';

export function toRange(doc: IndexedDocument, span: { start: number; end: number }): Range {
  return { start: doc.document.positionAt(span.start), end: doc.document.positionAt(span.end) };
}

/**
 * The smallest span covering all the given ones, or undefined when there are
 * none. A loop: `Math.min(...spans)` passes every item as an argument and
 * overflows the stack beyond about 125,000 of them.
 */
export function cover(spans: Iterable<Span>): Span | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const s of spans) {
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
  }
  return start <= end ? { start, end } : undefined;
}
