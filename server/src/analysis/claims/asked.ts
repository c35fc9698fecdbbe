import type { Sentence, Span } from '../types';
import { type ClaimContext, firstTokenAt, opensQuote, sentenceOf, span } from './context';
import { type Draft, formOf } from './draft';
import { CLOSE_PUNCT, WH_WORDS } from './functionWords';

/* "Asked whether …": the question put to a speaker is reported content too. */

/** "Asked (by X) (on Fox News) whether …, Y said …": the question is the content; X, when named, its source. */
export function askedQuestion(ctx: ClaimContext, k: number, cue: Span): Draft | null {
  const q = askedContent(ctx, k + 1, sentenceOf(ctx, k), true);
  return q ? { content: q.content, cue, source: q.source, form: formOf(ctx, firstTokenAt(ctx, q.content.start), 'speech'), at: k } : null;
}

/**
 * "…,” Christie said when asked whether he would …": the question put to the
 * speaker, up to the next comma or the sentence end; "about" joins the cue
 * (PolNeAR's "asked about"). Train: 35 of 49 "when asked" are attributions.
 */
export function whenAsked(ctx: ClaimContext, k: number): Draft | null {
  const q = askedContent(ctx, k + 1, sentenceOf(ctx, k), false);
  if (!q) return null;
  let content = q.content;
  let cue = span(ctx, k, k + 1);
  const p = firstTokenAt(ctx, content.start);
  if (ctx.lower[p] === 'about' && p === k + 1 && ctx.tokens[p + 1] && ctx.tokens[p + 1].start < content.end) {
    cue = span(ctx, k, k + 2);
    content = { start: ctx.tokens[p + 1].start, end: content.end };
  }
  return { content, cue, source: q.source, form: formOf(ctx, firstTokenAt(ctx, content.start), 'speech'), at: k };
}

/**
 * The question after "asked" at token p: a quote, or a wh-, if-, whether-,
 * about- or to-clause up to the next comma (which must come when the clause
 * opens the sentence) or the sentence end; "by X" before it names the asker.
 */
export function askedContent(
  ctx: ClaimContext,
  p: number,
  s: Sentence,
  commaEnds: boolean,
): { content: Span; source: [number, number] | null } | null {
  const { lower } = ctx;
  let source: [number, number] | null = null;
  for (let hops = 0; hops < 3 && p < s.tokenEnd; hops++) {
    if (lower[p] !== 'by' && lower[p] !== 'on' && lower[p] !== 'in' && lower[p] !== 'during' && lower[p] !== 'at') break;
    let e = p + 1;
    while (
      e < s.tokenEnd &&
      e < p + 8 &&
      !WH_WORDS.has(lower[e]) &&
      lower[e] !== 'about' &&
      lower[e] !== 'to' &&
      lower[e] !== ',' &&
      ctx.quoteOf[e] < 0
    )
      e++;
    if (lower[p] === 'by' && e > p + 1) source = [p + 1, e];
    p = e;
  }
  if (!commaEnds && (lower[p] === ',' || lower[p] === ':') && opensQuote(ctx, p + 1)) p++;
  if (p >= s.tokenEnd) return null;
  if (opensQuote(ctx, p)) {
    const qi = ctx.quoteOf[p];
    if (!commaEnds) return { content: { start: ctx.quotes[qi].start, end: ctx.quotes[qi].end }, source };
  } else if (!(WH_WORDS.has(lower[p]) || lower[p] === 'about' || lower[p] === 'to')) return null;
  let end = p + 1;
  while (end < s.tokenEnd && end < p + 40 && (lower[end] !== ',' || ctx.quoteOf[end] >= 0) && (commaEnds || !CLOSE_PUNCT.has(lower[end])))
    end++;
  if (end >= p + 40 || (commaEnds && end >= s.tokenEnd)) return null;
  return { content: { start: ctx.tokens[p].start, end: ctx.tokens[end - 1].end }, source };
}
