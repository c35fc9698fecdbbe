import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { indexChangedNotification, workspaceOverviewRequest, type WorkspaceOverview } from '../../../common/protocol';

/** The workspace overview fetched from the server, refreshed when the index changes, with the sidebar's text filter. */
export class OverviewModel implements vscode.Disposable {
  private overview: WorkspaceOverview = { entities: [], claims: [], documents: 0 };
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private filterText = '';
  private pending: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(this.emitter, client.onNotification(indexChangedNotification, () => void this.refresh()));
  }

  get data(): WorkspaceOverview {
    return this.overview;
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim().toLowerCase();
    void vscode.commands.executeCommand('setContext', 'dossier.filtered', this.filterText.length > 0);
    this.emitter.fire();
  }

  matches(...texts: string[]): boolean {
    return !this.filterText || texts.some((t) => t.toLowerCase().includes(this.filterText));
  }

  refresh(): Promise<void> {
    // Coalesce bursts of change notifications into one request in flight.
    this.pending ??= this.client
      .sendRequest(workspaceOverviewRequest, {})
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

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
