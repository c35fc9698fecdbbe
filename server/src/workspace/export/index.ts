import { toBrat } from './brat';
import { CSV_HEADER, csvRows } from './csv';
import type { ExportDocument } from './documents';
import { w3cStream } from './w3c';

export type { ExportDocument } from './documents';
export { toBrat } from './brat';
export { csvField, toCsv } from './csv';
export { parseW3c, toW3c } from './w3c';

export const EXPORT_FORMATS = ['w3c', 'csv', 'brat'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A format that puts all documents in one file, written a document at a time. */
export interface ExportStream {
  head(): string;
  document(doc: ExportDocument): string;
  tail(): string;
}

export function exportStream(format: Exclude<ExportFormat, 'brat'>): ExportStream {
  if (format === 'w3c') return w3cStream();
  return { head: () => CSV_HEADER, document: csvRows, tail: () => '' };
}

/**
 * One file's content for the formats that put all documents together. brat
 * is one file per document, so there it only takes a single document.
 */
export function renderExport(format: ExportFormat, docs: readonly ExportDocument[]): string {
  if (format === 'brat') {
    if (docs.length !== 1) throw new Error('brat standoff is one .ann file per document: export one document at a time');
    return toBrat(docs[0]);
  }
  const stream = exportStream(format);
  let out = stream.head();
  for (const doc of docs) out += stream.document(doc);
  return out + stream.tail();
}
