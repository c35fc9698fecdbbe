import { type ClaimContext, closesQuote, isCapitalised, isSentenceInitial, isWord, sentenceOf } from './context';
import {
  ADJUNCT_PREPS,
  ADJUNCT_START,
  AUTHOR_PRONOUNS,
  AUX,
  BE,
  CLOSE_PUNCT,
  DASHES,
  DAYS,
  DETERMINERS,
  NP_STOP,
  PREPOSITIONS,
  PRONOUN_SOURCES,
  SUBORDINATORS,
  TIME_WORDS,
} from './functionWords';
import { CUE_FORMS, CUE_NOUNS } from './lexicon';
import { hasName } from './subjects';
import { locatesPeople } from '../places/speakers';

/*
 * Finding the source of a cue: the noun phrase to its left (past
 * auxiliaries, appositives, parentheticals and dashed asides) or, after an
 * inverted cue ("…," said X), to its right.
 */

/** Walks left from token j (inclusive) over a noun phrase; returns its first token or -1 when there is none. */
export function nounPhraseLeft(ctx: ClaimContext, j: number, floor: number): number {
  const { lower, tokens } = ctx;
  let a = j + 1;
  for (let k = j, steps = 0; k >= floor && steps < 16; k--, steps++) {
    const w = lower[k];
    if (ctx.quoteOf[k] >= 0) break;
    const cap = isCapitalised(tokens[k].text);
    if (w === "'s" || w === "'" || w === ')' || w === '(' || w === '.' || w === '&' || w === '-') {
      if ((w === '.' || w === "'") && k === j) break;
      a = k;
      continue;
    }
    // "42% say", "53 percent said": a share of a poll.
    if (w === '%' || (/^\d/.test(w) && (lower[k + 1] === '%' || lower[k + 1] === 'percent'))) {
      a = k;
      continue;
    }
    if (!isWord(w)) break;
    if (w === 'of' || w === 'for') {
      if (k === j) break;
      a = k;
      continue;
    }
    if (k < j && locatesPeople(ctx, k)) {
      // "officials in Atlanta said" (places/speakers.ts)
      a = k;
      continue;
    }
    // "Haidar al-Abadi and Fuad Masoum said": a joint source; a name can end in a lowercase particle form ("al-Abadi").
    const nameBefore = k > floor && (isCapitalised(tokens[k - 1].text) || ctx.mentionOf[k - 1] >= 0);
    if (w === 'and' && k < j && nameBefore && isCapitalised(tokens[k + 1].text)) {
      a = k;
      continue;
    }
    if (
      w === 'to' &&
      k < j &&
      k > floor &&
      !AUX.has(lower[k - 1]) &&
      isCapitalised(tokens[k + 1].text) === false &&
      lower[k + 1] === 'the' &&
      isWord(lower[k - 1])
    ) {
      a = k;
      continue;
    }
    if (cap) {
      // "US", "UN" are names; "But", "And" opening a clause are not.
      const acronym = tokens[k].text.length > 1 && tokens[k].text === tokens[k].text.toUpperCase();
      if (NP_STOP.has(w) && !acronym && (isSentenceInitial(ctx, k) || w.length <= 3)) break;
      a = k;
      continue;
    }
    if (NP_STOP.has(w) || SUBORDINATORS.has(w) || PRONOUN_SOURCES.has(w) || AUTHOR_PRONOUNS.has(w)) break;
    if (CUE_FORMS.has(w) && !CUE_NOUNS.has(w)) break;
    if (w.endsWith('ly') && k === j) break;
    a = k;
    // A determiner opens its noun phrase unless a preposition ties it to a head on the left ("a spokesman for the group").
    if (DETERMINERS.has(w)) {
      const l = lower[k - 1] ?? '';
      if (!(k - 1 >= floor && (l === 'of' || l === 'for' || l === 'and' || l === 'to' || l === "'s"))) break;
    }
  }
  // Trim leading function words the walk may have crossed.
  while (
    a <= j &&
    (lower[a] === 'of' ||
      lower[a] === 'for' ||
      lower[a] === 'to' ||
      lower[a] === 'and' ||
      lower[a] === "'s" ||
      lower[a] === ')' ||
      lower[a] === '-')
  )
    a++;
  return a <= j ? a : -1;
}

