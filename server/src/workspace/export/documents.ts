import { anchor, quoteSelectors, type TextAnchor } from '../../../../common/anchoring';
import type { Annotation } from '../../../../common/annotations';

/** One document to export: its identity, its current text and its stored annotations. */
export interface ExportDocument {
  /** A file URI; W3C targets name it as their source. */
  uri: string;
  /** A path for CSV rows and brat files, as the user knows the document. */
  name: string;
  text: string;
  annotations: readonly Annotation[];
}

/** An annotation placed in the current text, or orphaned (start/end null) with its stored quote. */
export interface PlacedAnnotation {
  annotation: Annotation;
  start: number | null;
  end: number | null;
  quote: { exact: string; prefix: string; suffix: string };
}

/**
 * Re-anchors every annotation against the text being exported, so that the
 * offsets written out match the file next to them even if it changed since
 * the sidecar was saved. Orphans are kept: their quote is still worth having.
 */
export function place(doc: ExportDocument): PlacedAnnotation[] {
  return doc.annotations.map((annotation) => {
    const { position, quote } = annotation.target;
    const stored: TextAnchor = { start: position.start, end: position.end, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix };
    const at = anchor(doc.text, stored);
    if (!at) return { annotation, start: null, end: null, quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix } };
    const q = quoteSelectors(doc.text, at.start, at.end);
    return { annotation, start: at.start, end: at.end, quote: { exact: q.exact, prefix: q.prefix, suffix: q.suffix } };
  });
}
