import type { Sentence } from '../types';
import { type ClaimContext, isCapitalised, isSentenceInitial, isWord, opensQuote, sentenceOf } from './context';
import {
  ADJUNCT_START,
  BE,
  CLOSE_PUNCT,
  DETERMINERS,
  MODALS,
  NP_STOP,
  PREPOSITIONS,
  PRONOUN_SOURCES,
  QUANTIFIER_SOURCES,
  SUBORDINATORS,
} from './functionWords';
import { CUE_FORMS } from './lexicon';

/*
 * Sources to the right of an inverted cue ("…," said X), sentence and clause
 * subjects, and the checks that a candidate source is plausible.
 */

export function hasName(ctx: ClaimContext, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (ctx.mentionOf[k] >= 0 || (isCapitalised(ctx.tokens[k].text) && !isSentenceInitial(ctx, k))) return true;
  return false;
}

/** A source after an inverted cue ("…," said Rep. Smith, head of …). */
export function sourceRight(ctx: ClaimContext, p: number, maxLen = 30): [number, number] | null {
  const s = sentenceOf(ctx, p);
  if (p >= s.tokenEnd) return null;
  const w = ctx.lower[p];
  // "said former Obama adviser David Axelrod": a lowercase title before the name.
  let titled = false;
  for (
    let t = p;
    t < p + 4 &&
    t < s.tokenEnd &&
    !titled &&
    isWord(ctx.lower[t]) &&
    !CUE_FORMS.has(ctx.lower[t]) &&
    !MODALS.has(ctx.lower[t]) &&
    !BE.has(ctx.lower[t]);
    t++
  ) {
    titled = t > p && isCapitalised(ctx.tokens[t].text);
  }
  if (!(
    isCapitalised(ctx.tokens[p].text) ||
    PRONOUN_SOURCES.has(w) ||
    w === 'the' ||
    w === 'a' ||
    w === 'an' ||
    w === 'another' ||
    w === 'one' ||
    titled
  ))
    return null;
  if (w === 'i' || w === 'we' || w === 'you') return null;
  let e = p;
  while (e < s.tokenEnd && e < p + maxLen && ctx.quoteOf[e] < 0 && !CLOSE_PUNCT.has(ctx.lower[e]) && ctx.lower[e] !== ';') {
    if (ctx.lower[e] === ',' && (opensQuote(ctx, e + 1) || CUE_FORMS.get(ctx.lower[e + 1])?.form === 'ing')) break;
    e++;
  }
  if (e >= p + maxLen) return null; // ran on: a clause, not a name
  while (e > p && (ctx.lower[e - 1] === ',' || ctx.lower[e - 1] === ':')) e--;
  return e > p ? [p, e] : null;
}

/** "The GOP nominee complained …": a short noun phrase opening the sentence. */
export function sentenceSubject(ctx: ClaimContext, s: Sentence): [number, number] | null {
  const a = ctx.firstWord[ctx.sentOf[s.tokenStart]];
  if (a < 0) return null;
  let e = a;
  while (e < s.tokenEnd && e < a + 6) {
    const w = ctx.lower[e];
    if (!isWord(w) || CUE_FORMS.has(w) || NP_STOP.has(w) || SUBORDINATORS.has(w) || ADJUNCT_START.has(w)) break;
    if (!isCapitalised(ctx.tokens[e].text) && !DETERMINERS.has(w) && (w.endsWith('ed') || w.endsWith('ly'))) break;
    e++;
  }
  if (e === a || e >= a + 6 || !isCapitalised(ctx.tokens[a].text)) return null;
  return [a, e];
}

/** Nearest subject-like mention or pronoun left of k in its sentence (for ", saying …"). */
export function clauseSubject(ctx: ClaimContext, k: number): [number, number] | null {
  const s = sentenceOf(ctx, k);
  for (let q = k - 1; q >= s.tokenStart && q > k - 40; q--) {
    if (ctx.quoteOf[q] >= 0) continue;
    const mi = ctx.mentionOf[q];
    const w = ctx.lower[q];
    if (mi >= 0 && ctx.lower[q + 1] === "'s") {
      let a = q;
      while (a > s.tokenStart && ctx.mentionOf[a - 1] === mi) a--;
      // "Iraq's ambassador to the UN is striking a tone, saying …": the possessive phrase up to its verb is the subject.
      const e = possessedEnd(ctx, q + 2, k);
      if (e > q + 2) return [a, e];
      q = a;
      continue;
    }
    if (mi >= 0 && ctx.mentions[mi].kind === 'actor') {
      let a = q;
      while (a > s.tokenStart && ctx.mentionOf[a - 1] === mi) a--;
      // "the ambassador to the UN": a mention inside a prepositional phrase is not the subject.
      const before = a > s.tokenStart && DETERMINERS.has(ctx.lower[a - 1]) ? a - 1 : a;
      if (before > s.tokenStart && PREPOSITIONS.has(ctx.lower[before - 1])) {
        q = before;
        continue;
      }
      return [a, q + 1];
    }
    if ((w === 'he' || w === 'she' || w === 'they') && !PREPOSITIONS.has(ctx.lower[q - 1] ?? '')) return [q, q + 1];
  }
  return null;
}

