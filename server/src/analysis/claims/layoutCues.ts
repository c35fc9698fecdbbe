import { blockquoteRun } from './content';
import { type ClaimContext, closesQuote, firstTokenAt, isCapitalised, isWord, mentionEnd, opensQuote, span, tokenText } from './context';
import type { Draft } from './draft';
import { CLOSING_MARKS, OPENING_MARKS } from './functionWords';

/*
 * Attributions the layout makes: a name and a colon opening a line, a
 * quotation signed with a dash, a block quote introduced by "Here's X", and a
 * quotation paragraph that continues the previous speaker.
 */

/** "Iraq To Washington: “…”", "PENCE: …": a name, a colon, then what they said. */
export function colonCue(ctx: ClaimContext, k: number): Draft | null {
  const { lower, tokens } = ctx;
  const b = ctx.blockOf[k];
  if (b < 0) return null;
  const block = ctx.structure.blocks[b];
  // The name starts its line (perhaps after the quote mark that wraps a transcript) and is short.
  // Headlines put a longer lead before the colon ("Warren Hammers Wells Fargo CEO: ‘…’").
  const limit = block.kind === 'headline' ? 10 : 5;
  let a = k - 1;
  while (a >= 0 && tokens[a].start >= block.start && k - a <= limit + 1) a--;
  a++;
  // Transcripts often wrap every turn in an opening mark: "WALLACE: …
  const wrapped = a < k && tokens[a].start === block.start && (tokens[a].text === '"' || tokens[a].text === '“');
  if (wrapped) a++;
  if (a >= k || (tokens[a].start !== block.start && !wrapped) || k - a > limit) return null;
  if (ctx.quoteOf[k] >= 0 && !wrapped) return null;
  const next = k + 1;
  if (next >= tokens.length || ctx.blockOf[next] !== b) return null;
  let allCaps = true;
  let allCapitalised = true;
  for (let t = a; t < k; t++) {
    if (!isWord(tokens[t].text)) continue;
    if (tokens[t].text !== tokens[t].text.toUpperCase()) allCaps = false;
    if (!isCapitalised(tokens[t].text) && lower[t] !== 'to') allCapitalised = false;
  }
  let source: [number, number] | null = null;
  for (let t = a; t < k; t++) {
    if (ctx.mentionOf[t] >= 0) {
      source = [t, mentionEnd(ctx, t, k)];
      break;
    }
  }
  const cue = span(ctx, k, k + 1);
  if (opensQuote(ctx, next) && !wrapped) {
    if (!source) {
      if (!allCapitalised) return null;
      source = [a, k];
    }
    const q = ctx.quotes[ctx.quoteOf[next]];
    return { content: { start: q.start, end: q.end }, cue, source, form: 'direct', at: k };
  }
  if (allCaps && k - a <= 3 && /[A-Z]{2}/.test(tokenText(ctx, a, k))) {
    // Interview transcript: the rest of the turn, which runs on through paragraphs that
    // reopen the quote without a new speaker label.
    let end = block.end;
    const blocks = ctx.structure.blocks;
    for (let nb = b + 1; nb < blocks.length && nb <= b + 10; nb++) {
      const t0 = firstTokenAt(ctx, blocks[nb].start);
      if (t0 < 0 || !(tokens[t0].text === '"' || tokens[t0].text === '“') || !wrapped) break;
      const w1 = tokens[t0 + 1];
      if (!w1 || w1.text === '(' || (w1.text === w1.text.toUpperCase() && lower[t0 + 2] === ':')) break;
      end = blocks[nb].end;
    }
    return { content: { start: tokens[next].start, end }, cue, source: [a, k], form: 'direct', at: k };
  }
  if (block.kind === 'headline' && allCapitalised && k - a <= 3 && !wrapped) {
    // "Pence: Gennifer Flowers Won’t Be at Debate" — a headline that reports someone's words.
    let e = block.end;
    if (ctx.text.charCodeAt(e - 1) === 46) e--;
    return { content: { start: tokens[next].start, end: e }, cue, source: source ?? [a, k], form: 'indirect', at: k };
  }
  return null;
}

