import { FNV_OFFSET, FNV_PRIME } from '../../../../common/strings';
import { FINE_BITS } from './clusters';
import { hashRange, hashString, mix, mix3 } from './hash';
import { BOUNDARY, NUM_MODE, NUM_NEXT, NUM_NEXT2, NUM_PREV, NUM_PREV2, NUM_SELF, T, tpl } from './templates';

/** The cluster code of the sentence edge (NO_CLUSTER is -1). */
const BOUNDARY_CLUSTER = -2;

/*
 * What the templates see of one word type, apart from its context: shapes,
 * case class, affixes, the frozen word lists. Part of FEATURE_VERSION.
 */

/** A node of a word's continuation trie: the gazetteer type (see multiWordType) of the name so far, and longer names. */
export interface Continuation {
  type: number;
  next: Map<WordInfo, Continuation> | null;
}

/** Per word type facts, computed once and cached (the same words recur constantly). */
export interface WordInfo {
  lower: string;
  /**
   * Index of this word type in its extractor (FeatureExtractor.info), dense from 0 until the extractor forgets its words: the
   * per-token passes keep per-word values in arrays by this index instead of reading and writing each word's object.
   */
  id: number;
  /** Hashes of the lowercase form and of the short shape, as int32 (the templates mix them as int32, hash.ts). */
  hLower: number;
  hShort: number;
  /** 0 no letters, 1 lowercase-initial, 2 capitalised (Xx), 3 all caps (XX), 4 mixed/other. */
  caseClass: number;
  hasLetter: boolean;
  isTitle: boolean;
  isDemonym: boolean;
  isCommonLower: boolean;
  /** A double quote mark (", “ or ”): the quote template's flag toggles at it (see FeatureExtractor.context). */
  isQuote: boolean;
  /** A closed word of the model (closedWords.ts): O in a normally cased sentence, not scored. */
  closed: boolean;
  /** Has letters, is no function word and begins some gazetteer name: multi-word look-ups start here. */
  isGazFirst: boolean;
  /** Single-word gazetteer type: 0 none, 1 country, 2 city, 3 region. */
  gazType: number;
  /** Word-class bits of the capitalised-run templates (runContext.ts). */
  runClass: number;
  /** The facts above that the per-token passes read, packed (wordFacts.ts). */
  facts: number;
  /**
   * Final feature hashes of the templates that depend on this word alone, by its position relative to the
   * tagged token (self, prev, next, prev2, next2 from H_SELF ... H_NEXT2), then those on this word and the
   * sentence mode ([mode 0 | 1 | 2] x NUM_MODE from H_MODE). One array per word type: five small typed
   * arrays per new word were a measurable share of the collector's work on text new to the process.
   */
  hashes: Uint32Array;
  /** Gazetteer types of the multi-word names starting with this word, by the following words (filled lazily; see gazetteerCodes). */
  continuations: Map<WordInfo, Continuation> | null;
}

/** Offsets in WordInfo.hashes of the templates that depend on one word, by the word's offset from the tagged token. */
export const H_SELF = 0;
export const H_PREV = H_SELF + NUM_SELF;
export const H_NEXT = H_PREV + NUM_PREV;
export const H_PREV2 = H_NEXT + NUM_NEXT;
export const H_NEXT2 = H_PREV2 + NUM_PREV2;
/** Offset of the templates on the word and the sentence mode: [mode 0 | 1 | 2] x NUM_MODE. */
export const H_MODE = H_NEXT2 + NUM_NEXT2;
export const H_SIZE = H_MODE + 3 * NUM_MODE;

// Titles and roles that precede person names; the guidelines keep them out of spans.
// Frozen with FEATURE_VERSION: the engine's own list is entities/titles.ts.
export const TITLES = new Set(
  (
    'mr mr. mrs mrs. ms ms. dr dr. prof prof. gen gen. general lt lt. col col. colonel maj maj. major capt capt. captain ' +
    'sgt sgt. sen sen. senator rep rep. representative gov gov. governor president pres. minister premier pm chancellor ' +
    'king queen prince princess sheikh sheik ayatollah imam cleric pope cardinal bishop rev rev. father judge justice ' +
    'mayor secretary spokesman spokeswoman spokesperson chairman chairwoman director commander lawmaker mp envoy ' +
    'ambassador coach striker midfielder defender goalkeeper candidate nominee adm adm. admiral lord sir dame ' +
    'vice-president deputy leader chief ceo analyst'
  ).split(' '),
);