/** End of the noun phrase a possessive opens at p, when a verb (be, a modal, a cue) follows it before `limit`; else p. */
function possessedEnd(ctx: ClaimContext, p: number, limit: number): number {
  const verbal = (w: string) => BE.has(w) || MODALS.has(w) || CUE_FORMS.has(w);
  let e = p;
  while (e < limit && e < p + 8 && isWord(ctx.lower[e]) && !verbal(ctx.lower[e])) e++;
  return e < limit && verbal(ctx.lower[e]) ? e : p;
}

export function nounPhraseRight(ctx: ClaimContext, p: number): [number, number] | null {
  const s = sentenceOf(ctx, p);
  if (!s || p >= s.tokenEnd) return null;
  let e = p;
  while (
    e < s.tokenEnd &&
    e < p + 8 &&
    (isWord(ctx.lower[e]) || ctx.lower[e] === "'s") &&
    !NP_STOP.has(ctx.lower[e]) &&
    !SUBORDINATORS.has(ctx.lower[e])
  )
    e++;
  while (e > p && !isCapitalised(ctx.tokens[e - 1].text) && ctx.mentionOf[e - 1] < 0 && DETERMINERS.has(ctx.lower[e - 1])) e--;
  return e > p ? [p, e] : null;
}

export function plausibleSource(ctx: ClaimContext, a: number, b: number, cls: string): boolean {
  let h = b - 1;
  while (h > a && (ctx.lower[h] === ')' || ctx.lower[h] === '.' || ctx.lower[h] === "'s" || ctx.lower[h] === "'")) h--;
  const head = ctx.lower[h];
  if (!isWord(head) && head !== '%') return false;
  // "Several said …", "Most say …": a quantifier standing alone is a source; "the", "this" are not.
  if (DETERMINERS.has(head) && !(b - a === 1 && QUANTIFIER_SOURCES.has(head))) return false;
  if (b - a === 1 && (head === 'it' || head === 'this') && cls !== 'speech' && cls !== 'report') return false;
  if (b - a === 1 && (head === 'there' || head === 'which' || head === 'what')) return false;
  return true;
}

/**
 * A source after "…, said" with no quote before it: a short name ("…, said
 * Senator X, Democrat of Y."), a name with its appositive ending the sentence
 * ("…, said Brian Baker, a longtime adviser to …"), or a short description
 * ending the sentence ("…, said one GOP source in the room").
 */
export function bareCommaSource(ctx: ClaimContext, src: [number, number], s: Sentence): boolean {
  const { lower, tokens } = ctx;
  const [a, b] = src;
  const endsSentence = b >= s.tokenEnd || CLOSE_PUNCT.has(lower[b]);
  if (isCapitalised(tokens[a].text)) {
    if (b - a <= 14) return true;
    for (let t = a + 1; t < Math.min(a + 6, b); t++) if (lower[t] === ',' && hasName(ctx, a, t)) return endsSentence;
  }
  if (!endsSentence || !(lower[a] === 'a' || lower[a] === 'an' || lower[a] === 'one' || lower[a] === 'the' || lower[a] === 'another'))
    return false;
  // The description proper ends where a relative clause starts ("a handful of Democrats who point to …").
  let headEnd = a;
  while (headEnd < b && lower[headEnd] !== 'who' && lower[headEnd] !== 'that' && lower[headEnd] !== 'which' && lower[headEnd] !== ',')
    headEnd++;
  if (headEnd - a > 12) return false;
  for (let t = a; t < headEnd; t++) if (MODALS.has(lower[t]) || BE.has(lower[t]) || CUE_FORMS.has(lower[t])) return false;
  return true;
}
