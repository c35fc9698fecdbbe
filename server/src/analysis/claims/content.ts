import type { Sentence, Span } from '../types';
import { type ClaimContext, closesQuote, firstTokenAt, isCapitalised, isWord, opensQuote, pastInEd, sentenceOf } from './context';
import type { Draft } from './draft';
import {
  BE,
  CLOSE_PUNCT,
  COMMA_CONTRASTS,
  DASHES,
  DAYS,
  DETERMINERS,
  EVENT_NOUNS,
  MODALS,
  OBJECT_ENDERS,
  PREDICATE_AUX,
  PRONOUN_SOURCES,
  SENTENCE_LINKS,
  TIME_WORDS,
  VP_ADVERBS,
} from './functionWords';
import { CUE_FORMS, type CueForm } from './lexicon';

/*
 * Where reported content ends (and, before a postposed source, starts):
 * clause cuts precomputed right to left in one pass, quotes that run on,
 * datelines, colons that hand over to the next paragraph.
 */

/**
 * Per token, the first token at or after it where reported content stops
 * inside its sentence: "; ", ", but", "and you ...", ", according to",
 * ", saying", "and demanded" (a second cue sharing the subject). Built right
 * to left in one pass.
 */
export function contentCuts(ctx: ClaimContext): Int32Array {
  const n = ctx.tokens.length;
  const cut = new Int32Array(n + 1);
  cut[n] = n;
  for (let k = n - 1; k >= 0; k--) {
    const s = ctx.sentences[ctx.sentOf[k]];
    const sentEnd = s ? s.tokenEnd : k + 1;
    let here = false;
    if (ctx.quoteOf[k] < 0 && quoteComma(ctx, k)) {
      // "… this race,” adding that …": the comma closing a quote cuts as one outside it would, after the quote.
      // So does a new subject with its own cue ("…,” The New York Times reported").
      here = contrastAfterComma(ctx, k) || CUE_FORMS.get(ctx.lower[k])?.form === 'ing' || clauseWithCueFollows(ctx, k);
    }
    if (!here && ctx.quoteOf[k] < 0) {
      // Once per token of the document: ';' and ',' by the one character, read from the document's text (a token's
      // string is no literal: each comparison reads it); 'and' and 'but' compared only for tokens of three characters
      // (lowercasing keeps a word's length but for "İ", whose lowercase holds a combining dot). Then only its own
      // branch's tests run.
      const tok = ctx.tokens[k];
      const length = tok.end - tok.start;
      if (length === 1) {
        const c = ctx.text.charCodeAt(tok.start);
        if (c === 59) here = true;
        else if (c === 44) here = commaCuts(ctx, k, ctx.lower[k + 1] ?? '');
      } else if (length === 3) {
        const w = ctx.lower[k];
        if (w === 'and' || w === 'but') here = conjunctionCuts(ctx, k, w, ctx.lower[k + 1] ?? '');
      }
    }
    const following = k + 1 < sentEnd ? cut[k + 1] : sentEnd;
    cut[k] = here ? k : Math.min(following, sentEnd);
  }
  return cut;
}

/** Whether the comma at k cuts the content before it (contentCuts). */
function commaCuts(ctx: ClaimContext, k: number, next: string): boolean {
  return (
    contrastAfterComma(ctx, k + 1) ||
    next === 'with' ||
    ((next === 'it' || next === 'there') && BE.has(ctx.lower[k + 2] ?? '')) ||
    ((next === 'a' || next === 'an') && (ctx.lower[k + 3] === 'that' || ctx.lower[k + 3] === 'which')) ||
    clauseWithCueFollows(ctx, k + 1) ||
    CUE_FORMS.get(next)?.form === 'ing' ||
    // "…, and three-quarters said the same of Sanders": a second clause with its own cue.
    (next === 'and' && andClauseWithCue(ctx, k + 2))
  );
}

