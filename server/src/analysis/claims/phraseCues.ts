import { askedContent } from './asked';
import { contentBefore, contentEnd } from './content';
import { type ClaimContext, isCapitalised, isSentenceInitial, isWord, sentenceOf, span } from './context';
import type { Draft } from './draft';
import {
  AUX,
  BE,
  CLOSE_PUNCT,
  DETERMINERS,
  NOUN_MARKERS,
  NP_STOP,
  PRONOUN_SOURCES,
  SUBJECT_PRONOUNS,
  SUBORDINATORS,
} from './functionWords';
import { CUE_FORMS, type CueForm, PASSIVE_ALLEGATION, PASSIVE_REPORT } from './lexicon';
import { nounPhraseLeft, nounPhraseRight } from './sources';

/*
 * Cues that are not plain verbs of saying with a subject: passives ("was
 * accused of", "are said to"), "according to", sourceless adverbs
 * ("allegedly"), cue nouns ("claims that"), "self-described", and the
 * verbs that are mostly nouns ("hopes", "show").
 */

export function passiveCue(ctx: ClaimContext, k: number, form: CueForm, cut: Int32Array): Draft | null {
  const { lower, tokens } = ctx;
  const s = sentenceOf(ctx, k);
  const w = lower[k];
  const cueStartTok = (() => {
    let j = k - 1;
    while (j > s.tokenStart && !BE.has(lower[j])) j--;
    return j;
  })();
  if (PASSIVE_REPORT.has(w) && (lower[k + 1] === 'to' || lower[k + 1] === 'that')) {
    if (lower[k + 1] === 'that') {
      const p = k + 2;
      if (p >= s.tokenEnd) return null;
      return {
        content: { start: tokens[p].start, end: contentEnd(ctx, p, cut) },
        cue: span(ctx, cueStartTok, k + 1),
        source: null,
        form: 'allegation',
        at: k,
      };
    }
    // "X are said to have …": the subject and predicate are the content.
    const a = clauseStart(ctx, cueStartTok);
    return {
      content: { start: tokens[a].start, end: contentEnd(ctx, k, cut) },
      cue: span(ctx, cueStartTok, k + 2),
      source: null,
      form: 'allegation',
      at: k,
    };
  }
  // "X was asked (by Y) whether …", "was asked, “…”": the question put to X; Y, when named, asked it.
  if (w === 'asked') {
    const q = askedContent(ctx, k + 1, s, false);
    if (q) return { content: q.content, cue: span(ctx, cueStartTok, k + 1), source: q.source, form: 'direct', at: k };
  }
  // "has not been charged with any crime" denies the allegation rather than reporting it.
  for (let j = cueStartTok - 1; j >= s.tokenStart && j >= cueStartTok - 3; j--)
    if (lower[j] === 'not' || lower[j] === "n't" || lower[j] === 'never') return null;
  if (lower[cueStartTok + 1] === 'not' || lower[cueStartTok + 1] === 'never') return null;
  // "The issue was first reported by The Washington Post": the agent after "by" is the source, the subject the content.
  let by = k + 1;
  while (by < s.tokenEnd && by < k + 3 && lower[by].endsWith('ly')) by++;
  if (lower[by] === 'by' && CUE_FORMS.get(w)?.verb.cls !== 'belief') {
    const src = nounPhraseRight(ctx, by + 1);
    const a = clauseStart(ctx, cueStartTok);
    let e = cueStartTok;
    while (e > a && (AUX.has(lower[e - 1]) || BE.has(lower[e - 1]) || lower[e - 1] === ',')) e--;
    if (src && e > a && !(e - a === 1 && PRONOUN_SOURCES.has(lower[a]) && lower[a] !== 'it')) {
      return {
        content: { start: tokens[a].start, end: tokens[e - 1].end },
        cue: span(ctx, cueStartTok, by + 1),
        source: src,
        form: 'indirect',
        at: k,
      };
    }
  }
  const prep = PASSIVE_ALLEGATION[w];
  if (prep && lower[k + 1] === prep && k + 2 < s.tokenEnd) {
    const p = k + 2;
    return {
      content: { start: tokens[p].start, end: contentEnd(ctx, p, cut) },
      cue: span(ctx, k, k + 2),
      source: null,
      form: 'allegation',
      at: k,
    };
  }
  void form;
  return null;
}

/** Start of the clause containing token k: after a subordinator or at the sentence start. */
function clauseStart(ctx: ClaimContext, k: number): number {
  const s = sentenceOf(ctx, k);
  for (let j = k - 1; j >= s.tokenStart && j > k - 40; j--) {
    if (ctx.quoteOf[j] >= 0) continue;
    if (SUBORDINATORS.has(ctx.lower[j]) || ctx.lower[j] === ';') return j + 1;
  }
  let a = s.tokenStart;
  while (a < k && !isWord(ctx.lower[a])) a++;
  return a;
}

