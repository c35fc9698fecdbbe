import { hashString, mix } from '../ner/hash';

/*
 * Feature templates of the part-of-speech tagger and the chunker (tagger.ts),
 * shared by training (train.ts) and run time. Changing one changes the
 * meaning of the model: bump POS_FEATURE_VERSION and retrain.
 */

export const POS_FEATURE_VERSION = 1;

const enum P {
  Word = 1,
  Lower,
  Suf1,
  Suf2,
  Suf3,
  Suf4,
  Pre1,
  Shape,
  PrevLower,
  PrevSuf3,
  NextLower,
  NextSuf3,
  Prev2Lower,
  Next2Lower,
  Bias,
  Tag1,
  Tag2,
  CLower,
  CPrevLower,
  CNextLower,
  CBias,
  CPos0,
  CPosM1,
  CPosP1,
  CPosM2,
  CPosP2,
  CPosPrevCur,
  CPosCurNext,
  CChunk1,
  CChunk1Pos,
  CChunk2,
}

const tpl = (t: number) => Math.imul(t + 0x51, 0x9e3779b1) >>> 0;

/** Hashes of the templates on one word, by its position relative to the tagged token. */
export interface PosWordGroups {
  self: Uint32Array;
  prev: Uint32Array;
  next: Uint32Array;
  prev2: Uint32Array;
  next2: Uint32Array;
  chunkSelf: Uint32Array;
  chunkPrev: Uint32Array;
  chunkNext: Uint32Array;
}

/** Word shape with runs collapsed: "Mc-Donald's" -> "Xx-Xx'x", "1996-08-22" -> "d-d-d". */
function shape(w: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < w.length && out.length < 8; i++) {
    const ch = w.charAt(i);
    const c =
      ch >= 'a' && ch <= 'z'
        ? 'x'
        : ch >= 'A' && ch <= 'Z'
          ? 'X'
          : ch >= '0' && ch <= '9'
            ? 'd'
            : ch.toLowerCase() !== ch
              ? 'X'
              : ch.toUpperCase() !== ch
                ? 'x'
                : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

export function posWordGroups(w: string): PosWordGroups {
  const lower = w.toLowerCase();
  const h = (t: P, s: string) => mix(tpl(t), hashString(s));
  const suf = (k: number) => (lower.length >= k ? lower.slice(-k) : '<' + lower);
  return {
    self: Uint32Array.of(
      h(P.Word, w),
      h(P.Lower, lower),
      h(P.Suf1, suf(1)),
      h(P.Suf2, suf(2)),
      h(P.Suf3, suf(3)),
      h(P.Suf4, suf(4)),
      h(P.Pre1, lower.slice(0, 1)),
      h(P.Shape, shape(w)),
    ),
    prev: Uint32Array.of(h(P.PrevLower, lower), h(P.PrevSuf3, suf(3))),
    next: Uint32Array.of(h(P.NextLower, lower), h(P.NextSuf3, suf(3))),
    prev2: Uint32Array.of(h(P.Prev2Lower, lower)),
    next2: Uint32Array.of(h(P.Next2Lower, lower)),
    chunkSelf: Uint32Array.of(h(P.CLower, lower)),
    chunkPrev: Uint32Array.of(h(P.CPrevLower, lower)),
    chunkNext: Uint32Array.of(h(P.CNextLower, lower)),
  };
}

/** What the word templates see beyond the sentence edge. */
export const BOUNDARY_WORD = '<S>';

/**
 * The part-of-speech tagger's templates on the tags already chosen, as [template, code]:
 * code domains (K tags, K meaning "before the sentence") are in POS_DENSE_SIZES.
 */
export const POS_DENSE = [P.Bias, P.Tag1, P.Tag2];
export function posDenseSizes(k: number): number[] {
  return [1, k + 1, (k + 1) * (k + 1)];
}
/** Codes of POS_DENSE for a token whose two previous tags are p2 and p1 (k before the sentence). */
export function posDenseCodes(k: number, p2: number, p1: number, out: Int32Array): void {
  out[0] = 0;
  out[1] = p1;
  out[2] = p2 * (k + 1) + p1;
}

/** The chunker's templates on part-of-speech tags and the chunk tags already chosen. */
export const CHUNK_DENSE = [
  P.CBias,
  P.CPos0,
  P.CPosM1,
  P.CPosP1,
  P.CPosM2,
  P.CPosP2,
  P.CPosPrevCur,
  P.CPosCurNext,
  P.CChunk1,
  P.CChunk1Pos,
  P.CChunk2,
];
export function chunkDenseSizes(k: number, c: number): number[] {
  const p = k + 1;
  return [1, p, p, p, p, p, p * p, p * p, c + 1, (c + 1) * p, (c + 1) * (c + 1)];
}
/** Codes of CHUNK_DENSE for token t of sentence [s, e), given POS tags pos (k tags) and chunk tags chunk[s..t-1] (c tags). */
export function chunkDenseCodes(
  k: number,
  c: number,
  pos: Uint8Array,
  chunk: Uint8Array,
  t: number,
  s: number,
  e: number,
  out: Int32Array,
): void {
  const p = k + 1;
  const at = (j: number) => (j >= s && j < e ? pos[j] : k);
  const p0 = pos[t];
  const c1 = t > s ? chunk[t - 1] : c;
  const c2 = t > s + 1 ? chunk[t - 2] : c;
  out[0] = 0;
  out[1] = p0;
  out[2] = at(t - 1);
  out[3] = at(t + 1);
  out[4] = at(t - 2);
  out[5] = at(t + 2);
  out[6] = at(t - 1) * p + p0;
  out[7] = p0 * p + at(t + 1);
  out[8] = c1;
  out[9] = c1 * p + p0;
  out[10] = c2 * (c + 1) + c1;
}

export function denseHash(template: number, code: number): number {
  return mix(tpl(template), code);
}
