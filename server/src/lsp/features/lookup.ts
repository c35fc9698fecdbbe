import type { Claim, DemonymMention, EntityCluster, EntityMention } from '../../analysis/types';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { entitiesById } from '../../workspace/entitiesById';
import { spanAt } from '../../../../common/search';
import { SHOW_ALL, shownClaims, type ClaimThresholds } from './claimFilter';

export interface MentionHit {
  kind: 'mention';
  mention: EntityMention;
  entity: EntityCluster;
}
export interface DemonymHit {
  kind: 'demonym';
  demonym: DemonymMention;
}
export interface ClaimHit {
  kind: 'claim';
  claim: Claim;
  /** Where the hit is: the cue, the source or the content. */
  part: 'cue' | 'source' | 'content';
}
export type Hit = MentionHit | DemonymHit | ClaimHit;

export function entityOf(doc: IndexedDocument, mention: EntityMention): EntityCluster | undefined {
  return entitiesById(doc.analysis).get(mention.id);
}

/**
 * What sits at an offset: an entity mention first, then a demonym, then a
 * claim's cue or source, then its content; only claims shown by the
 * thresholds (features that look only for mentions need not pass any).
 */
export function hitAt(doc: IndexedDocument, offset: number, thresholds: ClaimThresholds = SHOW_ALL): Hit | undefined {
  const a = doc.analysis;
  const mention = spanAt(a.mentions, offset, true);
  if (mention && offset < mention.end + 1) {
    const entity = entityOf(doc, mention);
    if (entity) return { kind: 'mention', mention, entity };
  }
  const demonym = spanAt(a.demonyms, offset, true);
  if (demonym) return { kind: 'demonym', demonym };
  const claims = shownClaims(a.claims, thresholds);
  for (const claim of claims) {
    if (claim.cue && claim.cue.start <= offset && offset <= claim.cue.end) return { kind: 'claim', claim, part: 'cue' };
    if (claim.source && claim.source.start <= offset && offset <= claim.source.end) return { kind: 'claim', claim, part: 'source' };
  }
  let best: Claim | undefined;
  for (const claim of claims) {
    if (claim.start <= offset && offset < claim.end && (!best || claim.end - claim.start < best.end - best.start)) best = claim;
  }
  return best ? { kind: 'claim', claim: best, part: 'content' } : undefined;
}
