import { PackedWeightTable } from '../learn/packedTable';
import { traceBack } from '../learn/sequence';
import { decodeRows, encodeRows, quantizeRows } from '../learn/weightRows';
import type { MergeParams } from './merge';
import type { ClaimContext } from './context';
import { FEATURES_PER_TOKEN } from './features';
import { MODEL_ONLY_BLEND, type ScoreBlend } from './score';
import { STACK_FEATURES, stackOnly } from './stack';
import { I_CON, I_CUE, I_SRC, NUM_TAGS, TAGS } from './tags';

/*
 * The trained attribution tagger at run time, and its file
 * (server/data/claims-model.json, written by `npm run train`):
 * JSON with a base64 payload holding, per kept feature, its 32-bit hash, a
 * float32 scale and NUM_TAGS int8 weights (weight = int8 * scale), plus the
 * tag transitions and the calibration of the confidence score; then the
 * same for the second pass (stack.ts), which retags with the first pass's tags
 * as features.
 */

export const CLAIM_MODEL_FORMAT = 'dossier-claims-perceptron';
/** Bumped whenever features.ts changes what a feature hash means: an old model file is then refused. */
export const CLAIM_FEATURE_VERSION = 5;

/** Logistic calibration of a claim's score from its margins (decode.ts), fitted on PolNeAR dev. */
export interface Calibration {
  bias: number;
  cue: number;
  content: number;
  source: number;
}

export interface ClaimModelFile {
  format: typeof CLAIM_MODEL_FORMAT;
  featureVersion: number;
  tags: string[];
  rows: number;
  /** (NUM_TAGS + 1) x NUM_TAGS, last row = sequence start. */
  transitions: number[];
  /** base64 of hashes (u32 LE x rows), scales (f32 LE x rows), weights (i8 x rows x tags). */
  data: string;
  /** The second pass (stack.ts): its rows, transitions and payload in the same encoding; absent: one pass. */
  second?: { rows: number; transitions: number[]; data: string };
  calibration: Calibration;
  merge: MergeParams;
  /** How the score table's kind precision and this model's confidence make a claim's score (fitted on dev); absent: the model's alone. */
  blend?: ScoreBlend;
  /** Cue words learned from PolNeAR train beyond the hand lexicon: word → share of its occurrences that are cues, in quarters (0-3). */
  cueWords: Record<string, number>;
  /** Free-form provenance (training set, epochs, dev scores); not read by the loader. */
  info?: Record<string, unknown>;
}

export interface Tagging {
  tags: Uint8Array;
  /** tokens x NUM_TAGS emission scores. */
  emit: Float32Array;
}

/** A pass's weights as the file holds them. */
export interface PassWeights {
  hashes: Uint32Array;
  /** rows x NUM_TAGS int8 weights, weight = int8 * scale of the row (the file's quantisation). */
  q: Int8Array;
  scales: Float32Array;
  transitions: Float32Array;
}

/**
 * learn/sequence.ts's viterbi over CLAIM_TAGS, for the tokens [a, a + n) of
 * emit, with the BIO constraint unrolled: I-X (2, 4, 6) follows only B-X or
 * I-X, every other tag follows anything. The same candidates in the same
 * order as the generic loop, so the same path and ties; without the
 * allowed-table test in the innermost loop, it was a fifth of the tagger's time.
 */
export function viterbiBio(
  emit: Float32Array,
  a: number,
  trans: Float32Array,
  n: number,
  out: Uint8Array,
  score: Float64Array,
  back: Uint8Array,
): void {
  const L = NUM_TAGS;
  const e0 = a * L;
  for (let c = 0; c < L; c++) score[c] = c === I_SRC || c === I_CUE || c === I_CON ? -Infinity : trans[L * L + c] + emit[e0 + c];
  for (let t = 1; t < n; t++) {
    const so = t * L;
    const po = so - L;
    for (let c = 0; c < L; c++) {
      let best = -Infinity;
      let arg = 0;
      if (c === I_SRC || c === I_CUE || c === I_CON) {
        const v1 = score[po + c - 1] + trans[(c - 1) * L + c];
        if (v1 > best) {
          best = v1;
          arg = c - 1;
        }
        const v2 = score[po + c] + trans[c * L + c];
        if (v2 > best) {
          best = v2;
          arg = c;
        }
      } else {
        for (let p = 0; p < L; p++) {
          const v = score[po + p] + trans[p * L + c];
          if (v > best) {
            best = v;
            arg = p;
          }
        }
      }
      score[so + c] = best + emit[e0 + so + c];
      back[so + c] = arg;
    }
  }
  traceBack(score, back, n, L, out, a);
}

/** Tags each block (paragraph, headline, comment) of a document by Viterbi over the emissions. */
function viterbiByBlock(ctx: ClaimContext, emit: Float32Array, transitions: Float32Array): Uint8Array {
  const n = ctx.tokens.length;
  const L = NUM_TAGS;
  const tags = new Uint8Array(n);
  let maxLen = 0;
  for (let a = 0; a < n;) {
    let b = a + 1;
    while (b < n && ctx.blockOf[b] === ctx.blockOf[a]) b++;
    maxLen = Math.max(maxLen, b - a);
    a = b;
  }
  const score = new Float64Array(maxLen * L);
  const back = new Uint8Array(maxLen * L);
  for (let a = 0; a < n;) {
    let b = a + 1;
    while (b < n && ctx.blockOf[b] === ctx.blockOf[a]) b++;
    viterbiBio(emit, a, transitions, b - a, tags, score, back);
    a = b;
  }
  return tags;
}

