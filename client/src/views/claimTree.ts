import * as vscode from 'vscode';
import type { OverviewClaim } from '../../../common/protocol';
import type { OverviewModel } from './overviewModel';
import { fileName, revealCommand } from './revealCommand';

type Node = { kind: 'speaker'; key: string; name: string; claims: OverviewClaim[] } | { kind: 'claim'; claim: OverviewClaim };

/** Claims across the workspace grouped by speaker; comment claims are marked. */
export class ClaimTree implements vscode.TreeDataProvider<Node> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly model: OverviewModel) {
    this.onDidChangeTreeData = model.onDidChange;
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'speaker') return node.claims.map((claim) => ({ kind: 'claim', claim }));
    if (node) return [];
    const groups = new Map<string, Node & { kind: 'speaker' }>();
    for (const c of this.model.data.claims) {
      if (!this.model.matches(c.speaker, c.text, c.cue ?? '')) continue;
      const key = c.speakerId ?? `source:${c.speaker.toLowerCase()}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { kind: 'speaker', key, name: c.speaker, claims: [] }));
      g.claims.push(c);
    }
    return [...groups.values()].sort((a, b) => b.claims.length - a.claims.length || a.name.localeCompare(b.name));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'speaker') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `speaker:${node.key}`;
      item.description = String(node.claims.length);
      item.iconPath = new vscode.ThemeIcon(node.key.startsWith('source:') ? 'question' : 'person');
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
