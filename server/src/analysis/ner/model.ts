import type { Gazetteer } from '../gazetteer';
import type { Sentence, Token } from '../types';
import type { NerLabel, NerSpan, Tagger } from '.';
import { BOUNDARY_GROUPS, FEATURE_VERSION, FeatureExtractor, NUM_CONTEXT, type DocInput, type WordGroups } from './features';
import { LABELS, NUM_LABELS, spansOf, viterbi, type LabelSpan } from './viterbi';

/*
 * The trained averaged-perceptron tagger at run time, and its file format.
 *
 * server/data/ner-model.json is JSON with a base64 payload: for each kept
 * feature, its 32-bit hash, a float32 scale and NUM_LABELS int8 weights
 * (weight = int8 * scale). Per-row scales keep the small weights of rare
 * features precise while the whole table stays at ~17 bytes a feature.
 */

export const MODEL_FORMAT = 'dossier-ner-perceptron';

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  featureVersion: number;
  labels: string[];
  rows: number;
  /** (NUM_LABELS + 1) x NUM_LABELS, last row = sentence start. */
  transitions: number[];
  /** base64 of hashes (u32 LE x rows), scales (f32 LE x rows), weights (i8 x rows x labels). */
  data: string;
  /** Free-form provenance (training sets, epochs); not read by the loader. */
  info?: Record<string, unknown>;
}

const TYPE_LABELS: NerLabel[] = ['PER', 'ORG', 'LOC', 'MISC'];

/**
 * Open-addressing table from feature hash to weights, with the weights stored
 * in the slot: 32 bytes = int32 key + NUM_LABELS int16 weights (one global
 * scale), so a look-up costs one cache line. Tagging speed is bound by these
 * memory accesses, not by arithmetic. 0 marks an empty slot (hashes are never
 * 0); keys are int32 because V8 keeps those as small integers, whereas uint32
 * values above 2^31 become doubles.
 */
class FeatureTable {
  static readonly INTS = 8;
  readonly keys: Int32Array;
  readonly weights: Int16Array;
  readonly mask: number;
  readonly scale: number;

  constructor(hashes: Uint32Array, q: Int8Array, scales: Float32Array) {
    let size = 1;
    while (size < hashes.length * 2) size <<= 1;
    this.keys = new Int32Array(size * FeatureTable.INTS);
    this.weights = new Int16Array(this.keys.buffer);
    this.mask = size - 1;
    let max = 0;
    for (let r = 0; r < hashes.length; r++) max = Math.max(max, Math.abs(scales[r]) * 127);
    this.scale = max > 0 ? max / 32767 : 1;
    for (let r = 0; r < hashes.length; r++) {
      const h = hashes[r] | 0;
      let idx = h & this.mask;
      while (this.keys[idx * 8] !== 0 && this.keys[idx * 8] !== h) idx = (idx + 1) & this.mask;
      this.keys[idx * 8] = h;
      const f = scales[r] / this.scale;
      for (let l = 0; l < NUM_LABELS; l++) this.weights[idx * 16 + 2 + l] = Math.round(q[r * NUM_LABELS + l] * f);
    }
  }

  /** Int16 offset of the weights of a feature, or -1 when the model does not have it. */
  find(hash: number): number {
    const keys = this.keys;
    const mask = this.mask;
    const h = hash | 0;
    let idx = h & mask;
    let key = keys[idx * 8];
    while (key !== 0 && key !== h) {
      idx = (idx + 1) & mask;
      key = keys[idx * 8];
    }
    return key === 0 ? -1 : idx * 16 + 2;
  }
}

export class PerceptronTagger implements Tagger {
  private readonly table: FeatureTable;
  private readonly extractor: FeatureExtractor;
  private emit = new Float32Array(0);
  private score = new Float64Array(0);
  private back = new Uint8Array(0);
  private readonly wordCache = new Map<string, Float32Array>();
  private readonly boundary: Float32Array;

