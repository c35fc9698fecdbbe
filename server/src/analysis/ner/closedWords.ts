import { caseClassOf } from './wordFeatures';

/*
 * The tagger's closed words: a tag dictionary (as in part-of-speech taggers)
 * for the one label that most tokens take. A word form without capitals
 * ("the", "said", ",", "reporters") that the training data shows often and
 * (nearly) never inside a name is O whenever it stands in a normally cased
 * sentence, so the tagger writes O for it without scoring its features.
 *
 * Why: about 70 % of a news text's tokens are such words, and scoring them
 * (the per-token templates and their table look-ups) was most of the
 * tagger's cost. The model itself labels them O: on CoNLL-2003 valid,
 * PolNeAR dev and the samples it gave another label to 2–6 of the ~100,000
 * tokens this covers ("in", "the", "." in a run the tagger took for one
 * name). In a SHOUTING or all-lowercase sentence case is no evidence, so
 * nothing is closed there ("turkey" in a lowercase comment may be the
 * country). The list is derived from the training data by `npm run train`
 * (closedWordsOf) and stored in the model file; it is data, not a word list
 * anyone maintains.
 */

/** A form must occur this often in the training data to be closed: a rare word's evidence is too thin. */
export const CLOSED_MIN_COUNT = 3;
/** ...and be inside a name at most this share of the time (the silver labels put "the" or "," in a name now and then). */
export const CLOSED_MAX_INSIDE = 0.001;

export interface LabelledWords {
  words: readonly string[];
  /** Per word: 0 = outside any name. */
  labels: ArrayLike<number>;
}

/** The closed forms of training documents, sorted (deterministic): see the header. */
export function closedWordsOf(docs: Iterable<LabelledWords>): string[] {
  const seen = new Map<string, number>();
  const inside = new Map<string, number>();
  for (const d of docs) {
    for (let i = 0; i < d.words.length; i++) {
      const w = d.words[i];
      seen.set(w, (seen.get(w) ?? 0) + 1);
      if (d.labels[i] !== 0) inside.set(w, (inside.get(w) ?? 0) + 1);
    }
  }
  const out: string[] = [];
  for (const [w, n] of seen) {
    // Only forms without capitals (no letters, or lowercase) and without spaces (the file joins them with one).
    if (caseClassOf(w) > 1 || /\s/.test(w)) continue;
    if (n >= CLOSED_MIN_COUNT && (inside.get(w) ?? 0) <= CLOSED_MAX_INSIDE * n) out.push(w);
  }
  return out.sort();
}
