import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  entityDocumentsRequest,
  entityMentionsRequest,
  SIDEBAR_PAGE,
  speakerClaimsRequest,
  workspaceOverviewRequest,
  type OverviewClaim,
  type OverviewMention,
  type WorkspaceOverview,
} from '../../../common/protocol';

/**
 * The sidebar's data, fetched from the server level by level: the overview
 * (entities and speakers with counts, filtered on the server) refreshes when
 * the index changes; documents, mentions and claims are asked for when a node
 * is expanded.
 */
export class OverviewModel implements vscode.Disposable {
  private overview: WorkspaceOverview = { entities: [], speakers: [], documents: 0, truncated: false };
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private filterText = '';
  private pending: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    onIndexChanged: vscode.Event<string[]>,
  ) {
    this.disposables.push(
      this.emitter,
      onIndexChanged(() => void this.refresh()),
    );
  }

  get data(): WorkspaceOverview {
    return this.overview;
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): Promise<void> {
    this.filterText = text.trim().toLowerCase();
    void vscode.commands.executeCommand('setContext', 'dossier.filtered', this.filterText.length > 0);
    return this.refresh();
  }

  refresh(): Promise<void> {
    // One request in flight; asks meanwhile share one more request after it (which sees the latest filter).
    if (this.pending) {
      this.queued ??= this.pending.then(() => {
        this.queued = undefined;
        return this.refresh();
      });
      return this.queued;
    }
    this.pending = this.client
      .sendRequest(workspaceOverviewRequest, { filter: this.filterText })
      .then(
        (o) => {
          this.overview = o;
          this.emitter.fire();
        },
        () => undefined,
      )
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** A page of the entity's documents (SIDEBAR_PAGE from `offset`). */
  documents(entityId: string, offset = 0): Promise<Array<{ uri: string; mentionCount: number }>> {
    return this.client.sendRequest(entityDocumentsRequest, { id: entityId, offset, limit: SIDEBAR_PAGE });
  }

  /** A page of the entity's mentions in one document (SIDEBAR_PAGE from `offset`). */
  mentions(entityId: string, uri: string, offset = 0): Promise<OverviewMention[]> {
    return this.client.sendRequest(entityMentionsRequest, { id: entityId, uri, offset, limit: SIDEBAR_PAGE });
  }

  /** A page of the speaker's claims (SIDEBAR_PAGE from `offset`). */
  claims(speakerKey: string, offset = 0): Promise<OverviewClaim[]> {
    return this.client.sendRequest(speakerClaimsRequest, { key: speakerKey, filter: this.filterText, offset, limit: SIDEBAR_PAGE });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
