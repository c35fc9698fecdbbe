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
