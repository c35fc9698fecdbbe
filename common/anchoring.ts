import { lowerBound } from './search';
/*
 * Finding an annotation's passage again after the document changed. Pure:
 * no `vscode`, no Node built-ins, so the client, the server, the CLI and the
 * unit tests share it.
 *
 * Order of attempts:
 *  1. position: the text at the stored offsets still equals the quote;
 *  2. quote: exact occurrences of the quote; the one whose surroundings agree
 *     most with the stored prefix/suffix wins, then the nearest to the old
 *     position (context first, because after an insertion above the passage
 *     the nearest repeat of a short quote is often a different one);
 *  3. fuzzy: approximate matches of the quote, found only in windows seeded
 *     by exact matches of quote chunks and scored by edit distance, with a
 *     minimum score and a bounded amount of work, so a 1 MB document stays fast.
 * When all fail the annotation is orphaned: callers keep it and show it.
 */

export interface TextAnchor {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

export interface AnchorResult {
  start: number;
  end: number;
  method: AnchorMethod;
  /** 1 for exact matches; 1 − edits/length for fuzzy ones. */
  score: number;
}

export interface AnchorOptions {
  /** Fuzzy matches below this score are rejected (default 0.75). */
  minScore?: number;
}

/** Characters of context stored on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/** Quotes shorter than this are not matched fuzzily: too many false friends. */
const MIN_FUZZY_LENGTH = 6;
/** Longer quotes are matched fuzzily by their head and tail. */
const MAX_FUZZY_LENGTH = 600;
const HEAD_TAIL_LENGTH = 200;
/** Occurrences of one exact string looked at, at most. */
const MAX_OCCURRENCES = 5000;
/** Exact-match hits of one quote chunk beyond which the chunk is ignored. */
const MAX_CHUNK_HITS = 200;
/** Candidate windows scored by edit distance, at most. */
const MAX_WINDOWS = 24;

export function quoteSelectors(text: string, start: number, end: number, context = CONTEXT_LENGTH): TextAnchor {
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}

export function anchor(text: string, a: TextAnchor, options: AnchorOptions = {}): AnchorResult | null {
  if (!a.exact) return null;
  if (a.end <= text.length && text.slice(a.start, a.end) === a.exact) return { start: a.start, end: a.end, method: 'position', score: 1 };
  const quoted = anchorByQuote(text, a);
  if (quoted) return quoted;
  return anchorFuzzy(text, a, options.minScore ?? 0.75);
}

function anchorByQuote(text: string, a: TextAnchor): AnchorResult | null {
  let best = -1;
  let bestContext = -1;
  let bestDistance = Infinity;
  let seen = 0;
  for (let at = text.indexOf(a.exact); at >= 0 && seen < MAX_OCCURRENCES; at = text.indexOf(a.exact, at + 1), seen++) {
    const ctx = contextAgreement(text, at, at + a.exact.length, a);
    const distance = Math.abs(at - a.start);
    if (ctx > bestContext || (ctx === bestContext && distance < bestDistance)) {
      best = at;
      bestContext = ctx;
      bestDistance = distance;
    }
  }
  return best < 0 ? null : { start: best, end: best + a.exact.length, method: 'quote', score: 1 };
}

/** How many characters of the stored prefix and suffix agree with the text around [start, end). */
function contextAgreement(text: string, start: number, end: number, a: TextAnchor): number {
  let n = 0;
  for (let i = 1; i <= a.prefix.length && start - i >= 0 && text.charCodeAt(start - i) === a.prefix.charCodeAt(a.prefix.length - i); i++)
    n++;
  for (let i = 0; i < a.suffix.length && end + i < text.length && text.charCodeAt(end + i) === a.suffix.charCodeAt(i); i++) n++;
  return n;
}

function anchorFuzzy(text: string, a: TextAnchor, minScore: number): AnchorResult | null {
  const L = a.exact.length;
  if (L < MIN_FUZZY_LENGTH) return null;
  if (L > MAX_FUZZY_LENGTH) return anchorHeadTail(text, a, minScore);
  const maxErrors = Math.floor(L * (1 - minScore));
  // Pigeonhole: with at most maxErrors edits, one of maxErrors + 1 disjoint chunks survives intact.
  // Chunks shorter than 8 characters match almost anywhere in prose; below that the guarantee is given up.
  const chunk = Math.max(8, Math.floor(L / (maxErrors + 1)));
  const votes = new Map<number, number>();
  for (let offset = 0; offset + chunk <= L; offset += chunk) {
    const piece = a.exact.slice(offset, offset + chunk);
    const hits: number[] = [];
    for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
      // A chunk this frequent says nothing about where the passage is; its votes would only add noise.
      if (hits.push(at) > MAX_CHUNK_HITS) break;
    }
    if (hits.length > MAX_CHUNK_HITS) continue;
    for (const at of hits) votes.set(at - offset, (votes.get(at - offset) ?? 0) + 1);
  }
  // Where the passage was is always worth a look: edits inside it are the common case.
  if (a.start <= text.length) votes.set(Math.min(a.start, text.length), (votes.get(a.start) ?? 0) + 0.5);
  // Nearby candidate starts describe the same passage shifted by edits: cluster them.
  const starts = [...votes.keys()].sort((x, y) => x - y);
  const clusters: Array<{ from: number; to: number; votes: number }> = [];
  for (const s of starts) {
    const last = clusters[clusters.length - 1];
    if (last && s - last.to <= maxErrors + 1) {
      last.to = s;
      last.votes += votes.get(s)!;
    } else clusters.push({ from: s, to: s, votes: votes.get(s)! });
  }
  clusters.sort((x, y) => y.votes - x.votes || Math.abs(x.from - a.start) - Math.abs(y.from - a.start));
  let best: AnchorResult | null = null;
  let bestRank = -Infinity;
  for (const c of clusters.slice(0, MAX_WINDOWS)) {
    const from = Math.max(0, c.from - maxErrors - 1);
    const to = Math.min(text.length, c.to + L + maxErrors + 1);
    const m = bestSubstringMatch(a.exact, text, from, to, maxErrors);
    if (!m) continue;
    const score = 1 - m.distance / L;
    if (score < minScore) continue;
    // Context and closeness only break near-ties between equally good matches.
    const rank =
      score +
      contextAgreement(text, m.start, m.end, a) / (1000 * (2 * CONTEXT_LENGTH + 1)) -
      Math.abs(m.start - a.start) / (1e6 * (text.length + 1));
    if (rank > bestRank) {
      bestRank = rank;
      best = { start: m.start, end: m.end, method: 'fuzzy', score };
    }
  }
  return best;
}

