import { askedQuestion, whenAsked } from './asked';
import {
  adjunctAhead,
  colonAtParagraphEnd,
  colonContinuation,
  contentBefore,
  contentEnd,
  contentStarts,
  continueQuote,
  extendWithFollowingQuotes,
  forwardEnd,
} from './content';
import { type ClaimContext, closesQuote, isCapitalised, isSentenceInitial, isWord, opensQuote, sentenceOf, span } from './context';
import { type Draft, formOf } from './draft';
import type { Span } from '../types';
import {
  ADJUNCT_PREPS,
  ADJUNCT_START,
  AUTHOR_PRONOUNS,
  AUX,
  BE,
  CLOSE_PUNCT,
  CUE_PARTICLES,
  CUE_PREPS,
  DASHES,
  DAYS,
  FOCUS_ADVERBS,
  GERUND_PREPS,
  ING_PREPOSITIONS,
  MODALS,
  NOUN_MARKERS,
  PRONOUN_SOURCES,
} from './functionWords';
import { CUE_FORMS, CUE_NOUNS, type CueForm } from './lexicon';
import { passiveCue } from './phraseCues';
import { frameFits, quantityAt, quoteThenSource, skipToContent, speechQuote } from './verbFrames';
import {
  bareCommaSource,
  clauseSubject,
  hasName,
  nounPhraseRight,
  plausibleSource,
  sentenceSubject,
  sourceLeft,
  sourceRight,
} from './sources';

/*
 * The main rule: a verb of saying, believing or intending, its source to the
 * left or right, and its content forward ("X said that …") or before it
 * ("“…,” X said").
 */

