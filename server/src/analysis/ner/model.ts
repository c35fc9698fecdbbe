import type { Gazetteer } from '../gazetteer';
import type { Sentence, Token } from '../types';
import type { NerLabel, NerSpan, Tagger } from '.';
import {
  BOUNDARY_HASHES,
  FEATURE_VERSION,
  H_MODE,
  H_NEXT,
  H_NEXT2,
  H_PREV,
  H_PREV2,
  H_SELF,
  FeatureExtractor,
  hashedContext,
  NUM_HASHED,
  NUM_MODE,
  NUM_SMALL,
  SMALL_SIZES,
  smallCodes,
  smallHash,
  type DocInput,
  type WordInfo,
} from './features';
import { addDocScores, DOC_FEATURES, DOC_STAGE_VERSION, DocStage, NUM_DOC } from './docStage';
import { MODEL_FORMAT, quantize, type ModelFile } from './modelFile';
import { decodeRows } from '../learn/weightRows';
import { unpackModel, type ModelHeader, type ModelRows } from './modelPack';
import { FeatureTable } from './featureTable';
import { LABELS, NUM_LABELS, spansOf, viterbi, type LabelSpan } from './viterbi';
import { splitCoordinations } from './coordination';
import { WordClusters } from './clusters';
import { labelDatelines } from './datelines';
import { grownInt32 } from './grownInt32';
import { F_CLOSED } from './wordFacts';

/*
 * The trained averaged-perceptron tagger at run time; the file format is in modelFile.ts.
 */

export { MODEL_FORMAT, quantize, serializeModel, type ModelFile } from './modelFile';

const TYPE_LABELS: NerLabel[] = ['PER', 'ORG', 'LOC', 'MISC'];

/**
 * Layout of a word's cached scores, in blocks of NUM_LABELS: [self in mode 0 | as prev | as next | as prev2 |
 * as next2 | self in mode 1 | self in mode 2]. A token reads one self block and its neighbours' position
 * blocks; nearly every sentence is in mode 0, so the blocks read together come first (fewer cache lines).
 */
const W_PREV = 1;
const W_NEXT = 2;
const W_PREV2 = 3;
const W_NEXT2 = 4;
/** Offset of the self block of each sentence mode (0 normal, 1 SHOUTING, 2 lowercase). */
const W_MODE = Int32Array.of(0, 5 * NUM_LABELS, 6 * NUM_LABELS);
/** 7 blocks and one float of padding: 256 bytes a word, so that the three cache lines of a word's hot blocks are aligned. */
const W_SIZE = 64;
/** Small-domain templates (indices into SMALL_SIZES) folded into the cached word scores, and the rest, looked up per token. */
const SMALL_BIAS = 0;
const SMALL_PREV_CASE = 9;
const SMALL_NEXT_CASE = 10;
const SMALL_REST = Int32Array.from({ length: NUM_SMALL }, (_, k) => k).filter(
  (k) => k !== SMALL_BIAS && k !== SMALL_PREV_CASE && k !== SMALL_NEXT_CASE,
);
/** The emission of every label but O for a closed word (closedWords.ts): far below any path through a scored label. */
const CLOSED_NOT_O = -1e7;
/** Slots of the cache of hashed-context look-ups, less one (16 KB). */
const PROBE_MASK = 2047;
/** Words whose scores the pool keeps before it starts over (~16 MB). */
const POOL_MAX_WORDS = 1 << 16;
if (NUM_LABELS !== 9 || W_PREV !== 1 || W_NEXT2 !== 4) throw new Error('PerceptronTagger.emissions is unrolled for 9 labels');

