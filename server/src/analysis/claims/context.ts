import type { DocumentStructure, EntityCluster, EntityMention, Sentence, Span, Token } from '../types';
import { firstStartingAt } from '../../../../common/search';
import { QUOTE_CLOSERS, QUOTE_OPENERS } from './functionWords';
import { findQuotes, type Quote } from './quotes';
import { BoundedCache } from '../boundedCache';

/*
 * Per-document lookup tables shared by the claim rules. Everything is built
 * in linear passes so that the rules themselves can answer "which quote /
 * sentence / mention is this token in?" in constant time.
 */

export interface ClaimContext {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  structure: DocumentStructure;
  mentions: EntityMention[];
  entities: EntityCluster[];
  /** Lowercased token texts, with curly apostrophes straightened. */
  lower: string[];
  quotes: Quote[];
  /** Per token: index of the quote whose span contains it, or -1. */
  quoteOf: Int32Array;
  /** Per quote: first and one-past-last token. */
  quoteTokStart: Int32Array;
  quoteTokEnd: Int32Array;
  /** Per sentence: its first word token, or -1. */
  firstWord: Int32Array;
  /** Per token: sentence index. */
  sentOf: Int32Array;
  /** Per token: index into `mentions` of a mention covering it, or -1. */
  mentionOf: Int32Array;
  /** Per token: block index in `structure.blocks`, or -1. */
  blockOf: Int32Array;
}

export function buildContext(
  text: string,
  tokens: Token[],
  sentences: Sentence[],
  structure: DocumentStructure,
  mentions: EntityMention[],
  entities: EntityCluster[],
): ClaimContext {
  const n = tokens.length;
  const lower: string[] = new Array<string>(n);
  const quotes = findQuotes(text);
  const quoteOf = new Int32Array(n).fill(-1);
  const quoteTokStart = new Int32Array(quotes.length).fill(-1);
  const quoteTokEnd = new Int32Array(quotes.length).fill(-1);
  const mentionOf = new Int32Array(n).fill(-1);
  const order = mentions.map((_, i) => i).sort((a, b) => mentions[a].start - mentions[b].start);
  const blockOf = new Int32Array(n).fill(-1);
  const blocks = structure.blocks;
  // One pass over the tokens for the four per-token tables, each with its own cursor: the stage is bound by reading
  // the token objects, and four passes read each of them four times.
  // The first curly apostrophe at or after a token's second character, found with indexOf as the tokens come in
  // order (text.length when there is none): no token's characters are read one by one to look for one.
  let curly = -1;
  let q = 0;
  let m = 0;
  let b = 0;
  for (let k = 0; k < n; k++) {
    const t = tokens[k];
    if (curly < t.start + 1) {
      const at = text.indexOf('’', t.start + 1);
      curly = at < 0 ? text.length : at;
    }
    lower[k] = normalise(text, t, curly < t.end);
    while (q < quotes.length && quotes[q].end <= t.start) q++;
    if (q < quotes.length && t.start >= quotes[q].start && t.end <= quotes[q].end) {
      quoteOf[k] = q;
      if (quoteTokStart[q] < 0) quoteTokStart[q] = k;
      quoteTokEnd[q] = k + 1;
      if (isWord(t.text)) quotes[q].words++;
    }
    while (m < order.length && mentions[order[m]].end <= t.start) m++;
    if (m < order.length && t.start >= mentions[order[m]].start && t.end <= mentions[order[m]].end) mentionOf[k] = order[m];
    while (b < blocks.length && blocks[b].end <= t.start) b++;
    if (b < blocks.length && t.start >= blocks[b].start && t.end <= blocks[b].end) blockOf[k] = b;
  }
  const sentOf = new Int32Array(n).fill(-1);
  const firstWord = new Int32Array(sentences.length).fill(-1);
  sentences.forEach((s, i) => {
    for (let k = s.tokenStart; k < s.tokenEnd && k < n; k++) {
      sentOf[k] = i;
      if (firstWord[i] < 0 && isWord(lower[k])) firstWord[i] = k;
    }
  });
  return {
    text,
    tokens,
    sentences,
    structure,
    mentions,
    entities,
    lower,
    quotes,
    quoteOf,
    quoteTokStart,
    quoteTokEnd,
    firstWord,
    sentOf,
    mentionOf,
    blockOf,
  };
}