/** Whether "and" or "but" (w) at k cuts the content before it (contentCuts). */
function conjunctionCuts(ctx: ClaimContext, k: number, w: string, next: string): boolean {
  return (
    next === 'you' ||
    next === 'i' ||
    next === 'we' ||
    next === 'then' ||
    isFiniteCue(ctx, k + 1) ||
    // "…, and he reiterated his claim …": the narration goes on with a new clause.
    (w === 'and' &&
      (next === 'he' || next === 'she' || next === 'they') &&
      /^(?:[a-z]+ed|has|had|was|were|is|are|did|does|also)$/.test(ctx.lower[k + 2] ?? ''))
  );
}

/** After a comma, token j opens what is no longer the reported content: "but" (not "but that"), "according to", "while", "whereas", "although", "though". */
function contrastAfterComma(ctx: ClaimContext, j: number): boolean {
  const w = ctx.lower[j];
  return COMMA_CONTRASTS.has(w) && !(w === 'but' && ctx.lower[j + 1] === 'that');
}

/** Token k follows a quote that closes on a comma (“…,” k). */
function quoteComma(ctx: ClaimContext, k: number): boolean {
  return k >= 2 && ctx.quoteOf[k - 1] >= 0 && ctx.quoteTokEnd[ctx.quoteOf[k - 1]] === k && ctx.lower[k - 2] === ',' && isWord(ctx.lower[k]);
}

/** ", Kataib Hezbollah threatened …": a new subject and cue start another attribution. */
function clauseWithCueFollows(ctx: ClaimContext, k: number): boolean {
  if (!isCapitalised(ctx.tokens[k]?.text ?? '')) return false;
  for (let j = k + 1; j < k + 7 && j < ctx.tokens.length; j++) {
    const w = ctx.lower[j];
    if (!isWord(w) && w !== "'s") return false;
    const f = CUE_FORMS.get(w);
    if (f && (f.form === 'past' || f.form === 's') && !isCapitalised(ctx.tokens[j].text)) return true;
  }
  return false;
}

/** A short subject from token k and then a finite cue ("more than 4 in 10 said"). */
function andClauseWithCue(ctx: ClaimContext, k: number): boolean {
  if (!isWord(ctx.lower[k] ?? '')) return false;
  for (let j = k + 1; j < k + 6 && j < ctx.tokens.length; j++) {
    const w = ctx.lower[j];
    if (!isWord(w) && w !== "'s") return false;
    const f = CUE_FORMS.get(w);
    if (f && (f.form === 'past' || f.form === 's')) return true;
  }
  return false;
}

function isFiniteCue(ctx: ClaimContext, k: number): boolean {
  let j = k;
  while (j < k + 3 && (ctx.lower[j]?.endsWith('ly') || ctx.lower[j] === 'also')) j++;
  const f = CUE_FORMS.get(ctx.lower[j] ?? '');
  return !!f && (f.form === 'past' || f.form === 's');
}

/** The end of content that starts at token p: its sentence (or clause cut), widened to any quote it opens. */
export function contentEnd(ctx: ClaimContext, p: number, cut: Int32Array): number {
  let endTok = Math.max(p + 1, cut[p]);
  let end = ctx.tokens[endTok - 1].end;
  // A quote opened inside the content runs to its closing mark, across sentences.
  // Quotes are contiguous, so only the one holding the last token can reach past it.
  const lastQ = ctx.quoteOf[endTok - 1];
  if (lastQ >= 0 && ctx.quotes[lastQ].end > end) {
    end = ctx.quotes[lastQ].end;
    endTok = ctx.quoteTokEnd[lastQ];
  }
  // Drop a final period (kept inside quotes) and trailing commas.
  let last = endTok - 1;
  while (
    last > p &&
    ctx.quoteOf[last] < 0 &&
    (ctx.lower[last] === '.' || ctx.lower[last] === ',' || ctx.lower[last] === ':' || DASHES.has(ctx.lower[last]))
  )
    last--;
  if (ctx.tokens[last].end < end) end = ctx.tokens[last].end;
  return end;
}

