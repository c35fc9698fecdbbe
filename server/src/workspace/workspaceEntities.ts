import type { EntityCluster, EntityMention } from '../analysis/types';
import type { DocumentSummary } from './cache/summary';
import { documentSummary, type DocumentIndex, type IndexedDocument } from './documentIndex';
import { entitiesById } from './entitiesById';
import type { DocumentCount, EntityStats } from './aggregates';

export interface MentionRef {
  doc: IndexedDocument;
  mention: EntityMention;
  entity: EntityCluster;
}

/** A document that mentions a workspace entity, with its own (document-local) entities that belong to it. */
export type EntityMembers = [IndexedDocument, EntityCluster[]];

/**
 * What features may ask about the workspace: its analysed documents and who
 * is who across them. Features see this, not the index: they cannot start
 * analyses or change anything.
 */
export interface WorkspaceEntities {
  /** Changes whenever a document or its analysis changes: a key for caches of workspace-wide results. */
  readonly generation: number;
  documents(): Iterable<IndexedDocument>;
  document(uri: string): IndexedDocument | undefined;
  /** What a walk over every document may read of one: always in memory (its whole analysis may have to be read from disk). */
  summary(doc: IndexedDocument): DocumentSummary;
  /** The workspace-wide id of an entity of one document. */
  workspaceId(uri: string, localId: string): string;
  /** The documents that mention the workspace entity, sorted by uri. */
  membersOf(workspaceId: string): EntityMembers[];
  /** The workspace entity's members in one document, or undefined when it has none there. */
  membersIn(workspaceId: string, uri: string): EntityMembers | undefined;
  /** Every mention of the workspace entity, documents in uri order. */
  mentionsOf(workspaceId: string): MentionRef[];
  /** Counts and bounded top lists of the workspace entity, kept as documents are indexed: what hovers and sidebar nodes read. */
  stats(workspaceId: string): EntityStats;
  /** Every document of the workspace entity with its mention count, most first: for paged lists. */
  documentCounts(workspaceId: string): DocumentCount[];
}

/** The query over an index and its cross-document registry. */
export function workspaceEntities(index: DocumentIndex): WorkspaceEntities {
  const local = (uri: string, localIds: readonly string[]): EntityMembers | undefined => {
    const doc = index.get(uri);
    if (!doc) return undefined;
    const byId = entitiesById(doc.analysis);
    const entities: EntityCluster[] = [];
    for (const id of localIds) {
      const entity = byId.get(id);
      if (entity) entities.push(entity);
    }
    return entities.length ? [doc, entities] : undefined;
  };
  const membersOf = (workspaceId: string): EntityMembers[] => {
    const out: EntityMembers[] = [];
    const members = index.registry.membersOf(workspaceId);
    for (const uri of [...members.keys()].sort()) {
      const m = local(uri, members.get(uri) ?? []);
      if (m) out.push(m);
    }
    return out;
  };
  return {
    get generation() {
      return index.generation;
    },
    documents: () => index.all(),
    document: (uri) => index.get(uri),
    summary: documentSummary,
    workspaceId: (uri, localId) => index.registry.resolve(uri, localId),
    membersOf,
    stats: (workspaceId) => index.aggregates.stats(workspaceId),
    documentCounts: (workspaceId) => index.aggregates.documents(workspaceId),
    membersIn: (workspaceId, uri) => local(uri, index.registry.membersOf(workspaceId).get(uri) ?? []),
    mentionsOf(workspaceId) {
      const refs: MentionRef[] = [];
      for (const [doc, entities] of membersOf(workspaceId)) {
        for (const entity of entities) for (const i of entity.mentions) refs.push({ doc, mention: doc.analysis.mentions[i], entity });
      }
      return refs;
    },
  };
}