export class PerceptronTagger implements Tagger {
  private readonly table: FeatureTable;
  private readonly extractor: FeatureExtractor;
  private emit = new Float32Array(0);
  private back = new Uint8Array(0);
  private labels = new Uint8Array(0);
  private readonly boundary: Float32Array;
  /** Cached per-word scores (W_SIZE each, see wordScores); offset 0 holds the boundary's. */
  private pool: Float32Array;
  private poolUsed = W_SIZE;
  /** Per word id (WordInfo.id): the offset of the word's scores in the pool, 0 when it has none yet (0 holds the boundary's). */
  private scoreAt: Int32Array = new Int32Array(1024);
  /** The extractor's epoch that scoreAt's ids belong to. */
  private epoch = -1;
  /** Weights of the small-domain templates by code: SMALL_SIZES[k] x labels from smallOffset[k]. */
  private readonly small: Float32Array;
  private readonly smallOffset: Int32Array;
  private readonly codes = new Int32Array(NUM_SMALL);
  private readonly hashed = new Int32Array(NUM_HASHED);
  /** Cache of hashed-context look-ups (see emissions): [hash, row offset or -1] per slot; hash 0 (never a feature) marks an empty one. */
  private readonly probes = new Int32Array((PROBE_MASK + 1) * 2);
  private selfAt = new Int32Array(0);
  /** Per token of the current document: the offset of its word's scores in the pool (the WordInfo objects are scattered in the heap). */
  private wordAt = new Int32Array(0);
  /** Per token of the current document: 1 when it is a closed word written as O without scoring (see emissions). */
  private forced = new Uint8Array(0);
  private readonly docStage = new DocStage();
  private docCodes = new Int32Array(0);
  private firstLabels = new Uint8Array(0);
  /** The document-level second stage (see docStage.ts): dense weights (DOC_FEATURES x labels) and its transitions; null when the model has none. */
  private stage2: { weights: Float32Array; transitions: Float32Array } | null = null;

  constructor(
    hashes: Uint32Array,
    /** Quantised weights (rows x labels) and per-row scales, as stored in the model file. */
    weights: Int8Array,
    scales: Float32Array,
    private readonly transitions: Float32Array,
    gazetteer: Gazetteer,
    clusters: WordClusters | null = null,
  ) {
    if (weights.length !== hashes.length * NUM_LABELS || scales.length !== hashes.length) throw new Error('weights do not match features');
    if (transitions.length !== (NUM_LABELS + 1) * NUM_LABELS) throw new Error('bad transition matrix');
    this.table = new FeatureTable(hashes, weights, scales);
    this.extractor = new FeatureExtractor(gazetteer, clusters);
    const L = NUM_LABELS;
    this.smallOffset = new Int32Array(NUM_SMALL);
    let total = 0;
    for (let k = 0; k < NUM_SMALL; k++) {
      this.smallOffset[k] = total;
      total += SMALL_SIZES[k] * L;
    }
    this.small = new Float32Array(total);
    const w = this.table.weights;
    for (let k = 0; k < NUM_SMALL; k++) {
      for (let code = 0; code < SMALL_SIZES[k]; code++) {
        const o = this.table.find(smallHash(k, code));
        if (o >= 0) for (let l = 0; l < L; l++) this.small[this.smallOffset[k] + code * L + l] = w[o + l];
      }
    }
    this.boundary = new Float32Array(W_SIZE);
    this.addGroup(BOUNDARY_HASHES, H_PREV, H_NEXT, this.boundary, W_PREV * L);
    this.addGroup(BOUNDARY_HASHES, H_NEXT, H_PREV2, this.boundary, W_NEXT * L);
    this.addGroup(BOUNDARY_HASHES, H_PREV2, H_NEXT2, this.boundary, W_PREV2 * L);
    this.addGroup(BOUNDARY_HASHES, H_NEXT2, H_MODE, this.boundary, W_NEXT2 * L);
    // The case templates of the adjacent words see code 99 beyond the sentence edge (see smallCodes).
    this.addSmall(SMALL_PREV_CASE, 99, this.boundary, W_PREV * L);
    this.addSmall(SMALL_NEXT_CASE, 99, this.boundary, W_NEXT * L);
    this.pool = new Float32Array(1024 * W_SIZE);
    this.pool.set(this.boundary);
  }

  /** Installs (or, with null, removes) the document-level second stage. */
  setSecondStage(stage2: { weights: Float32Array; transitions: Float32Array } | null): void {
    if (stage2 && (stage2.weights.length !== DOC_FEATURES * NUM_LABELS || stage2.transitions.length !== (NUM_LABELS + 1) * NUM_LABELS))
      throw new Error('second-stage weights do not match the code');
    this.stage2 = stage2;
  }

