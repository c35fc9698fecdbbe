import {
  type ClaimContext,
  closesQuote,
  firstTokenAt,
  isCapitalised,
  isWord,
  opensQuote,
  sentenceOf,
} from '../../server/src/analysis/claims/context';
import type { Draft } from '../../server/src/analysis/claims/draft';
import { DASHES, DETERMINERS, PREPOSITIONS, SUBJECT_PRONOUNS } from '../../server/src/analysis/claims/functionWords';
import { CUE_FORMS } from '../../server/src/analysis/claims/lexicon';

/*
 * Candidate content ends for the rule patterns' drafts, and the features a
 * linear ranker scores them by (scripts/extentRanker.ts, which measured the
 * ranker and found it does not pay: docs/measurements.md). For a draft whose
 * content follows its cue, the ends a reader could choose: the rule's own,
 * each boundary before it (punctuation, a closing quote, a word that opens a
 * phrase), each boundary after it in the sentence, and the ends of the next
 * sentences of the paragraph.
 */

/** Words before which reported content may end ("…, but she knows", "… at an event"). */
// prettier-ignore
const EXTENT_BREAKS = new Set(["and", "but", "or", "which", "who", "where", "when", "while", "because", "as", "after", "before", "since", "if", "including", "at", "in", "on", "for", "from", "with", "by", "during", "over", "about", "against", "amid", "despite", "though", "although", "until", "saying", "adding", "according", "than", "to", "that"]);

export interface ExtentCandidate {
  /** The content's end offset with this candidate. */
  end: number;
  feats: string[];
}

/** Boundaries offered before and after the rule's end, nearest first. */
const MAX_BEFORE = 6;
const MAX_AFTER = 8;
/** Sentences of the same paragraph after the rule's whose ends are offered. */
const MORE_SENTENCES = 2;

/** A token as the ranker sees it: punctuation and function words as themselves, other words by kind. */
function tokClass(ctx: ClaimContext, k: number): string {
  if (k >= ctx.tokens.length) return '</d>';
  const w = ctx.lower[k];
  if (!isWord(w)) return w;
  if (EXTENT_BREAKS.has(w) || PREPOSITIONS.has(w) || DETERMINERS.has(w) || SUBJECT_PRONOUNS.has(w)) return w;
  const f = CUE_FORMS.get(w);
  if (f) return `cue-${f.form}`;
  return isCapitalised(ctx.tokens[k].text) ? 'Cap' : 'w';
}

/** The class of the token where content cut before token b would stop: a sentence or paragraph end, or the token. */
function stopClass(ctx: ClaimContext, b: number): string {
  if (b >= ctx.tokens.length) return '</d>';
  if (ctx.blockOf[b] !== ctx.blockOf[b - 1]) return '</p>';
  if (ctx.sentOf[b] !== ctx.sentOf[b - 1]) return '</s>';
  return tokClass(ctx, b);
}

function bucket(n: number): string {
  return n <= 2 ? String(n) : n <= 4 ? '3-4' : n <= 8 ? '5-8' : n <= 16 ? '9-16' : '17+';
}

/**
 * Can content end before token b? Not inside a quote; at punctuation, after a
 * closing quote, at a sentence end, or (`words`) before a word that opens a
 * phrase. By default content is only shortened at words ("attacked Machado
 * | in early-morning tweets"): lengthened to one, it stops inside a phrase.
 */
function isBoundary(ctx: ClaimContext, b: number, words: boolean): boolean {
  if (b >= ctx.tokens.length || ctx.sentOf[b] !== ctx.sentOf[b - 1]) return true;
  const q = ctx.quoteOf[b];
  if (q >= 0 && q === ctx.quoteOf[b - 1]) return false;
  if (closesQuote(ctx, b - 1)) return true;
  const w = ctx.lower[b];
  return w === ',' || w === ';' || w === ':' || w === '(' || DASHES.has(w) || (words && EXTENT_BREAKS.has(w));
}

