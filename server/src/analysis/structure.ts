import type { Block, DocumentStructure, Span } from './types';
import { spanAt } from '../../../common/search';

/*
 * Layout of a scraped news page: headline, optional byline, body paragraphs
 * (some introducing block quotes from other outlets), then reader comments.
 * Recognised from line shapes only, so it is linear in the text length.
 */

interface Line extends Span {
  /** Offsets of the line without surrounding whitespace. */
  trimStart: number;
  trimEnd: number;
  /** Blank lines immediately before this line. */
  blanksBefore: number;
}

const PICTURE = /^(.{1,80}?)['’]s picture$/;
/**
 * PICTURE's match on a line, tested first by the line's end: every line of a document's body and comments asks, and
 * the lazy head tried each of its 80 lengths against the tail on almost every line (0.4 % of an analysis).
 */
function picture(t: string): RegExpExecArray | null {
  return t.endsWith('s picture') ? PICTURE.exec(t) : null;
}
const BYLINE = /^(By\s+\S.{0,150}|.{1,80}['’]s picture)$/;
const COMMENTS_MARKER =
  /^(Comment viewing options|\d+\s+(Responses?|Comments?|Replies|Reactions)|Comments?( \(\d+\))?|Reader comments|Leave a (Reply|Comment))$/i;
const BULLET_HANDLE = /^•\s+(\S.{0,60})$/;
const NUMBERED_COMMENT = /^(\d{1,4})\.\s+\S/;
const QUOTE_INTRO =
  /^(Here['’]s|Here is|Here are|From|Via|As .{1,60}(reports?|reported|notes?|noted|writes?|wrote|explains?|explained)|.{1,200}\b(reports?|reported|writes?|wrote|notes?|noted|explains?|explained|account|excerpt|says|said))\b.*:$/i;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let blanks = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    let ts = start;
    let te = end;
    while (ts < te && isBlank(text.charCodeAt(ts))) ts++;
    while (te > ts && isBlank(text.charCodeAt(te - 1))) te--;
    if (te > ts) {
      lines.push({ start, end, trimStart: ts, trimEnd: te, blanksBefore: blanks });
      blanks = 0;
    } else {
      blanks++;
    }
    if (end === n) break;
    start = end + 1;
  }
  return lines;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0x200b || c === 0xfeff || c === 0x2009 || c === 0x202f;
}

export function parseStructure(text: string): DocumentStructure {
  const lines = splitLines(text);
  const blocks: Block[] = [];
  let headline: Span | null = null;
  let byline: Span | null = null;
  let commentsStart: number | null = null;
  const lineText = (l: Line) => text.slice(l.trimStart, l.trimEnd);

  let i = 0;
  if (lines.length > 0) {
    headline = { start: lines[0].trimStart, end: lines[0].trimEnd };
    blocks.push({ kind: 'headline', section: 'article', ...headline });
    i = 1;
  }
  // A byline sits among the first lines, before the body starts.
  for (let k = i; k < Math.min(lines.length, i + 3); k++) {
    const t = lineText(lines[k]);
    if (t.length <= 160 && BYLINE.test(t)) {
      // Lines between the headline and the byline are further headline lines (deck, caption).
      for (let m = i; m < k; m++) blocks.push({ kind: 'headline', section: 'article', start: lines[m].trimStart, end: lines[m].trimEnd });
      byline = { start: lines[k].trimStart, end: lines[k].trimEnd };
      blocks.push({ kind: 'byline', section: 'article', ...byline });
      i = k + 1;
      break;
    }
  }

  let inQuote = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const t = lineText(line);
    if (COMMENTS_MARKER.test(t) || picture(t) || isBulletHandle(line, t)) {
      commentsStart = line.trimStart;
      break;
    }
    if (isNumberedCommentList(lines, i, text)) {
      commentsStart = line.trimStart;
      break;
    }
    if (inQuote && line.blanksBefore < 2) inQuote = false;
    // The pattern ends in ":$" (no m flag): only a line ending in a colon can match, and most do not, so the
    // costly alternatives (".{1,200}\b...", tried at every length) are skipped for them.
    if (!inQuote && t.length < 400 && t.endsWith(':') && QUOTE_INTRO.test(t)) {
      blocks.push({ kind: 'blockquote-intro', section: 'article', start: line.trimStart, end: line.trimEnd });
      inQuote = true;
      // The first quoted paragraph follows whatever the gap.
      if (i + 1 < lines.length) lines[i + 1].blanksBefore = Math.max(lines[i + 1].blanksBefore, 2);
      continue;
    }
    blocks.push({ kind: inQuote ? 'blockquote' : 'paragraph', section: 'article', start: line.trimStart, end: line.trimEnd });
  }

  if (commentsStart !== null) parseComments(text, lines, i, blocks);
  return { headline, byline, blocks, commentsStart };
}

function isBulletHandle(line: Line, t: string): boolean {
  // "  • handle" on its own line, indented, followed by an indented comment body.
  return line.trimStart > line.start && BULLET_HANDLE.test(t) && t.length < 64;
}

function isNumberedCommentList(lines: Line[], i: number, text: string): boolean {
  // "  1. ..." then "  2. ..." indented: a numbered comment list, not an article's list.
  const a = lines[i];
  const b = lines[i + 1];
  if (!b || a.trimStart === a.start) return false;
  const ta = text.slice(a.trimStart, a.trimEnd);
  const ma = NUMBERED_COMMENT.exec(ta);
  if (!ma || ma[1] !== '1') return false;
  for (let k = i + 1; k < Math.min(lines.length, i + 6); k++) {
    const m = NUMBERED_COMMENT.exec(text.slice(lines[k].trimStart, lines[k].trimEnd));
    if (m && m[1] === '2') return true;
  }
  return false;
}

function parseComments(text: string, lines: Line[], from: number, blocks: Block[]): void {
  let current: Block | null = null;
  const flush = () => {
    if (current) blocks.push(current);
    current = null;
  };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    const t = text.slice(line.trimStart, line.trimEnd);
    if (COMMENTS_MARKER.test(t) && !current) {
      blocks.push({ kind: 'comments-header', section: 'comments', start: line.trimStart, end: line.trimEnd });
      continue;
    }
    const pic = picture(t);
    const bullet = line.trimStart > line.start ? BULLET_HANDLE.exec(t) : null;
    const numbered = line.trimStart > line.start && line.trimStart - line.start <= 4 ? NUMBERED_COMMENT.exec(t) : null;
    if (pic || (bullet && t.length < 64) || numbered) {
      flush();
      let handle: string | undefined;
      let handleSpan: Span | undefined;
      if (pic) {
        handle = pic[1].trim();
        handleSpan = { start: line.trimStart, end: line.trimStart + pic[1].length };
      } else if (bullet) {
        handle = bullet[1].trim();
        const at = line.trimStart + t.indexOf(bullet[1]);
        handleSpan = { start: at, end: at + bullet[1].length };
      } else if (numbered) {
        handle = `#${numbered[1]}`;
      }
      current = { kind: 'comment', section: 'comments', start: line.trimStart, end: line.trimEnd, handle, handleSpan };
      continue;
    }
    if (current) {
      current.end = line.trimEnd;
    } else {
      blocks.push({ kind: 'comment', section: 'comments', start: line.trimStart, end: line.trimEnd });
    }
  }
  flush();
}

/** The block containing an offset, by binary search over the ordered blocks. */
export function blockAt(structure: DocumentStructure, offset: number): Block | undefined {
  return spanAt(structure.blocks, offset);
}
