import type { Gazetteer } from '../gazetteer';
import { hashString, mix, mix3 } from './hash';

/*
 * Feature extraction shared by training (scripts/train.ts) and inference
 * (model.ts). Every token gets exactly NUM_FEATURES hashed features, so the
 * training set is one flat Uint32Array and the decoder needs no bookkeeping.
 * Changing any template changes the meaning of the model: bump FEATURE_VERSION.
 */

export const FEATURE_VERSION = 4;

/** A document as the tagger sees it: token texts and sentence token ranges. */
export interface DocInput {
  words: readonly string[];
  /** [tokenStart, tokenEnd) of each sentence, in order, covering the words. */
  sentences: ReadonlyArray<readonly [number, number]>;
}

/** Per word type facts, computed once and cached (the same words recur constantly). */
/** Document counts of one lowercase form, shared by all its casings; reset lazily per document by stamp. */
interface LowerStats {
  stamp: number;
  cap: number;
  low: number;
}

interface WordInfo {
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
  /** Single-word gazetteer type: 0 none, 1 country, 2 city, 3 region. */
  gazType: number;
  /** Final feature hashes of the templates that depend on this word alone, by its position relative to the tagged token. */
  groups: WordGroups;
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
const TITLES = new Set(
  ('mr mr. mrs mrs. ms ms. dr dr. prof prof. gen gen. general lt lt. col col. colonel maj maj. major capt capt. captain ' +
    'sgt sgt. sen sen. senator rep rep. representative gov gov. governor president pres. minister premier pm chancellor ' +
    'king queen prince princess sheikh sheik ayatollah imam cleric pope cardinal bishop rev rev. father judge justice ' +
    'mayor secretary spokesman spokeswoman spokesperson chairman chairwoman director commander lawmaker mp envoy ' +
    'ambassador coach striker midfielder defender goalkeeper candidate nominee adm adm. admiral lord sir dame ' +
    'vice-president deputy leader chief ceo analyst')
    .split(' '),
);

// Function words: a capitalised function word is almost never a name on its own.
const COMMON = new Set(
  ('the a an of in on at to for from by with and or but as is was are were be been it its he she they we i you ' +
    'this that these those his her their our my your after before when while if then than there here not no yes ' +
    'all some any more most many much new also one two three said says say will would could should may might')
    .split(' '),
);

const enum T {
  Bias = 1,
  Word,
  Lower,
  Shape,
  Short,
  Pre1,
  Pre2,
  Pre3,
  Pre4,
  Suf1,
  Suf2,
  Suf3,
  Suf4,
  PrevLower,
  NextLower,
  Prev2Lower,
  Next2Lower,
  PrevShape,
  NextShape,
  ShortTri,
  PrevCur,
  CurNext,
  Prev2Prev,
  NextNext2,
  Gaz,
  GazPrev,
  GazNext,
  Demonym,
  Initial,
  DocLower,
  DocCap,
  Title,
  Mode,
  HyphenHead,
  HyphenTail,
  PrevWordCase,
  NextWordCase,
  Quote,
  Len,
  WordMode,
}

/** Templates on one word: 14 on the token itself, 2 on each adjacent word, 1 on each word two away. */
export const NUM_SELF = 14;
export const NUM_PREV = 2;
export const NUM_NEXT = 2;
export const NUM_PREV2 = 1;
export const NUM_NEXT2 = 1;
export const NUM_WORD_FEATURES = NUM_SELF + NUM_PREV + NUM_NEXT + NUM_PREV2 + NUM_NEXT2;
/** Templates that depend on context (pairs of words, gazetteer matches, document evidence). */
export const NUM_CONTEXT = 20;
export const NUM_FEATURES = NUM_WORD_FEATURES + NUM_CONTEXT;

// Template ids are spread out so mix(template, value) never collides across templates by construction.
function tpl(t: number): number {
  return Math.imul(t, 0x9e3779b1) >>> 0;
}

const BOUNDARY = hashString('<B>');

function shapeOf(w: string, collapse: boolean): string {
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

function caseClassOf(w: string): number {
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

function groupsOf(hWord: number, hLower: number, hShape: number, hShort: number, hPre: number[], hSuf: number[], hHead: number, hTail: number): WordGroups {
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
    ),
    prev: Uint32Array.of(mix(tpl(T.PrevLower), hLower), mix(tpl(T.PrevShape), hShape)),
    next: Uint32Array.of(mix(tpl(T.NextLower), hLower), mix(tpl(T.NextShape), hShape)),
    prev2: Uint32Array.of(mix(tpl(T.Prev2Lower), hLower)),
    next2: Uint32Array.of(mix(tpl(T.Next2Lower), hLower)),
  };
}

/** What the templates see beyond the sentence edge. */
export const BOUNDARY_GROUPS: WordGroups = groupsOf(BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY, [BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY], [BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY], BOUNDARY, BOUNDARY);

export class FeatureExtractor {
  private readonly cache = new Map<string, WordInfo>();
  private readonly lowerCache = new Map<string, LowerStats>();
  private stamp = 0;
  private readonly gazMaxWords: number;