/** Content end after a forward cue: a quote object ends with its quote; infinitives stop at a comma. */
export function forwardEnd(ctx: ClaimContext, p: number, cueEnd: number, cut: Int32Array, verb: CueForm['verb']): number {
  if (opensQuote(ctx, p) && ctx.lower[p - 1] !== 'that' && !(ctx.lower[p - 1] === ',' && ctx.lower[p - 2] === 'that')) {
    const q = ctx.quotes[ctx.quoteOf[p]];
    const after = ctx.quoteTokEnd[ctx.quoteOf[p]];
    // "called Turkey “a terrorist state.”" / "told Washington “thanks”" — but "“a Russian force” could intervene" goes on.
    const w = ctx.lower[after] ?? '.';
    const s = sentenceOf(ctx, p);
    const continues =
      after < s.tokenEnd && isWord(w) && !isCapitalised(ctx.tokens[after].text) && (BE.has(w) || MODALS.has(w) || CUE_FORMS.has(w));
    if (!continues) return q.end;
  }
  let end = contentEnd(ctx, p, cut);
  if (verb.frame === 'to' || (verb.frame === 'np' && ctx.lower[p - 1] !== 'that')) {
    // An infinitive or an object ends at a comma or where an adjunct starts ("attacked Machado in early-morning tweets").
    for (let j = p + 1; j < ctx.tokens.length && ctx.tokens[j].end <= end && j < p + 80; j++) {
      if (ctx.quoteOf[j] >= 0) continue;
      const w = ctx.lower[j];
      const next = ctx.lower[j + 1] ?? '';
      // "railed against the cartel and cast himself as an outsider": a second predicate of the cue's subject.
      if (w === 'and' && secondPredicate(ctx, j + 1)) {
        end = ctx.tokens[j - 1].end;
        break;
      }
      const stop =
        (w === ',' &&
          (verb.frame === 'np' ||
            isCapitalised(ctx.tokens[j + 1]?.text ?? '') ||
            DETERMINERS.has(next) ||
            PRONOUN_SOURCES.has(next) ||
            next === 'just' ||
            next === 'but' ||
            next === 'which' ||
            next === 'who' ||
            next === 'and')) ||
        DASHES.has(w) ||
        (verb.frame === 'np' && (OBJECT_ENDERS.has(w) || ((w === 'in' || w === 'at' || w === 'on') && adjunctAhead(ctx, j + 1))));
      if (stop) {
        end = ctx.tokens[j - 1].end;
        break;
      }
    }
  }
  void cueEnd;
  return end;
}

/**
 * Token j, after "and" that follows an object or infinitive, opens a second
 * predicate of the cue's subject ("attacked her skills and even questioned
 * her identity", "has asked leaders to disavow him and has repeatedly
 * characterized him …"): a finite cue form, a past form in -ed or a finite
 * auxiliary. Only after object and infinitive frames: after a that-clause the
 * "and" joins more of the reported clause (PolNeAR train: there the same cut
 * loses 11 matches; after objects and infinitives it gains 13).
 */
function secondPredicate(ctx: ClaimContext, j: number): boolean {
  let k = j;
  while (k < j + 2 && (ctx.lower[k]?.endsWith('ly') || VP_ADVERBS.has(ctx.lower[k] ?? ''))) k++;
  const w = ctx.lower[k] ?? '';
  if (ctx.quoteOf[k] >= 0 || isCapitalised(ctx.tokens[k]?.text ?? '')) return false;
  const f = CUE_FORMS.get(w);
  if (f) return f.form === 'past' || f.form === 's' || f.form === 'ing';
  return pastInEd(w) || PREDICATE_AUX.has(w);
}

export function adjunctAhead(ctx: ClaimContext, j: number): boolean {
  for (let t = j; t < j + 4 && t < ctx.tokens.length; t++) {
    const w = ctx.lower[t];
    if (EVENT_NOUNS.has(w) || DAYS.has(w) || TIME_WORDS.has(w)) return true;
    if (!isWord(w)) return false;
  }
  return false;
}

export function contentStarts(ctx: ClaimContext, p: number): boolean {
  const w = ctx.lower[p];
  return isWord(w) || opensQuote(ctx, p) || w === '$' || w === '[';
}

