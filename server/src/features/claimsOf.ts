import type { Claim } from '../analysis/types';
import type { DocumentIndex, IndexedDocument } from '../workspace/documentIndex';
import { entitiesById } from '../workspace/entitiesById';

export interface ClaimRef {
  doc: IndexedDocument;
  claim: Claim;
}

/** Claims whose speaker is the entity with this workspace id, across the workspace. */
export function claimsBy(index: DocumentIndex, workspaceId: string): ClaimRef[] {
  const out: ClaimRef[] = [];
  for (const [doc, entities] of index.membersIn(workspaceId)) {
    const ids = new Set(entities.map((e) => e.id));
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
