import type { EntityCluster } from '../types';

/** Interim: entities are the same across documents when their ids are equal. */
export class EntityRegistry {
  private readonly byDoc = new Map<string, EntityCluster[]>();
  private readonly docsById = new Map<string, Set<string>>();

  update(doc: string, entities: EntityCluster[]): void {
    this.remove(doc);
    this.byDoc.set(doc, entities);
    for (const e of entities) {
      let set = this.docsById.get(e.id);
      if (!set) this.docsById.set(e.id, (set = new Set()));
      set.add(doc);
    }
  }

  remove(doc: string): void {
    for (const e of this.byDoc.get(doc) ?? []) this.docsById.get(e.id)?.delete(doc);
    this.byDoc.delete(doc);
  }

  resolve(doc: string, localId: string): string {
    void doc;
    return localId;
  }

  documentsOf(workspaceId: string): string[] {
    return [...(this.docsById.get(workspaceId) ?? [])];
  }
}
