import type { DocumentStats } from '../../../common/protocol';
import type { DocumentIndex } from '../workspace/documentIndex';

export function documentStats(index: DocumentIndex, uri: string): DocumentStats | null {
  const doc = index.get(uri);
  if (!doc) return null;
  const a = doc.analysis;
  return {
    uri,
    entities: a.entities.length,
    actors: a.entities.filter((e) => e.kind === 'actor').length,
    places: a.entities.filter((e) => e.kind === 'place').length,
    claims: a.claims.length,
    mentions: a.mentions.length,
  };
}
