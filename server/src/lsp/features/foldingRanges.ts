import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { IndexedDocument } from '../../workspace/documentIndex';

/** Folds the comment section, each comment, and runs of block-quote paragraphs. */
export function foldingRanges(doc: IndexedDocument): FoldingRange[] {
  const line = (offset: number) => doc.document.positionAt(offset).line;
  const out: FoldingRange[] = [];
  const s = doc.analysis.structure;
  const push = (start: number, end: number, kind?: string) => {
    const a = line(start);
    const b = line(end);
    if (b > a) out.push({ startLine: a, endLine: b, kind });
  };
  if (s.commentsStart !== null) push(s.commentsStart, doc.analysis.length, FoldingRangeKind.Region);
  let quoteStart = -1;
  let quoteEnd = -1;
  for (const b of s.blocks) {
    if (b.kind === 'blockquote') {
      if (quoteStart < 0) quoteStart = b.start;
      quoteEnd = b.end;
      continue;
    }
    if (quoteStart >= 0) push(quoteStart, quoteEnd);
    quoteStart = -1;
    if (b.kind === 'comment') push(b.start, b.end);
  }
  if (quoteStart >= 0) push(quoteStart, quoteEnd);
  return out;
}
