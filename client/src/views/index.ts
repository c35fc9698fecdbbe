import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClaimTree } from './claimTree';
import { EntityTree } from './entityTree';
import { OverviewModel } from './overviewModel';

/** The Dossier activity-bar views: Actors, Places, Claims, with one shared filter (its commands are in ../commands). */
export function registerViews(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<void>, onIndexChanged: vscode.Event<string[]>): OverviewModel {
  const model = new OverviewModel(client, onIndexChanged);
  const views = [
    vscode.window.createTreeView('dossier.actors', { treeDataProvider: new EntityTree(model, 'actor'), showCollapseAll: true }),
    vscode.window.createTreeView('dossier.places', { treeDataProvider: new EntityTree(model, 'place'), showCollapseAll: true }),
    vscode.window.createTreeView('dossier.claims', { treeDataProvider: new ClaimTree(model), showCollapseAll: true }),
  ];
  const showMessage = () => {
    const parts = [model.filter ? `Filtered by “${model.filter}”.` : '', model.data.truncated ? 'Showing the most mentioned; filter to narrow.' : ''];
    const message = parts.filter(Boolean).join(' ') || undefined;
    for (const v of views) v.message = message;
  };
  context.subscriptions.push(
    model,
    ...views,
    model.onDidChange(showMessage),
  );
  void ready.then(() => model.refresh(), () => undefined);
  return model;
}
