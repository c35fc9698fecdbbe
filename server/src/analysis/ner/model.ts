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

/** Open-addressing map from feature hash to weight row; 0 marks empty slots (hashes are never 0). */
class FeatureTable {
  readonly keys: Uint32Array;
  readonly rows: Int32Array;
  readonly mask: number;

  constructor(hashes: Uint32Array) {
    let size = 1;
    while (size < hashes.length * 2) size <<= 1;
    this.keys = new Uint32Array(size);
    this.rows = new Int32Array(size);
    this.mask = size - 1;
    for (let r = 0; r < hashes.length; r++) {
      const h = hashes[r];
      let idx = h & this.mask;
      while (this.keys[idx] !== 0 && this.keys[idx] !== h) idx = (idx + 1) & this.mask;
      this.keys[idx] = h;
      this.rows[idx] = r;
    }
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
    private readonly weights: Float32Array,
    private readonly transitions: Float32Array,
    gazetteer: Gazetteer,
  ) {
    if (weights.length !== hashes.length * NUM_LABELS) throw new Error('weights do not match features');
    if (transitions.length !== (NUM_LABELS + 1) * NUM_LABELS) throw new Error('bad transition matrix');
    this.table = new FeatureTable(hashes);
    this.extractor = new FeatureExtractor(gazetteer);
    this.boundary = this.groupScores(BOUNDARY_GROUPS);
  }

  private lookup(h: number): number {
    const { keys, rows, mask } = this.table;
    let idx = h & mask;
    let key = keys[idx];
    while (key !== 0 && key !== h) {
      idx = (idx + 1) & mask;
      key = keys[idx];
    }
    return key === 0 ? -1 : rows[idx];
  }

  /** Summed weights of a word's one-word feature groups: [self | as prev | as next | as prev2 | as next2] x labels. */
  private groupScores(g: WordGroups): Float32Array {
    const L = NUM_LABELS;
    const v = new Float32Array(5 * L);
    const w = this.weights;
    [g.self, g.prev, g.next, g.prev2, g.next2].forEach((hashes, gi) => {
      for (const h of hashes) {
        const r = this.lookup(h);
        if (r < 0) continue;
        for (let l = 0; l < L; l++) v[gi * L + l] += w[r * L + l];
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
    const feats = this.extractor.extract(doc, false);
    if (this.emit.length < n * L) this.emit = new Float32Array(n * L * 2);
    const emit = this.emit;
    const { keys, rows, mask } = this.table;
    const w = this.weights;
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
          let key = keys[idx];
          while (key !== 0 && key !== h) {
            idx = (idx + 1) & mask;
            key = keys[idx];
          }
          if (key === 0) continue;
          const wo = rows[idx] * L;
          for (let l = 0; l < L; l++) emit[eo + l] += w[wo + l];
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
  const weights = new Float32Array(rows * NUM_LABELS);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset + rows * 8, rows * NUM_LABELS);
  for (let r = 0; r < rows; r++) {
    const s = scales[r];
    const o = r * NUM_LABELS;
    for (let l = 0; l < NUM_LABELS; l++) weights[o + l] = q[o + l] * s;
  }
  return new PerceptronTagger(hashes, weights, Float32Array.from(model.transitions), gazetteer);
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
  keep.forEach((r, i) => {
    let max = 0;
    for (let l = 0; l < L; l++) max = Math.max(max, Math.abs(weights[r * L + l]));
    const scale = max / 127;
    buf.writeUInt32LE(hashes[r], i * 4);
    buf.writeFloatLE(scale, rows * 4 + i * 4);
    for (let l = 0; l < L; l++) buf.writeInt8(Math.round(weights[r * L + l] / scale), rows * 8 + i * L + l);
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