  constructor(private readonly gazetteer: Gazetteer) {
    this.gazMaxWords = Math.min(4, gazetteer.maxWords);
  }

  /** The one-word feature groups of a word (cached). */
  wordGroups(w: string): WordGroups {
    return this.info(w).groups;
  }

  private info(w: string): WordInfo {
    let info = this.cache.get(w);
    if (info) return info;
    const lower = w.toLowerCase();
    const hPre: number[] = [];
    const hSuf: number[] = [];
    for (let k = 1; k <= 4; k++) {
      hPre.push(k <= lower.length ? hashString(lower.slice(0, k), k) : BOUNDARY);
      hSuf.push(k <= lower.length ? hashString(lower.slice(-k), 16 + k) : BOUNDARY);
    }
    const dash = w.indexOf('-');
    const caseClass = caseClassOf(w);
    const hasHyphen = dash > 0 && dash < w.length - 1;
    const hLower = hashString(lower, 7);
    const hShape = hashString(shapeOf(w, false), 3);
    const hShort = hashString(shapeOf(w, true), 5);
    const place = caseClass !== 0 && this.gazetteer.firstWords.has(lower) ? this.gazetteer.lookup(w) : undefined;
    let stats = this.lowerCache.get(lower);
    if (!stats) {
      stats = { stamp: -1, cap: 0, low: 0 };
      this.lowerCache.set(lower, stats);
    }
    info = {
      lower,
      stats,
      hLower,
      hShort,
      caseClass,
      hasLetter: caseClass !== 0,
      isTitle: TITLES.has(lower),
      isDemonym: caseClass !== 0 && this.gazetteer.demonym(w) !== undefined,
      isCommonLower: COMMON.has(lower),
      gazType: !place ? 0 : place.type === 'country' ? 1 : place.type === 'city' ? 2 : 3,
      groups: groupsOf(
        hashString(w),
        hLower,
        hShape,
        hShort,
        hPre,
        hSuf,
        hasHyphen ? hashString(lower.slice(0, dash), 9) : BOUNDARY,
        hasHyphen ? hashString(lower.slice(lower.lastIndexOf('-') + 1), 11) : BOUNDARY,
      ),
    };
    // The cache is per extractor and grows with vocabulary; bound it for a long-running server.
    if (this.cache.size > 200000) {
      this.cache.clear();
      this.lowerCache.clear();
    }
    this.cache.set(w, info);
    return info;
  }