  /** Installs the model's closed words (closedWords.ts; null: every token is scored). */
  setClosedWords(words: ReadonlySet<string> | null): void {
    this.extractor.setClosedWords(words);
  }

  get hasSecondStage(): boolean {
    return this.stage2 !== null;
  }

  private addSmall(k: number, code: number, v: Float32Array, at: number): void {
    const o = this.smallOffset[k] + code * NUM_LABELS;
    for (let l = 0; l < NUM_LABELS; l++) v[at + l] += this.small[o + l];
  }

  /** Adds the weights of the features hashes[from..to) to v[at..at + NUM_LABELS). */
  private addGroup(hashes: Uint32Array, from: number, to: number, v: Float32Array, at: number): void {
    const { weights: w, filter } = this.table;
    const filterMask = filter.length - 1;
    for (let j = from; j < to; j++) {
      const h = hashes[j] | 0;
      // The filter rejects most absent features (a new word's own features mostly are) without a probe of the slots.
      if ((filter[(h >>> 5) & filterMask] & (1 << (h & 31))) === 0) continue;
      const o = this.table.find(h);
      if (o >= 0) for (let l = 0; l < NUM_LABELS; l++) v[at + l] += w[o + l];
    }
  }

  /** Forgets every cached word score: the pool starts over. */
  private clearScores(): void {
    this.scoreAt.fill(0);
    this.poolUsed = W_SIZE;
  }

  /**
   * Makes room in the score pool for n more words: grows it, or (past POOL_MAX_WORDS)
   * starts over, which invalidates every cached word score. Called
   * before a document so that offsets stay valid while it is scored.
   */
  private reservePool(n: number): void {
    const need = this.poolUsed + n * W_SIZE;
    if (need <= this.pool.length) return;
    if (need > POOL_MAX_WORDS * W_SIZE) {
      this.clearScores();
      if (this.poolUsed + n * W_SIZE <= this.pool.length) return;
    }
    let size = Math.max(this.pool.length, 64 * W_SIZE);
    while (size < this.poolUsed + n * W_SIZE) size *= 2;
    const next = new Float32Array(size);
    next.set(this.pool.subarray(0, this.poolUsed));
    this.pool = next;
  }

  /** Summed weights of the templates that depend on one word (and the sentence mode), stored in the pool; see W_SIZE. Returns the offset. */
  private wordScores(info: WordInfo): number {
    const L = NUM_LABELS;
    const at = this.poolUsed;
    this.poolUsed += W_SIZE;
    // Summed in place in the pool (a subarray view per word was garbage); the order of the additions is unchanged.
    const v = this.pool;
    v.fill(0, at, at + W_SIZE);
    const h = info.hashes;
    this.addGroup(h, H_SELF, H_PREV, v, at);
    // Small-domain templates that depend on this word alone are folded in too: the bias, and the case of the adjacent word.
    this.addSmall(SMALL_BIAS, 0, v, at);
    for (let l = 0; l < L; l++) v[at + W_MODE[1] + l] = v[at + W_MODE[2] + l] = v[at + l];
    for (let m = 0; m < 3; m++) this.addGroup(h, H_MODE + m * NUM_MODE, H_MODE + (m + 1) * NUM_MODE, v, at + W_MODE[m]);
    this.addGroup(h, H_PREV, H_NEXT, v, at + W_PREV * L);
    this.addGroup(h, H_NEXT, H_PREV2, v, at + W_NEXT * L);
    this.addGroup(h, H_PREV2, H_NEXT2, v, at + W_PREV2 * L);
    this.addGroup(h, H_NEXT2, H_MODE, v, at + W_NEXT2 * L);
    const caseCode = info.caseClass * 2 + (info.isCommonLower ? 1 : 0);
    this.addSmall(SMALL_PREV_CASE, caseCode, v, at + W_PREV * L);
    this.addSmall(SMALL_NEXT_CASE, caseCode, v, at + W_NEXT * L);
    this.scoreAt[info.id] = at;
    return at;
  }