/** "“…” ― Sonya Herridge": a quotation signed with a dash and a name ending the paragraph. */
export function dashSignature(ctx: ClaimContext, k: number): Draft | null {
  const { tokens } = ctx;
  const prev = k - 1;
  if (prev < 0) return null;
  // A paragraph that is one quotation whose marks do not pair up ("”…” ― Name", as pasted from the web) counts too.
  const quoteMark = closesQuote(ctx, prev) || (ctx.quoteOf[prev] < 0 && CLOSING_MARKS.has(tokens[prev].text));
  if (!quoteMark) return null;
  const b = ctx.blockOf[k];
  let e = k + 1;
  while (
    e < tokens.length &&
    ctx.blockOf[e] === b &&
    e <= k + 6 &&
    (isCapitalised(tokens[e].text) || tokens[e].text === '.' || tokens[e].text === ',')
  )
    e++;
  if (e === k + 1 || (e < tokens.length && ctx.blockOf[e] === b)) return null;
  if (closesQuote(ctx, prev)) {
    const qi = ctx.quoteOf[prev];
    return {
      content: { start: ctx.quotes[qi].start, end: ctx.quotes[qi].end },
      cue: span(ctx, k, k + 1),
      source: [k + 1, e],
      form: 'direct',
      at: k,
    };
  }
  let a = prev;
  while (a > 0 && ctx.blockOf[a - 1] === b) a--;
  if (prev - a < 4 || (!CLOSING_MARKS.has(tokens[a].text) && !OPENING_MARKS.has(tokens[a].text))) return null;
  return {
    content: { start: tokens[a].start, end: tokens[prev].end },
    cue: span(ctx, k, k + 1),
    source: [k + 1, e],
    form: 'direct',
    at: k,
  };
}

/** Block quotes introduced by "Here's NBC (…):" are NBC's words. */
export function blockQuotes(ctx: ClaimContext): Draft[] {
  const out: Draft[] = [];
  const blocks = ctx.structure.blocks;
  const { tokens, lower } = ctx;
  for (let b = 0; b < blocks.length; b++) {
    if (blocks[b].kind !== 'blockquote-intro' || blocks[b + 1]?.kind !== 'blockquote') continue;
    const k = firstTokenAt(ctx, blocks[b].start);
    if (k < 0) continue;
    if (lower[k] !== 'here') continue;
    let cueEnd = k + 1;
    if (lower[cueEnd] === "'s" || lower[cueEnd] === 'is' || lower[cueEnd] === 'are') cueEnd++;
    let p = cueEnd;
    if (lower[p] === 'the') p++;
    const mi = ctx.mentionOf[p];
    if (mi < 0 || ctx.mentions[mi].kind !== 'actor') continue;
    out.push({
      content: blockquoteRun(ctx, b + 1),
      cue: span(ctx, k, cueEnd),
      source: [p, mentionEnd(ctx, p, tokens.length)],
      form: 'blockquote',
      at: k,
    });
  }
  return out;
}

/**
 * A paragraph that is only a quotation, right after a paragraph whose claim
 * has a source, continues that speaker ("We close with what X said: ¶ “…”"
 * is handled by the colon rule; this catches the bare follow-on paragraph).
 */
export function orphanQuotes(ctx: ClaimContext, drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  if (drafts.length === 0) return out;
  // Drafts by content end, walked alongside the blocks.
  const byEnd = [...drafts].sort((x, y) => x.content.end - y.content.end);
  const blocks = ctx.structure.blocks;
  let di = 0;
  let lastInPrev: Draft | null;
  for (let b = 1; b < blocks.length; b++) {
    const prev = blocks[b - 1];
    lastInPrev = null;
    while (di < byEnd.length && byEnd[di].content.end <= prev.end) {
      const d = byEnd[di++];
      if (d.content.end >= prev.end - 3 && d.source && d.form === 'direct' && ctx.lower[d.at] !== ':') lastInPrev = d;
    }
    const blk = blocks[b];
    if (blk.kind !== 'paragraph' && blk.kind !== 'comment') continue;
    const k = firstTokenAt(ctx, blk.start);
    if (k < 0 || !opensQuote(ctx, k) || !lastInPrev) continue;
    const q = ctx.quotes[ctx.quoteOf[k]];
    if (q.words < 4 || q.end < blk.end - 2) continue;
    // A claim already covering the quote (a cue inside the paragraph) wins.
    let covered = false;
    for (let j = di; j < byEnd.length && byEnd[j].content.start <= q.start + 1 && !covered; j++) covered = byEnd[j].content.end >= q.end;
    for (let j = di; j < byEnd.length && j < di + 8 && !covered; j++)
      covered = byEnd[j].content.start <= q.start && byEnd[j].content.end >= q.end;
    if (covered) continue;
    out.push({ content: { start: q.start, end: q.end }, cue: lastInPrev.cue, source: lastInPrev.source, form: 'direct', at: k });
  }
  return out;
}