  /**
   * Gazetteer matches: for each token, 0 when not inside a known place name,
   * otherwise 1 + 2 * typeIndex + (0 first token | 1 continuation). Multi-word
   * names are only tried from a capitalised word (or in case-less sentences):
   * the look-ups are the costly part of extraction.
   */
  private gazetteerCodes(doc: DocInput, infos: WordInfo[], mode: Uint8Array): Uint8Array {
    const codes = new Uint8Array(doc.words.length);
    const first = this.gazetteer.firstWords;
    for (const [s, e] of doc.sentences) {
      let i = s;
      while (i < e) {
        const inf = infos[i];
        if (!inf.hasLetter || inf.isCommonLower || !first.has(inf.lower)) {
          i++;
          continue;
        }
        let matched = 0;
        let type = 0;
        if (inf.gazType) {
          matched = 1;
          type = inf.gazType - 1;
        }
        if ((inf.caseClass !== 1 || mode[i] !== 0) && i + 1 < e && infos[i + 1].hasLetter) {
          let name = doc.words[i];
          for (let n = 2; n <= this.gazMaxWords && i + n <= e; n++) {
            name += ' ' + doc.words[i + n - 1];
            const hit = this.gazetteer.lookup(name);
            if (hit) {
              matched = n;
              type = hit.type === 'country' ? 0 : hit.type === 'city' ? 1 : 2;
            }
          }
        }
        if (matched === 0) {
          i++;
          continue;
        }
        for (let k = 0; k < matched; k++) codes[i + k] = 1 + 2 * type + (k === 0 ? 0 : 1);
        i += matched;
      }
    }
    return codes;
  }