  /** Emission scores (tokens x labels) of a document; the returned buffer is reused by the next call. */
  emissions(doc: DocInput): Float32Array {
    const L = NUM_LABELS;
    const n = doc.words.length;
    const ctx = this.extractor.context(doc);
    const infos = ctx.infos;
    const mode = ctx.mode;
    if (this.emit.length < n * L) this.emit = new Float32Array(n * L * 2);
    const emit = this.emit;
    const { slots, mask, weights, filter } = this.table;
    const filterMask = filter.length - 1;
    const small = this.small;
    const smallOffset = this.smallOffset;
    const codes = this.codes;
    const hashed = this.hashed;
    const rest = SMALL_REST;
    const nRest = rest.length;
    const nHashed = NUM_HASHED;
    const probes = this.probes;
    // Word ids are reused once the extractor has forgotten its words: their cached scores go with them.
    if (this.extractor.epoch !== this.epoch) {
      this.epoch = this.extractor.epoch;
      this.clearScores();
    }
    if (this.scoreAt.length < this.extractor.wordCount) {
      this.scoreAt = grownInt32(this.scoreAt, Math.max(this.extractor.wordCount, this.scoreAt.length * 2));
    }
    // Room for every word of the document: the pool does not move while its words get their cached scores.
    this.reservePool(n);
    const scoreAt = this.scoreAt;
    const ids = ctx.ids;
    const facts = ctx.facts;
    if (this.selfAt.length < n) this.selfAt = new Int32Array(Math.max(n, this.selfAt.length * 2));
    const selfAt = this.selfAt;
    if (this.wordAt.length < n) this.wordAt = new Int32Array(this.selfAt.length);
    const wordAt = this.wordAt;
    if (this.forced.length < n) this.forced = new Uint8Array(this.selfAt.length);
    const forced = this.forced;
    // One pass over the tokens (by word id, without reading the words' objects): their words' cached scores, and whether
    // the token is a closed word's forced O.
    for (let i = 0; i < n; i++) {
      let at = scoreAt[ids[i]];
      if (at === 0) at = this.wordScores(infos[i]);
      wordAt[i] = at;
      selfAt[i] = at + W_MODE[mode[i]];
      // A closed word in a normally cased sentence is O (closedWords.ts): no template is scored for it.
      forced[i] = mode[i] === 0 && (facts[i] & F_CLOSED) !== 0 ? 1 : 0;
    }
    const pool = this.pool;
    const sentences = doc.sentences;
    // NUM_LABELS is 9: the sums are unrolled into locals (float32 array writes in the inner loop cost more than the look-ups).
    // Offset 0 of the pool holds the boundary scores (what the templates see beyond the sentence edge).
    for (let si = 0; si < sentences.length; si++) {
      const s = sentences[si][0];
      const e = sentences[si][1];
      for (let i = s; i < e; i++) {
        if (forced[i] === 1) {
          const eo = i * 9;
          emit[eo] = 0;
          for (let l = 1; l < 9; l++) emit[eo + l] = CLOSED_NOT_O;
          continue;
        }
        const self = selfAt[i];
        const prev = (i > s ? wordAt[i - 1] : 0) + 9;
        const next = (i + 1 < e ? wordAt[i + 1] : 0) + 18;
        const prev2 = (i > s + 1 ? wordAt[i - 2] : 0) + 27;
        const next2 = (i + 2 < e ? wordAt[i + 2] : 0) + 36;
        let e0 = pool[self] + pool[prev] + pool[next] + pool[prev2] + pool[next2];
        let e1 = pool[self + 1] + pool[prev + 1] + pool[next + 1] + pool[prev2 + 1] + pool[next2 + 1];
        let e2 = pool[self + 2] + pool[prev + 2] + pool[next + 2] + pool[prev2 + 2] + pool[next2 + 2];
        let e3 = pool[self + 3] + pool[prev + 3] + pool[next + 3] + pool[prev2 + 3] + pool[next2 + 3];
        let e4 = pool[self + 4] + pool[prev + 4] + pool[next + 4] + pool[prev2 + 4] + pool[next2 + 4];
        let e5 = pool[self + 5] + pool[prev + 5] + pool[next + 5] + pool[prev2 + 5] + pool[next2 + 5];
        let e6 = pool[self + 6] + pool[prev + 6] + pool[next + 6] + pool[prev2 + 6] + pool[next2 + 6];
        let e7 = pool[self + 7] + pool[prev + 7] + pool[next + 7] + pool[prev2 + 7] + pool[next2 + 7];
        let e8 = pool[self + 8] + pool[prev + 8] + pool[next + 8] + pool[prev2 + 8] + pool[next2 + 8];
        smallCodes(ctx, i, s, e, codes);
        for (let j = 0; j < nRest; j++) {
          const k = rest[j];
          const o = smallOffset[k] + codes[k] * 9;
          e0 += small[o + 0];
          e1 += small[o + 1];
          e2 += small[o + 2];
          e3 += small[o + 3];
          e4 += small[o + 4];
          e5 += small[o + 5];
          e6 += small[o + 6];
          e7 += small[o + 7];
          e8 += small[o + 8];
        }
        hashedContext(ctx, i, s, e, hashed);
        for (let k = 0; k < nHashed; k++) {
          const h = hashed[k];
          // The few hashed context features recur (shape trigrams, the run features' constants): a small direct-mapped
          // cache of their rows (-1 when absent) answers most of them without the filter and the slots of the table.
          const c = (h & PROBE_MASK) * 2;
          let wo: number;
          if (probes[c] === h) {
            wo = probes[c + 1];
          } else {
            wo = -1;
            // A 1-bit-per-hash filter rejects most absent features without touching the slots.
            if ((filter[(h >>> 5) & filterMask] & (1 << (h & 31))) !== 0) {
              let idx = h & mask;
              let key = slots[idx * 2];
              while (key !== 0 && key !== h) {
                idx = (idx + 1) & mask;
                key = slots[idx * 2];
              }
              if (key !== 0) wo = slots[idx * 2 + 1] * 9;
            }
            probes[c] = h;
            probes[c + 1] = wo;
          }
          if (wo < 0) continue;
          e0 += weights[wo + 0];
          e1 += weights[wo + 1];
          e2 += weights[wo + 2];
          e3 += weights[wo + 3];
          e4 += weights[wo + 4];
          e5 += weights[wo + 5];
          e6 += weights[wo + 6];
          e7 += weights[wo + 7];
          e8 += weights[wo + 8];
        }
        const eo = i * 9;
        emit[eo + 0] = e0;
        emit[eo + 1] = e1;
        emit[eo + 2] = e2;
        emit[eo + 3] = e3;
        emit[eo + 4] = e4;
        emit[eo + 5] = e5;
        emit[eo + 6] = e6;
        emit[eo + 7] = e7;
        emit[eo + 8] = e8;
      }
    }
    return emit;
  }