  constructor(
    hashes: Uint32Array,
    /** Quantised weights (rows x labels) and per-row scales, as stored in the model file. */
    weights: Int8Array,
    scales: Float32Array,
    private readonly transitions: Float32Array,
    gazetteer: Gazetteer,
  ) {
    if (weights.length !== hashes.length * NUM_LABELS || scales.length !== hashes.length) throw new Error('weights do not match features');
    if (transitions.length !== (NUM_LABELS + 1) * NUM_LABELS) throw new Error('bad transition matrix');
    this.table = new FeatureTable(hashes, weights, scales);
    this.extractor = new FeatureExtractor(gazetteer);
    this.boundary = this.groupScores(BOUNDARY_GROUPS);
  }

  /** Summed weights of a word's one-word feature groups: [self | as prev | as next | as prev2 | as next2] x labels. */
  private groupScores(g: WordGroups): Float32Array {
    const L = NUM_LABELS;
    const v = new Float32Array(5 * L);
    const { weights, scale } = this.table;
    [g.self, g.prev, g.next, g.prev2, g.next2].forEach((hashes, gi) => {
      for (const h of hashes) {
        const o = this.table.find(h);
        if (o < 0) continue;
        for (let l = 0; l < L; l++) v[gi * L + l] += weights[o + l] * scale;
      }
    });
    return v;
  }

  private wordScores(word: string): Float32Array {
    let v = this.wordCache.get(word);
    if (!v) {
      v = this.groupScores(this.extractor.wordGroups(word));
      // Bounded so a long-running server does not grow without limit.
      if (this.wordCache.size > 100000) this.wordCache.clear();
      this.wordCache.set(word, v);
    }
    return v;
  }

  /** BIO label indices (see LABELS) for every token of the document. */
  labelDocument(doc: DocInput): Uint8Array {
    const L = NUM_LABELS;
    const n = doc.words.length;
    const hashes = this.extractor.extract(doc, false);
    const feats = new Int32Array(hashes.buffer, hashes.byteOffset, hashes.length);
    if (this.emit.length < n * L) this.emit = new Float32Array(n * L * 2);
    const emit = this.emit;
    const { keys, weights, mask, scale } = this.table;
    const vecs: Float32Array[] = new Array<Float32Array>(n);
    for (let i = 0; i < n; i++) vecs[i] = this.wordScores(doc.words[i]);
    const edge = this.boundary;
    for (const [s, e] of doc.sentences) {
      for (let i = s; i < e; i++) {
        const eo = i * L;
        const self = vecs[i];
        const prev = i > s ? vecs[i - 1] : edge;
        const next = i + 1 < e ? vecs[i + 1] : edge;
        const prev2 = i > s + 1 ? vecs[i - 2] : edge;
        const next2 = i + 2 < e ? vecs[i + 2] : edge;
        for (let l = 0; l < L; l++) emit[eo + l] = self[l] + prev[L + l] + next[2 * L + l] + prev2[3 * L + l] + next2[4 * L + l];
        const fo = i * NUM_CONTEXT;
        for (let k = 0; k < NUM_CONTEXT; k++) {
          const h = feats[fo + k];
          let idx = h & mask;
          let key = keys[idx * 8];
          while (key !== 0 && key !== h) {
            idx = (idx + 1) & mask;
            key = keys[idx * 8];
          }
          if (key === 0) continue;
          const wo = idx * 16 + 2;
          for (let l = 0; l < L; l++) emit[eo + l] += weights[wo + l] * scale;
        }
      }
    }
    const labels = new Uint8Array(n);
    for (const [s, e] of doc.sentences) {
      const len = e - s;
      if (this.score.length < len * L) {
        this.score = new Float64Array(len * L * 2);
        this.back = new Uint8Array(len * L * 2);
      }
      viterbi(emit, this.transitions, s, e, labels, this.score, this.back);
    }
    return labels;
  }

  tag(text: string, tokens: Token[], sentences: Sentence[]): NerSpan[] {
    const words = tokens.map((t) => t.text);
    const sents = sentences.map((s) => [s.tokenStart, s.tokenEnd] as const);
    const labels = this.labelDocument({ words, sentences: sents });
    const found: LabelSpan[] = [];
    for (const [s, e] of sents) spansOf(labels, s, e, found);
    return found.map((sp) => ({
      start: tokens[sp.tokenStart].start,
      end: tokens[sp.tokenEnd - 1].end,
      label: TYPE_LABELS[sp.type],
      tokenStart: sp.tokenStart,
      tokenEnd: sp.tokenEnd,
    }));
  }
}

