import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { documentStatsRequest, indexingStatusNotification, type IndexingStatus } from '../../common/protocol';

/** Entity and claim counts of the active document, and indexing progress while it runs. */
/** Returns what the item shows, for tests. */
export function registerStatusBar(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  isIncluded: (doc: vscode.TextDocument) => boolean,
): () => { text: string; visible: boolean } {
  const item = vscode.window.createStatusBarItem('dossier.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Dossier';
  item.command = 'workbench.action.showAllSymbols';
  let indexing: IndexingStatus | undefined;
  let cacheBytes: number | undefined;
  const cacheLine = () => (cacheBytes === undefined ? '' : `\nIndex cache: ${formatBytes(cacheBytes)}`);
  let visible = false;
  let seq = 0;

  const refresh = async () => {
    const editor = vscode.window.activeTextEditor;
    const mine = ++seq;
    const progress = indexing && !indexing.done ? ` · indexing ${indexing.indexed}/${indexing.total}` : '';
    if (!editor || !isIncluded(editor.document)) {
      if (progress) {
        item.text = `$(sync~spin) Dossier${progress}`;
        item.tooltip = `Dossier${cacheLine()}`;
        item.show();
        visible = true;
      } else {
        item.hide();
        visible = false;
      }
      return;
    }
    const stats = await client.sendRequest(documentStatsRequest, { uri: editor.document.uri.toString() }).catch(() => null);
    if (mine !== seq) return;
    item.text = stats ? `$(person) ${stats.actors} $(location) ${stats.places} $(quote) ${stats.claims}${progress}` : `Dossier${progress}`;
    item.tooltip =
      (stats ? `Dossier: ${stats.actors} actors, ${stats.places} places, ${stats.claims} claims in this document` : 'Dossier') +
      cacheLine();
    item.show();
    visible = true;
  };

  context.subscriptions.push(
    item,
    client.onNotification(indexingStatusNotification, (s) => {
      indexing = s;
      if (s.cacheBytes !== undefined) cacheBytes = s.cacheBytes;
      void refresh();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) void refresh();
    }),
  );
  void refresh();
  return () => ({ text: item.text, visible });
}

/** 1536 → "1.5 KB": the cache's size as the tooltip shows it. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${n.toFixed(1)} ${units[u]}`;
}