  /** First-stage labels of a document into this.firstLabels, from the emissions in this.emit. */
  private decode(doc: DocInput, emit: Float32Array, transitions: Float32Array, out: Uint8Array): void {
    for (const [s, e] of doc.sentences) {
      const len = e - s;
      if (this.back.length < len * NUM_LABELS) {
        this.back = new Uint8Array(len * NUM_LABELS * 2);
      }
      viterbi(emit, transitions, s, e, out, this.back, this.forced);
    }
  }

  /**
   * The second stage's inputs for a document: the first stage's emissions and its feature ids
   * (n x NUM_DOC; none for a closed word's forced O, which the second stage leaves alone). Both buffers are reused by the next call; training copies them.
   */
  secondStageInputs(doc: DocInput): { emit: Float32Array; codes: Int32Array } {
    const n = doc.words.length;
    const emit = this.emissions(doc);
    if (this.firstLabels.length < n) this.firstLabels = new Uint8Array(Math.max(n, this.firstLabels.length * 2));
    const first = this.firstLabels.subarray(0, n);
    this.decode(doc, emit, this.transitions, first);
    if (this.docCodes.length < n * NUM_DOC) this.docCodes = new Int32Array(Math.max(n * NUM_DOC, this.docCodes.length * 2));
    this.docStage.codes(this.extractor.current(), doc.sentences, n, first, emit, this.pool, this.selfAt, this.docCodes, this.forced);
    return { emit, codes: this.docCodes };
  }

