import { AnalysisCancelled } from '../../analysis/types';
import type { ResolvedAnnotation } from '../../workspace/annotationIndex';
import type { CancelToken } from '../../workspace/cancellation';
import type { WorkspaceEntities } from '../../workspace/workspaceEntities';
import type { ClaimThresholds } from './claimFilter';

/** What a workspace-wide feature is given: the workspace query and the request's cancellation. */
export interface WorkspaceContext {
  readonly entities: WorkspaceEntities;
  readonly token: CancelToken;
}

/** What a feature of one document is given besides the document. */
export interface FeatureContext extends WorkspaceContext {
  /** The user's annotations placed in the document's current text. */
  readonly annotations: readonly ResolvedAnnotation[];
  /** How confident a claim must be to be shown (`dossier.claims.*` for the document). */
  readonly claims: ClaimThresholds;
}

/**
 * Ends a feature whose request was cancelled: the service answers it with
 * an empty result, not an error. Long loops call it every so many items.
 */
export function throwIfCancelled(token: CancelToken): void {
  if (token.isCancellationRequested) throw new AnalysisCancelled();
}

/** Checks the token every 1,024 items of a loop: often enough to stop soon, rarely enough to cost nothing. */
export function checkEvery(token: CancelToken, i: number): void {
  if ((i & 1023) === 0) throwIfCancelled(token);
}
