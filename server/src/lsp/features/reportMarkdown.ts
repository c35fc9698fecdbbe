import { printable } from '../../../../common/printable';
import { linkDestination } from './markdown';

/*
 * Markdown escaping for the report. Tags, notes, quotes and names come from
 * the user and from documents: they must read literally in any Markdown
 * viewer, never become emphasis, links, HTML, code, math or block structure.
 */

/** ASCII punctuation with an inline meaning in CommonMark, GitHub and VS Code's preview (math: `$`). */
const INLINE = /[\\`*_[\]<>&|~$]/g;

/**
 * Text for the inside of a paragraph, heading or link text. Control characters (an escape sequence in a
 * scraped page) are shown as their pictures: `dossier report` prints this text to the terminal.
 */
export function escapeInline(text: string): string {
  return printable(text.replace(/[\r\n]+/g, ' ')).replace(INLINE, (c) => `\\${c}`);
}

/**
 * One line of text that must not open a block either: headings, list items,
 * setext underlines, thematic breaks, ordered lists. Leading spaces are
 * dropped, since four of them would make an indented code block.
 */
export function escapeLine(line: string): string {
  return escapeInline(line.trim())
    .replace(/^([#+\-=])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** Multi-line text as Markdown paragraphs: lines kept, blank lines kept as paragraph breaks, runs of them as one. */
export function escapeBlock(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = escapeLine(raw);
    if (line || (out.length && out[out.length - 1])) out.push(line);
  }
  while (out.length && !out[out.length - 1]) out.pop();
  return out;
}

/** A block quote of the text. */
export function blockQuote(text: string): string {
  const lines = escapeBlock(text);
  return (lines.length ? lines : ['']).map((l) => (l ? `> ${l}` : '>')).join('\n');
}

/**
 * A link destination for a relative path: each segment percent-encoded, `#L<line>` when a line is known.
 * encodeURIComponent leaves `(` and `)`, and an unbalanced one ends the link early: they are encoded too.
 */
export function linkTarget(relativePath: string, line: number | null): string {
  const path = relativePath
    .split('/')
    .map((segment) => linkDestination(encodeURIComponent(segment)))
    .join('/');
  return line === null ? path : `${path}#L${line}`;
}
