import type { Claim } from '../../analysis/types';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { entitiesById } from '../../workspace/entitiesById';
import type { WorkspaceEntities } from '../../workspace/workspaceEntities';

export interface ClaimRef {
  doc: IndexedDocument;
  claim: Claim;
}

/** Claims whose speaker is the entity with this workspace id, across the workspace. */
export function claimsBy(entities: WorkspaceEntities, workspaceId: string): ClaimRef[] {
  const out: ClaimRef[] = [];
  for (const [doc, members] of entities.membersOf(workspaceId)) {
    const ids = new Set(members.map((e) => e.id));
    for (const claim of doc.analysis.claims) {
      if (claim.speaker && ids.has(claim.speaker)) out.push({ doc, claim });
    }
  }
  return out;
}

/** The resolved speaker's canonical name, else the source as written, else null. */
export function speakerName(doc: IndexedDocument, claim: Claim): string | null {
  if (claim.speaker) return entitiesById(doc.analysis).get(claim.speaker)?.canonical ?? claim.source?.text ?? null;
  return claim.source?.text ?? null;
}
