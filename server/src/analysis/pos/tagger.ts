import { decodeRows, encodeRows } from '../learn/weightRows';
import { WordTable } from '../ner/wordTable';
import {
  BOUNDARY_WORD,
  CHUNK_DENSE,
  chunkDenseCodes,
  chunkDenseSizes,
  denseHash,
  POS_DENSE,
  POS_FEATURE_VERSION,
  posDenseCodes,
  posDenseSizes,
  posWordGroups,
  type PosWordGroups,
} from './features';

/*
 * Part-of-speech tagger and chunker at run time: two greedy averaged
 * perceptrons (greedy.ts) trained on the POS and chunk columns of CoNLL-2003
 * train (Penn Treebank tags; IOB2 chunks, B-NP I-NP B-VP ...). The chunker
 * reads the tagger's predicted tags. Per word type, the summed weights of the
 * word templates are cached, so a token costs a few vector additions.
 */

export const POS_MODEL_FORMAT = 'dossier-pos-chunk';

export interface PosModelFile {
  format: typeof POS_MODEL_FORMAT;
  featureVersion: number;
  posTags: string[];
  chunkTags: string[];
  /** Rows (hash, scale, int8 weights) in the payload format of learn/weightRows.ts. */
  pos: { rows: number; data: string };
  chunk: { rows: number; data: string };
  info?: Record<string, unknown>;
}

export interface TrainedPos {
  posTags: string[];
  chunkTags: string[];
  pos: { hashes: Uint32Array; weights: Float32Array };
  chunk: { hashes: Uint32Array; weights: Float32Array };
}

/** Weights pruned below this are left out of the file. */
const MIN_WEIGHT = 0.05;

export function serializePosModel(m: TrainedPos, info?: Record<string, unknown>): PosModelFile {
  return {
    format: POS_MODEL_FORMAT,
    featureVersion: POS_FEATURE_VERSION,
    posTags: m.posTags,
    chunkTags: m.chunkTags,
    pos: encodeRows(m.pos.hashes, m.pos.weights, m.posTags.length, MIN_WEIGHT),
    chunk: encodeRows(m.chunk.hashes, m.chunk.weights, m.chunkTags.length, MIN_WEIGHT),
    info,
  };
}

/** Per word type: the summed weights of its templates, [self | as prev | as next | as prev2 | as next2] x K, then [self | prev | next] x C. */
type WordScores = Float32Array;

class Rows {
  private readonly index = new Map<number, number>();
  readonly weights: Float32Array;
  constructor(
    hashes: Uint32Array,
    q: Int8Array,
    scales: Float32Array,
    readonly labels: number,
  ) {
    this.weights = new Float32Array(q.length);
    for (let r = 0; r < hashes.length; r++) {
      this.index.set(hashes[r], r);
      for (let l = 0; l < labels; l++) this.weights[r * labels + l] = q[r * labels + l] * scales[r];
    }
  }
  add(hashes: Uint32Array, out: Float32Array, at: number): void {
    const L = this.labels;
    for (const h of hashes) {
      const r = this.index.get(h);
      if (r !== undefined) for (let l = 0; l < L; l++) out[at + l] += this.weights[r * L + l];
    }
  }
  /** Dense table of templates[j] over its code domain sizes[j]: offsets[j] + code * L. */
  dense(templates: number[], sizes: number[]): { table: Float32Array; offsets: Int32Array } {
    const L = this.labels;
    const offsets = new Int32Array(templates.length);
    let total = 0;
    sizes.forEach((s, j) => {
      offsets[j] = total;
      total += s * L;
    });
    const table = new Float32Array(total);
    templates.forEach((t, j) => {
      for (let code = 0; code < sizes[j]; code++) this.add(Uint32Array.of(denseHash(t, code)), table, offsets[j] + code * L);
    });
    return { table, offsets };
  }
}

/** Word types whose scores are kept before the cache starts over (~19 MB with the CoNLL tag sets). */
const CACHE_MAX_WORDS = 1 << 14;

export class PosChunker {
  readonly posTags: readonly string[];
  readonly chunkTags: readonly string[];
  private readonly K: number;
  private readonly C: number;
  private readonly posRows: Rows;
  private readonly chunkRows: Rows;
  /** Bias + previous tag + previous two tags, summed: (K + 1)^2 x K by p2 * (K + 1) + p1. */
  private readonly posHistory: Float32Array;
  private readonly chunkDense: { table: Float32Array; offsets: Int32Array };
  private readonly cache = new WordTable<WordScores>();
  private readonly boundary: WordScores;
  private readonly codes = new Int32Array(CHUNK_DENSE.length);
  private pos = new Uint8Array(0);
  private chunk = new Uint8Array(0);
  private scores: WordScores[] = [];
  /** Whether the NER templates read the chunks (an experiment's switch, recorded in the file's info). */
  readonly withChunks: boolean;

