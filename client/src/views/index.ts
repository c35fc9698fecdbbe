import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClaimTree } from './claimTree';
import { EntityTree } from './entityTree';
import { OverviewModel } from './overviewModel';
import { revealEntity } from './revealEntity';

/** The Dossier activity-bar views: Actors, Places, Claims, with one shared filter (its commands are in ../commands). */
export interface SidebarViews {
  overview: OverviewModel;
  /** `_dossier.revealEntity`: selects and expands an entity in the Actors or Places view. */
  revealEntity(args: unknown): Promise<boolean>;
}

export function registerViews(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  ready: Promise<void>,
  onIndexChanged: vscode.Event<string[]>,
): SidebarViews {
  const model = new OverviewModel(client, onIndexChanged);
  const actors = vscode.window.createTreeView('dossier.actors', {
    treeDataProvider: new EntityTree(model, 'actor'),
    showCollapseAll: true,
  });
  const places = vscode.window.createTreeView('dossier.places', {
    treeDataProvider: new EntityTree(model, 'place'),
    showCollapseAll: true,
  });
  const views = [
    actors,
    places,
    vscode.window.createTreeView('dossier.claims', { treeDataProvider: new ClaimTree(model), showCollapseAll: true }),
  ];
  const showMessage = () => {
    const parts = [
      model.filter ? `Filtered by “${model.filter}”.` : '',
      model.data.truncated ? 'Showing the most mentioned; filter to narrow.' : '',
    ];
    const message = parts.filter(Boolean).join(' ') || undefined;
    for (const v of views) v.message = message;
  };
  context.subscriptions.push(model, ...views, model.onDidChange(showMessage));
  void ready.then(
    () => model.refresh(),
    () => undefined,
  );
  return { overview: model, revealEntity: (args) => revealEntity({ actor: actors, place: places }, model, args) };
}
