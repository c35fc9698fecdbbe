import { toBrat } from './brat';
import { toCsv } from './csv';
import type { ExportDocument } from './documents';
import { toW3c } from './w3c';

export type { ExportDocument } from './documents';
export { toBrat } from './brat';
export { csvField, toCsv } from './csv';
export { parseW3c, toW3c } from './w3c';

export const EXPORT_FORMATS = ['w3c', 'csv', 'brat'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * One file's content for the formats that put all documents together. brat
 * is one file per document, so there it only takes a single document.
 */
export function renderExport(format: ExportFormat, docs: readonly ExportDocument[]): string {
  switch (format) {
    case 'w3c':
      return JSON.stringify(toW3c(docs), null, 2) + '\n';
    case 'csv':
      return toCsv(docs);
    case 'brat':
      if (docs.length !== 1) throw new Error('brat standoff is one .ann file per document: export one document at a time');
      return toBrat(docs[0]);
  }
}
