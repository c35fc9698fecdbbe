import type { Settings } from '../../../../common/settings';
import type { Claim } from '../../analysis/types';

/*
 * Which claims the editor shows. The detector gives each claim a confidence;
 * the reader sets how sure it must be (`dossier.claims.*`), more strictly in
 * reader comments, where most sentences are opinion and a claim needs a real
 * cue. Every editor feature that lists claims (lenses, outline, hovers, the
 * sidebar, the network and the report) goes through `shownClaims`, so they
 * never disagree. The CLI's JSON keeps every claim with its score.
 */

export interface ClaimThresholds {
  readonly minConfidence: number;
  readonly minConfidenceInComments: number;
}

/** Shows every claim: for callers with no settings (tests, tools that want the raw analysis). */
export const SHOW_ALL: ClaimThresholds = { minConfidence: 0, minConfidenceInComments: 0 };

export function claimThresholds(settings: Pick<Settings, 'claims'>): ClaimThresholds {
  return { minConfidence: settings.claims.minConfidence, minConfidenceInComments: settings.claims.minConfidenceInComments };
}

/** A claim's confidence; an analysis made before scores existed (or by a detector without them) is fully trusted. */
export function claimScore(claim: Pick<Claim, 'score'>): number {
  return typeof claim.score === 'number' && Number.isFinite(claim.score) ? claim.score : 1;
}

export function isShown(claim: Pick<Claim, 'score' | 'section'>, t: ClaimThresholds): boolean {
  return claimScore(claim) >= (claim.section === 'comments' ? t.minConfidenceInComments : t.minConfidence);
}

/** The claims to show, in their order; the same array when all pass (the common case allocates nothing). */
export function shownClaims<C extends Pick<Claim, 'score' | 'section'>>(claims: readonly C[], t: ClaimThresholds): readonly C[] {
  for (let i = 0; i < claims.length; i++) {
    if (!isShown(claims[i], t)) return claims.filter((c) => isShown(c, t));
  }
  return claims;
}

/** A short key for caches whose answers depend on the thresholds. */
export function thresholdsKey(t: ClaimThresholds): string {
  return `${t.minConfidence}/${t.minConfidenceInComments}`;
}
