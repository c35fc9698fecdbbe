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
const STOPS = /["\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\n]|''/g;

export function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  const n = text.length;
  let openAt = -1;
  let straight = false;
  let single = false;
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
      // Only a mark of the same style reopens: a stray '"' opening one paragraph does not continue into a “…” one.
      const sameStyle = straight === (text.charCodeAt(j) === 34 || text.charCodeAt(j) === 39);
      if (len > 0 && !CLOSE_CURLY.has(text.charCodeAt(j)) && sameStyle && !single) {
        STOPS.lastIndex = j + len; // the reopening mark belongs to the same quote
        continue;
      }
      close(trimmedEnd(text, i), false);
      single = false;
      continue;
    }
    const len = m[0].length;
    // Single curly marks quote only outside double quotes (inside, they nest);
    // ’ is mostly an apostrophe, so it closes only a ‘ and only before a non-letter.
    if (c === 0x2018) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
      if (openAt < 0 && !isLetter(prev) && isLetter(text.charCodeAt(i + 1))) {
        openAt = i;
        single = true;
        straight = false;
      }
      continue;
    }
    if (c === 0x2019) {
      if (openAt >= 0 && single && !isLetter(text.charCodeAt(i + 1))) {
        single = false;
        close(i + 1, true);
      }
      continue;
    }
    if (single && openAt >= 0) {
      // A double mark inside a single-quoted stretch: the ‘ was not a quotation after all.
      single = false;
      openAt = -1;
    }
    // A closing curly mark after a straight opening one is one quotation in
    // mixed styles ("You know …,” he said); an opening curly mark inside a
    // straight-quoted stretch means the straight mark was scraping debris (a
    // stray '"' opening every paragraph), not a quotation.
    if (straight && openAt >= 0 && CLOSE_CURLY.has(c)) {
      straight = false;
      close(i + len, true);
      continue;
    }
    if (straight && openAt >= 0 && OPEN_CURLY.has(c)) openAt = -1;
    straight = c === 34 || c === 39;
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

function isLetter(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    (c > 191 && c !== 0x2019 && c !== 0x201d && c !== 0x2014 && c !== 0x2013)
  );
}

/** End of the text before offset i without trailing blanks (at most the blanks themselves are walked). */
function trimmedEnd(text: string, i: number): number {
  let e = i;
  while (e > 0 && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return e;
}
