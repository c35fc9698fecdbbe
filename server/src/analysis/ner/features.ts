import type { Gazetteer } from '../gazetteer';
import { hashString, mix, mix3 } from './hash';

/*
 * Feature extraction shared by training (scripts/train.ts) and inference
 * (model.ts). Every token gets exactly NUM_FEATURES hashed features, so the
 * training set is one flat Uint32Array and the decoder needs no bookkeeping.
 * Changing any template changes the meaning of the model: bump FEATURE_VERSION.
 */

export const FEATURE_VERSION = 5;

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

/** A node of a word's continuation trie: the gazetteer type (see multiWordType) of the name so far, and longer names. */
interface Continuation {
  type: number;
  next: Map<WordInfo, Continuation> | null;
}

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
/** Templates that depend on context (shape trigram, gazetteer matches, document evidence). */
export const NUM_CONTEXT = 16;
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

function modeHashesOf(w: string, cc: number, hLower: number, hShort: number): Uint32Array {
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
export const BOUNDARY_GROUPS: WordGroups = groupsOf(BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY, [BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY], [BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY], BOUNDARY, BOUNDARY);

export class FeatureExtractor {
  private readonly cache = new Map<string, WordInfo>();
  private readonly multiWord = new Map<string, number>();
  private readonly ctx: DocContext = { infos: [], mode: new Uint8Array(0), initial: new Uint8Array(0), gaz: new Uint8Array(0), quote: new Uint8Array(0) };
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

  /** Facts and cached template hashes of a word type. */
  info(w: string): WordInfo {
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
      isGazFirst: caseClass !== 0 && !COMMON.has(lower) && this.gazetteer.firstWords.has(lower),
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
      modeHashes: modeHashesOf(w, caseClass, hLower, hShort),
      continuations: null,
      scoreAt: 0,
      scoreGen: -1,
    };
    // The cache is per extractor and grows with vocabulary; bound it for a long-running server.
    if (this.cache.size > 200000) {
      this.cache.clear();
      this.lowerCache.clear();
    }
    this.cache.set(w, info);
    return info;
  }

  /** Gazetteer type (0 country, 1 city, 2 region) of a lowercased multi-word name, or -1; cached (names recur across documents). */
  private multiWordType(name: string): number {
    let t = this.multiWord.get(name);
    if (t === undefined) {
      const hit = this.gazetteer.lookup(name);
      t = !hit ? -1 : hit.type === 'country' ? 0 : hit.type === 'city' ? 1 : 2;
      if (this.multiWord.size > 200000) this.multiWord.clear();
      this.multiWord.set(name, t);
    }
    return t;
  }

  /**
   * Gazetteer matches: for each token, 0 when not inside a known place name,
   * otherwise 1 + 2 * typeIndex + (0 first token | 1 continuation). Multi-word
   * names are only tried from a capitalised word (or in case-less sentences):
   * the look-ups are the costly part of extraction.
   */
  private gazetteerCodes(doc: DocInput, infos: WordInfo[], mode: Uint8Array, codes: Uint8Array): void {
    for (const [s, e] of doc.sentences) {
      let i = s;
      while (i < e) {
        const inf = infos[i];
        if (!inf.isGazFirst) {
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
          // Walk the per-word trie of continuations (keyed by word objects: no string building or hashing per token).
          let next: Map<WordInfo, Continuation> = inf.continuations ?? (inf.continuations = new Map());
          let name = '';
          for (let n = 2; n <= this.gazMaxWords && i + n <= e; n++) {
            const w = infos[i + n - 1];
            let node: Continuation | undefined = next.get(w);
            if (node === undefined) {
              if (name === '') for (let k = 0; k < n - 1; k++) name += (k ? ' ' : '') + infos[i + k].lower;
              node = { type: this.multiWordType(name + ' ' + w.lower), next: null };
              next.set(w, node);
            }
            if (name !== '') name += ' ' + w.lower;
            if (node.type >= 0) {
              matched = n;
              type = node.type;
            }
            if (n < this.gazMaxWords && i + n < e) next = node.next ?? (node.next = new Map());
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
  }

  /**
   * Per-token context of a document, shared by training extraction and the
   * runtime tagger: word facts, sentence case mode, sentence-initial flags,
   * gazetteer codes and inside-quote flags. Buffers are reused between calls.
   */
  context(doc: DocInput): DocContext {
    const n = doc.words.length;
    const ctx = this.ctx;
    if (ctx.mode.length < n) {
      const size = Math.max(n, ctx.mode.length * 2);
      ctx.mode = new Uint8Array(size);
      ctx.initial = new Uint8Array(size);
      ctx.gaz = new Uint8Array(size);
      ctx.quote = new Uint8Array(size);
    }
    const infos = ctx.infos;
    infos.length = n;
    for (let i = 0; i < n; i++) infos[i] = this.info(doc.words[i]);
    const { mode, initial, gaz, quote } = ctx;
    initial.fill(0, 0, n);
    gaz.fill(0, 0, n);

    // Sentence case mode: 0 normal, 1 SHOUTING, 2 all lowercase. Case is no evidence in the last two.
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
      let inQuote = 0;
      for (let i = s; i < e; i++) {
        const w = doc.words[i];
        if (w === '"' || w === '“' || w === '”') inQuote ^= 1;
        quote[i] = inQuote;
        const c = infos[i].caseClass;
        if (c === 0) continue;
        letters++;
        if (firstWord < 0) firstWord = i;
        if (c === 3 && w.length > 1) up++;
        else if (c === 1) low++;
      }
      const m = letters >= 3 && up >= 0.8 * letters ? 1 : letters >= 3 && low === letters ? 2 : 0;
      mode.fill(m, s, e);
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
    this.gazetteerCodes(doc, infos, mode, gaz);
    return ctx;
  }

  /**
   * Features of every token of the document. With withWordGroups (training),
   * words.length * NUM_FEATURES hashes: the one-word groups (self, prev, next,
   * prev2, next2) then the context features. Without, only the NUM_CONTEXT
   * context features. The runtime tagger does not call this: it reads the same
   * templates through context(), smallCodes(), hashedContext() and modeHashes().
   */
  extract(doc: DocInput, withWordGroups = true): Uint32Array {
    const n = doc.words.length;
    const stride = withWordGroups ? NUM_FEATURES : NUM_CONTEXT;
    const out = new Uint32Array(n * stride);
    const ctx = this.context(doc);
    const infos = ctx.infos;
    const codes = new Int32Array(NUM_SMALL);
    const hashed = new Int32Array(NUM_HASHED);
    for (const [s, e] of doc.sentences) {
      for (let i = s; i < e; i++) {
        const inf = infos[i];
        let f = i * stride;
        if (withWordGroups) {
          out.set(inf.groups.self, f);
          f += NUM_SELF;
          out.set((i > s ? infos[i - 1] : BOUNDARY_INFO).groups.prev, f);
          f += NUM_PREV;
          out.set((i + 1 < e ? infos[i + 1] : BOUNDARY_INFO).groups.next, f);
          f += NUM_NEXT;
          out.set((i > s + 1 ? infos[i - 2] : BOUNDARY_INFO).groups.prev2, f);
          f += NUM_PREV2;
          out.set((i + 2 < e ? infos[i + 2] : BOUNDARY_INFO).groups.next2, f);
          f += NUM_NEXT2;
        }
        smallCodes(ctx, i, s, e, codes);
        for (let k = 0; k < NUM_SMALL; k++) out[f++] = smallHash(k, codes[k]);
        hashedContext(ctx, i, s, e, hashed);
        for (let k = 0; k < NUM_HASHED; k++) out[f++] = hashed[k] >>> 0;
        const mh = inf.modeHashes;
        const m = ctx.mode[i];
        for (let k = 0; k < NUM_MODE; k++) out[f++] = mh[m * NUM_MODE + k];
      }
    }
    return out;
  }
}

/** What one document looks like to the templates; see FeatureExtractor.context. */
export interface DocContext {
  infos: WordInfo[];
  /** Per token: sentence case mode (0 normal, 1 SHOUTING, 2 lowercase). */
  mode: Uint8Array;
  /** Per token: 1 on the first word with letters of its sentence. */
  initial: Uint8Array;
  /** Per token: gazetteer code (see gazetteerCodes). */
  gaz: Uint8Array;
  /** Per token: inside double quotes within the sentence. */
  quote: Uint8Array;
}

/**
 * Context templates with a small value domain: the feature is mix(template, code)
 * with code < SMALL_SIZES[k], so the runtime tagger keeps their weights in dense
 * tables indexed by code instead of hashing.
 */
const SMALL_TEMPLATES = [T.Bias, T.Gaz, T.GazPrev, T.GazNext, T.Demonym, T.Initial, T.DocLower, T.DocCap, T.Title, T.PrevWordCase, T.NextWordCase, T.Quote];
export const SMALL_SIZES: readonly number[] = [1, 64, 256, 256, 8, 16, 128, 512, 8, 100, 100, 16];
export const NUM_SMALL = SMALL_TEMPLATES.length;
/** Context templates hashed at run time (the shape trigram; see hashedContext). */
export const NUM_HASHED = 1;
/** Templates on one word and the sentence's case mode (Mode, WordMode, Len): cached per word and mode at run time. */
export const NUM_MODE = 3;

export function smallHash(k: number, code: number): number {
  return mix(tpl(SMALL_TEMPLATES[k]), code);
}

/** Codes of the small-domain templates of token i of sentence [s, e). */
export function smallCodes(ctx: DocContext, i: number, s: number, e: number, out: Int32Array): void {
  const infos = ctx.infos;
  const inf = infos[i];
  const prev = i > s ? infos[i - 1] : null;
  const prev2 = i > s + 1 ? infos[i - 2] : null;
  const next = i + 1 < e ? infos[i + 1] : null;
  const gaz = ctx.gaz;
  const cc = inf.caseClass;
  const init = ctx.initial[i];
  const m = ctx.mode[i];
  const low = inf.stats.low;
  const cap = inf.stats.cap;
  // Bucketed counts, conjoined with this token's casing, position and sentence mode.
  const lowB = low === 0 ? 0 : low < 3 ? 1 : 2;
  const capB = cap === 0 ? 0 : cap < 3 ? 1 : 2;
  const c = (cc * 2 + init) * 3 + m;
  out[0] = 0;
  out[1] = gaz[i] * 8 + cc;
  out[2] = i > s ? gaz[i - 1] : 255;
  out[3] = i + 1 < e ? gaz[i + 1] : 255;
  out[4] = (inf.isDemonym ? 1 : 0) + (prev !== null && prev.isDemonym ? 2 : 0) + (next !== null && next.isDemonym ? 4 : 0);
  out[5] = init * 8 + cc;
  out[6] = c * 4 + lowB;
  out[7] = (c * 4 + capB) * 4 + lowB;
  out[8] = (prev !== null && prev.isTitle ? 1 : 0) + (prev2 !== null && prev2.isTitle ? 2 : 0) + (inf.isTitle ? 4 : 0);
  out[9] = prev !== null ? prev.caseClass * 2 + (prev.isCommonLower ? 1 : 0) : 99;
  out[10] = next !== null ? next.caseClass * 2 + (next.isCommonLower ? 1 : 0) : 99;
  out[11] = ctx.quote[i] * 8 + cc;
}

/**
 * Hashes (as int32) of the hashed context templates of token i of sentence [s, e): the shape trigram.
 * The word-pair templates (PrevCur, CurNext, Prev2Prev, NextNext2) were dropped in v5: their look-ups
 * were mostly cache misses and cost ~40% of tagging time for a few tenths of a point of F1. Their
 * template ids stay reserved in T so that the other templates keep their hashes.
 */
export function hashedContext(ctx: DocContext, i: number, s: number, e: number, out: Int32Array): void {
  const infos = ctx.infos;
  const prev = i > s ? infos[i - 1] : null;
  const next = i + 1 < e ? infos[i + 1] : null;
  out[0] = mix3(mix(T_SHORT_TRI, prev !== null ? prev.hShort : BOUNDARY), infos[i].hShort, next !== null ? next.hShort : BOUNDARY);
}

const T_SHORT_TRI = tpl(T.ShortTri);

const BOUNDARY_INFO: { groups: WordGroups } = { groups: BOUNDARY_GROUPS };
if (NUM_SMALL + NUM_HASHED + NUM_MODE !== NUM_CONTEXT) throw new Error('feature count mismatch');
