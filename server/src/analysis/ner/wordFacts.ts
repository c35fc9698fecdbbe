/*
 * A word type's facts that the per-token passes of the tagger read, packed into one int32
 * (WordInfo.facts). FeatureExtractor.context copies them into a per-token Int32Array
 * (DocContext.facts), so that the passes after it (sentence modes, gazetteer codes, runs,
 * the small-domain templates of a token and its neighbours, the second stage) read one
 * compact array instead of each token's WordInfo, a heap object that the rest of the
 * analysis has mostly evicted from the cache by the next document. The same facts, only
 * stored differently: no template changes.
 */

/** Bits 0–2: the case class (caseClassOf: 0 no letters ... 4 mixed); 0 means no letters. */
export const F_CASE = 7;
export const F_TITLE = 1 << 3;
export const F_DEMONYM = 1 << 4;
export const F_COMMON = 1 << 5;
export const F_CLOSED = 1 << 6;
export const F_GAZ_FIRST = 1 << 7;
export const F_QUOTE = 1 << 8;
/** Bits 9–10: the single-word gazetteer type (WordInfo.gazType, 0–3). */
export const F_GAZ_TYPE_SHIFT = 9;
/** Bits 11–18: the run-class bits (WordInfo.runClass, runContext.ts). */
export const F_RUN_SHIFT = 11;

export interface WordFactFields {
  caseClass: number;
  isTitle: boolean;
  isDemonym: boolean;
  isCommonLower: boolean;
  closed: boolean;
  isGazFirst: boolean;
  isQuote: boolean;
  gazType: number;
  runClass: number;
}

/** The packed facts of a word type. */
export function packFacts(w: WordFactFields): number {
  if (w.caseClass > F_CASE || w.gazType > 3 || w.runClass > 255) throw new Error('word facts do not fit their bits');
  return (
    w.caseClass |
    (w.isTitle ? F_TITLE : 0) |
    (w.isDemonym ? F_DEMONYM : 0) |
    (w.isCommonLower ? F_COMMON : 0) |
    (w.closed ? F_CLOSED : 0) |
    (w.isGazFirst ? F_GAZ_FIRST : 0) |
    (w.isQuote ? F_QUOTE : 0) |
    (w.gazType << F_GAZ_TYPE_SHIFT) |
    (w.runClass << F_RUN_SHIFT)
  );
}
