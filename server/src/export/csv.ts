import type { ExportDocument } from './documents';
import { place } from './documents';

const COLUMNS = ['document', 'id', 'kind', 'start', 'end', 'quote', 'tags', 'note', 'entity', 'correction', 'created', 'modified'];

/** RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; lines end with CRLF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One row per annotation; offsets are UTF-16 code units (empty for orphans); tags joined by "; ". */
export function toCsv(docs: readonly ExportDocument[]): string {
  const rows: string[][] = [COLUMNS];
  for (const doc of docs) {
    for (const p of place(doc)) {
      const a = p.annotation;
      const entity = a.kind === 'passage' ? '' : a.entity.name;
      const correction = a.kind !== 'correction' ? '' : a.correction.action === 'change-type' ? `change-type:${a.correction.type}` : a.correction.action === 'merge' ? `merge:${a.correction.into.name}` : a.correction.action;
      rows.push([doc.name, a.id, a.kind, p.start === null ? '' : String(p.start), p.end === null ? '' : String(p.end), p.quote.exact, a.body.tags.join('; '), a.body.note ?? '', entity, correction, a.created, a.modified]);
    }
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