/** Parses the model file's contents (no file system access) into a ready tagger. */
export function loadTagger(modelText: string, gazetteer: Gazetteer): Tagger {
  return loadPerceptron(modelText, gazetteer);
}

export function loadPerceptron(modelText: string, gazetteer: Gazetteer): PerceptronTagger {
  const model = JSON.parse(modelText) as ModelFile;
  if (model.format !== MODEL_FORMAT) throw new Error(`not a Dossier NER model (format ${String(model.format)})`);
  if (model.featureVersion !== FEATURE_VERSION) {
    throw new Error(`NER model was trained with features v${model.featureVersion}, code has v${FEATURE_VERSION}; run "npm run train"`);
  }
  if (model.labels.join(' ') !== LABELS.join(' ')) throw new Error('NER model labels differ from the code');
  const rows = model.rows;
  const bytes = Buffer.from(model.data, 'base64');
  if (bytes.length !== rows * (8 + NUM_LABELS)) throw new Error('NER model payload has the wrong size');
  // Copy into aligned buffers: the decoded Buffer may start at any byte offset.
  const hashes = new Uint32Array(rows);
  const scales = new Float32Array(rows);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let r = 0; r < rows; r++) {
    hashes[r] = view.getUint32(r * 4, true);
    scales[r] = view.getFloat32(rows * 4 + r * 4, true);
  }
  const weights = new Int8Array(rows * NUM_LABELS);
  weights.set(new Int8Array(bytes.buffer, bytes.byteOffset + rows * 8, rows * NUM_LABELS));
  return new PerceptronTagger(hashes, weights, scales, Float32Array.from(model.transitions), gazetteer);
}

/** Per-row int8 quantisation: each row's largest weight maps to +-127. */
export function quantize(weights: Float32Array): { q: Int8Array; scales: Float32Array } {
  const L = NUM_LABELS;
  const rows = weights.length / L;
  const q = new Int8Array(weights.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let l = 0; l < L; l++) max = Math.max(max, Math.abs(weights[r * L + l]));
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    if (scale > 0) for (let l = 0; l < L; l++) q[r * L + l] = Math.round(weights[r * L + l] / scale);
  }
  return { q, scales };
}

/** A tagger straight from trained float weights (quantised the same way as the file), for evaluation during training. */
export function taggerFromWeights(hashes: Uint32Array, weights: Float32Array, transitions: Float32Array, gazetteer: Gazetteer): PerceptronTagger {
  const { q, scales } = quantize(weights);
  return new PerceptronTagger(hashes, q, scales, transitions, gazetteer);
}

/**
 * Serialises a trained model: drops features whose largest weight is below
 * minWeight (they hardly ever change a decision) and quantises the rest.
 */
export function serializeModel(
  hashes: Uint32Array,
  weights: Float32Array,
  transitions: Float32Array,
  minWeight: number,
  info?: Record<string, unknown>,
): string {
  const L = NUM_LABELS;
  const keep: number[] = [];
  for (let r = 0; r < hashes.length; r++) {
    let max = 0;
    for (let l = 0; l < L; l++) max = Math.max(max, Math.abs(weights[r * L + l]));
    if (max >= minWeight) keep.push(r);
  }
  // Sorted hashes make the file deterministic and compress well if anyone gzips it.
  keep.sort((a, b) => hashes[a] - hashes[b]);
  const rows = keep.length;
  const buf = Buffer.alloc(rows * (8 + L));
  const { q, scales } = quantize(weights);
  keep.forEach((r, i) => {
    buf.writeUInt32LE(hashes[r], i * 4);
    buf.writeFloatLE(scales[r], rows * 4 + i * 4);
    for (let l = 0; l < L; l++) buf.writeInt8(q[r * L + l], rows * 8 + i * L + l);
  });
  const file: ModelFile = {
    format: MODEL_FORMAT,
    featureVersion: FEATURE_VERSION,
    labels: [...LABELS],
    rows,
    transitions: Array.from(transitions, (x) => Math.round(x * 1e4) / 1e4),
    data: buf.toString('base64'),
    info,
  };
  return JSON.stringify(file);
}