export interface SourceFound {
  range: [number, number];
  /** Token before the source (where postposed content ends), or -1. */
  before: number;
  /** The cue is an infinitive ("for Ash Carter to tell"). */
  infinitive?: boolean;
}

/**
 * The source of a cue at k, to its left: skips auxiliaries and adverbs, then
 * takes the noun phrase, widening over an appositive ("X, a senior lawmaker,")
 * and hopping back over a parenthetical (", in an interview with Y,").
 */
export function sourceLeft(ctx: ClaimContext, k: number): SourceFound | null | 'passive' {
  const { lower } = ctx;
  const s = sentenceOf(ctx, k);
  const floor = s.tokenStart;
  let j = k - 1;
  let sawBe = false;
  let infinitive = false;
  for (let steps = 0; j >= floor && steps < 8; steps++) {
    const w = lower[j];
    if (w === 'to' && steps === 0) infinitive = true;
    if (BE.has(w)) {
      sawBe = true;
      j--;
      continue;
    }
    if (AUX.has(w) || DAYS.has(w) || (w.endsWith('ly') && w.length > 4 && !isCapitalised(ctx.tokens[j].text))) {
      j--;
      continue;
    }
    if (w === 'on' && DAYS.has(lower[j + 1] ?? '')) {
      j--;
      continue;
    }
    // "Cruz said last week …", "X told reporters Thursday night …".
    if (
      TIME_WORDS.has(w) &&
      j - 1 >= floor &&
      (lower[j - 1] === 'last' ||
        lower[j - 1] === 'this' ||
        lower[j - 1] === 'next' ||
        lower[j - 1] === 'earlier' ||
        DAYS.has(lower[j - 1]))
    ) {
      j -= 2;
      continue;
    }
    break;
  }
  if (sawBe) {
    const f = CUE_FORMS.get(lower[k]);
    if (f && (f.form === 'past' || f.form === 'participle')) return 'passive';
  }
  if (j < floor) return null;
  const found = sourceAt(ctx, j, floor);
  if (found && infinitive) found.infinitive = true;
  return found;
}

