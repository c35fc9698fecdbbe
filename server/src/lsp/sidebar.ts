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

/** A page of a list from untrusted parameters: a non-negative offset, a limit up to 5,000 (none: the whole list). */
function page(p: unknown): { offset: number; limit: number } {
  const o = (p ?? {}) as { offset?: unknown; limit?: unknown };
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  const limit = int(o.limit);
  return { offset: int(o.offset) ?? 0, limit: limit === undefined ? Infinity : Math.min(limit, 5000) };
}

/** The sidebar's requests (fetched level by level as nodes expand) and the status bar's counts. */
export function registerSidebar(connection: Connection, service: DossierService): void {
  connection.onRequest(workspaceOverviewRequest, (p, token) => service.workspaceOverview({ filter: str(p?.filter) }, token));
  connection.onRequest(entityDocumentsRequest, (p, token) => service.entityDocuments({ id: str(p?.id), ...page(p) }, token));
  connection.onRequest(entityMentionsRequest, (p, token) =>
    service.entityMentions({ id: str(p?.id), uri: str(p?.uri), ...page(p) }, token),
  );
  connection.onRequest(speakerClaimsRequest, (p, token) =>
    service.speakerClaims({ key: str(p?.key), filter: str(p?.filter), ...page(p) }, token),
  );
  connection.onRequest(documentStatsRequest, (p, token) => service.documentStats({ uri: str(p?.uri) }, token));
}
