import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerAnnotations, type AnnotationsApi } from './annotations';
import { registerCommands } from './commands';
import { registerDocumentLanguage } from './documentLanguage';
import { IndexEvents, refreshOutlinesOnIndexChange } from './indexEvents';
import { createClient, includeGlobs, trainedClaimsModel, updateServerEnv } from './languageClient';
import { log } from './log';
import { Messages } from './messages';
import { registerStatusBar } from './statusBar';
import { registerViews } from './views';
import type { OverviewModel } from './views/overviewModel';
import { createViews, type ViewsApi } from './webviews';

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
/** Annotation changes still waiting for their debounced write when the extension stops. */
let flushAnnotations: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<DossierApi> {
  client = createClient(context);
  const c = client;
  const isIncluded = (doc: vscode.TextDocument) =>
    doc.uri.scheme === 'file' && includeGlobs().some((pattern) => vscode.languages.match({ scheme: 'file', pattern }, doc) > 0);
  const messages = new Messages();
  const status = registerStatusBar(context, c, isIncluded);
  registerDocumentLanguage(context, isIncluded);
  const annotations = registerAnnotations(context, c, messages);
  flushAnnotations = annotations.api.flush;
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dossier.include')) {
        void vscode.window
          .showInformationMessage('Dossier: reload the window to apply the new dossier.include.', 'Reload')
          .then((choice) => choice && vscode.commands.executeCommand('workbench.action.reloadWindow'));
      }
      if (e.affectsConfiguration('dossier.claims.trainedModel')) {
        updateServerEnv();
        void c.restart().then(
          () =>
            vscode.window.showInformationMessage(
              `Dossier: claims now come from ${trainedClaimsModel() ? 'the trained model and the patterns' : 'the patterns'}.`,
            ),
          (err: unknown) => log().error(`Restarting the language server failed: ${String(err)}`),
        );
      }
    }),
  );
  const ready = c.start().catch((err: unknown) => {
    log().error(`Language server failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage(`Dossier could not start its language server: ${String(err)}`);
    throw err;
  });
  const indexEvents = new IndexEvents(c);
  context.subscriptions.push(
    indexEvents,
    refreshOutlinesOnIndexChange(
      indexEvents,
      includeGlobs().map((pattern) => ({ scheme: 'file', pattern })),
    ),
  );
  const sidebar = registerViews(context, c, ready, indexEvents.onDidChange);
  const views = createViews(context, c, indexEvents.onDidChange, isIncluded);
  registerCommands(context, {
    client: c,
    messages,
    store: annotations.store,
    annotations: annotations.commands,
    overview: sidebar.overview,
    sidebar,
    views: views.commands,
  });
  return { client: c, ready, annotations: annotations.api, status, overview: sidebar.overview, views: views.api };
}

export async function deactivate(): Promise<void> {
  await flushAnnotations?.().catch(() => undefined);
  await client?.stop();
}
