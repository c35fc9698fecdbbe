import type { Claim } from '../../analysis/types';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { entitiesById } from '../../workspace/entitiesById';
import { isAnaphoricSource } from './anaphoricSource';

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
  return speakerFrom(entity?.canonical, claim.source?.text);
}

/** The speaker from the resolved entity's name (if any) and the source as written: what speakerOf decides, for callers holding only a summary. */
export function speakerFrom(entityName: string | undefined, source: string | null | undefined): Speaker {
  if (entityName !== undefined) return { kind: 'entity', name: entityName };
  if (!source) return { kind: 'none' };
  return isAnaphoricSource(source) ? { kind: 'unresolved', name: UNRESOLVED, source } : { kind: 'source', name: source };
}

/** The speaker's display name (an entity's canonical name, a named source, or "unresolved"), else null. */
export function speakerName(doc: IndexedDocument, claim: Claim): string | null {
  const s = speakerOf(doc, claim);
  return s.kind === 'none' ? null : s.name;
}