/** The content's end offset when cut before token b: trailing commas, periods, colons and dashes outside quotes dropped. */
function endBefore(ctx: ClaimContext, cs: number, b: number): number {
  let last = b - 1;
  while (last > cs && ctx.quoteOf[last] < 0 && /^(?:[,.:;(]|—|–|--|-)$/.test(ctx.lower[last])) last--;
  return ctx.tokens[last].end;
}

/** A finite cue outside quotes or a quote's opening in tokens [a, b): the stretch holds another attribution or a quotation. */
function stretchHas(ctx: ClaimContext, a: number, b: number): { cue: boolean; quote: boolean } {
  let cue = false;
  let quote = false;
  for (let k = a; k < b; k++) {
    if (opensQuote(ctx, k)) quote = true;
    else if (ctx.quoteOf[k] < 0) {
      const f = CUE_FORMS.get(ctx.lower[k]);
      if (f && (f.form === 'past' || f.form === 's')) cue = true;
    }
  }
  return { cue, quote };
}

/**
 * The ends the ranker chooses among for a draft, the rule's own first; null
 * when the draft's content does not follow its cue (postposed sources, bare
 * quotes), which keeps its end.
 */
export function extentCandidates(ctx: ClaimContext, d: Draft, extendAtWords = false): ExtentCandidate[] | null {
  if (!d.cue || d.content.start < d.cue.end) return null;
  const n = ctx.tokens.length;
  const cs = firstTokenAt(ctx, d.content.start);
  if (cs < 0) return null;
  let e = firstTokenAt(ctx, d.content.end);
  if (e < 0) e = n;
  if (e <= cs + 1) return null;
  // Boundaries before the rule's end (nearest first) and after it, up to the ends of the next sentences.
  const before: number[] = [];
  for (let b = e - 1; b > cs + 1 && before.length < MAX_BEFORE; b--) if (isBoundary(ctx, b, true)) before.push(b);
  const after: number[] = [];
  const sent = sentenceOf(ctx, e - 1);
  const block = ctx.blockOf[e - 1];
  for (let b = e + 1; b <= sent.tokenEnd && b <= n && after.length < MAX_AFTER; b++) if (isBoundary(ctx, b, extendAtWords)) after.push(b);
  let si = ctx.sentOf[e - 1];
  for (let m = 0; m < MORE_SENTENCES && after.length < MAX_AFTER; m++) {
    const next = ctx.sentences[++si];
    if (!next || next.tokenEnd <= e || ctx.blockOf[next.tokenStart] !== block) break;
    after.push(next.tokenEnd);
  }
  const at = d.at >= 0 && d.at < n ? ctx.lower[d.at] : '';
  const cueForm = CUE_FORMS.get(at);
  const frame = cueForm?.verb.frame ?? 'none';
  const lemma = cueForm?.verb.lemma ?? at;
  const common = (rel: string, b: number, rank: number): string[] => {
    const stop = stopClass(ctx, b);
    return [
      rel,
      `${rel}|b=${stop}`,
      `${rel}|b=${stop}|${b < n ? tokClass(ctx, b + 1) : '</d>'}`,
      `${rel}|p=${tokClass(ctx, b - 1)}`,
      `${rel}|d=${Math.min(rank, 4)}`,
      `${rel}|f=${frame}|b=${stop}`,
      `${rel}|form=${d.form}|b=${stop}`,
      `${rel}|len=${bucket(b - cs)}`,
      `${rel}|lem=${lemma}|b=${stop}`,
      `${rel}|rlen=${bucket(e - cs)}`,
    ];
  };
  const out: ExtentCandidate[] = [{ end: d.content.end, feats: common('S', e, 0) }];
  const seen = new Set<number>([d.content.end]);
  before.forEach((b, i) => {
    const end = endBefore(ctx, cs, b);
    if (seen.has(end) || end <= d.content.start) return;
    seen.add(end);
    const feats = common('K', b, i + 1);
    feats.push(`K|gap=${bucket(e - b)}`);
    const cut = stretchHas(ctx, b, e);
    feats.push(`K|cue=${cut.cue}`, `K|q=${cut.quote}`);
    for (let j = 0; j < i; j++) feats.push(`K|c=${stopClass(ctx, before[j])}`);
    out.push({ end, feats });
  });
  after.forEach((b, i) => {
    const end = endBefore(ctx, cs, b);
    if (seen.has(end)) return;
    seen.add(end);
    const feats = common('X', b, i + 1);
    const has = stretchHas(ctx, e, b);
    feats.push(`X|gap=${bucket(b - e)}`, `X|cue=${has.cue}`, `X|q=${has.quote}`, `X|s=${ctx.sentOf[b - 1] - ctx.sentOf[e - 1]}`);
    feats.push(`X|c=${stopClass(ctx, e)}`);
    for (let j = 0; j < i; j++) feats.push(`X|c=${stopClass(ctx, after[j])}`);
    out.push({ end, feats });
  });
  return out;
}