function sourceAt(ctx: ClaimContext, j: number, floor: number): SourceFound | null {
  const { lower } = ctx;
  const w = lower[j];
  if (PRONOUN_SOURCES.has(w) && w !== 'who') return { range: [j, j + 1], before: j - 1 };
  if (w === 'who' || (w === 'that' && j > floor && isWord(lower[j - 1]) && !CUE_FORMS.has(lower[j - 1]))) {
    // Relative clause: the antecedent is the speaker.
    let p = j - 1;
    if (lower[p] === ',') p--;
    if (w === 'who') {
      for (let q = p; q >= floor && q > p - 25; q--) {
        const mi = ctx.mentionOf[q];
        if (mi >= 0 && ctx.mentions[mi].type === 'person' && ctx.quoteOf[q] < 0) {
          let a = q;
          while (a > floor && ctx.mentionOf[a - 1] === mi) a--;
          return { range: [a, q + 1], before: a - 1 };
        }
      }
    }
    if (p < floor) return null;
    const a = nounPhraseLeft(ctx, p, floor);
    return a >= 0 ? { range: [a, p + 1], before: a - 1 } : null;
  }
  if (DASHES.has(w) && j > floor) {
    // "Many speakers — including Muslims, Christians — said": hop back over the dashed aside.
    let c = j - 1;
    while (c > floor && c > j - 30 && !DASHES.has(lower[c]) && ctx.quoteOf[c] < 0) c--;
    if (c > floor && c < j - 1 && DASHES.has(lower[c])) {
      const inner = sourceAt(ctx, c - 1, floor);
      if (inner) return { range: [inner.range[0], j], before: inner.before };
    }
    return null;
  }
  if (w === ',') {
    // "Angelique Brunner, a developer and spokeswoman for X, which …, said": a named subject
    // opening the clause (at the sentence start or after a quotation), with its appositives.
    const opener = subjectOpener(ctx, j, floor);
    if (opener >= 0) return { range: [opener, j], before: opener - 1 };
    // "X, in an interview with Y, said": hop over a parenthetical starting with a preposition.
    let c = j - 1;
    while (c >= floor && c > j - 20 && lower[c] !== ',' && ctx.quoteOf[c] < 0) c--;
    // Also a participle: "Mary Susan, clad in a red cape …, said", "X, wearing a T-shirt …, said".
    const participle = /^[a-z]+(?:ed|ing)$/.test(lower[c + 1] ?? '') || lower[c + 1] === 'clad';
    if (
      c >= floor &&
      lower[c] === ',' &&
      (PREPOSITIONS.has(lower[c + 1]) || lower[c + 1] === 'speaking' || lower[c + 1] === 'who' || lower[c + 1] === 'which' || participle)
    ) {
      const a = nounPhraseLeft(ctx, c - 1, floor);
      if (a >= 0) return { range: [a, c], before: a - 1 };
    }
    // "X, a senior lawmaker, said": the appositive with its name.
    if (c >= floor && c < j - 1) {
      const a = DETERMINERS.has(lower[c + 1]) ? c + 1 : nounPhraseLeft(ctx, j - 1, c + 1);
      if (a === c + 1) {
        const b = nounPhraseLeft(ctx, c - 1, floor);
        if (b >= 0) return { range: [b, j], before: b - 1 };
      }
    }
    return null;
  }
  const a = nounPhraseLeft(ctx, j, floor);
  if (a < 0) return null;
  // Appositive before: "Hamid al-Mutlaq, a senior Sunni lawmaker told".
  if (a - 1 > floor && lower[a - 1] === ',' && !isCapitalised(ctx.tokens[a].text)) {
    const b = nounPhraseLeft(ctx, a - 2, floor);
    // "through the end of August, a new analysis shows": a time phrase, not a name with its appositive.
    const tiedLeft = b > floor && (PREPOSITIONS.has(lower[b - 1]) || ADJUNCT_PREPS.has(lower[b - 1]));
    let named = false;
    for (let t = b; t >= 0 && t < a - 1 && !named; t++) named = hasName(ctx, t, t + 1) && !TIME_WORDS.has(lower[t]) && !DAYS.has(lower[t]);
    // "Jeb Bush, digital consultant Phil Musser says": the right part names its own person.
    let ownPerson = false;
    for (let t = a; t <= j && !ownPerson; t++) ownPerson = ctx.mentionOf[t] >= 0 && ctx.mentions[ctx.mentionOf[t]].type === 'person';
    if (b >= 0 && b < a - 1 && named && !tiedLeft && !ownPerson) return { range: [b, j + 1], before: b - 1 };
  }
  return { range: [a, j + 1], before: a - 1 };
}

function subjectOpener(ctx: ClaimContext, j: number, floor: number): number {
  let t = j - 1;
  for (; t >= floor && t > j - 45; t--) {
    if (ctx.quoteOf[t] >= 0) break;
    const w = ctx.lower[t];
    // "the No. 2 Republican": a period before a number ends nothing.
    if (w === 'that' || w === ';' || w === ':' || (CLOSE_PUNCT.has(w) && !(w === '.' && /^\d/.test(ctx.lower[t + 1] ?? '')))) return -1;
    const f = CUE_FORMS.get(w);
    if (f && (f.form === 'past' || f.form === 's') && !isCapitalised(ctx.tokens[t].text)) return -1;
  }
  const start = t + 1;
  if (start >= j || !(t < floor || closesQuote(ctx, t) || (ctx.lower[t] === ',' && closesQuote(ctx, t - 1)))) return -1;
  let a = start;
  while (a < j && (ctx.lower[a] === ',' || !isWord(ctx.lower[a]))) a++;
  if (
    a >= j ||
    !isCapitalised(ctx.tokens[a].text) ||
    NP_STOP.has(ctx.lower[a]) ||
    SUBORDINATORS.has(ctx.lower[a]) ||
    ADJUNCT_START.has(ctx.lower[a])
  )
    return -1;
  // The opener itself must be a name, not the start of a clause: a comma follows it shortly.
  let c = a;
  while (c < j && c < a + 8 && ctx.lower[c] !== ',') c++;
  if (ctx.lower[c] !== ',' || c >= j) return -1;
  for (let q = a; q < c; q++)
    if (!isCapitalised(ctx.tokens[q].text) && isWord(ctx.lower[q]) && !DETERMINERS.has(ctx.lower[q]) && ctx.lower[q] !== 'of') return -1;
  return a;
}

export { bareCommaSource, clauseSubject, hasName, nounPhraseRight, plausibleSource, sentenceSubject, sourceRight } from './subjects';
