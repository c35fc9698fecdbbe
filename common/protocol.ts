import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/*
 * Dossier's custom LSP messages, declared once for client and server.
 */

// #region client → server

export interface DocumentStatsParams {
  uri: string;
}

export interface DocumentStats {
  uri: string;
  entities: number;
  actors: number;
  places: number;
  claims: number;
  mentions: number;
}

/** Counts for the status bar. */
export const documentStatsRequest = new RequestType<DocumentStatsParams, DocumentStats | null, void>('dossier/documentStats');

// #endregion

// #region server → client

export interface IndexingStatus {
  indexed: number;
  total: number;
  done: boolean;
}

/** Background indexing progress, for the status bar. */
export const indexingStatusNotification = new NotificationType<IndexingStatus>('dossier/indexingStatus');

// #endregion

// #region client → server: workspace overview for the sidebar

export interface OverviewMention {
  uri: string;
  start: { line: number; character: number };
  end: { line: number; character: number };
  /** The line the mention is on, for the tree item label. */
  context: string;
}

export interface OverviewEntity {
  /** Workspace-wide entity id. */
  id: string;
  name: string;
  kind: 'actor' | 'place';
  type: string;
  mentionCount: number;
  documents: Array<{ uri: string; mentions: OverviewMention[] }>;
}

export interface OverviewClaim {
  uri: string;
  speakerId: string | null;
  speaker: string;
  cue: string | null;
  text: string;
  section: 'article' | 'comments';
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface WorkspaceOverview {
  entities: OverviewEntity[];
  claims: OverviewClaim[];
  documents: number;
}

/** Everything the Dossier sidebar shows: entities with their documents and mentions, and claims. */
export const workspaceOverviewRequest = new RequestType<Record<string, never>, WorkspaceOverview, void>('dossier/workspaceOverview');

/** Sent by the server when the index changed, so views refresh (debounced). */
export const indexChangedNotification = new NotificationType<{ uris: string[] }>('dossier/indexChanged');

// #endregion
