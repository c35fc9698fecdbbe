import * as vscode from 'vscode';
import type { OverviewEntity, OverviewMention } from '../../../common/protocol';
import type { OverviewModel } from './overviewModel';
import { fileName, revealCommand } from './revealCommand';

type Node =
  | { kind: 'entity'; entity: OverviewEntity }
  | { kind: 'document'; entity: OverviewEntity; uri: string; mentions: OverviewMention[] }
  | { kind: 'mention'; mention: OverviewMention };

const ICONS: Record<string, string> = { person: 'person', organization: 'organization', country: 'globe', city: 'location', region: 'map', facility: 'tools' };

/** Actors or Places across the workspace → documents → mentions. */
export class EntityTree implements vscode.TreeDataProvider<Node> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(
    private readonly model: OverviewModel,
    private readonly kind: 'actor' | 'place',
  ) {
    this.onDidChangeTreeData = model.onDidChange;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      return this.model.data.entities
        .filter((e) => e.kind === this.kind && this.model.matches(e.name, e.type))
        .map((entity) => ({ kind: 'entity', entity }));
    }
    if (node.kind === 'entity') {
      return [...node.entity.documents]
        .sort((a, b) => b.mentions.length - a.mentions.length)
        .map((d) => ({ kind: 'document', entity: node.entity, uri: d.uri, mentions: d.mentions }));
    }
    if (node.kind === 'document') return node.mentions.map((mention) => ({ kind: 'mention', mention }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'entity') {
      const e = node.entity;
      const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${this.kind}:${e.id}`;
      item.description = `${e.mentionCount} · ${e.documents.length} doc${e.documents.length === 1 ? '' : 's'}`;
      item.tooltip = `${e.name} (${e.type}): ${e.mentionCount} mentions in ${e.documents.length} documents`;
      item.iconPath = new vscode.ThemeIcon(ICONS[e.type] ?? 'symbol-misc');
      item.contextValue = `dossier.entity.${e.kind}`;
      return item;
    }
    if (node.kind === 'document') {
      const item = new vscode.TreeItem(fileName(node.uri), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${this.kind}:${node.entity.id}:${node.uri}`;
      item.description = String(node.mentions.length);
      item.resourceUri = vscode.Uri.parse(node.uri);
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    const m = node.mention;
    const item = new vscode.TreeItem(m.context, vscode.TreeItemCollapsibleState.None);
    item.description = `line ${m.start.line + 1}`;
    item.command = revealCommand(m);
    return item;
  }
}
