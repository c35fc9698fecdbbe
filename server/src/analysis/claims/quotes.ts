import type { Span } from '../types';

/*
 * Quotation spans, found in one left-to-right pass so the cost is linear in
 * the text whatever the marks look like (the fuzz test feeds 100,000 quote
 * characters). Curly marks say which way they face; straight marks (" and
 * the '' of some wire copy) toggle. Paragraphs bound quotes, except that an
 * unclosed quote at a paragraph's end continues when the next paragraph
 * reopens with a quote mark — the usual convention for multi-paragraph
 * speech.
 */

export interface Quote extends Span {
  /** False when the quote ran to the end of its paragraph without a closing mark. */
  closed: boolean;
  /** Words inside the marks, capped (only small counts matter). */
  words: number;
}

const OPEN_CURLY = new Set([0x201c, 0x201e, 0xab]); // “ „ «
const CLOSE_CURLY = new Set([0x201d, 0xbb]); // ” »

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0x200b || c === 0xfeff || c === 0x2009 || c === 0x202f;
}

/** Length of the quote mark at i (1, or 2 for ''), or 0 when there is none. */
function markAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34 || c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb) return 1;
  if (c === 39 && text.charCodeAt(i + 1) === 39) return 2;
  return 0;
}

/** Quote marks and line breaks: the only characters the scanner stops at. */
const STOPS = /["\u201c\u201d\u201e\u00ab\u00bb\n]|''/g;

export function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  const n = text.length;
  let openAt = -1;
  const close = (end: number, closed: boolean) => {
    if (openAt >= 0 && end > openAt) quotes.push({ start: openAt, end, closed, words: 0 });
    openAt = -1;
  };
  STOPS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STOPS.exec(text)) !== null) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (openAt < 0) continue;
      // Does the next non-blank paragraph reopen the quote?
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 10 || isSpaceCode(text.charCodeAt(j)))) j++;
      const len = j < n ? markAt(text, j) : 0;
      if (len > 0 && !CLOSE_CURLY.has(text.charCodeAt(j))) {
        STOPS.lastIndex = j + len; // the reopening mark belongs to the same quote
        continue;
      }
      close(trimmedEnd(text, i), false);
      continue;
    }
    const len = m[0].length;
    if (OPEN_CURLY.has(c)) {
      // A second opening mark means the first was never closed.
      if (openAt >= 0) close(trimmedEnd(text, i), false);
      openAt = i;
    } else if (CLOSE_CURLY.has(c)) {
      if (openAt >= 0) close(i + len, true);
    } else if (openAt >= 0) {
      close(i + len, true);
    } else {
      openAt = i;
    }
  }
  if (openAt >= 0) close(trimmedEnd(text, n), false);
  return quotes;
}

/** End of the text before offset i without trailing blanks (at most the blanks themselves are walked). */
function trimmedEnd(text: string, i: number): number {
  let e = i;
  while (e > 0 && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return e;
}