// Function words: a capitalised function word is almost never a name on its own.
export const COMMON = new Set(
  (
    'the a an of in on at to for from by with and or but as is was are were be been it its he she they we i you ' +
    'this that these those his her their our my your after before when while if then than there here not no yes ' +
    'all some any more most many much new also one two three said says say will would could should may might'
  ).split(' '),
);

export function shapeOf(w: string, collapse: boolean): string {
  let out = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < w.length; i++) {
    const ch = w.charAt(i);
    let c: string;
    if (ch >= 'a' && ch <= 'z') c = 'x';
    else if (ch >= 'A' && ch <= 'Z') c = 'X';
    else if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch.toLowerCase() !== ch) c = 'X';
    else if (ch.toUpperCase() !== ch) c = 'x';
    else c = ch;
    if (c === last) {
      run++;
      if (collapse || run >= 4) continue;
    } else {
      run = 0;
    }
    last = c;
    out += c;
  }
  return out;
}

/**
 * hashString(shapeOf(w, collapse), seed) without building the shape: the same code units go through
 * FNV-1a in the same order (the hash of a string is a fold over its code units).
 */
export function shapeHash(w: string, collapse: boolean, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  let last = -1;
  let run = 0;
  for (let i = 0; i < w.length; i++) {
    const code = w.charCodeAt(i);
    let c: number;
    if (code >= 97 && code <= 122)
      c = 120; // x
    else if (code >= 65 && code <= 90)
      c = 88; // X
    else if (code >= 48 && code <= 57)
      c = 100; // d
    else if (code < 128)
      c = code; // other ASCII has no case
    else {
      const ch = w.charAt(i);
      c = ch.toLowerCase() !== ch ? 88 : ch.toUpperCase() !== ch ? 120 : code;
    }
    if (c === last) {
      run++;
      if (collapse || run >= 4) continue;
    } else {
      run = 0;
    }
    last = c;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h >>> 0;
}

export function caseClassOf(w: string): number {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < w.length; i++) {
    const code = w.charCodeAt(i);
    // ASCII without a string per character: only A-Z and a-z have case there.
    if (code < 128) {
      if (code >= 65 && code <= 90) upper++;
      else if (code >= 97 && code <= 122) lower++;
      continue;
    }
    const ch = w.charAt(i);
    if (ch.toLowerCase() !== ch) upper++;
    else if (ch.toUpperCase() !== ch) lower++;
  }
  if (upper === 0 && lower === 0) return 0;
  if (upper === 0) return 1;
  if (lower === 0) return 3;
  const first = w.charAt(0);
  if (first.toLowerCase() !== first) return 2;
  // "al-Zamili", "eBay": lowercase start but a capital inside; a name shape.
  return 4;
}