/** Content ending at token j (a comma, dash or closing quote) before a postposed source. */
export function contentBefore(ctx: ClaimContext, j: number): Span | null {
  const { lower, tokens } = ctx;
  let e = j;
  if (lower[e] === ',' || DASHES.has(lower[e])) e--;
  if (e < 0) return null;
  if (closesQuote(ctx, e)) {
    const q = ctx.quotes[ctx.quoteOf[e]];
    const qs = ctx.quoteTokStart[ctx.quoteOf[e]];
    if (q.words === 0) return null;
    // Text before the quote in its sentence belongs to the content ("Comey cannot say that “…,” X added").
    const s = sentenceOf(ctx, qs);
    let start = q.start;
    if (s && s.tokenStart < qs && ctx.blockOf[s.tokenStart] === ctx.blockOf[qs]) {
      let a = skipDateline(ctx, s.tokenStart, qs);
      while (a < qs && !isWord(lower[a])) a++;
      // Unless the words before the quote are someone's own attribution ("X said she felt … “…,” she said").
      let ownCue = false;
      for (let t = a; t < qs && !ownCue; t++) {
        const f = CUE_FORMS.get(lower[t]);
        ownCue = !!f && f.verb.frame === 'clause' && f.verb.cls === 'speech' && ctx.quoteOf[t] < 0;
      }
      if (lower[qs - 1] !== ':' && lower[qs - 1] !== ',' && a < qs && !ownCue) start = tokens[a].start;
    }
    return { start, end: q.end };
  }
  const s = sentenceOf(ctx, e);
  if (!s || e < s.tokenStart) return null;
  let a = skipDateline(ctx, s.tokenStart, e);
  while (a < e && !isWord(lower[a]) && !opensQuote(ctx, a)) a++;
  if (e - a < 2) return null;
  return { start: tokens[a].start, end: tokens[e].end };
}

/** The statement goes on in a quote later in the sentence ("…,” he said, “…”) and in quotes of the following sentences. */
export function continueQuote(ctx: ClaimContext, d: Draft, cueLast: number, sentenceLast: number): Draft {
  return extendWithFollowingQuotes(ctx, extendWithFollowingQuotes(ctx, d, cueLast), sentenceLast);
}

/** "WASHINGTON ― …", "BAGHDAD (Reuters) - …": the dateline is not part of what was said. */
function skipDateline(ctx: ClaimContext, a: number, limit: number): number {
  for (let t = a; t < limit && t < a + 6; t++) {
    const w = ctx.tokens[t].text;
    if (DASHES.has(w) || w === '―') return t > a ? t + 1 : a;
    if (isWord(w) && w !== w.toUpperCase() && w !== 'Reuters' && w !== 'AP' && w !== 'AFP') return a;
  }
  return a;
}

/**
 * "“A,” he said. “B.”" — quotes that follow in the same paragraph with no cue
 * of their own continue the same statement (PolNeAR joins them into one
 * content), as does "“A,” he said, “B.”", and a paragraph that is nothing but
 * the next quote ("“A,” he said.¶“B.”").
 */
