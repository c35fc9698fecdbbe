import type { DocumentAnalysis, EntityCluster } from '../analysis/types';

const cache = new WeakMap<DocumentAnalysis, Map<string, EntityCluster>>();

/**
 * The analysis's entities by document-local id, built once per analysis:
 * looking an entity up for each claim or mention with `entities.find` is
 * quadratic, which a document with 200,000 entities cannot afford.
 */
export function entitiesById(analysis: DocumentAnalysis): Map<string, EntityCluster> {
  let map = cache.get(analysis);
  if (!map) {
    map = new Map(analysis.entities.map((e) => [e.id, e]));
    cache.set(analysis, map);
  }
  return map;
}
