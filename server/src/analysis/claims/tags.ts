import type { LabelSet } from '../learn/sequence';

/*
 * The attribution tags. PolNeAR gives each token at most one role (source,
 * cue, content) in at most one attribution, so a document's attributions are
 * one BIO sequence over these labels; linking roles to cues is decode.ts.
 */

export const TAGS = ['O', 'B-SRC', 'I-SRC', 'B-CUE', 'I-CUE', 'B-CON', 'I-CON'] as const;
export const NUM_TAGS = TAGS.length;
export const O = 0;
export const B_SRC = 1;
export const I_SRC = 2;
export const B_CUE = 3;
export const I_CUE = 4;
export const B_CON = 5;
export const I_CON = 6;

export type Role = 'source' | 'cue' | 'content';

/** The role of a tag, or null for O. */
export function roleOf(tag: number): Role | null {
  if (tag === B_SRC || tag === I_SRC) return 'source';
  if (tag === B_CUE || tag === I_CUE) return 'cue';
  if (tag === B_CON || tag === I_CON) return 'content';
  return null;
}

/** BIO constraint: I-X only after B-X or I-X (never at the start). */
export const CLAIM_TAGS: LabelSet = (() => {
  const L = NUM_TAGS;
  const allowed = new Uint8Array((L + 1) * L);
  for (let p = 0; p <= L; p++) {
    for (let c = 0; c < L; c++) {
      const inside = c === I_SRC || c === I_CUE || c === I_CON;
      allowed[p * L + c] = !inside || (p < L && (p === c || p === c - 1)) ? 1 : 0;
    }
  }
  return { size: L, allowed };
})();
