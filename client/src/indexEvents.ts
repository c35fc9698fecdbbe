import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { indexChangedNotification } from '../../common/protocol';

/**
 * The server's "index changed" notifications as an event. A language client
 * keeps one handler per notification method, so the sidebar and the outline
 * refresh share this single subscription.
 */
export class IndexEvents implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<string[]>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(client: LanguageClient) {
    this.subscription = client.onNotification(indexChangedNotification, (p) =>
      this.emitter.fire(Array.isArray(p?.uris) ? p.uris.filter((u): u is string => typeof u === 'string') : []),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/**
 * VS Code caches a document's outline until its text changes or its list of
 * document-symbol providers changes; a correction or a tag changes the outline
 * without touching the text. So a second provider, which contributes nothing,
 * is swapped for a new one whenever the index changes a visible document:
 * the Outline view and breadcrumbs then ask the server again.
 */
export function refreshOutlinesOnIndexChange(events: IndexEvents, selector: vscode.DocumentSelector): vscode.Disposable {
  const register = () => vscode.languages.registerDocumentSymbolProvider(selector, { provideDocumentSymbols: () => [] });
  let current = register();
  const subscription = events.onDidChange((uris) => {
    const visible = new Set(vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()));
    if (!uris.some((u) => visible.has(u))) return;
    const next = register();
    current.dispose();
    current = next;
  });
  return { dispose: () => (subscription.dispose(), current.dispose()) };
}
