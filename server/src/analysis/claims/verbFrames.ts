import { type ClaimContext, closesQuote, isCapitalised, isWord, opensQuote, pastInEd } from './context';
import {
  ADDRESSEES,
  ADJUNCT_PREPS,
  ADJUNCT_START,
  BE,
  CLOSE_PUNCT,
  DAYS,
  DEFINITE,
  DETERMINERS,
  FRACTIONS,
  MODALS,
  NOUN_MARKERS,
  PREPOSITIONS,
  QUANTITY_WORDS,
  STRICT_INFINITIVE,
  SUBJECT_PRONOUNS,
  TIME_WORDS,
  WH_WORDS,
} from './functionWords';
import { CUE_FORMS, type CueForm } from './lexicon';

/*
 * Helpers of the verb rule (verbCue.ts): skipping adjuncts to the content,
 * whether a verb's frame fits what follows it, quotes of speech.
 */

/** Skips adjuncts between a cue and its content ("on Sunday", "in a statement", "told Sputnik"). Returns the content's first token. */
export function skipToContent(ctx: ClaimContext, p: number, end: number, frame: CueForm['verb']['frame']): number {
  const { lower } = ctx;
  for (let steps = 0; p < end && steps < 6; steps++) {
    const w = lower[p];
    // "called Friday's decision …": a day with a possessive is the object, not a time adjunct.
    if (
      (DAYS.has(w) && lower[p + 1] !== "'s") ||
      w === 'publicly' ||
      w === 'repeatedly' ||
      w === 'again' ||
      w === 'also' ||
      w === 'flatly' ||
      w === 'not' ||
      (TIME_WORDS.has(w) && DAYS.has(lower[p - 1]))
    ) {
      p++;
      continue;
    }
    if ((w === 'this' || w === 'last' || w === 'next' || w === 'that') && TIME_WORDS.has(lower[p + 1] ?? '')) {
      p += 2;
      continue;
    }
    if (w === 'to' && frame === 'to') return p;
    if (w === 'about' && quantityAt(ctx, p + 1)) break; // "said about half of …": a quantity, not a topic
    if (ADJUNCT_PREPS.has(w) && ctx.quoteOf[p] < 0) {
      // "says at a campaign stop in Toledo, Ohio, that …": a "that" shortly after settles it.
      let t = p + 1;
      while (
        t < end &&
        t < p + 14 &&
        lower[t] !== 'that' &&
        ctx.quoteOf[t] < 0 &&
        !CLOSE_PUNCT.has(lower[t]) &&
        lower[t] !== ';' &&
        !CUE_FORMS.has(lower[t])
      )
        t++;
      if (t < end && t < p + 14 && lower[t] === 'that' && !ctx.lower[t - 1].endsWith('ed')) {
        p = t;
        break;
      }
      // An adjunct phrase, when a colon or a quote follows shortly.
      let q = p + 1;
      while (q < end && q < p + 9 && lower[q] !== 'that' && lower[q] !== ':' && lower[q] !== ',' && !opensQuote(ctx, q)) q++;
      if (q < end && q < p + 9) {
        // "reported at the time, adding …": the adjunct closes the clause.
        if (lower[q] === ',' && !opensQuote(ctx, q + 1)) return end;
        p = lower[q] === ',' ? q + 1 : q;
        continue;
      }
      if (w === 'to' && frame === 'to') return p;
      break;
    }
    break;
  }
  if (frame === 'object' && p < end && lower[p] !== 'that' && !opensQuote(ctx, p) && lower[p] !== ':' && lower[p] !== ',') {
    // The addressee: "told Sputnik on Wednesday that ...".
    let q = p;
    while (
      q < end &&
      q < p + 12 &&
      lower[q] !== 'that' &&
      lower[q] !== ':' &&
      lower[q] !== ',' &&
      lower[q] !== 'to' &&
      !WH_WORDS.has(lower[q]) &&
      lower[q] !== 'about'
    ) {
      if (opensQuote(ctx, q)) {
        // "tells MSNBC’s “Morning Joe” on Friday that …": a title inside the addressee.
        const after = ctx.quoteTokEnd[ctx.quoteOf[q]];
        let t = after;
        while (t < end && t < after + 6 && lower[t] !== 'that') t++;
        if (t < end && lower[t] === 'that' && after < t + 6) {
          q = t;
          break;
        }
        break;
      }
      q++;
    }
    if (q >= end || q >= p + 12) {
      // "told the National Post he's …", "told reporters they …": a named or plain addressee, then a clause with a pronoun subject.
      let r = p;
      if (lower[r] === 'the') r++;
      const named = r < end && isCapitalised(ctx.tokens[r].text);
      while (r < end && r < p + 6 && (isCapitalised(ctx.tokens[r].text) || lower[r] === "'s" || lower[r] === 'of')) r++;
      if (!named && ADDRESSEES.has(lower[r])) r++;
      if (r > p && r < end && SUBJECT_PRONOUNS.has(lower[r])) return r;
      // "told the AP his firm worked …", "told reporters the plan was …": a clause whose subject is a noun phrase, known by its verb.
      if (r > p && r < end && DEFINITE.has(lower[r]) && finiteVerbSoon(ctx, r + 1, end)) return r;
      return end;
    }
    if (lower[q] === 'to' && lower[p] !== 'to') return p; // "urged Ankara to ...": the object is part of the content
    p = q;
  }
  if (lower[p] === 'that' || lower[p] === ':' || lower[p] === ',') p++;
  if (lower[p - 1] === 'that' && lower[p] === ',') p++;
  return p;
}