/** Writes the hashes of the templates that depend on one word (H_SELF to H_MODE) into out; see WordInfo.hashes. */
export function groupsOf(
  out: Uint32Array,
  hWord: number,
  hLower: number,
  hShape: number,
  hShort: number,
  hPre1: number,
  hPre2: number,
  hPre3: number,
  hPre4: number,
  hSuf1: number,
  hSuf2: number,
  hSuf3: number,
  hSuf4: number,
  hHead: number,
  hTail: number,
  /** Fine word cluster (clusters.ts), or NO_CLUSTER; the coarse one is cluster >> FINE_BITS. */
  cluster: number,
): void {
  const coarse = cluster < 0 ? cluster : cluster >> FINE_BITS;
  out[H_SELF] = mix(tpl(T.Word), hWord);
  out[H_SELF + 1] = mix(tpl(T.Lower), hLower);
  out[H_SELF + 2] = mix(tpl(T.Shape), hShape);
  out[H_SELF + 3] = mix(tpl(T.Short), hShort);
  out[H_SELF + 4] = mix(tpl(T.Pre1), hPre1);
  out[H_SELF + 5] = mix(tpl(T.Pre2), hPre2);
  out[H_SELF + 6] = mix(tpl(T.Pre3), hPre3);
  out[H_SELF + 7] = mix(tpl(T.Pre4), hPre4);
  out[H_SELF + 8] = mix(tpl(T.Suf1), hSuf1);
  out[H_SELF + 9] = mix(tpl(T.Suf2), hSuf2);
  out[H_SELF + 10] = mix(tpl(T.Suf3), hSuf3);
  out[H_SELF + 11] = mix(tpl(T.Suf4), hSuf4);
  out[H_SELF + 12] = mix(tpl(T.HyphenHead), hHead);
  out[H_SELF + 13] = mix(tpl(T.HyphenTail), hTail);
  out[H_SELF + 14] = mix(tpl(T.Cluster), coarse);
  out[H_SELF + 15] = mix(tpl(T.ClusterFine), cluster);
  out[H_PREV] = mix(tpl(T.PrevLower), hLower);
  out[H_PREV + 1] = mix(tpl(T.PrevShape), hShape);
  out[H_PREV + 2] = mix(tpl(T.PrevCluster), cluster);
  out[H_NEXT] = mix(tpl(T.NextLower), hLower);
  out[H_NEXT + 1] = mix(tpl(T.NextShape), hShape);
  out[H_NEXT + 2] = mix(tpl(T.NextCluster), cluster);
  out[H_PREV2] = mix(tpl(T.Prev2Lower), hLower);
  out[H_NEXT2] = mix(tpl(T.Next2Lower), hLower);
}

/** Writes the hashes of the templates on the word and the sentence mode (from H_MODE) into out. */
export function modeHashesOf(out: Uint32Array, w: string, cc: number, hLower: number, hShort: number): void {
  const len = mix(tpl(T.Len), Math.min(w.length, 12) * 8 + cc);
  for (let m = 0; m < 3; m++) {
    out[H_MODE + m * NUM_MODE] = mix3(tpl(T.Mode), m, hShort);
    out[H_MODE + m * NUM_MODE + 1] = mix3(tpl(T.WordMode), m, hLower);
    out[H_MODE + m * NUM_MODE + 2] = len;
  }
}

/**
 * WordInfo.hashes of a word: w as written, lower its lowercase form, cc its case class. Affixes and
 * hyphen parts are hashed in place (hashRange), not sliced out: this runs once per new word type.
 */
export function wordHashes(
  w: string,
  lower: string,
  cc: number,
  hLower: number,
  hShort: number,
  hShape: number,
  /** The word's fine cluster, or NO_CLUSTER. */
  cluster: number,
): Uint32Array {
  const out = new Uint32Array(H_SIZE);
  const n = lower.length;
  const pre = (k: number) => (k <= n ? hashRange(lower, 0, k, k) : BOUNDARY);
  const suf = (k: number) => (k <= n ? hashRange(lower, n - k, n, 16 + k) : BOUNDARY);
  const dash = w.indexOf('-');
  const hasHyphen = dash > 0 && dash < w.length - 1;
  groupsOf(
    out,
    hashString(w),
    hLower,
    hShape,
    hShort,
    pre(1),
    pre(2),
    pre(3),
    pre(4),
    suf(1),
    suf(2),
    suf(3),
    suf(4),
    hasHyphen ? hashRange(lower, 0, dash, 9) : BOUNDARY,
    hasHyphen ? hashRange(lower, lower.lastIndexOf('-') + 1, n, 11) : BOUNDARY,
    cluster,
  );
  modeHashesOf(out, w, cc, hLower, hShort);
  return out;
}

/** What the templates see beyond the sentence edge (the mode hashes are unused: no token is there). */
export const BOUNDARY_HASHES: Uint32Array = new Uint32Array(H_SIZE);
groupsOf(
  BOUNDARY_HASHES,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY_CLUSTER,
);

export const BOUNDARY_INFO: { hashes: Uint32Array } = { hashes: BOUNDARY_HASHES };
