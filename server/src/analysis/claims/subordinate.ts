import { type ClaimContext, firstTokenAt, isWord, opensQuote, sentenceOf } from './context';
import type { Draft } from './draft';
import { FRONT_SUBORDINATORS } from './functionWords';

/*
 * "While the president has said he opposes sending troops, his administration
 * carves out exceptions": an attribution inside a sentence-initial adverbial
 * clause reports only up to the comma that closes that clause; the main clause
 * after it is the author's. (PolNeAR train: cutting such contents at their
 * first comma turns 17 more of them into matches than it loses.)
 */

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
    if (ctx.lower[st] === 'even' && (ctx.lower[st + 1] === 'though' || ctx.lower[st + 1] === 'as')) st++;
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