export function verbCue(ctx: ClaimContext, k: number, form: CueForm, cut: Int32Array, prior: Draft[]): Draft | Draft[] | null {
  const { lower, tokens } = ctx;
  const s = sentenceOf(ctx, k);
  const verb = form.verb;
  let cueEnd = k + 1;
  if (verb.particles && verb.particles.includes(lower[k + 1])) cueEnd++;
  else if (verb.needsParticle) return null;
  if ((verb.lemma === 'describe' || verb.lemma === 'refer') && lower[cueEnd] === 'as') cueEnd++;
  else if (verb.generic && CUE_PREPS.has(lower[cueEnd] ?? '') && !adjunctAhead(ctx, cueEnd + 1) && isWord(lower[cueEnd + 1] ?? ''))
    cueEnd++;
  // "lashed out at", "talked openly about": a particle or manner adverb before the preposition joins the cue too.
  else if (verb.generic && prepAfterAdverb(ctx, cueEnd)) cueEnd += 2;
  if (lower[k] === 'said' && lower[k + 1] === 'in' && lower[k + 2] === 'a' && lower[k + 3] === 'statement') cueEnd = k + 4;
  if (
    verb.quoteOnly &&
    !(opensQuote(ctx, cueEnd) || lower[cueEnd] === ':' || (lower[cueEnd] === ',' && opensQuote(ctx, cueEnd + 1)) || quoteThenSource(ctx, k))
  )
    return null;
  // "reports suggest": the first word is a noun.
  const nextForm = CUE_FORMS.get(lower[k + 1] ?? '');
  if (nextForm && nextForm.form !== 'ing' && !verb.particles?.includes(lower[k + 1]) && form.form === 's' && CUE_NOUNS.has(lower[k]))
    return null;
  // "Trump’s tweet", "his remarks", "the report": a noun, not a verb.
  if (
    NOUN_MARKERS.has(lower[k - 1] ?? '') &&
    !(lower[k - 1] === "'s" && PRONOUN_SOURCES.has(lower[k - 2] ?? '')) &&
    !closesQuote(ctx, k - 1)
  )
    return null;
  const cue = span(ctx, k, cueEnd);
  // "Asked if he was ever bullied, the candidate said no": the question put to the speaker is reported too.
  if (lower[k] === 'asked' && isSentenceInitial(ctx, k) && isCapitalised(tokens[k].text)) return askedQuestion(ctx, k, cue);
  if (lower[k] === 'asked' && (lower[k - 1] === 'when' || lower[k - 1] === 'whenever')) return whenAsked(ctx, k);

  // "Said Dorothy Poynter, who grew up with him, “We were all so proud.”": an inverted cue opening the sentence.
  if (
    isSentenceInitial(ctx, k) &&
    isCapitalised(tokens[k].text) &&
    (form.form === 'past' || form.form === 's') &&
    verb.frame === 'clause'
  ) {
    const src = sourceRight(ctx, cueEnd, 30);
    let q = src ? src[1] : -1;
    if (q >= 0 && (lower[q] === ',' || lower[q] === ':')) q++;
    if (src && q >= 0 && opensQuote(ctx, q)) {
      const qi = ctx.quoteOf[q];
      return extendWithFollowingQuotes(
        ctx,
        { content: { start: ctx.quotes[qi].start, end: ctx.quotes[qi].end }, cue, source: src, form: 'direct', at: k },
        ctx.quoteTokEnd[qi] - 1,
      );
    }
  }

  // "the “direct action” promised by the Pentagon": the quote is the content.
  if ((form.form === 'past' || form.form === 'participle') && lower[k + 1] === 'by' && k > 0 && closesQuote(ctx, k - 1)) {
    const src = nounPhraseRight(ctx, k + 2);
    const qi = ctx.quoteOf[k - 1];
    if (src) return { content: { start: ctx.quotes[qi].start, end: ctx.quotes[qi].end }, cue, source: src, form: 'direct', at: k };
  }

  // "… began by saying he would …", "criticized for saying that …": a gerund after a preposition reports what the clause's subject said.
  if (form.form === 'ing' && verb.cls === 'speech' && verb.frame === 'clause' && GERUND_PREPS.has(lower[k - 1] ?? '')) {
    const subj = sentenceSubject(ctx, s) ?? clauseSubject(ctx, k - 1);
    const p = skipToContent(ctx, cueEnd, s.tokenEnd, verb.frame);
    // Only a clause is reported: "saying he would …", "arguing that …", "by declaring: “…”"; not "before declaring independence".
    const clause = verb.lemma === 'say' || lower[p - 1] === 'that' || lower[p - 1] === ':' || opensQuote(ctx, p);
    if (subj && clause && p < s.tokenEnd && contentStarts(ctx, p) && frameFits(ctx, verb, cueEnd, p))
      return forwardDraft(ctx, p, cueEnd, cut, verb, cue, subj, k);
  }
  const left = sourceLeft(ctx, k);
  if (left === 'passive') return passiveCue(ctx, k, form, cut);

  // Participles after a comma take the clause subject: "X rejected it, saying …".
  const afterCommaIng =
    form.form === 'ing' && (lower[k - 1] === ',' || (lower[k - 2] === ',' && (AUX.has(lower[k - 1]) || lower[k - 1].endsWith('ly'))));
  if (afterCommaIng) {
    const subj = clauseSubject(ctx, k - 1) ?? sentenceSubject(ctx, s);
    const p = skipToContent(ctx, cueEnd, s.tokenEnd, verb.frame);
    if (!subj || p >= s.tokenEnd || !contentStarts(ctx, p) || !frameFits(ctx, verb, cueEnd, p)) return null;
    return forwardDraft(ctx, p, cueEnd, cut, verb, cue, subj, k);
  }
  if (form.form === 'base' && !left) return null;

  // Cue right after a quote or comma with a name after it: "…," said X.
  const prevTok = k - 1;
  const quoted = prevTok >= 0 && (closesQuote(ctx, prevTok) || closesQuote(ctx, prevTok - 1));
  // Only verbs of saying invert ("…, said X"); "…, called X's remarks …" is not a source after its cue.
  if (
    prevTok >= 0 &&
    (lower[prevTok] === ',' || closesQuote(ctx, prevTok)) &&
    (form.form === 'past' || form.form === 's') &&
    (verb.frame === 'clause' || quoted)
  ) {
    const src = sourceRight(ctx, cueEnd, quoted ? 60 : 30);
    const subjectFirst = left !== null && left.before < s.tokenStart;
    if (src && (quoted || (!subjectFirst && bareCommaSource(ctx, src, s)))) {
      let content = contentBefore(ctx, prevTok);
      // "Any interpretation, said Michael Kofman, an expert, would read this as …": the sentence goes on after the source.
      let srcEnd = src[1];
      for (let t = src[0] + 1; t < src[1] - 1 && !quoted; t++) {
        if (lower[t] === ',' && (MODALS.has(lower[t + 1]) || BE.has(lower[t + 1]))) {
          srcEnd = t;
          if (content) content = { start: content.start, end: contentEnd(ctx, t + 1, cut) };
          break;
        }
      }
      if (content)
        return continueQuote(
          ctx,
          { content, cue, source: [src[0], srcEnd], form: 'direct', at: k },
          srcEnd - 1,
          sentenceOf(ctx, srcEnd - 1).tokenEnd - 1,
        );
    }
  }
  if (!left) {
    // Coordinated cue sharing the subject of the previous one: "X condemned … and demanded …".
    if (lower[k - 1] === 'and' || lower[k - 1] === 'but' || ((lower[k - 2] === 'and' || lower[k - 2] === 'but') && AUX.has(lower[k - 1]))) {
      const prev = prior.length ? prior[prior.length - 1] : null;
      const shared =
        prev && prev.source && ctx.sentOf[prev.at] === ctx.sentOf[k] ? prev.source : (clauseSubject(ctx, k) ?? sentenceSubject(ctx, s));
      if (shared) {
        const p = skipToContent(ctx, cueEnd, s.tokenEnd, verb.frame);
        if (p < s.tokenEnd && contentStarts(ctx, p) && frameFits(ctx, verb, cueEnd, p)) {
          return forwardDraft(ctx, p, cueEnd, cut, verb, cue, shared, k);
        }
      }
    }
    return null;
  }
  const [a, b] = left.range;
  // "we said" is the author; "US Senator Jeff Sessions said" is not.
  if ((AUTHOR_PRONOUNS.has(lower[a]) && tokens[a].text !== 'US') || (lower[a] === 'one' && b - a === 1)) return null;
  if (!plausibleSource(ctx, a, b, verb.cls)) return null;
  if (left.infinitive && !(verb.cls === 'speech' && verb.frame !== 'np' && hasName(ctx, a, b))) return null;

  // "Hawaii, as one of his advisers pointed out, rarely gets …" / "As X noted, …": the rest of the sentence is the content.
  const bf = left.before;
  if (bf >= s.tokenStart && lower[bf] === 'as' && (bf === s.tokenStart || lower[bf - 1] === ',') && verb.cls !== 'intention') {
    let comma = cueEnd;
    while (comma < s.tokenEnd && comma < cueEnd + 10 && lower[comma] !== ',' && ctx.quoteOf[comma] < 0) comma++;
    if (lower[comma] === ',' && comma + 1 < s.tokenEnd) {
      const initial = bf === s.tokenStart || isSentenceInitial(ctx, bf);
      let st = s.tokenStart;
      while (st < bf && !isWord(lower[st]) && !opensQuote(ctx, st)) st++;
      const start = initial ? tokens[comma + 1].start : tokens[st].start;
      return { content: { start, end: contentEnd(ctx, comma + 1, cut) }, cue, source: [a, b], form: 'indirect', at: k };
    }
  }
  const quoteTok = bf >= 0 && closesQuote(ctx, bf) ? bf : bf > 0 && lower[bf] === ',' && closesQuote(ctx, bf - 1) ? bf - 1 : -1;
  // A quote ending just before the sentence ("…?” Trump said.") or inside it, that is speech rather than a title.
  const p = skipToContent(ctx, cueEnd, s.tokenEnd, verb.frame);
  // ", looking out on the crowd": a participle after a comma is an aside, not content.
  const participleAside =
    p < s.tokenEnd &&
    lower[p - 1] === ',' &&
    lower[p - 2] !== 'that' &&
    lower[p].endsWith('ing') &&
    !ING_PREPOSITIONS.has(lower[p]) &&
    !opensQuote(ctx, p);
  // "…!” Sessions said as he launched …": an adjunct clause after the cue ends what was said.
  const adjunctClause =
    p < s.tokenEnd &&
    (lower[p] === 'as' || lower[p] === 'while' || lower[p] === 'when' || lower[p] === 'after' || lower[p] === 'before') &&
    lower[p - 1] !== 'that';
  const endsHere = p >= s.tokenEnd || CLOSE_PUNCT.has(lower[p]) || participleAside || adjunctClause;
  const afterQuote =
    quoteTok >= 0 && (bf >= s.tokenStart || (bf === s.tokenStart - 1 && endsHere)) && speechQuote(ctx, ctx.quoteOf[quoteTok]);
  const afterComma = bf >= s.tokenStart && lower[bf] === ',' && !afterQuote;
  const colonNext = colonContinuation(ctx, Math.min(p, s.tokenEnd - 1), s);
  if (colonNext) return { content: colonNext, cue, source: [a, b], form: 'direct', at: k };
  // "what Trump says his plan would do", "everything Trump says": a free relative, not a report of content.
  if (bf >= s.tokenStart && (lower[bf] === 'what' || lower[bf] === 'everything' || lower[bf] === 'whatever') && !opensQuote(ctx, p))
    return null;
  const forwardIsAdjunct =
    participleAside ||
    (p < s.tokenEnd &&
      ADJUNCT_START.has(lower[p]) &&
      !opensQuote(ctx, p) &&
      lower[p - 1] !== 'that' &&
      !(lower[p - 1] === ',' && lower[p - 2] === 'that') &&
      !(lower[p] === 'to' && verb.frame !== 'clause') &&
      !(lower[p] === 'about' && quantityAt(ctx, p + 1)));
  // "“…,” X told reporters that …" reports more; "“…,” X told reporters after the meeting that was held …" does not.
  let thatClause = p < s.tokenEnd && lower[p - 1] === 'that' && p - 1 - cueEnd <= 3;
  for (let t = cueEnd; thatClause && t < p - 1; t++) if (ADJUNCT_PREPS.has(lower[t]) || !isWord(lower[t])) thatClause = false;
  if ((afterQuote && !thatClause) || (afterComma && (forwardIsAdjunct || p >= s.tokenEnd))) {
    const resumed = afterComma && !participleAside ? resumedAfterAside(ctx, cueEnd, s.tokenEnd) : -1;
    if (resumed >= 0) {
      // "The middle fifth paid 8.9 percent, the agency said in a June report, and the bottom fifth 0.8 percent":
      // the report goes on after the aside, and the content is the whole sentence around it.
      let st = s.tokenStart;
      while (st < bf && !isWord(lower[st]) && !opensQuote(ctx, st)) st++;
      return { content: { start: tokens[st].start, end: contentEnd(ctx, resumed, cut) }, cue, source: [a, b], form: 'indirect', at: k };
    }
    const content = contentBefore(ctx, bf);
    if (content)
      return continueQuote(
        ctx,
        { content, cue, source: [a, b], form: afterQuote ? 'direct' : 'indirect', at: k },
        Math.max(cueEnd, b) - 1,
        s.tokenEnd - 1,
      );
  }
  // Forward content: "X said (that) …".
  if (p < s.tokenEnd && lower[p] !== '.' && contentStarts(ctx, p) && !forwardIsAdjunct) {
    if (!frameFits(ctx, verb, cueEnd, p)) return null;
    // Parenthetical: "Some of the distrust, the US contends, is fostered by Iran."
    let comma = cueEnd;
    while (comma < s.tokenEnd && comma < cueEnd + 8 && isWord(lower[comma]) && lower[comma] !== 'that' && !CUE_FORMS.has(lower[comma]))
      comma++;
    if (
      lower[comma] === ',' &&
      left.before >= s.tokenStart &&
      lower[left.before] === ',' &&
      !opensQuote(ctx, comma + 1) &&
      (comma === cueEnd || ADJUNCT_PREPS.has(lower[cueEnd]) || DAYS.has(lower[cueEnd]))
    ) {
      let st = s.tokenStart;
      while (st < left.before && !isWord(lower[st]) && !opensQuote(ctx, st)) st++;
      return { content: { start: tokens[st].start, end: contentEnd(ctx, comma + 1, cut) }, cue, source: [a, b], form: 'indirect', at: k };
    }
    const draft = forwardDraft(ctx, p, cueEnd, cut, verb, cue, [a, b], k);
    if (opensQuote(ctx, p)) return extendWithFollowingQuotes(ctx, draft, ctx.quoteTokEnd[ctx.quoteOf[p]] - 1);
    return draft;
  }
  // Sentence ends after the cue (maybe after an addressee or time): content is before the source.
  if (p >= s.tokenEnd || lower[p] === '.' || colonAtParagraphEnd(ctx, p)) {
    if (left.before >= 0 && (lower[left.before] === ',' || closesQuote(ctx, left.before) || DASHES.has(lower[left.before]))) {
      const content = contentBefore(ctx, left.before);
      if (content)
        return continueQuote(ctx, { content, cue, source: [a, b], form: 'direct', at: k }, Math.max(cueEnd, b) - 1, s.tokenEnd - 1);
    }
  }
  return null;
}