/** Long quotes: match the first and last part separately and require a plausible span between them. */
function anchorHeadTail(text: string, a: TextAnchor, minScore: number): AnchorResult | null {
  const L = a.exact.length;
  const head = anchor(
    text,
    { start: a.start, end: a.start + HEAD_TAIL_LENGTH, exact: a.exact.slice(0, HEAD_TAIL_LENGTH), prefix: a.prefix, suffix: '' },
    { minScore },
  );
  const tail = anchor(
    text,
    { start: a.end - HEAD_TAIL_LENGTH, end: a.end, exact: a.exact.slice(L - HEAD_TAIL_LENGTH), prefix: '', suffix: a.suffix },
    { minScore },
  );
  if (!head || !tail || tail.end <= head.start) return null;
  const length = tail.end - head.start;
  if (length < L * minScore || length > L / minScore) return null;
  return { start: head.start, end: tail.end, method: 'fuzzy', score: Math.min(head.score, tail.score) };
}

/**
 * Approximate substring matching (Sellers): the substring of text[from, to)
 * with the least edit distance to `pattern`, tracking where it starts.
 * O(pattern × window), which the callers bound.
 */
function bestSubstringMatch(
  pattern: string,
  text: string,
  from: number,
  to: number,
  maxErrors: number,
): { start: number; end: number; distance: number } | null {
  const m = pattern.length;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let curStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    prev[i] = i;
    prevStart[i] = from;
  }
  let best: { start: number; end: number; distance: number } | null = null;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    cur[0] = 0;
    curStart[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      let d = prev[i - 1] + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      let s = prevStart[i - 1];
      if (prev[i] + 1 < d) {
        d = prev[i] + 1;
        s = prevStart[i];
      }
      if (cur[i - 1] + 1 < d) {
        d = cur[i - 1] + 1;
        s = curStart[i - 1];
      }
      cur[i] = d;
      curStart[i] = s;
    }
    if (cur[m] <= maxErrors && (!best || cur[m] < best.distance)) best = { start: curStart[m], end: j + 1, distance: cur[m] };
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  return best;
}

// #region live edits

/** One replacement: [offset, offset + length) of the old text became `text`. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

export interface ShiftedRange {
  start: number;
  end: number;
  /** The change overlapped the range, so its text (and quote) changed. */
  touched: boolean;
}

/**
 * Moves a range through one edit. Text inserted exactly at the start or the
 * end stays outside the range (typing next to a passage does not grow it);
 * edits inside it grow or shrink it; a range whose text was entirely replaced
 * collapses to an empty range at the edit, for the caller to re-anchor.
 */
export function shiftRange(range: { start: number; end: number }, change: TextChange): ShiftedRange {
  const { start, end } = range;
  const cStart = change.offset;
  const cEnd = change.offset + change.length;
  const delta = change.text.length - change.length;
  if (cStart >= end) return { start, end, touched: false };
  if (cEnd <= start) return { start: start + delta, end: end + delta, touched: false };
  if (cStart <= start && cEnd >= end) return { start: cStart, end: cStart, touched: true };
  if (cStart <= start) return { start: cStart + change.text.length, end: end + delta, touched: true };
  if (cEnd >= end) return { start, end: cStart, touched: true };
  return { start, end: end + delta, touched: true };
}

/** Applies the changes of one editor event in order (each relative to the text left by the previous one). */
export function shiftThrough(range: { start: number; end: number }, changes: readonly TextChange[]): ShiftedRange {
  let r: ShiftedRange = { ...range, touched: false };
  for (const c of changes) {
    const next = shiftRange(r, c);
    r = { start: next.start, end: next.end, touched: r.touched || next.touched };
  }
  return r;
}

// #endregion

// #region code points

/**
 * Converts between UTF-16 offsets (JavaScript, LSP, our sidecars) and Unicode
 * code point offsets (W3C Web Annotation, brat), which differ after every
 * astral character (emoji, some CJK) because those take two UTF-16 units.
 */
export class CodePointIndex {
  /** UTF-16 offsets of the high surrogate of each surrogate pair, ascending. */
  private readonly pairs: number[] = [];

  constructor(text: string) {
    for (let i = 0; i < text.length - 1; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.pairs.push(i);
          i++;
        }
      }
    }
  }

  /** Code point offset of a UTF-16 offset (an offset inside a pair counts as its start). */
  toCodePoint(utf16: number): number {
    // Pairs starting before utf16 each contribute one surplus unit.
    return utf16 - lowerBound(this.pairs, (pair) => pair < utf16);
  }

  toUtf16(codePoint: number): number {
    // The k-th pair (0-based) sits at code point pairs[k] - k.
    return codePoint + lowerBound(this.pairs, (pair, k) => pair - k < codePoint);
  }
}

// #endregion