  /**
   * Features of every token of the document. With withWordGroups (training),
   * words.length * NUM_FEATURES hashes: the one-word groups (self, prev, next,
   * prev2, next2) then the context features. Without (run time, where the
   * groups' weights are cached per word), only the NUM_CONTEXT context features.
   */
  extract(doc: DocInput, withWordGroups = true): Uint32Array {
    const n = doc.words.length;
    const stride = withWordGroups ? NUM_FEATURES : NUM_CONTEXT;
    const out = new Uint32Array(n * stride);
    const infos: WordInfo[] = new Array<WordInfo>(n);
    for (let i = 0; i < n; i++) infos[i] = this.info(doc.words[i]);

    // Sentence case mode: 0 normal, 1 SHOUTING, 2 all lowercase. Case is no evidence in the last two.
    const mode = new Uint8Array(n);
    const initial = new Uint8Array(n);
    // Document-level evidence, from normally cased sentences only: is this word
    // written capitalised mid-sentence elsewhere, and is it written lowercase elsewhere?
    const stamp = ++this.stamp;
    for (let i = 0; i < n; i++) {
      const st = infos[i].stats;
      if (st.stamp !== stamp) {
        st.stamp = stamp;
        st.cap = 0;
        st.low = 0;
      }
    }
    for (const [s, e] of doc.sentences) {
      let up = 0;
      let low = 0;
      let letters = 0;
      let firstWord = -1;
      for (let i = s; i < e; i++) {
        const c = infos[i].caseClass;
        if (c === 0) continue;
        letters++;
        if (firstWord < 0) firstWord = i;
        if (c === 3 && doc.words[i].length > 1) up++;
        else if (c === 1) low++;
      }
      const m = letters >= 3 && up >= 0.8 * letters ? 1 : letters >= 3 && low === letters ? 2 : 0;
      for (let i = s; i < e; i++) mode[i] = m;
      if (firstWord >= 0) initial[firstWord] = 1;
      if (m !== 0) continue;
      for (let i = s; i < e; i++) {
        const inf = infos[i];
        if (inf.caseClass === 2 || inf.caseClass === 3) {
          if (i !== firstWord) inf.stats.cap++;
        } else if (inf.caseClass === 1) {
          inf.stats.low++;
        }
      }
    }
    const gaz = this.gazetteerCodes(doc, infos, mode);

    for (const [s, e] of doc.sentences) {
      let inQuote = 0;
      for (let i = s; i < e; i++) {
        const inf = infos[i];
        const prev = i > s ? infos[i - 1] : null;
        const prev2 = i > s + 1 ? infos[i - 2] : null;
        const next = i + 1 < e ? infos[i + 1] : null;
        const next2 = i + 2 < e ? infos[i + 2] : null;
        const w = doc.words[i];
        if (w === '"' || w === '“' || w === '”') inQuote ^= 1;
        const m = mode[i];
        const cc = inf.caseClass;
        const o = i * stride;
        let f = o;
        if (withWordGroups) {
          out.set(inf.groups.self, f);
          f += NUM_SELF;
          out.set((prev ?? BOUNDARY_INFO).groups.prev, f);
          f += NUM_PREV;
          out.set((next ?? BOUNDARY_INFO).groups.next, f);
          f += NUM_NEXT;
          out.set((prev2 ?? BOUNDARY_INFO).groups.prev2, f);
          f += NUM_PREV2;
          out.set((next2 ?? BOUNDARY_INFO).groups.next2, f);
          f += NUM_NEXT2;
        }
        const c0 = f;
        const pl = prev ? prev.hLower : BOUNDARY;
        const nl = next ? next.hLower : BOUNDARY;
        out[f++] = mix(tpl(T.Bias), 0);
        out[f++] = mix3(mix(tpl(T.ShortTri), prev ? prev.hShort : BOUNDARY), inf.hShort, next ? next.hShort : BOUNDARY);
        out[f++] = mix3(tpl(T.PrevCur), pl, inf.hLower);
        out[f++] = mix3(tpl(T.CurNext), inf.hLower, nl);
        out[f++] = mix3(tpl(T.Prev2Prev), prev2 ? prev2.hLower : BOUNDARY, pl);
        out[f++] = mix3(tpl(T.NextNext2), nl, next2 ? next2.hLower : BOUNDARY);
        out[f++] = mix(tpl(T.Gaz), gaz[i] * 8 + cc);
        out[f++] = mix(tpl(T.GazPrev), i > s ? gaz[i - 1] : 255);
        out[f++] = mix(tpl(T.GazNext), i + 1 < e ? gaz[i + 1] : 255);
        out[f++] = mix(tpl(T.Demonym), (inf.isDemonym ? 1 : 0) + (prev?.isDemonym ? 2 : 0) + (next?.isDemonym ? 4 : 0));
        out[f++] = mix(tpl(T.Initial), initial[i] * 8 + cc);
        const low = inf.stats.low;
        const cap = inf.stats.cap;
        // Bucketed counts, conjoined with this token's casing, position and sentence mode.
        const lowB = low === 0 ? 0 : low < 3 ? 1 : 2;
        const capB = cap === 0 ? 0 : cap < 3 ? 1 : 2;
        const ctx = (cc * 2 + initial[i]) * 3 + m;
        out[f++] = mix(tpl(T.DocLower), ctx * 4 + lowB);
        out[f++] = mix(tpl(T.DocCap), (ctx * 4 + capB) * 4 + lowB);
        out[f++] = mix(tpl(T.Title), (prev?.isTitle ? 1 : 0) + (prev2?.isTitle ? 2 : 0) + (inf.isTitle ? 4 : 0));
        out[f++] = mix3(tpl(T.Mode), m, inf.hShort);
        out[f++] = mix(tpl(T.PrevWordCase), prev ? prev.caseClass * 2 + (prev.isCommonLower ? 1 : 0) : 99);
        out[f++] = mix(tpl(T.NextWordCase), next ? next.caseClass * 2 + (next.isCommonLower ? 1 : 0) : 99);
        out[f++] = mix(tpl(T.Quote), inQuote * 8 + cc);
        out[f++] = mix(tpl(T.Len), Math.min(w.length, 12) * 8 + cc);
        out[f++] = mix3(tpl(T.WordMode), m, inf.hLower);
        if (f - c0 !== NUM_CONTEXT) throw new Error(`feature count mismatch: ${f - c0}`);
      }
    }
    return out;
  }
}

const BOUNDARY_INFO: { groups: WordGroups } = { groups: BOUNDARY_GROUPS };