export function extendWithFollowingQuotes(ctx: ClaimContext, d: Draft, fromTok: number): Draft {
  const { lower } = ctx;
  let k = fromTok + 1;
  let block = ctx.blockOf[fromTok];
  for (let rounds = 0; rounds < 12 && k < ctx.tokens.length; rounds++) {
    if (ctx.tokens[k].start < d.content.end) k = Math.max(k, firstTokenAt(ctx, d.content.end));
    if (k < 0) break;
    while (
      k < ctx.tokens.length &&
      ctx.quoteOf[k] < 0 &&
      (CLOSE_PUNCT.has(lower[k]) || lower[k] === ',' || ctx.tokens[k].start < d.content.end)
    )
      k++;
    // "“A,” Tester said, referring to the excuse, “B.”": a short aside inside the sentence.
    if (k < ctx.tokens.length && !opensQuote(ctx, k) && !CLOSE_PUNCT.has(lower[k - 1] ?? '')) {
      let j = k;
      while (
        j < k + 12 &&
        j < ctx.tokens.length &&
        ctx.quoteOf[j] < 0 &&
        !CLOSE_PUNCT.has(lower[j]) &&
        !CUE_FORMS.has(lower[j]) &&
        ctx.sentOf[j] === ctx.sentOf[k]
      )
        j++;
      if (j < ctx.tokens.length && opensQuote(ctx, j) && ctx.sentOf[j] === ctx.sentOf[k] && ctx.quotes[ctx.quoteOf[j]].words >= 3) k = j;
    }
    // "“…,” he said. But “…”": a sentence that opens with a conjunction and goes on in a quote.
    if (k + 1 < ctx.tokens.length && SENTENCE_LINKS.has(lower[k]) && ctx.sentOf[k] !== ctx.sentOf[k - 1] && opensQuote(ctx, k + 1)) k++;
    if (k >= ctx.tokens.length || !opensQuote(ctx, k)) break;
    const qi = ctx.quoteOf[k];
    // Into the next paragraph only when it is this quote alone (PolNeAR train: +17 matches, dev +1).
    if (ctx.blockOf[k] !== block && !quoteParagraph(ctx, k, qi)) break;
    const q = ctx.quotes[qi];
    const after = ctx.quoteTokEnd[qi];
    // A scare quote is not more of the statement; a quote that is a sentence of its own ("“Bodies everywhere.”") is.
    const wholeSentence = ctx.sentOf[k] !== ctx.sentOf[k - 1] && q.words > 0;
    if (q.words < 3 && !wholeSentence) break;
    // The quote must end its sentence unattributed.
    const w = ctx.lower[after] ?? '.';
    const endsSentence =
      after >= ctx.tokens.length || ctx.sentOf[after] !== ctx.sentOf[after - 1] || CLOSE_PUNCT.has(w) || ctx.blockOf[after] !== block;
    if (!endsSentence) break;
    d.content = { start: d.content.start, end: q.end };
    block = ctx.blockOf[k];
    k = after;
  }
  return d;
}

/** The quote qi, opening at token k, is its paragraph: it starts it and nothing but a final stop follows it there. */
function quoteParagraph(ctx: ClaimContext, k: number, qi: number): boolean {
  const b = ctx.blockOf[k];
  const after = ctx.quoteTokEnd[qi];
  const rest = after < ctx.tokens.length && ctx.blockOf[after] === b && CLOSE_PUNCT.has(ctx.lower[after]) ? after + 1 : after;
  return b >= 0 && ctx.blockOf[k - 1] !== b && (rest >= ctx.tokens.length || ctx.blockOf[rest] !== b);
}

/** When the sentence ends with a colon and the next paragraph is a quote, that quote is the content. */
export function colonContinuation(ctx: ClaimContext, p: number, s: Sentence): Span | null {
  const last = s.tokenEnd - 1;
  if (ctx.lower[last] !== ':' || last + 1 >= ctx.tokens.length) return null;
  const next = last + 1;
  if (ctx.blockOf[next] === ctx.blockOf[last] && ctx.blockOf[next] >= 0) return null;
  // Only when what lies between the cue and the colon is not itself the content.
  for (let j = p; j < last; j++) if (ctx.quoteOf[j] >= 0 || ctx.lower[j] === 'that') return null;
  if (opensQuote(ctx, next)) {
    const q = ctx.quotes[ctx.quoteOf[next]];
    return { start: q.start, end: q.end };
  }
  const b = ctx.blockOf[next];
  if (b >= 0 && ctx.structure.blocks[b].kind === 'blockquote') return blockquoteRun(ctx, b);
  return null;
}

export function colonAtParagraphEnd(ctx: ClaimContext, p: number): boolean {
  return ctx.lower[p] === ':' && (p + 1 >= ctx.tokens.length || ctx.blockOf[p + 1] !== ctx.blockOf[p]);
}

export function blockquoteRun(ctx: ClaimContext, b: number): Span {
  const blocks = ctx.structure.blocks;
  let e = b;
  while (e + 1 < blocks.length && blocks[e + 1].kind === 'blockquote') e++;
  return { start: blocks[b].start, end: blocks[e].end };
}
