import type { Claim } from '../../analysis/types';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { entitiesById } from '../../workspace/entitiesById';
import type { WorkspaceEntities } from '../../workspace/workspaceEntities';
import { isAnaphoricSource } from './anaphoricSource';
import { shownClaims, type ClaimThresholds } from './claimFilter';

export interface ClaimRef {
  doc: IndexedDocument;
  claim: Claim;
}

/** Claims shown (by the thresholds) whose speaker is the entity with this workspace id, across the workspace. */
export function claimsBy(entities: WorkspaceEntities, workspaceId: string, thresholds: ClaimThresholds): ClaimRef[] {
  const out: ClaimRef[] = [];
  for (const [doc, members] of entities.membersOf(workspaceId)) {
    const ids = new Set(members.map((e) => e.id));
    for (const claim of shownClaims(doc.analysis.claims, thresholds)) {
      if (claim.speaker && ids.has(claim.speaker)) out.push({ doc, claim });
    }
  }
  return out;
}

/** What the editor calls a claim's speaker in lenses, outline, hovers and the sidebar. */
export type Speaker =
  /** Resolved to an entity of the document: its canonical name. */
  | { kind: 'entity'; name: string }
  /** A named source the engine did not tie to an entity ("a Pentagon spokesman"): as written. */
  | { kind: 'source'; name: string }
  /** A pronoun or a bare description ("they", "the ministry") that was not resolved. */
  | { kind: 'unresolved'; name: typeof UNRESOLVED; source: string }
  | { kind: 'none' };

/** The name an unresolved pronoun's claims go by: never the pronoun itself. */
export const UNRESOLVED = 'unresolved';

export function speakerOf(doc: IndexedDocument, claim: Claim): Speaker {
  const entity = claim.speaker ? entitiesById(doc.analysis).get(claim.speaker) : undefined;
  if (entity) return { kind: 'entity', name: entity.canonical };
  const source = claim.source?.text;
  if (!source) return { kind: 'none' };
  return isAnaphoricSource(source) ? { kind: 'unresolved', name: UNRESOLVED, source } : { kind: 'source', name: source };
}

/** The speaker's display name (an entity's canonical name, a named source, or "unresolved"), else null. */
export function speakerName(doc: IndexedDocument, claim: Claim): string | null {
  const s = speakerOf(doc, claim);
  return s.kind === 'none' ? null : s.name;
}
