import type { Connection } from 'vscode-languageserver';
import { annotationsNotification, entityAtRequest, exportAnnotationsRequest, importAnnotationsRequest } from '../../../common/protocol';
import { exportAnnotations, importAnnotations } from './exportRequests';
import type { AnnotationIndex } from '../workspace/annotationIndex';
import type { DocumentIndex } from '../workspace/documentIndex';
import { Batcher } from './debouncer';
import type { DossierService } from './service';
import type { ClientSession } from './session';

/** Sidecars arrive in bursts (all of them at start): the views are asked to refresh once per burst. */
const REFRESH_MS = 50;

/**
 * The user's annotations, as the client sends them (it owns the sidecars):
 * corrections are applied to the stored analysis at once, and lenses and
 * colours are refreshed, since tags and corrections change them without an
 * edit. Also the annotation requests: export, import, the entity at the cursor.
 */
export function registerAnnotations(
  connection: Connection,
  deps: { annotations: AnnotationIndex; index: DocumentIndex; session: ClientSession; service: DossierService },
): { dispose(): void } {
  const { annotations, index, session, service } = deps;
  const refresh = new Batcher<void>(REFRESH_MS, () => session.refreshViews({ lenses: true, tokens: true }));
  connection.onNotification(annotationsNotification, (p) => {
    if (typeof p?.uri !== 'string' || !Array.isArray(p.annotations)) return;
    const { problems } = annotations.set(p.uri, p.annotations);
    if (problems.length) connection.console.warn(`Dossier: ${p.uri}: ignored ${problems.length} invalid annotation(s): ${problems[0]}`);
    index.reapply(p.uri);
    refresh.add();
  });
  connection.onRequest(exportAnnotationsRequest, (p) => exportAnnotations(p));
  connection.onRequest(importAnnotationsRequest, (p) => importAnnotations(p));
  connection.onRequest(entityAtRequest, (p, token) =>
    typeof p?.uri === 'string' && p.position ? service.entityAt({ uri: p.uri, position: p.position }, token) : null,
  );
  return { dispose: () => refresh.dispose() };
}