export function accordingTo(ctx: ClaimContext, k: number, cut: Int32Array): Draft | null {
  const { lower, tokens } = ctx;
  const s = sentenceOf(ctx, k);
  let e = k + 2;
  while (e < s.tokenEnd && e < k + 30 && lower[e] !== ',' && !CLOSE_PUNCT.has(lower[e]) && ctx.quoteOf[e] < 0 && lower[e] !== ';') e++;
  if (e === k + 2) return null;
  const source: [number, number] = [k + 2, e];
  const cue = span(ctx, k, k + 2);
  const initial = isSentenceInitial(ctx, k) || (lower[k - 1] === ',' && isSentenceInitial(ctx, k - 2));
  if (initial && lower[e] === ',') {
    const p = e + 1;
    if (p >= s.tokenEnd) return null;
    return { content: { start: tokens[p].start, end: contentEnd(ctx, p, cut) }, cue, source, form: 'according-to', at: k };
  }
  let j = k - 1;
  if (lower[j] === ',') j--;
  if (j < s.tokenStart) return null;
  const content = contentBefore(ctx, j + 1 < k && lower[j + 1] === ',' ? j + 1 : j);
  if (!content) return null;
  return { content, cue, source, form: 'according-to', at: k };
}

export function sourcelessAdverb(ctx: ClaimContext, k: number, cut: Int32Array): Draft | null {
  const { tokens } = ctx;
  const a = clauseStart(ctx, k);
  const end = contentEnd(ctx, k, cut);
  if (end <= tokens[a].start) return null;
  return { content: { start: tokens[a].start, end }, cue: span(ctx, k, k + 1), source: null, form: 'allegation', at: k };
}

export function nounCue(ctx: ClaimContext, k: number, cut: Int32Array): Draft | null {
  const { lower, tokens } = ctx;
  const s = sentenceOf(ctx, k);
  const p = k + 2;
  if (p >= s.tokenEnd || !isWord(lower[p])) return null;
  // "reports that say …" is a relative clause, not content.
  const f = CUE_FORMS.get(lower[p]);
  if (f && (f.form === 's' || f.form === 'past')) return null;
  // Only plain nouns: a possessor or "of X" would be the source, which verb rules handle better.
  const prev = lower[k - 1] ?? '';
  let source: [number, number] | null = null;
  if (prev === "'s" && k >= 2) {
    const a = nounPhraseLeft(ctx, k - 2, s.tokenStart);
    if (a >= 0) source = [a, k - 1];
  } else if (isCapitalised(tokens[k - 1]?.text ?? '')) {
    return null;
  }
  return { content: { start: tokens[p].start, end: contentEnd(ctx, p, cut) }, cue: span(ctx, k, k + 1), source, form: 'allegation', at: k };
}

/** "a self-described democratic socialist": the description is the speaker's own claim about themselves. */
export function selfDescribed(ctx: ClaimContext, k: number): Draft | null {
  const s = sentenceOf(ctx, k);
  let e = k + 1;
  while (
    e < s.tokenEnd &&
    e < k + 8 &&
    (isWord(ctx.lower[e]) || ctx.quoteOf[e] >= 0) &&
    !NP_STOP.has(ctx.lower[e]) &&
    !CUE_FORMS.has(ctx.lower[e])
  )
    e++;
  if (e === k + 1) return null;
  return { content: span(ctx, k + 1, e), cue: span(ctx, k, k + 1), source: [k, k + 1], form: 'indirect', at: k };
}

/**
 * "hopes" is mostly a noun ("their hopes"); after a name or a pronoun and
 * before a clause or "to" ("Christie hopes his endorsement will …", "Clinton
 * hopes to …") it reports a belief or an intention.
 */
export function hopeVerb(ctx: ClaimContext, k: number): CueForm | undefined {
  const w = ctx.lower[k];
  if (w !== 'hopes' && w !== 'hope') return undefined;
  const before = ctx.lower[k - 1] ?? '';
  const subject =
    ctx.mentionOf[k - 1] >= 0 ||
    (w === 'hopes' ? before === 'he' || before === 'she' : before === 'they' || before === 'i' || before === 'we');
  if (!subject || NOUN_MARKERS.has(before)) return undefined;
  const next = ctx.lower[k + 1] ?? '';
  if (!(
    next === 'to' ||
    next === 'that' ||
    SUBJECT_PRONOUNS.has(next) ||
    DETERMINERS.has(next) ||
    NOUN_MARKERS.has(next) ||
    isCapitalised(ctx.tokens[k + 1]?.text ?? '')
  ))
    return undefined;
  return { verb: HOPE, form: w === 'hopes' ? 's' : 'base' };
}

const HOPE: CueForm['verb'] = { lemma: 'hope', cls: 'belief', frame: 'clause' };

/**
 * "show" is mostly a noun in news ("the show"), so the lexicon leaves it out;
 * after a plural subject and before a clause ("polls show Clinton ahead",
 * "documents show he took …") it reports findings.
 */
export function pluralSubjectShow(ctx: ClaimContext, k: number): CueForm | undefined {
  if (ctx.lower[k] !== 'show') return undefined;
  const before = ctx.lower[k - 1] ?? '';
  const after = ctx.tokens[k + 1];
  if (!/^[a-z]{3,}s$/.test(before) || NOUN_MARKERS.has(before) || !after) return undefined;
  const next = ctx.lower[k + 1];
  // "…, fundraising documents show.": the findings come first.
  const endsSentence = CLOSE_PUNCT.has(next) && ctx.sentOf[k + 1] === ctx.sentOf[k];
  if (!(next === 'that' || PRONOUN_SOURCES.has(next) || (isCapitalised(after.text) && ctx.mentionOf[k + 1] >= 0) || endsSentence))
    return undefined;
  return SHOWS ? { verb: SHOWS.verb, form: 's' } : undefined;
}

const SHOWS = CUE_FORMS.get('shows');
