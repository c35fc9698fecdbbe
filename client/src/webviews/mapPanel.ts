import { mapDataRequest } from '../../../common/protocol';
import type { ScopeInfo, ToWebview } from '../../webview/shared/messages';
import { ViewPanel, type ViewHost } from './viewPanel';

/** `Dossier: Show Map`: the places of the scope on a world map. */
export class MapPanel extends ViewPanel {
  constructor(host: ViewHost) {
    super(host, 'map', 'Dossier Map');
  }

  protected async fetch(uris: string[] | undefined, scope: ScopeInfo): Promise<ToWebview> {
    const data = await this.host.client.sendRequest(mapDataRequest, uris ? { uris } : {});
    return { type: 'mapData', scope, data };
  }
}
