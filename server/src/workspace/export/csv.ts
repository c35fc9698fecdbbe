import type { PlaceChoice } from '../../../../common/annotations';
import type { ExportDocument } from './documents';
import { place } from './documents';

const COLUMNS = ['document', 'id', 'kind', 'start', 'end', 'quote', 'tags', 'note', 'entity', 'correction', 'created', 'modified'];

/*
 * A spreadsheet reads a cell starting with one of these as a formula (tab and
 * CR as OWASP lists them; the full-width forms because some locales of Excel
 * read them as their ASCII twins). Document names, quotes, tags and notes
 * come from documents and users, so such a cell is prefixed with "'",
 * which spreadsheets show as text, as OWASP recommends.
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled;
 * lines end with CRLF. Also quoted: a field with ";" or a tab, so that a
 * reader splitting on those (semicolon locales, TSV import) cannot start a
 * new cell inside it, and every field that was defused as a formula.
 */
export function csvField(value: string): string {
  const defused = FORMULA_START.test(value) ? `'${value}` : value;
  return defused !== value || /[",;\t\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

function csvLine(cells: readonly string[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

export const CSV_HEADER = csvLine(COLUMNS);

/** The rows of one document: one per annotation; offsets are UTF-16 code units (empty for orphans); tags joined by "; ". */
export function csvRows(doc: ExportDocument): string {
  let out = '';
  for (const p of place(doc)) {
    const a = p.annotation;
    const entity = a.kind === 'passage' ? '' : a.entity.name;
    const correction =
      a.kind !== 'correction'
        ? ''
        : a.correction.action === 'change-type'
          ? `change-type:${a.correction.type}`
          : a.correction.action === 'merge'
            ? `merge:${a.correction.into.name}`
            : a.correction.action === 'choose-place'
              ? `choose-place:${placeLabel(a.correction.place)}`
              : a.correction.action;
    out += csvLine([
      doc.name,
      a.id,
      a.kind,
      p.start === null ? '' : String(p.start),
      p.end === null ? '' : String(p.end),
      p.quote.exact,
      a.body.tags.join('; '),
      a.body.note ?? '',
      entity,
      correction,
      a.created,
      a.modified,
    ]);
  }
  return out;
}

/** "Paris, Texas, United States": the chosen place as a reader names it (a division is not repeated). */
function placeLabel(p: PlaceChoice): string {
  const parts = [p.name];
  if (p.admin1 && p.admin1 !== p.name) parts.push(p.admin1);
  parts.push(p.countryName ?? p.country);
  return parts.join(', ');
}

export function toCsv(docs: readonly ExportDocument[]): string {
  return CSV_HEADER + docs.map(csvRows).join('');
}
