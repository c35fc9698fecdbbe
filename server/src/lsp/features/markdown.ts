/**
 * The text on one line (runs of white space become one space), cut to at most
 * `max` characters with an ellipsis. Only as much of the text is looked at as
 * the result needs: a name can be megabytes long.
 */
export function truncate(text: string, max: number): string {
  for (let take = 2 * max + 16; ; take *= 4) {
    const whole = take >= text.length;
    const clean = (whole ? text : text.slice(0, take)).replace(/\s+/g, ' ').trim();
    if (clean.length > max) {
      let cut = clean.slice(0, max - 1);
      // Never end on half of a surrogate pair.
      if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
      return cut.trimEnd() + '…';
    }
    if (whole) return clean;
  }
}

/*
 * VS Code renders `$(name)` in code lens titles (and quick pick labels) as a
 * codicon, and shows `\$(name)` as the literal text (renderLabelWithIcons,
 * the escape its own escapeIcons writes). Only that exact pattern is escaped:
 * a backslash before anything else would be shown.
 */
const ICON = /\$\((?=[A-Za-z0-9-]+(?:~[A-Za-z]+)?\))/g;

/** Document or user text for a code lens title: on one line, at most `max` characters, no icons. */
export function lensText(text: string, max: number): string {
  return truncate(text, max).replace(ICON, '\\$(');
}

/** Longest name, tag or handle shown in a hover, outline, lens, symbol list or the sidebar. */
export const LABEL_MAX = 120;

/** A name from a document as it is shown anywhere: on one line and at most LABEL_MAX characters. */
export function label(text: string): string {
  return truncate(text, LABEL_MAX);
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

/**
 * A document's URI as a Markdown link destination. File URIs made with Node's
 * pathToFileURL keep `(` and `)`, and an unbalanced one ends the link early
 * (`smile :).txt` linked `smile%20:`) or stops it being a link at all; encoded,
 * the editor decodes them back to the same file.
 */
export function linkDestination(uri: string): string {
  return uri.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
}

/** A link that opens the document at the line of an offset (VS Code understands #L<line>). */
export function lineLink(doc: { uri: string; document: { positionAt(offset: number): { line: number } } }, offset: number): string {
  return `${linkDestination(doc.uri)}#L${doc.document.positionAt(offset).line + 1}`;
}

/** 1739800 → "1,739,800", without the first-call cost of Intl. */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * An excerpt (already escaped) in quotation marks, unless it opens with its
 * own: direct quotes and sentences that start with one carry their marks.
 * The escapers leave quotation marks alone, so escaping first changes nothing.
 */
export function quoted(excerpt: string): string {
  return /^["“‘'«]/.test(excerpt) ? excerpt : `“${excerpt}”`;
}