/**
 * Lowercase with a straight apostrophe. Only the first character decides for
 * longer tokens: mixed case inside a word ("McCain") marks a name, which the
 * rules never look up, and most tokens then need no new string at all. The
 * characters are read from the document's text, not from the token's own
 * string. `curlyAfterFirst`: whether a curly apostrophe is in the token after
 * its first character (buildContext finds them).
 */
function normalise(text: string, tok: Token, curlyAfterFirst: boolean): string {
  const s = tok.start;
  const e = tok.end;
  const c = text.charCodeAt(s);
  if (c >= 97 && c <= 122) return curlyAfterFirst ? tok.text.toLowerCase().replace(/’/g, "'") : tok.text;
  if (c < 65 || (c > 90 && c < 128)) return e - s === 1 || !curlyAfterFirst ? tok.text : tok.text.replace(/’/g, "'");
  // Capitalised words recur across documents: their lowercase form is made once and shared (its hash computed once
  // for the rules' many Set and Map look-ups, where a fresh string per token was hashed again at each).
  return lowerForms.get(tok.text) ?? lowerForms.remember(tok.text, lowerForm);
}

const lowerForms = new BoundedCache<string>(50000);

function lowerForm(word: string): string {
  const l = word.toLowerCase();
  return l.indexOf('’') >= 0 ? l.replace(/’/g, "'") : l;
}

export function isCapitalised(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 192 || (c >= 0x2000 && c <= 0x2bff)) return false;
  return /^\p{Lu}/u.test(s);
}

/** The end (exclusive, at most `limit`) of the run of tokens of the mention at token t: a name's token span from its first. */
export function mentionEnd(ctx: ClaimContext, t: number, limit: number): number {
  const mi = ctx.mentionOf[t];
  let e = t + 1;
  while (e < limit && ctx.mentionOf[e] === mi) e++;
  return e;
}

/** A lowercase word that reads as a past form in -ed ("worked", "questioned"), not a short word such as "red" or "bed". */
export function pastInEd(w: string): boolean {
  return w.length > 4 && w.endsWith('ed');
}

export function isWord(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return true;
  if (c < 192 || (c >= 0x2000 && c <= 0x2bff)) return false;
  return /^[\p{L}\p{N}]/u.test(s);
}

/** Is token k the opening mark of a quote? */
export function opensQuote(ctx: ClaimContext, k: number): boolean {
  const q = ctx.quoteOf[k];
  return q >= 0 && ctx.tokens[k].start === ctx.quotes[q].start && QUOTE_OPENERS.has(ctx.tokens[k].text);
}

/** Is token k the closing mark of a closed quote? */
export function closesQuote(ctx: ClaimContext, k: number): boolean {
  const q = ctx.quoteOf[k];
  return q >= 0 && ctx.quotes[q].closed && ctx.tokens[k].end === ctx.quotes[q].end && QUOTE_CLOSERS.has(ctx.tokens[k].text);
}

// Questions the rules ask of the tables.

export function span(ctx: ClaimContext, a: number, b: number): Span {
  return { start: ctx.tokens[a].start, end: ctx.tokens[b - 1].end };
}

export function tokenText(ctx: ClaimContext, a: number, b: number): string {
  return ctx.text.slice(ctx.tokens[a].start, ctx.tokens[b - 1].end);
}

/**
 * The sentence of token k. Rules look one token past a cue, which may be past
 * the last token ("“Yes,” said" at the end of a document): such a token gets
 * an empty sentence at the end, so every "p >= s.tokenEnd" guard holds.
 */
export function sentenceOf(ctx: ClaimContext, k: number): Sentence {
  const s = k >= 0 && k < ctx.tokens.length ? ctx.sentences[ctx.sentOf[k]] : undefined;
  if (s) return s;
  const at = Math.max(0, Math.min(k, ctx.tokens.length));
  const offset = at < ctx.tokens.length ? ctx.tokens[at].start : ctx.text.length;
  return { start: offset, end: offset, tokenStart: at, tokenEnd: at };
}

export function isSentenceInitial(ctx: ClaimContext, k: number): boolean {
  const si = ctx.sentOf[k];
  return si >= 0 && ctx.firstWord[si] === k;
}

/** The first token starting at or after offset, or -1. */
export function firstTokenAt(ctx: ClaimContext, offset: number): number {
  const k = firstStartingAt(ctx.tokens, offset);
  return k < ctx.tokens.length ? k : -1;
}

export function inHeadline(ctx: ClaimContext, k: number): boolean {
  const b = ctx.blockOf[k];
  return b >= 0 && ctx.structure.blocks[b].kind === 'headline';
}