export class ClaimModel {
  /** Both passes' weights in one table (a feature of the first pass is one of the second's too: one look-up for both). */
  private readonly table: PackedWeightTable;
  private readonly secondTransitions: Float32Array | null;
  /** Set from the file (or by training once it is fitted). */
  blend: ScoreBlend = MODEL_ONLY_BLEND;
  constructor(
    hashes: Uint32Array,
    /** rows x NUM_TAGS int8 weights, weight = int8 * scale of the row (the file's quantisation). */
    q: Int8Array,
    scales: Float32Array,
    private readonly transitions: Float32Array,
    readonly calibration: Calibration,
    readonly merge: MergeParams,
    readonly cueWords: ReadonlyMap<string, number>,
    second?: PassWeights,
  ) {
    this.table = new PackedWeightTable([{ hashes, q, scales }, ...(second ? [second] : [])], NUM_TAGS);
    this.secondTransitions = second ? second.transitions : null;
  }

  get twoPass(): boolean {
    return this.secondTransitions !== null;
  }

  /** The first pass alone (training stacks the second pass on it). */
  tagFirst(ctx: ClaimContext, feats: Uint32Array): Tagging {
    const n = ctx.tokens.length;
    const emit = new Float32Array(n * NUM_TAGS);
    this.table.emissions(feats, FEATURES_PER_TOKEN, n, emit, 0);
    return { tags: viterbiByBlock(ctx, emit, this.transitions), emit };
  }

  /** Tags every token; sequences are the runs of tokens in one block (paragraph, headline, comment). */
  tag(ctx: ClaimContext, feats: Uint32Array): Tagging {
    if (!this.secondTransitions) return this.tagFirst(ctx, feats);
    const n = ctx.tokens.length;
    const emit1 = new Float32Array(n * NUM_TAGS);
    // The second pass's emissions start with the first pass's features, summed in the same order as its own table would.
    const emit2 = new Float32Array(n * NUM_TAGS);
    this.table.emissionsBoth(feats, FEATURES_PER_TOKEN, n, emit1, emit2);
    const tags1 = viterbiByBlock(ctx, emit1, this.transitions);
    this.table.emissions(stackOnly(ctx, feats, tags1, emit1), STACK_FEATURES, n, emit2, 1);
    return { tags: viterbiByBlock(ctx, emit2, this.secondTransitions), emit: emit2 };
  }
}

/** A model straight from trained float weights, quantised as the file will be (for tuning during training). */
export function modelFromWeights(
  hashes: Uint32Array,
  weights: Float32Array,
  transitions: Float32Array,
  calibration: Calibration,
  merge: MergeParams,
  cueWords: ReadonlyMap<string, number>,
  second?: PassWeights,
): ClaimModel {
  const { q, scales } = quantizeRows(weights, NUM_TAGS);
  return new ClaimModel(hashes, q, scales, transitions, calibration, merge, cueWords, second);
}

/** A pass's trained float weights as the file will hold them: pruned below minWeight and quantised. */
export function passAsWritten(hashes: Uint32Array, weights: Float32Array, transitions: Float32Array, minWeight: number): PassWeights {
  const { rows, data } = encodeRows(hashes, weights, NUM_TAGS, minWeight);
  return { ...decodeRows(data, rows, NUM_TAGS, 'claims model'), transitions };
}

export function parseClaimModel(file: ClaimModelFile): ClaimModel {
  if (file.format !== CLAIM_MODEL_FORMAT) throw new Error(`not a Dossier claims model (format ${String(file.format)})`);
  if (file.featureVersion !== CLAIM_FEATURE_VERSION) {
    throw new Error(`claims model has features v${file.featureVersion}, the code v${CLAIM_FEATURE_VERSION}; run "npm run train"`);
  }
  if (file.tags.join(' ') !== TAGS.join(' ')) throw new Error('claims model tags differ from the code');
  const { hashes, q, scales } = decodeRows(file.data, file.rows, NUM_TAGS, 'claims model');
  const second = file.second
    ? {
        ...decodeRows(file.second.data, file.second.rows, NUM_TAGS, 'claims model (second pass)'),
        transitions: Float32Array.from(file.second.transitions),
      }
    : undefined;
  const model = new ClaimModel(
    hashes,
    q,
    scales,
    Float32Array.from(file.transitions),
    file.calibration,
    file.merge,
    new Map(Object.entries(file.cueWords)),
    second,
  );
  if (file.blend) model.blend = file.blend;
  return model;
}

/** Serialises a trained model, dropping features whose largest weight is below minWeight. */
export function serializeClaimModel(
  hashes: Uint32Array,
  weights: Float32Array,
  transitions: Float32Array,
  calibration: Calibration,
  merge: MergeParams,
  cueWords: ReadonlyMap<string, number>,
  minWeight: number,
  info?: Record<string, unknown>,
  blend?: ScoreBlend,
  second?: { hashes: Uint32Array; weights: Float32Array; transitions: Float32Array },
): string {
  const { rows, data } = encodeRows(hashes, weights, NUM_TAGS, minWeight);
  const round = (t: Float32Array) => Array.from(t, (x) => Math.round(x * 1e4) / 1e4);
  const file: ClaimModelFile = {
    format: CLAIM_MODEL_FORMAT,
    featureVersion: CLAIM_FEATURE_VERSION,
    tags: [...TAGS],
    rows,
    transitions: round(transitions),
    data,
    ...(second
      ? { second: { ...encodeRows(second.hashes, second.weights, NUM_TAGS, minWeight), transitions: round(second.transitions) } }
      : {}),
    calibration,
    merge,
    ...(blend ? { blend } : {}),
    cueWords: Object.fromEntries([...cueWords].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))),
    info,
  };
  return JSON.stringify(file);
}