/**
 * After "…, X said in a statement": the first token past the aside's closing comma when the
 * sentence resumes there with "and" or "but" and a clause of its own (no cue of its own), else -1.
 */
/** The draft of what is reported from token p on: the content runs forward from p (forwardEnd), the source is given. */
function forwardDraft(
  ctx: ClaimContext,
  p: number,
  cueEnd: number,
  cut: Int32Array,
  verb: CueForm['verb'],
  cue: Span,
  source: [number, number],
  k: number,
): Draft {
  return {
    content: { start: ctx.tokens[p].start, end: forwardEnd(ctx, p, cueEnd, cut, verb) },
    cue,
    source,
    form: formOf(ctx, p, verb.cls),
    at: k,
  };
}

function resumedAfterAside(ctx: ClaimContext, from: number, end: number): number {
  const lower = ctx.lower;
  let c = from;
  while (c < end && c < from + 10 && lower[c] !== ',' && isWord(lower[c]) && !CUE_FORMS.has(lower[c])) c++;
  if (lower[c] !== ',' || c + 3 >= end || (lower[c + 1] !== 'and' && lower[c + 1] !== 'but')) return -1;
  for (let t = c + 2; t < end; t++) if (CUE_FORMS.has(lower[t]) || ctx.quoteOf[t] >= 0) return -1;
  return c + 1;
}

/**
 * Token j is a particle or a manner adverb and a cue's preposition follows
 * ("lashed out at Khan", "bragged prematurely about his success"): PolNeAR
 * puts all of it in the cue (train: +5 matches).
 */
function prepAfterAdverb(ctx: ClaimContext, j: number): boolean {
  const w = ctx.lower[j] ?? '';
  if (!CUE_PARTICLES.has(w) && !(w.endsWith('ly') && !FOCUS_ADVERBS.has(w))) return false;
  return CUE_PREPS.has(ctx.lower[j + 1] ?? '') && !adjunctAhead(ctx, j + 2) && isWord(ctx.lower[j + 2] ?? '');
}
