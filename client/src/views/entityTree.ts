import * as vscode from 'vscode';
import { SIDEBAR_PAGE, type OverviewEntity, type OverviewMention } from '../../../common/protocol';
import type { OverviewModel } from './overviewModel';
import { fileName, revealCommand } from './revealCommand';

export type EntityNode = Node;

type Node =
  | { kind: 'entity'; entity: OverviewEntity }
  | { kind: 'document'; entity: OverviewEntity; uri: string; mentionCount: number }
  | { kind: 'mention'; mention: OverviewMention }
  /** The next page of an entity's documents, fetched when expanded. */
  | { kind: 'more'; entity: OverviewEntity; offset: number }
  /** The next page of its mentions in a document, fetched when expanded. */
  | { kind: 'moreMentions'; entity: OverviewEntity; uri: string; mentionCount: number; offset: number };

const ICONS: Record<string, string> = {
  person: 'person',
  organization: 'organization',
  country: 'globe',
  city: 'location',
  region: 'map',
  facility: 'tools',
};

/** Actors or Places across the workspace → documents → mentions, each level fetched on expansion. */
export class EntityTree implements vscode.TreeDataProvider<Node> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(
    private readonly model: OverviewModel,
    private readonly kind: 'actor' | 'place',
  ) {
    this.onDidChangeTreeData = model.onDidChange;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.model.data.entities.filter((e) => e.kind === this.kind).map((entity) => ({ kind: 'entity', entity }));
    if (node.kind === 'entity' || node.kind === 'more') {
      const offset = node.kind === 'more' ? node.offset : 0;
      const docs = await this.model.documents(node.entity.id, offset).catch(() => []);
      const nodes: Node[] = docs.map((d) => ({ kind: 'document', entity: node.entity, uri: d.uri, mentionCount: d.mentionCount }));
      if (docs.length === SIDEBAR_PAGE) nodes.push({ kind: 'more', entity: node.entity, offset: offset + SIDEBAR_PAGE });
      return nodes;
    }
    if (node.kind === 'document' || node.kind === 'moreMentions') {
      const offset = node.kind === 'moreMentions' ? node.offset : 0;
      const mentions = await this.model.mentions(node.entity.id, node.uri, offset).catch(() => []);
      const nodes: Node[] = mentions.map((mention) => ({ kind: 'mention', mention }));
      if (mentions.length === SIDEBAR_PAGE)
        nodes.push({
          kind: 'moreMentions',
          entity: node.entity,
          uri: node.uri,
          mentionCount: node.mentionCount,
          offset: offset + SIDEBAR_PAGE,
        });
      return nodes;
    }
    return [];
  }

  /** For TreeView.reveal of an entity (a top-level node). */
  getParent(node: Node): Node | undefined {
    return node.kind === 'document' ? { kind: 'entity', entity: node.entity } : undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'entity') {
      const e = node.entity;
      const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${this.kind}:${e.id}`;
      item.description = `${e.mentionCount} · ${e.documentCount} doc${e.documentCount === 1 ? '' : 's'}`;
      item.tooltip = `${e.name} (${e.type}): ${e.mentionCount} mentions in ${e.documentCount} documents`;
      item.iconPath = new vscode.ThemeIcon(ICONS[e.type] ?? 'symbol-misc');
      item.contextValue = `dossier.entity.${e.kind}`;
      return item;
    }
    if (node.kind === 'more') {
      const e = node.entity;
      const item = new vscode.TreeItem(`${e.documentCount - node.offset} more documents…`, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${this.kind}:${e.id}:more:${node.offset}`;
      return item;
    }
    if (node.kind === 'moreMentions') {
      const item = new vscode.TreeItem(`${node.mentionCount - node.offset} more mentions…`, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${this.kind}:${node.entity.id}:${node.uri}:more:${node.offset}`;
      return item;
    }
    if (node.kind === 'document') {
      const item = new vscode.TreeItem(fileName(node.uri), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${this.kind}:${node.entity.id}:${node.uri}`;
      item.description = String(node.mentionCount);
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
