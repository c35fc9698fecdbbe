import type { Gazetteer } from '../gazetteer';
import type { NerLabel } from '../ner';
import type { Sentence, Token } from '../types';

/* Spans of the mention stage before they are typed, and the word tests they share. */

export interface Candidate {
  /** Token range [ts, te). */
  ts: number;
  te: number;
  label: NerLabel;
  /** The span came from a hyphen compound head ("Iran" of "Iran-backed"); offsets are inside one token. */
  start: number;
  end: number;
}

/** What the mention stage's passes over a document's candidates share (mentions.ts, repeats.ts). */
export interface MentionDoc {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  /** The sentence of each token. */
  sentenceOf: Int32Array;
  /** Whether each sentence is caseless, computed on demand: -1 not yet known. */
  shouting: Int8Array;
  /** The tokens inside a tagger span, or a candidate added since. */
  covered: Uint8Array;
  gazetteer: Gazetteer;
}

/**
 * A look-up of the candidates that start at a token's own start (not inside it), by that token, among those `keep`
 * accepts (the last one wins). The map is built on the first question: the passes that use it (nameJoins.ts,
 * textAliases.ts) ask only after an "&", a bracket or a comma behind a name, and most documents have none.
 */
export function candidatesByStart(
  cands: readonly Candidate[],
  tokens: readonly Token[],
  keep: (c: Candidate) => boolean = () => true,
): (ts: number) => Candidate | undefined {
  let byStart: Map<number, Candidate> | undefined;
  return (ts) => {
    if (!byStart) {
      byStart = new Map<number, Candidate>();
      for (const c of cands) if (c.start === tokens[c.ts].start && keep(c)) byStart.set(c.ts, c);
    }
    return byStart.get(ts);
  };
}

/**
 * The word right before a candidate's name ("president" of "president Suharto"), or '' when the name opens the
 * text or starts inside a token (the head of "Iran-backed"): the context word of the rules that look one word back.
 */
export function wordBefore(c: Candidate, tokens: Token[]): string {
  return c.ts > 0 && c.start === tokens[c.ts].start ? tokens[c.ts - 1].text : '';
}

// These run on every word of every candidate and of the tokens around it: ASCII answers come from char codes,
// anything else from the case mappings and the regex, as before (the same answers, without a new string per call).

export function isCapitalised(s: string): boolean {
  const code = s.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  const c = s.charAt(0);
  return c.toLowerCase() !== c;
}

/** Whether upper-casing changes s: an ASCII lowercase letter always does (no upper-case mapping yields one). */
export function hasLower(s: string): boolean {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if (c >= 128) ascii = false;
  }
  return ascii ? false : s.toUpperCase() !== s;
}

export function isPossessiveOrPunct(t: string): boolean {
  // An ASCII letter or digit first: a word, and none of the possessive forms (they start with an apostrophe).
  const c = t.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return false;
  return t === "'s" || t === '’s' || t === "'S" || t === "'" || t === '’' || !/[\p{L}\p{N}]/u.test(t);
}
