import { hashString, mix } from './hash';
import { RUN_EDGE_SIZE, RUN_INNER_SIZE } from './runContext';

/*
 * The feature templates of the tagger and their ids. Part of FEATURE_VERSION
 * (features.ts): ids and counts may not change without retraining.
 */

export const enum T {
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
  // v6: word clusters (clusters.ts) of the token and its neighbours.
  Cluster,
  ClusterFine,
  PrevCluster,
  NextCluster,
  // v6: capitalised runs and their context classes (runContext.ts).
  RunInner,
  RunEdges,
  RunBefore,
  RunAfter,
}

/** Templates on one word: 16 on the token itself, 3 on each adjacent word, 1 on each word two away. */
export const NUM_SELF = 16;
export const NUM_PREV = 3;
export const NUM_NEXT = 3;
export const NUM_PREV2 = 1;
export const NUM_NEXT2 = 1;
export const NUM_WORD_FEATURES = NUM_SELF + NUM_PREV + NUM_NEXT + NUM_PREV2 + NUM_NEXT2;
/** Templates that depend on context (shape trigram, gazetteer matches, document evidence). */
export const NUM_CONTEXT = 20;
export const NUM_FEATURES = NUM_WORD_FEATURES + NUM_CONTEXT;

// Template ids are spread out so mix(template, value) never collides across templates by construction.
export function tpl(t: number): number {
  return Math.imul(t, 0x9e3779b1) >>> 0;
}

export const BOUNDARY = hashString('<B>');

/**
 * Context templates with a small value domain: the feature is mix(template, code)
 * with code < SMALL_SIZES[k], so the runtime tagger keeps their weights in dense
 * tables indexed by code instead of hashing.
 */
const SMALL_TEMPLATES = [
  T.Bias,
  T.Gaz,
  T.GazPrev,
  T.GazNext,
  T.Demonym,
  T.Initial,
  T.DocLower,
  T.DocCap,
  T.Title,
  T.PrevWordCase,
  T.NextWordCase,
  T.Quote,
  T.RunInner,
  T.RunEdges,
];
export const SMALL_SIZES: readonly number[] = [1, 64, 256, 256, 8, 16, 128, 512, 8, 100, 100, 16, RUN_INNER_SIZE, RUN_EDGE_SIZE];
export const NUM_SMALL = SMALL_TEMPLATES.length;
/** Context templates hashed at run time (the shape trigram, the words around a capitalised run; see hashedContext). */
export const NUM_HASHED = 3;
/** Templates on one word and the sentence's case mode (Mode, WordMode, Len): cached per word and mode at run time. */
export const NUM_MODE = 3;

export function smallHash(k: number, code: number): number {
  return mix(tpl(SMALL_TEMPLATES[k]), code);
}

if (NUM_SMALL + NUM_HASHED + NUM_MODE !== NUM_CONTEXT) throw new Error('feature count mismatch');
