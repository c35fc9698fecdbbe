import { type ClaimContext, firstTokenAt, isWord, opensQuote, sentenceOf } from './context';
import type { Draft } from './draft';
import {
  DETERMINERS,
  FRONT_SUBORDINATORS,
  QUANTITY_WORDS,
  SENTENCE_LINKS,
  TIME_MEASURES,
  TIME_WORDS,
  TIMED_SUBORDINATORS,
} from './functionWords';

/*
 * "While the president has said he opposes sending troops, his administration
 * carves out exceptions": an attribution inside a sentence-initial adverbial
 * clause reports only up to the comma that closes that clause; the main clause
 * after it is the author's. (PolNeAR train: cutting such contents at their
 * first comma turns 17 more of them into matches than it loses; also taking
 * the clause after a linking word ("But if …"), after a measure of time ("A
 * few weeks after …") and a perfect participle clause ("Having announced
 * that …, Judge Berman proceeded …") 5 more.)
 */

/** "A few weeks after", "Years after", "Two days before": the subordinator after a measure of time at token st, else st. */
function afterTimeMeasure(ctx: ClaimContext, st: number, limit: number): number {
  let t = st;
  while (t < st + 4 && t < limit && isTimeMeasure(ctx.lower[t])) t++;
  return t > st && t < limit && TIMED_SUBORDINATORS.has(ctx.lower[t]) ? t : st;
}

function isTimeMeasure(w: string): boolean {
  return DETERMINERS.has(w) || TIME_WORDS.has(w) || QUANTITY_WORDS.has(w) || TIME_MEASURES.has(w) || /^\d/.test(w);
}

/** Per token, the first comma outside quotes at or after it (n when none): one pass, right to left. */
function commaTable(ctx: ClaimContext): Int32Array {
  const n = ctx.tokens.length;
  const next = new Int32Array(n + 1);
  next[n] = n;
  for (let k = n - 1; k >= 0; k--) next[k] = ctx.lower[k] === ',' && ctx.quoteOf[k] < 0 ? k : next[k + 1];
  return next;
}

/** Contents that run on past the comma closing a sentence-initial adverbial clause, cut there (in place). */
export function cutAtClauseComma(ctx: ClaimContext, drafts: Draft[]): void {
  let next: Int32Array | null = null;
  for (const d of drafts) {
    if (!d.cue || d.content.start < d.cue.end || d.at >= ctx.tokens.length) continue;
    const s = sentenceOf(ctx, d.at);
    let st = s.tokenStart;
    while (st < d.at && !isWord(ctx.lower[st]) && !opensQuote(ctx, st)) st++;
    // "But if …", "And while …", "Well, despite …": a linking word (or the interjection "well,") before the clause.
    if ((SENTENCE_LINKS.has(ctx.lower[st]) || (ctx.lower[st] === 'well' && ctx.lower[st + 1] === ',')) && st + 1 < d.at) {
      st++;
      if (ctx.lower[st] === ',' && st + 1 < d.at) st++;
    }
    if (ctx.lower[st] === 'even' && (ctx.lower[st + 1] === 'though' || ctx.lower[st + 1] === 'as')) st++;
    st = afterTimeMeasure(ctx, st, d.at);
    if (st >= d.at || !FRONT_SUBORDINATORS.has(ctx.lower[st])) continue;
    next ??= commaTable(ctx);
    // The clause is still open at the cue, and closes inside the content.
    if (next[st] < d.at) continue;
    const p = firstTokenAt(ctx, d.content.start);
    if (p < 0) continue;
    const c = next[p];
    if (c <= p || c >= s.tokenEnd || ctx.tokens[c].start >= d.content.end) continue;
    d.content = { start: d.content.start, end: ctx.tokens[c - 1].end };
  }
}