  constructor(file: PosModelFile) {
    if (file.format !== POS_MODEL_FORMAT) throw new Error('not a Dossier POS model');
    if (file.featureVersion !== POS_FEATURE_VERSION)
      throw new Error(`POS model has features v${file.featureVersion}, code v${POS_FEATURE_VERSION}`);
    this.withChunks = file.info?.withChunks !== false;
    this.posTags = file.posTags;
    this.chunkTags = file.chunkTags;
    const K = (this.K = file.posTags.length);
    const C = (this.C = file.chunkTags.length);
    const p = decodeRows(file.pos.data, file.pos.rows, K, 'POS model');
    this.posRows = new Rows(p.hashes, p.q, p.scales, K);
    const c = decodeRows(file.chunk.data, file.chunk.rows, C, 'chunk model');
    this.chunkRows = new Rows(c.hashes, c.q, c.scales, C);
    const hist = this.posRows.dense(POS_DENSE, posDenseSizes(K));
    this.posHistory = new Float32Array((K + 1) * (K + 1) * K);
    const codes = new Int32Array(POS_DENSE.length);
    for (let p2 = 0; p2 <= K; p2++) {
      for (let p1 = 0; p1 <= K; p1++) {
        posDenseCodes(K, p2, p1, codes);
        const at = (p2 * (K + 1) + p1) * K;
        for (let j = 0; j < POS_DENSE.length; j++) {
          const o = hist.offsets[j] + codes[j] * K;
          for (let l = 0; l < K; l++) this.posHistory[at + l] += hist.table[o + l];
        }
      }
    }
    this.chunkDense = this.chunkRows.dense(CHUNK_DENSE, chunkDenseSizes(K, C));
    this.boundary = this.wordScores(posWordGroups(BOUNDARY_WORD), true);
  }

  private wordScores(g: PosWordGroups, boundary = false): WordScores {
    const K = this.K;
    const C = this.C;
    const v = new Float32Array(5 * K + 3 * C);
    if (!boundary) this.posRows.add(g.self, v, 0);
    this.posRows.add(g.prev, v, K);
    this.posRows.add(g.next, v, 2 * K);
    this.posRows.add(g.prev2, v, 3 * K);
    this.posRows.add(g.next2, v, 4 * K);
    if (!boundary) this.chunkRows.add(g.chunkSelf, v, 5 * K);
    this.chunkRows.add(g.chunkPrev, v, 5 * K + C);
    this.chunkRows.add(g.chunkNext, v, 5 * K + 2 * C);
    return v;
  }

  private scoresOf(w: string): WordScores {
    let v = this.cache.get(w);
    if (v === undefined) {
      if (this.cache.size >= CACHE_MAX_WORDS) this.cache.clear();
      v = this.wordScores(posWordGroups(w));
      this.cache.add(w, v);
    }
    return v;
  }

  /**
   * Part-of-speech and chunk tag indices (into posTags, chunkTags) of every token.
   * Both buffers are reused by the next call.
   */
  tag(words: readonly string[], sentences: ReadonlyArray<readonly [number, number]>): { pos: Uint8Array; chunk: Uint8Array } {
    const n = words.length;
    if (this.pos.length < n) {
      this.pos = new Uint8Array(Math.max(n, this.pos.length * 2));
      this.chunk = new Uint8Array(this.pos.length);
    }
    const { pos, chunk, K, C, boundary, posHistory, codes } = this;
    const scores = this.scores;
    scores.length = n;
    for (let i = 0; i < n; i++) scores[i] = this.scoresOf(words[i]);
    const { table, offsets } = this.chunkDense;
    const nDense = offsets.length;
    const buf = new Float32Array(Math.max(K, C));
    for (const [s, e] of sentences) {
      for (let t = s; t < e; t++) {
        const self = scores[t];
        const pv = t > s ? scores[t - 1] : boundary;
        const nx = t + 1 < e ? scores[t + 1] : boundary;
        const pv2 = t > s + 1 ? scores[t - 2] : boundary;
        const nx2 = t + 2 < e ? scores[t + 2] : boundary;
        const p1 = t > s ? pos[t - 1] : K;
        const p2 = t > s + 1 ? pos[t - 2] : K;
        const h = (p2 * (K + 1) + p1) * K;
        let best = 0;
        let bestScore = -Infinity;
        for (let l = 0; l < K; l++) {
          const v = self[l] + pv[K + l] + nx[2 * K + l] + pv2[3 * K + l] + nx2[4 * K + l] + posHistory[h + l];
          if (v > bestScore) {
            bestScore = v;
            best = l;
          }
        }
        pos[t] = best;
      }
      for (let t = s; t < e; t++) {
        const o = 5 * K;
        const self = scores[t];
        const pv = t > s ? scores[t - 1] : boundary;
        const nx = t + 1 < e ? scores[t + 1] : boundary;
        for (let l = 0; l < C; l++) buf[l] = self[o + l] + pv[o + C + l] + nx[o + 2 * C + l];
        chunkDenseCodes(K, C, pos, chunk, t, s, e, codes);
        for (let j = 0; j < nDense; j++) {
          const at = offsets[j] + codes[j] * C;
          for (let l = 0; l < C; l++) buf[l] += table[at + l];
        }
        let best = 0;
        for (let l = 1; l < C; l++) if (buf[l] > buf[best]) best = l;
        chunk[t] = best;
      }
    }
    return { pos: pos.subarray(0, n), chunk: chunk.subarray(0, n) };
  }
}
