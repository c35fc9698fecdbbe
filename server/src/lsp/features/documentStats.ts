import type { DocumentStats } from '../../../../common/protocol';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { shownClaims, type ClaimThresholds } from './claimFilter';

/** Counts for the status bar; claims as the lenses show them. */
export function documentStats(doc: IndexedDocument, thresholds: ClaimThresholds): DocumentStats {
  const a = doc.analysis;
  let actors = 0;
  for (const e of a.entities) if (e.kind === 'actor') actors++;
  return {
    uri: doc.uri,
    entities: a.entities.length,
    actors,
    places: a.entities.length - actors,
    claims: shownClaims(a.claims, thresholds).length,
    mentions: a.mentions.length,
  };
}
