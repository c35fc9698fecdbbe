import type { Annotation, Sidecar } from '../../../common/annotations';
import type { LockOptions, SidecarFs } from './sidecarFs';

/* The data of the sidecar store (sidecarFile.ts), and what it tells its users. No `vscode`. */

export type SidecarStatus = 'ok' | 'corrupt';

/** Where an annotation sits in the document's current text; null when it could not be placed (orphaned). */
export type Placement = { start: number; end: number } | null;

/** Everything known about one document's sidecar. Paths are file system paths. */
export interface SidecarState {
  readonly docPath: string;
  readonly sidecarPath: string;
  status: SidecarStatus;
  /** Why the sidecar cannot be read, while status is 'corrupt'. */
  error?: string;
  /** The annotations as this process sees them (the truth while status is 'ok'). */
  sidecar: Sidecar;
  /**
   * The merge base: the sidecar as this process last SAW it on disk (read, or
   * read back after its own write). An annotation in memory but absent on
   * disk counts as deleted outside only if it is here, unchanged; one this
   * process wrote but never saw on disk (another writer replaced the file
   * first) is not.
   */
  base: Sidecar | null;
  /** The file's text as last seen (null: no file); recognises our own writes. */
  diskText: string | null;
  /** Placement of each annotation in the current text; absent until anchored. */
  placements: Map<string, Placement>;
}

export type SidecarFailureKind = 'corrupt' | 'read-only' | 'not-saved' | 'not-moved';

/** Something the user must hear about; the UI layer shows it (the store shows nothing). */
export interface SidecarFailure {
  kind: SidecarFailureKind;
  docPath: string;
  sidecarPath: string;
  /** Plain text: the parse error, the file system error, or why a move was refused. */
  reason: string;
}

/** Refused because the sidecar is damaged; shown to the user as is. */
export class SidecarUnavailableError extends Error {}

export interface SidecarHooks<S extends SidecarState> {
  /** Annotations that came in from disk need placing in the text; runs before the change event. */
  placeIncoming?(state: S, ids: ReadonlySet<string>): Promise<void>;
  /** What to write for `basis`: its annotations with selectors brought up to date, and the hash of the text they describe. */
  prepare?(state: S, basis: Sidecar): Promise<{ annotations: Annotation[]; documentHash?: string }>;
}

export interface SidecarStoreOptions<S extends SidecarState> {
  fs: SidecarFs;
  /** Completes a new state (the extension adds its URIs). */
  extend: (state: SidecarState) => S;
  hooks?: SidecarHooks<S>;
  writeDelayMs?: number;
  lock?: LockOptions;
  /** Compare-and-swap attempts per write while the file keeps changing under the store. */
  maxAttempts?: number;
}
