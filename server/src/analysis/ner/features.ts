import type { Gazetteer } from '../gazetteer';
import { hashedContext, smallCodes, type DocContext } from './contextFeatures';
import { NO_CLUSTER, type WordClusters } from './clusters';
import { hashString } from './hash';
import { RunContext, runClassOf } from './runContext';
import {
  NUM_CONTEXT,
  NUM_FEATURES,
  NUM_HASHED,
  NUM_MODE,
  NUM_NEXT,
  NUM_NEXT2,
  NUM_PREV,
  NUM_PREV2,
  NUM_SELF,
  NUM_SMALL,
  smallHash,
} from './templates';
import {
  BOUNDARY_INFO,
  caseClassOf,
  COMMON,
  H_MODE,
  H_NEXT,
  H_NEXT2,
  H_PREV,
  H_PREV2,
  H_SELF,
  shapeHash,
  TITLES,
  wordHashes,
  type Continuation,
  type WordInfo,
} from './wordFeatures';
import { ownString } from '../ownString';
import { WordTable } from './wordTable';
import { grownInt32 } from './grownInt32';
import { F_CASE, F_GAZ_FIRST, F_GAZ_TYPE_SHIFT, F_QUOTE, packFacts } from './wordFacts';

/*
 * Feature extraction shared by training (scripts/train.ts) and inference
 * (model.ts). Every token gets exactly NUM_FEATURES hashed features, so the
 * training set is one flat Uint32Array and the decoder needs no bookkeeping.
 * Changing any template changes the meaning of the model: bump FEATURE_VERSION.
 */

export const FEATURE_VERSION = 6;

// The templates live in templates.ts, wordFeatures.ts and contextFeatures.ts; the tagger and training import them from here.
export { hashedContext, smallCodes, type DocContext } from './contextFeatures';
export { NUM_CONTEXT, NUM_FEATURES, NUM_HASHED, NUM_MODE, NUM_SMALL, SMALL_SIZES, smallHash } from './templates';
export { BOUNDARY_HASHES, H_MODE, H_NEXT, H_NEXT2, H_PREV, H_PREV2, H_SELF, H_SIZE, type WordInfo } from './wordFeatures';

/** A document as the tagger sees it: token texts and sentence token ranges. */
export interface DocInput {
  words: readonly string[];
  /** [tokenStart, tokenEnd) of each sentence, in order, covering the words. */
  sentences: ReadonlyArray<readonly [number, number]>;
}

/** Ints per word in FeatureExtractor.words: facts, short shape hash, lowercase-form id, and one of padding (16 bytes). */
const WORD_STRIDE = 4;

export class FeatureExtractor {
  /**
   * Word type -> its id (wordTable.ts). The cache keeps a copy of each word as its key (ownString); where the tokenizer
   * shares one string per spelling (tokenText.ts: longer tokens, and every token of a big document), a look-up finds
   * that key by pointer, otherwise by comparing characters.
   */
  private readonly cache = new WordTable<number>();
  /** The cached words by id (WordInfo.id). */
  private readonly infoById: WordInfo[] = [];
  /**
   * Per word id, what the first per-token pass of context() copies (WORD_STRIDE ints): packed facts, short shape hash
   * and the id of its lowercase form. A small record in one dense array: a token's word is read there, not through its
   * WordInfo (scattered in the heap and mostly evicted by the rest of the analysis by the next document).
   */
  private words: Int32Array = new Int32Array(1024 * WORD_STRIDE);
  /** Lowercase form -> its id: the forms of a document are counted by it (DocContext.form). */
  private readonly lowerIds = new Map<string, number>();
  /** Per lowercase-form id: [stamp of the last document that had it, its index among that document's forms]. */
  private lowerSeen: Int32Array = new Int32Array(1024 * 2);
  /** How often the extractor has forgotten its words: word ids are reused after that (see PerceptronTagger.emissions). */
  epoch = 0;
  private readonly multiWord = new Map<string, number>();
  private readonly ctx: DocContext = {
    infos: [],
    ids: new Int32Array(0),
    facts: new Int32Array(0),
    short: new Int32Array(0),
    form: new Int32Array(0),
    forms: 0,
    cap: new Int32Array(0),
    low: new Int32Array(0),
    mode: new Uint8Array(0),
    initial: new Uint8Array(0),
    gaz: new Uint8Array(0),
    quote: new Uint8Array(0),
    runs: new RunContext(),
  };
  private stamp = 0;
  private readonly gazMaxWords: number;
  private closedWords: ReadonlySet<string> | null = null;