  /** BIO label indices (see LABELS) for every token of the document; the returned buffer is reused by the next call. */
  labelDocument(doc: DocInput): Uint8Array {
    const n = doc.words.length;
    if (this.labels.length < n) this.labels = new Uint8Array(Math.max(n, this.labels.length * 2));
    const labels = this.labels.subarray(0, n);
    const stage2 = this.stage2;
    if (!stage2) {
      this.decode(doc, this.emissions(doc), this.transitions, labels);
      return labels;
    }
    const { emit, codes } = this.secondStageInputs(doc);
    addDocScores(emit, codes, stage2.weights, n, this.forced);
    this.decode(doc, emit, stage2.transitions, labels);
    return labels;
  }

  tag(text: string, tokens: Token[], sentences: Sentence[]): NerSpan[] {
    const words = new Array<string>(tokens.length);
    for (let i = 0; i < tokens.length; i++) words[i] = tokens[i].text;
    const sents = new Array<readonly [number, number]>(sentences.length);
    for (let i = 0; i < sentences.length; i++) sents[i] = [sentences[i].tokenStart, sentences[i].tokenEnd];
    const labels = this.labelDocument({ words, sentences: sents });
    const datelines = labelDatelines(text, tokens, labels);
    const found: LabelSpan[] = [];
    for (const [s, e] of sents) spansOf(labels, s, e, found);
    const spans: NerSpan[] = found.map((sp) => ({
      start: tokens[sp.tokenStart].start,
      end: tokens[sp.tokenEnd - 1].end,
      label: TYPE_LABELS[sp.type],
      tokenStart: sp.tokenStart,
      tokenEnd: sp.tokenEnd,
    }));
    if (datelines) for (const sp of spans) if (datelines.has(sp.tokenStart) && sp.label === 'LOC') sp.dateline = true;
    return splitCoordinations(spans, tokens);
  }
}

/** Parses the model file's contents (no file system access) into a ready tagger. */
export function loadTagger(modelText: string, gazetteer: Gazetteer): Tagger {
  return loadPerceptron(modelText, gazetteer);
}

export function loadPerceptron(modelText: string, gazetteer: Gazetteer): PerceptronTagger {
  const model = JSON.parse(modelText) as ModelFile;
  checkModel(model);
  return perceptron(model, decodeRows(model.data, model.rows, NUM_LABELS, 'NER model'), gazetteer);
}

/** A tagger from ner-model.bin's bytes, the JSON file's derivation (modelPack.ts): the same tagger, loaded without parsing. */
export function loadTaggerBinary(bin: Uint8Array, gazetteer: Gazetteer): PerceptronTagger {
  const { header, rows } = unpackModel(bin);
  checkModel(header);
  return perceptron(header, rows, gazetteer);
}

function checkModel(model: ModelHeader): void {
  if (model.format !== MODEL_FORMAT) throw new Error(`not a Dossier NER model (format ${String(model.format)})`);
  if (model.featureVersion !== FEATURE_VERSION) {
    throw new Error(`NER model was trained with features v${model.featureVersion}, code has v${FEATURE_VERSION}; run "npm run train"`);
  }
  if (model.labels.join(' ') !== LABELS.join(' ')) throw new Error('NER model labels differ from the code');
}

function perceptron(model: ModelHeader, rows: ModelRows, gazetteer: Gazetteer): PerceptronTagger {
  const clusters = model.clusters ? new WordClusters(model.clusters) : null;
  const tagger = new PerceptronTagger(rows.hashes, rows.q, rows.scales, Float32Array.from(model.transitions), gazetteer, clusters);
  if (model.stage2) {
    if (model.stage2.version !== DOC_STAGE_VERSION) {
      throw new Error(`NER model's second stage is v${model.stage2.version}, code has v${DOC_STAGE_VERSION}; run "npm run train"`);
    }
    tagger.setSecondStage({ weights: Float32Array.from(model.stage2.weights), transitions: Float32Array.from(model.stage2.transitions) });
  }
  if (model.closed) tagger.setClosedWords(new Set(model.closed.split(' ')));
  return tagger;
}

/** A tagger straight from trained float weights (quantised the same way as the file), for evaluation during training. */
export function taggerFromWeights(
  hashes: Uint32Array,
  weights: Float32Array,
  transitions: Float32Array,
  gazetteer: Gazetteer,
  clusters: WordClusters | null = null,
): PerceptronTagger {
  const { q, scales } = quantize(weights);
  return new PerceptronTagger(hashes, q, scales, transitions, gazetteer, clusters);
}
