import { mix, mix3 } from './hash';
import { FINE_BITS } from './clusters';
import { BOUNDARY, NUM_MODE, T, tpl } from './templates';

/** The cluster code of the sentence edge (NO_CLUSTER is -1). */
const BOUNDARY_CLUSTER = -2;

/*
 * What the templates see of one word type, apart from its context: shapes,
 * case class, affixes, the frozen word lists. Part of FEATURE_VERSION.
 */

/** Document counts of one lowercase form, shared by all its casings; reset lazily per document by stamp. */
export interface LowerStats {
  stamp: number;
  cap: number;
  low: number;
  /** Owned by the second stage (docStage.ts): this form's index in the current document, valid while keyStamp matches. */
  key: number;
  keyStamp: number;
}

/** A node of a word's continuation trie: the gazetteer type (see multiWordType) of the name so far, and longer names. */
export interface Continuation {
  type: number;
  next: Map<WordInfo, Continuation> | null;
}

/** Per word type facts, computed once and cached (the same words recur constantly). */
export interface WordInfo {
  lower: string;
  stats: LowerStats;
  hLower: number;
  hShort: number;
  /** 0 no letters, 1 lowercase-initial, 2 capitalised (Xx), 3 all caps (XX), 4 mixed/other. */
  caseClass: number;
  hasLetter: boolean;
  isTitle: boolean;
  isDemonym: boolean;
  isCommonLower: boolean;
  /** Has letters, is no function word and begins some gazetteer name: multi-word look-ups start here. */
  isGazFirst: boolean;
  /** Single-word gazetteer type: 0 none, 1 country, 2 city, 3 region. */
  gazType: number;
  /** Word-class bits of the capitalised-run templates (runContext.ts). */
  runClass: number;
  /** Final feature hashes of the templates that depend on this word alone, by its position relative to the tagged token. */
  groups: WordGroups;
  /** Hashes of the templates on this word and the sentence mode: [mode 0 | 1 | 2] x NUM_MODE. */
  modeHashes: Uint32Array;
  /** Gazetteer types of the multi-word names starting with this word, by the following words (filled lazily; see gazetteerCodes). */
  continuations: Map<WordInfo, Continuation> | null;
  /** Owned by the runtime tagger: offset of this word's summed cached-template weights in its score pool, valid while scoreGen matches. */
  scoreAt: number;
  scoreGen: number;
}

/**
 * Feature hashes that depend on one word only, by the word's offset from the
 * tagged token. The runtime tagger caches their summed weights per word type,
 * which saves most table look-ups.
 */
export interface WordGroups {
  self: Uint32Array;
  prev: Uint32Array;
  next: Uint32Array;
  prev2: Uint32Array;
  next2: Uint32Array;
}

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

export function caseClassOf(w: string): number {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < w.length; i++) {
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

export function groupsOf(
  hWord: number,
  hLower: number,
  hShape: number,
  hShort: number,
  hPre: number[],
  hSuf: number[],
  hHead: number,
  hTail: number,
  /** Fine word cluster (clusters.ts), or NO_CLUSTER; the coarse one is cluster >> FINE_BITS. */
  cluster: number,
): WordGroups {
  const coarse = cluster < 0 ? cluster : cluster >> FINE_BITS;
  return {
    self: Uint32Array.of(
      mix(tpl(T.Word), hWord),
      mix(tpl(T.Lower), hLower),
      mix(tpl(T.Shape), hShape),
      mix(tpl(T.Short), hShort),
      mix(tpl(T.Pre1), hPre[0]),
      mix(tpl(T.Pre2), hPre[1]),
      mix(tpl(T.Pre3), hPre[2]),
      mix(tpl(T.Pre4), hPre[3]),
      mix(tpl(T.Suf1), hSuf[0]),
      mix(tpl(T.Suf2), hSuf[1]),
      mix(tpl(T.Suf3), hSuf[2]),
      mix(tpl(T.Suf4), hSuf[3]),
      mix(tpl(T.HyphenHead), hHead),
      mix(tpl(T.HyphenTail), hTail),
      mix(tpl(T.Cluster), coarse),
      mix(tpl(T.ClusterFine), cluster),
    ),
    prev: Uint32Array.of(mix(tpl(T.PrevLower), hLower), mix(tpl(T.PrevShape), hShape), mix(tpl(T.PrevCluster), cluster)),
    next: Uint32Array.of(mix(tpl(T.NextLower), hLower), mix(tpl(T.NextShape), hShape), mix(tpl(T.NextCluster), cluster)),
    prev2: Uint32Array.of(mix(tpl(T.Prev2Lower), hLower)),
    next2: Uint32Array.of(mix(tpl(T.Next2Lower), hLower)),
  };
}

export function modeHashesOf(w: string, cc: number, hLower: number, hShort: number): Uint32Array {
  const out = new Uint32Array(3 * NUM_MODE);
  const len = mix(tpl(T.Len), Math.min(w.length, 12) * 8 + cc);
  for (let m = 0; m < 3; m++) {
    out[m * NUM_MODE] = mix3(tpl(T.Mode), m, hShort);
    out[m * NUM_MODE + 1] = mix3(tpl(T.WordMode), m, hLower);
    out[m * NUM_MODE + 2] = len;
  }
  return out;
}

/** What the templates see beyond the sentence edge. */
export const BOUNDARY_GROUPS: WordGroups = groupsOf(
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  BOUNDARY,
  [BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY],
  [BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY],
  BOUNDARY,
  BOUNDARY,
  BOUNDARY_CLUSTER,
);

export const BOUNDARY_INFO: { groups: WordGroups } = { groups: BOUNDARY_GROUPS };
