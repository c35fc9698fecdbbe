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
  if (c === 34 || OPEN_CURLY.has(c) || CLOSE_CURLY.has(c)) return 1;
  if (c === 39 && text.charCodeAt(i + 1) === 39) return 2;
  return 0;
}

export function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  const n = text.length;
  let openAt = -1;
  let words = 0;
  let inWord = false;
  let lastContent = -1; // end of the last non-space character in the current paragraph
  const close = (end: number, closed: boolean) => {
    if (openAt >= 0 && end > openAt) quotes.push({ start: openAt, end, closed, words });
    openAt = -1;
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      inWord = false;
      if (openAt >= 0) {
        // Does the next non-blank paragraph reopen the quote?
        let j = i + 1;
        while (j < n && (text.charCodeAt(j) === 10 || isSpaceCode(text.charCodeAt(j)))) j++;
        const m = j < n ? markAt(text, j) : 0;
        const reopens = m > 0 && !CLOSE_CURLY.has(text.charCodeAt(j));
        if (reopens) {
          i = j + m; // the reopening mark belongs to the same quote
          continue;
        }
        close(lastContent, false);
      }
      i++;
      continue;
    }
    if (!isSpaceCode(c)) lastContent = i + 1;
    const m = markAt(text, i);
    if (m === 0) {
      const letter = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
      if (letter && !inWord && openAt >= 0) words++;
      inWord = letter;
      i++;
      continue;
    }
    inWord = false;
    if (OPEN_CURLY.has(c)) {
      // A second opening mark means the first was never closed.
      if (openAt >= 0) close(i, false);
      openAt = i;
      words = 0;
    } else if (CLOSE_CURLY.has(c)) {
      if (openAt >= 0) close(i + m, true);
    } else if (openAt >= 0) {
      close(i + m, true);
    } else {
      openAt = i;
      words = 0;
    }
    i += m;
    lastContent = i;
  }
  if (openAt >= 0) close(lastContent, false);
  return quotes;
}
