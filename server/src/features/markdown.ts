/*
 * Text from documents goes into hovers as plain text: every character that
 * Markdown or HTML could interpret inline is escaped, and document text is
 * never placed at the start of a line, so a scraped page cannot inject links,
 * images or markup.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_\[\]|~$]/g, (c) => '\\' + c)
    .replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
}

export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : clean.slice(0, max - 1).trimEnd() + '…';
}

const TYPE_LABELS: Record<string, string> = {
  person: 'Person',
  organization: 'Organisation',
  country: 'Country',
  city: 'City',
  region: 'Region',
  facility: 'Facility',
};

export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function basename(uri: string): string {
  const path = decodeURIComponent(uri.replace(/[?#].*$/, ''));
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A link that opens the document at the line of an offset (VS Code understands #L<line>). */
export function lineLink(doc: { uri: string; document: { positionAt(offset: number): { line: number } } }, offset: number): string {
  return `${doc.uri}#L${doc.document.positionAt(offset).line + 1}`;
}

/** 1739800 → "1,739,800", without the first-call cost of Intl. */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
