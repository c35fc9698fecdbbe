import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerAnnotations, type AnnotationsApi } from './annotations';
import { registerCommands } from './commands';
import { registerDocumentLanguage } from './documentLanguage';
import { IndexEvents, refreshOutlinesOnIndexChange } from './indexEvents';
import { createClient, includeGlobs } from './languageClient';
import { log } from './log';
import { registerStatusBar } from './statusBar';
import { registerViews } from './views';
import type { OverviewModel } from './views/overviewModel';
import { registerViewCommands, type ViewsApi } from './webviews';

/** What activate() returns: used by the VS Code tests. */
export interface DossierApi {
  client: LanguageClient;
  ready: Promise<void>;
  annotations: AnnotationsApi;
  /** The status bar item's text and visibility. */
  status: () => { text: string; visible: boolean };
  /** The model behind the sidebar views. */
  overview: OverviewModel;
  /** The map and network webviews. */
  views: ViewsApi;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<DossierApi> {
  client = createClient(context);
  const c = client;
  const isIncluded = (doc: vscode.TextDocument) =>
    doc.uri.scheme === 'file' && includeGlobs().some((pattern) => vscode.languages.match({ scheme: 'file', pattern }, doc) > 0);
  registerCommands(context, c);
  const status = registerStatusBar(context, c, isIncluded);
  registerDocumentLanguage(context, isIncluded);
  const annotations = registerAnnotations(context, c);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dossier.include')) {
        void vscode.window
          .showInformationMessage('Dossier: reload the window to apply the new dossier.include.', 'Reload')
          .then((choice) => choice && vscode.commands.executeCommand('workbench.action.reloadWindow'));
      }
    }),
  );
  const ready = c.start().catch((err: unknown) => {
    log().error(`Language server failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage(`Dossier could not start its language server: ${String(err)}`);
    throw err;
  });
  const indexEvents = new IndexEvents(c);
  context.subscriptions.push(indexEvents, refreshOutlinesOnIndexChange(indexEvents, includeGlobs().map((pattern) => ({ scheme: 'file', pattern }))));
  const overview = registerViews(context, c, ready, indexEvents.onDidChange);
  const views = registerViewCommands(context, c, indexEvents.onDidChange, isIncluded);
  return { client: c, ready, annotations, status, overview, views };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
