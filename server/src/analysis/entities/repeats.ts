import type { Gazetteer } from '../gazetteer';
import type { NerLabel } from '../ner';
import type { Sentence, Token } from '../types';
import { type Candidate, isCapitalised, type MentionDoc } from './candidates';
import { isGroupWord, placeType } from './placeTypes';
import { refIndex, refKind } from '../gazetteer';

/*
 * Document consistency: untagged repeats of a tagged name, and the bare
 * surname of a person named in full, are mentions too — except in sentences
 * whose case carries no evidence (all capitals or all lowercase).
 */

export function addRepeats(cands: Candidate[], d: MentionDoc): void {
  const { tokens, gazetteer } = d;
  const known = new Map<string, { label: NerLabel; words: string[] }>();
  const add = (words: string[], label: NerLabel) => {
    const key = words.join(' ');
    if (!known.has(key)) known.set(key, { label, words });
  };
  for (const c of cands) {
    if (c.start !== tokens[c.ts].start || c.end !== tokens[c.te - 1].end) continue;
    // Pushed, not mapped: map() makes a holey array, and the one-word names below are packed literals; one kind
    // of array in `known` keeps V8's optimised findRepeats from bailing out when it meets the other.
    // The first word's tests before the words are gathered: most candidates that fail them are common words.
    const first = tokens[c.ts].text;
    if (!isCapitalised(first) && !/^al-/.test(first)) continue;
    if (c.te - c.ts === 1 && (first.length < 2 || isGroupWord(first, gazetteer))) continue;
    const words: string[] = [];
    for (let i = c.ts; i < c.te; i++) words.push(tokens[i].text);
    add(words, c.label);
    // A person named in full is later called by the surname alone ("Hakim al-Zamili" ... "Zamili").
    const last = words[words.length - 1];
    if (c.label === 'PER' && words.length > 1) {
      // Arabic surnames drop the article as often as not: "al-Zamili" -> "Zamili".
      const bare = last.replace(/^(?:al|el|ad|as|ash|at|an|ar|az)-/i, '');
      // A surname already known adds nothing (add keeps the first), so its place and group tests are skipped.
      if (!known.has(last) && /^\p{Lu}/u.test(bare) && last.length > 2 && !notablePlace(last, gazetteer) && !isGroupWord(last, gazetteer))
        add([last], 'PER');
      if (
        bare !== last &&
        !known.has(bare) &&
        /^\p{Lu}/u.test(bare) &&
        bare.length > 2 &&
        !notablePlace(bare, gazetteer) &&
        !isGroupWord(bare, gazetteer)
      )
        add([bare], 'PER');
    }
  }
  if (known.size === 0) return;
  findRepeats(known, cands, d);
}

/**
 * The untagged repeats of the known names, added to the candidates. A function of its own: its loop over
 * every token made V8 compile (on the stack, then again) the whole of addRepeats.
 */
function findRepeats(known: Map<string, { label: NerLabel; words: string[] }>, cands: Candidate[], d: MentionDoc): void {
  // `shouting`: whether each sentence is caseless, computed here on demand.
  const { text, tokens, sentences, sentenceOf, shouting: caseless, covered } = d;
  const byFirst = new Map<string, Array<{ label: NerLabel; words: string[] }>>();
  for (const k of known.values()) {
    const list = byFirst.get(k.words[0]) ?? [];
    list.push(k);
    byFirst.set(k.words[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  const isNameWord = (i: number) => i >= 0 && i < tokens.length && isCapitalised(tokens[i].text) && /\p{L}/u.test(tokens[i].text);
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue;
    // Known names start capitalised or with an Arabic article ("al-", "el-", "as-"...): skip other ASCII lowercase,
    // digits and punctuation without a look-up. The first character is read from the document's text (a token's text
    // is its slice), not from the token's own string: see splitSentences.
    const c0 = text.charCodeAt(tokens[i].start);
    if (c0 < 65 || (c0 > 90 && c0 < 128 && c0 !== 97 && c0 !== 101)) continue;
    const list = byFirst.get(tokens[i].text);
    if (!list) continue;
    const si = sentenceOf[i];
    const s = sentences[si];
    if (caseless[si] < 0) caseless[si] = sentenceCaseless(tokens, s);
    if (caseless[si]) continue;
    for (const k of list) {
      const n = k.words.length;
      if (i + n > s.tokenEnd) continue;
      let ok = true;
      for (let j = 0; j < n && ok; j++) ok = !covered[i + j] && tokens[i + j].text === k.words[j];
      if (!ok) continue;
      // Part of a longer capitalised name ("Carter Center") is not a repeat of "Carter"; a capitalised
      // sentence-initial word before it is usually just a capitalised ordinary word ("Later Zamili left").
      if ((i > s.tokenStart && isNameWord(i - 1) && i - 1 !== s.tokenStart) || (i + n < s.tokenEnd && isNameWord(i + n))) continue;
      covered.fill(1, i, i + n);
      cands.push({ ts: i, te: i + n, label: k.label, start: tokens[i].start, end: tokens[i + n - 1].end });
      i += n - 1;
      break;
    }
  }
}

/** Whether a sentence's case carries no evidence (all caps or all lowercase): 1 or 0. */
export function sentenceCaseless(tokens: Token[], s: Sentence): number {
  let letters = 0;
  let upper = 0;
  let lower = 0;
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const c = caseBits(tokens[i].text);
    if ((c & HAS_LETTER) === 0) continue;
    letters++;
    if ((c & HAS_LOWER) === 0) upper++;
    else if ((c & HAS_UPPER) === 0) lower++;
  }
  return letters >= 3 && (upper >= 0.8 * letters || lower === letters) ? 1 : 0;
}

const HAS_LETTER = 1;

const HAS_UPPER = 2;

const HAS_LOWER = 4;

const LETTER_RE = /\p{L}/u;

/** Letter / uppercase / lowercase bits of a token; ASCII by char codes, the rest through the case mappings. */
function caseBits(t: string): number {
  let bits = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 65 && c <= 90) bits |= HAS_LETTER | HAS_UPPER;
    else if (c >= 97 && c <= 122) bits |= HAS_LETTER | HAS_LOWER;
    else if (c >= 128) {
      const ch = t.charAt(i);
      if (LETTER_RE.test(ch)) bits |= HAS_LETTER;
      if (ch.toLowerCase() !== ch) bits |= HAS_UPPER;
      else if (ch.toUpperCase() !== ch) bits |= HAS_LOWER;
    }
  }
  return bits;
}

/** Towns smaller than this do not keep a surname from standing alone ("Billie Jean King" ... "King"; King, North Carolina). */
const SURNAME_TOWN_POPULATION = 20000;

/** Whether a surname is also a place a reader may mean by it: a country or region, or a city of some size. */
function notablePlace(w: string, gazetteer: Gazetteer): boolean {
  if (!placeType(w, gazetteer)) return false;
  const refs = gazetteer.candidateRefs(w);
  if (refs.length === 0) return true;
  for (const ref of refs) {
    if (refKind(ref) !== 'city') return true;
    if ((gazetteer.city(refIndex(ref))[4] ?? 0) >= SURNAME_TOWN_POPULATION) return true;
  }
  return false;
}
