import type { DocumentStats } from '../../../../common/protocol';
import type { IndexedDocument } from '../../workspace/documentIndex';

/** Counts for the status bar. */
export function documentStats(doc: IndexedDocument): DocumentStats {
  const a = doc.analysis;
  let actors = 0;
  for (const e of a.entities) if (e.kind === 'actor') actors++;
  return {
    uri: doc.uri,
    entities: a.entities.length,
    actors,
    places: a.entities.length - actors,
    claims: a.claims.length,
    mentions: a.mentions.length,
  };
}
