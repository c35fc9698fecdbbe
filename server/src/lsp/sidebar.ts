import type { Connection } from 'vscode-languageserver';
import {
  documentStatsRequest,
  entityDocumentsRequest,
  entityMentionsRequest,
  speakerClaimsRequest,
  workspaceOverviewRequest,
} from '../../../common/protocol';
import type { DossierService } from './service';

/** Parameters cross a process boundary: anything but a string counts as empty. */
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The sidebar's requests (fetched level by level as nodes expand) and the status bar's counts. */
export function registerSidebar(connection: Connection, service: DossierService): void {
  connection.onRequest(workspaceOverviewRequest, (p, token) => service.workspaceOverview({ filter: str(p?.filter) }, token));
  connection.onRequest(entityDocumentsRequest, (p, token) => service.entityDocuments({ id: str(p?.id) }, token));
  connection.onRequest(entityMentionsRequest, (p, token) => service.entityMentions({ id: str(p?.id), uri: str(p?.uri) }, token));
  connection.onRequest(speakerClaimsRequest, (p, token) => service.speakerClaims({ key: str(p?.key), filter: str(p?.filter) }, token));
  connection.onRequest(documentStatsRequest, (p, token) => service.documentStats({ uri: str(p?.uri) }, token));
}
