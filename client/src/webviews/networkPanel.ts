import * as vscode from 'vscode';
import { edgeEvidenceRequest, networkDataRequest, NETWORK_TOP_N, type NetworkFilter } from '../../../common/protocol';
import type { FromWebview, ScopeInfo, ToWebview } from '../../webview/shared/messages';
import { ViewPanel, type ViewHost } from './viewPanel';

/** `Dossier: Show Network`: actors and their links in the scope, with a filter. */
export class NetworkPanel extends ViewPanel {
  private filter: NetworkFilter = { text: '', minMentions: 1, topN: NETWORK_TOP_N };
  private lastUris: string[] | undefined;

  constructor(host: ViewHost) {
    super(host, 'network', 'Dossier Network');
  }

  protected async fetch(uris: string[] | undefined, scope: ScopeInfo): Promise<ToWebview> {
    this.lastUris = uris;
    const data = await this.host.client.sendRequest(networkDataRequest, { ...(uris ? { uris } : {}), filter: this.filter });
    return { type: 'networkData', scope, filter: this.filter, data };
  }

  protected override handleOther(msg: FromWebview): void {
    if (msg.type === 'filter') {
      this.filter = { ...this.filter, ...msg.filter };
      this.refreshSoon(0);
    } else if (msg.type === 'evidence') {
      const uris = this.lastUris;
      this.host.client
        .sendRequest(edgeEvidenceRequest, { kind: msg.kind, source: msg.source, target: msg.target, ...(uris ? { uris } : {}), limit: 100 })
        .then(
          (r) => this.post({ type: 'evidence', requestId: msg.requestId, items: r.items, total: r.total }),
          (err: unknown) =>
            this.post({ type: 'error', message: `Could not load the edge: ${err instanceof Error ? err.message : String(err)}` }),
        );
    } else if (msg.type === 'reveal') {
      // The Dossier sidebar shows the actor; the view keeps the focus.
      void vscode.commands
        .executeCommand('_dossier.revealEntity', { id: msg.id, name: msg.name, kind: 'actor' })
        .then(undefined, () => undefined);
    }
  }
}