/** A finite verb among the few words from `from` ("firm worked", "plan was"): a noun phrase before it is a clause's subject. */
function finiteVerbSoon(ctx: ClaimContext, from: number, end: number): boolean {
  for (let j = from; j < end && j < from + 4; j++) {
    const w = ctx.lower[j];
    if (!isWord(w)) return false;
    if (BE.has(w) || MODALS.has(w)) return true;
    if (pastInEd(w) && !isCapitalised(ctx.tokens[j].text)) return true;
  }
  return false;
}

/** A quotation that reads as someone's words: not a title inside a phrase ("broadcast of “Fox News Sunday,”"). */
export function speechQuote(ctx: ClaimContext, qi: number): boolean {
  const first = ctx.quoteTokStart[qi];
  const before = ctx.lower[first - 1] ?? '';
  if (ctx.quotes[qi].words >= 8) return true;
  return !(PREPOSITIONS.has(before) || DETERMINERS.has(before) || NOUN_MARKERS.has(before));
}

/** Infinitive verbs ("vowed to", "wants Germany to") need their "to"; others take anything. */
export function frameFits(ctx: ClaimContext, verb: CueForm['verb'], cueEnd: number, p: number): boolean {
  if (verb.frame !== 'to') return true;
  if (opensQuote(ctx, p) || ctx.lower[p - 1] === 'that') return true;
  // "pledged support", "seeking re-election" take objects; "plans"/"wants"/"aims" with an object are mostly nouns or desires for things.
  if (!STRICT_INFINITIVE.has(verb.lemma) && isWord(ctx.lower[cueEnd]) && !ADJUNCT_START.has(ctx.lower[cueEnd])) return true;
  for (let j = cueEnd; j < cueEnd + 6 && j < ctx.tokens.length; j++) {
    const w = ctx.lower[j];
    if (w === 'to') return j === cueEnd || j === cueEnd + 1 || verb.lemma === 'want';
    if (!isWord(w)) return false;
  }
  return false;
}

/** "half", "20 percent", "$3 billion", "a third": an amount starts at token p. */
export function quantityAt(ctx: ClaimContext, p: number): boolean {
  const w = ctx.lower[p] ?? '';
  if (/^\d/.test(w) || QUANTITY_WORDS.has(w)) return true;
  return (w === 'a' || w === 'an') && FRACTIONS.has(ctx.lower[p + 1] ?? '');
}

/** "“…,” he continued": a closing quote, then only the words of a short source before the cue at k. */
export function quoteThenSource(ctx: ClaimContext, k: number): boolean {
  for (let t = k - 1; t >= Math.max(0, k - 5); t--) {
    if (closesQuote(ctx, t)) return t < k - 1;
    if (!isWord(ctx.lower[t]) && ctx.lower[t] !== "'s") return false;
  }
  return false;
}
