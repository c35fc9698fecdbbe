import * as vscode from 'vscode';
import { SIDEBAR_PAGE, type OverviewClaim, type OverviewSpeaker } from '../../../common/protocol';
import type { OverviewModel } from './overviewModel';
import { fileName, revealCommand } from './revealCommand';

type Node =
  | { kind: 'speaker'; speaker: OverviewSpeaker }
  | { kind: 'claim'; claim: OverviewClaim }
  /** The next page of a speaker's claims, fetched when expanded. */
  | { kind: 'more'; speaker: OverviewSpeaker; offset: number };

/** Claims across the workspace grouped by speaker, fetched per speaker on expansion; comment claims are marked. */
export class ClaimTree implements vscode.TreeDataProvider<Node> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly model: OverviewModel) {
    this.onDidChangeTreeData = model.onDidChange;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.model.data.speakers.map((speaker) => ({ kind: 'speaker', speaker }));
    if (node.kind === 'speaker' || node.kind === 'more') {
      const offset = node.kind === 'more' ? node.offset : 0;
      const claims = await this.model.claims(node.speaker.key, offset).catch(() => []);
      const nodes: Node[] = claims.map((claim) => ({ kind: 'claim', claim }));
      if (claims.length === SIDEBAR_PAGE) nodes.push({ kind: 'more', speaker: node.speaker, offset: offset + SIDEBAR_PAGE });
      return nodes;
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'speaker') {
      const s = node.speaker;
      const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `speaker:${s.key}`;
      item.description = String(s.claimCount);
      item.iconPath = new vscode.ThemeIcon(s.resolved ? 'person' : 'question');
      return item;
    }
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(`${node.speaker.claimCount - node.offset} more claims…`, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `speaker:${node.speaker.key}:more:${node.offset}`;
      return item;
    }
    const c = node.claim;
    const text = c.text.length > 90 ? c.text.slice(0, 89) + '…' : c.text;
    const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
    item.description = `${c.cue ?? ''} · ${fileName(c.uri)}${c.section === 'comments' ? ' · comment' : ''}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${c.speaker} ${c.cue ?? ''}: ${c.text}`);
    item.iconPath = new vscode.ThemeIcon(c.section === 'comments' ? 'comment' : 'quote');
    item.command = revealCommand(c);
    return item;
  }
}
