import { FEATURE_VERSION } from './features';
import { DOC_STAGE_VERSION } from './docStage';
import { LABELS, NUM_LABELS } from './viterbi';
import { encodeRows, quantizeRows } from '../learn/weightRows';

/*
 * The NER model's file format.
 *
 * server/data/ner-model.json is JSON with a base64 payload: for each kept
 * feature, its 32-bit hash, a float32 scale and NUM_LABELS int8 weights
 * (weight = int8 * scale). Per-row scales keep the small weights of rare
 * features precise while the whole table stays at ~17 bytes a feature. The
 * payload's code (learn/weightRows.ts) is shared with the claims model.
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
  /** The document-level second stage (docStage.ts): dense weights (DOC_FEATURES x labels) and transitions. */
  stage2?: { version: number; weights: number[]; transitions: number[] };
  /** Word clusters (clusters.ts): the space-separated words of each fine cluster. */
  clusters?: string[];
  /** Closed words (closedWords.ts), joined by single spaces: O in a normally cased sentence, not scored. */
  closed?: string;
  /** Free-form provenance (training sets, epochs); not read by the loader. */
  info?: Record<string, unknown>;
}

/** Per-row int8 quantisation (learn/weightRows.ts) over the NER labels. */
export function quantize(weights: Float32Array): { q: Int8Array; scales: Float32Array } {
  return quantizeRows(weights, NUM_LABELS);
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
  stage2?: { weights: Float32Array; transitions: Float32Array },
  clusters?: readonly string[],
  closed?: readonly string[],
): string {
  const { rows, data } = encodeRows(hashes, weights, NUM_LABELS, minWeight);
  const file: ModelFile = {
    format: MODEL_FORMAT,
    featureVersion: FEATURE_VERSION,
    labels: [...LABELS],
    rows,
    transitions: Array.from(transitions, (x) => Math.round(x * 1e4) / 1e4),
    data,
    ...(stage2
      ? {
          stage2: {
            version: DOC_STAGE_VERSION,
            weights: Array.from(stage2.weights, (x) => Math.round(x * 1e4) / 1e4),
            transitions: Array.from(stage2.transitions, (x) => Math.round(x * 1e4) / 1e4),
          },
        }
      : {}),
    ...(clusters ? { clusters: [...clusters] } : {}),
    ...(closed ? { closed: closed.join(' ') } : {}),
    info,
  };
  return JSON.stringify(file);
}