  constructor(
    private readonly gazetteer: Gazetteer,
    /** Word clusters of the model (clusters.ts); without them every word is NO_CLUSTER. */
    private readonly clusters: WordClusters | null = null,
  ) {
    this.gazMaxWords = Math.min(4, gazetteer.maxWords);
  }

  /** The model's closed words (closedWords.ts); the word cache is cleared, as each word's flag is kept in it. */
  setClosedWords(words: ReadonlySet<string> | null): void {
    this.closedWords = words;
    this.forget();
  }

  /** Forgets every word (their ids are reused from 0). */
  private forget(): void {
    this.cache.clear();
    this.infoById.length = 0;
    this.lowerIds.clear();
    this.epoch++;
  }

  /** How many words the extractor knows: their ids are below this. */
  get wordCount(): number {
    return this.infoById.length;
  }

  /** The context computed by the last call to context() (its buffers are reused). */
  current(): DocContext {
    return this.ctx;
  }

  /** Facts and cached template hashes of a word type. */
  info(word: string): WordInfo {
    return this.infoById[this.wordId(word)];
  }

  /** The id of a word type (WordInfo.id), cached with its facts on first sight. */
  private wordId(word: string): number {
    const id = this.cache.get(word);
    if (id !== undefined) return id;
    // The cache outlives the document: it keeps a copy of the word, and what is cut from it, not views into the text (see ownString).
    const w = ownString(word);
    const lower = w.toLowerCase();
    const caseClass = caseClassOf(w);
    // As int32 (the templates mix them as such, hash.ts): a uint32 above 2^31 would be a heap number of its own in the WordInfo.
    const hLower = hashString(lower, 7) | 0;
    const hShort = shapeHash(w, true, 5) | 0;
    const place = caseClass !== 0 && this.gazetteer.firstWords.has(lower) ? this.gazetteer.lookup(w) : undefined;
    let lowerId = this.lowerIds.get(lower);
    if (lowerId === undefined) {
      lowerId = this.lowerIds.size;
      this.lowerIds.set(lower, lowerId);
      if (this.lowerSeen.length < 2 * (lowerId + 1)) this.lowerSeen = grownInt32(this.lowerSeen, this.lowerSeen.length * 2);
      this.lowerSeen[2 * lowerId] = -1;
    }
    const info: WordInfo = {
      lower,
      id: this.infoById.length,
      hLower,
      hShort,
      caseClass,
      hasLetter: caseClass !== 0,
      isTitle: TITLES.has(lower),
      isDemonym: caseClass !== 0 && this.gazetteer.demonym(w) !== undefined,
      isCommonLower: COMMON.has(lower),
      isQuote: w === '"' || w === '“' || w === '”',
      closed: this.closedWords !== null && this.closedWords.has(w),
      isGazFirst: caseClass !== 0 && !COMMON.has(lower) && this.gazetteer.firstWords.has(lower),
      gazType: !place ? 0 : place.type === 'country' ? 1 : place.type === 'city' ? 2 : 3,
      runClass: runClassOf(lower),
      facts: 0,
      hashes: wordHashes(w, lower, caseClass, hLower, hShort, shapeHash(w, false, 3), this.clusters ? this.clusters.of(w) : NO_CLUSTER),
      continuations: null,
    };
    info.facts = packFacts(info);
    this.infoById.push(info);
    if (this.words.length < (info.id + 1) * WORD_STRIDE) this.words = grownInt32(this.words, this.words.length * 2);
    const r = info.id * WORD_STRIDE;
    this.words[r] = info.facts;
    this.words[r + 1] = hShort;
    this.words[r + 2] = lowerId;
    this.cache.add(w, info.id);
    return info.id;
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
  private gazetteerCodes(doc: DocInput, infos: WordInfo[], facts: Int32Array, mode: Uint8Array, codes: Uint8Array): void {
    for (const [s, e] of doc.sentences) {
      let i = s;
      while (i < e) {
        const f = facts[i];
        if ((f & F_GAZ_FIRST) === 0) {
          i++;
          continue;
        }
        let matched = 0;
        let type = 0;
        const gazType = (f >> F_GAZ_TYPE_SHIFT) & 3;
        if (gazType) {
          matched = 1;
          type = gazType - 1;
        }
        if (((f & F_CASE) !== 1 || mode[i] !== 0) && i + 1 < e && (facts[i + 1] & F_CASE) !== 0) {
          // Walk the per-word trie of continuations (keyed by word objects: no string building or hashing per token).
          const inf = infos[i];
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
      ctx.ids = new Int32Array(size);
      ctx.facts = new Int32Array(size);
      ctx.short = new Int32Array(size);
      ctx.form = new Int32Array(size);
    }
    // The cache is per extractor and grows with vocabulary; bound it for a long-running server. Between documents only:
    // a document's words share one lowercase form per spelling (DocContext.form), which the second stage's keys rely on.
    if (this.cache.size > 200000) this.forget();
    const infos = ctx.infos;
    infos.length = n;
    const { ids, facts, short, form } = ctx;
    const infoById = this.infoById;
    // The one pass that finds each token's word (the passes after it read the per-token arrays). Each lowercase form
    // gets an index in this document when first seen: its document counts are kept by that index.
    const stamp = ++this.stamp;
    let forms = 0;
    for (let i = 0; i < n; i++) {
      const id = this.wordId(doc.words[i]);
      ids[i] = id;
      infos[i] = infoById[id];
      // Read after wordId, which may have grown them.
      const words = this.words;
      const seen = this.lowerSeen;
      const r = id * WORD_STRIDE;
      facts[i] = words[r];
      short[i] = words[r + 1];
      const lo = 2 * words[r + 2];
      if (seen[lo] !== stamp) {
        seen[lo] = stamp;
        seen[lo + 1] = forms++;
      }
      form[i] = seen[lo + 1];
    }
    ctx.forms = forms;
    if (ctx.cap.length < forms) {
      ctx.cap = new Int32Array(Math.max(forms, ctx.cap.length * 2));
      ctx.low = new Int32Array(ctx.cap.length);
    }
    const { mode, initial, gaz, quote, cap, low: lowCount } = ctx;
    cap.fill(0, 0, forms);
    lowCount.fill(0, 0, forms);
    initial.fill(0, 0, n);
    gaz.fill(0, 0, n);

    // Sentence case mode: 0 normal, 1 SHOUTING, 2 all lowercase. Case is no evidence in the last two.
    // Document-level evidence, from normally cased sentences only: is this word
    // written capitalised mid-sentence elsewhere, and is it written lowercase elsewhere?
    for (const [s, e] of doc.sentences) {
      let up = 0;
      let low = 0;
      let letters = 0;
      let firstWord = -1;
      let inQuote = 0;
      for (let i = s; i < e; i++) {
        const f = facts[i];
        if (f & F_QUOTE) inQuote ^= 1;
        quote[i] = inQuote;
        const c = f & F_CASE;
        if (c === 0) continue;
        letters++;
        if (firstWord < 0) firstWord = i;
        if (c === 3 && doc.words[i].length > 1) up++;
        else if (c === 1) low++;
      }
      const m = letters >= 3 && up >= 0.8 * letters ? 1 : letters >= 3 && low === letters ? 2 : 0;
      mode.fill(m, s, e);
      if (firstWord >= 0) initial[firstWord] = 1;
      if (m !== 0) continue;
      for (let i = s; i < e; i++) {
        const c = facts[i] & F_CASE;
        if (c === 2 || c === 3) {
          if (i !== firstWord) cap[form[i]]++;
        } else if (c === 1) {
          lowCount[form[i]]++;
        }
      }
    }
    this.gazetteerCodes(doc, infos, facts, mode, gaz);
    ctx.runs.compute(doc, infos, facts, mode);
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
          out.set(inf.hashes.subarray(H_SELF, H_SELF + NUM_SELF), f);
          f += NUM_SELF;
          out.set((i > s ? infos[i - 1] : BOUNDARY_INFO).hashes.subarray(H_PREV, H_PREV + NUM_PREV), f);
          f += NUM_PREV;
          out.set((i + 1 < e ? infos[i + 1] : BOUNDARY_INFO).hashes.subarray(H_NEXT, H_NEXT + NUM_NEXT), f);
          f += NUM_NEXT;
          out.set((i > s + 1 ? infos[i - 2] : BOUNDARY_INFO).hashes.subarray(H_PREV2, H_PREV2 + NUM_PREV2), f);
          f += NUM_PREV2;
          out.set((i + 2 < e ? infos[i + 2] : BOUNDARY_INFO).hashes.subarray(H_NEXT2, H_NEXT2 + NUM_NEXT2), f);
          f += NUM_NEXT2;
        }
        smallCodes(ctx, i, s, e, codes);
        for (let k = 0; k < NUM_SMALL; k++) out[f++] = smallHash(k, codes[k]);
        hashedContext(ctx, i, s, e, hashed);
        for (let k = 0; k < NUM_HASHED; k++) out[f++] = hashed[k] >>> 0;
        const mh = inf.hashes;
        const m = ctx.mode[i];
        for (let k = 0; k < NUM_MODE; k++) out[f++] = mh[H_MODE + m * NUM_MODE + k];
      }
    }
    return out;
  }
}
