import { PackedWeightTable } from '../learn/packedTable';
import { viterbi } from '../learn/sequence';
import { decodeRows, encodeRows, quantizeRows } from '../learn/weightRows';
import type { MergeParams } from './merge';
import type { ClaimContext } from './context';
import { FEATURES_PER_TOKEN } from './features';
import { MODEL_ONLY_BLEND, type ScoreBlend } from './score';
import { STACK_FEATURES, stackOnly } from './stack';
import { CLAIM_TAGS, NUM_TAGS, TAGS } from './tags';

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
  const out = new Uint8Array(maxLen);
  for (let a = 0; a < n;) {
    let b = a + 1;
    while (b < n && ctx.blockOf[b] === ctx.blockOf[a]) b++;
    viterbi(CLAIM_TAGS, emit.subarray(a * L, b * L), transitions, b - a, out, score, back);
    tags.set(out.subarray(0, b - a), a);
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
