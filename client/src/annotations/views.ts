import * as vscode from 'vscode';
import type { Annotation } from '../../../common/annotations';
import { baseName, tagHue } from './sidecarPaths';
import type { AnnotationStore, DocumentAnnotations } from './store';
import { annotationHoverHeader } from './hoverText';

export const ANNOTATIONS_VIEW = 'dossier.annotations';
export const ORPHAN_CODE = 'orphaned-annotation';
export const REANCHOR_COMMAND = '_dossier.reanchorAnnotation';
export const REVEAL_COMMAND = '_dossier.revealAnnotation';

export function describeAnnotation(a: Annotation): string {
  const what =
    a.kind === 'entity-tag'
      ? `entity ${a.entity.name}`
      : a.kind === 'correction'
        ? `correction of ${a.entity.name} (${a.correction.action})`
        : 'passage';
  const tags = a.body.tags.length ? ` [${a.body.tags.join(', ')}]` : '';
  return `${what}${tags}`;
}

export function quoteLabel(a: Annotation, max = 60): string {
  const q = a.target.quote.exact.replace(/\s+/g, ' ').trim();
  return q.length > max ? `${q.slice(0, max - 1)}…` : q;
}

// #region decorations

/** A background colour per tag (stable across sessions), a dotted underline for notes and corrections. */
export class AnnotationDecorations implements vscode.Disposable {
  private readonly byTag = new Map<string, vscode.TextEditorDecorationType>();
  private readonly plain = vscode.window.createTextEditorDecorationType({
    borderWidth: '0 0 1px 0',
    borderStyle: 'dotted',
    borderColor: new vscode.ThemeColor('editorInfo.foreground'),
    overviewRulerColor: new vscode.ThemeColor('editorInfo.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });

  constructor(private readonly store: AnnotationStore) {}

  private typeFor(tag: string): vscode.TextEditorDecorationType {
    let type = this.byTag.get(tag);
    if (!type) {
      const hue = tagHue(tag);
      type = vscode.window.createTextEditorDecorationType({
        backgroundColor: `hsla(${hue}, 75%, 55%, 0.18)`,
        overviewRulerColor: `hsla(${hue}, 75%, 55%, 0.8)`,
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.byTag.set(tag, type);
    }
    return type;
  }

  refresh(editors: readonly vscode.TextEditor[] = vscode.window.visibleTextEditors): void {
    for (const editor of editors) {
      const state = this.store.get(editor.document.uri);
      const perTag = new Map<string, vscode.DecorationOptions[]>();
      const plain: vscode.DecorationOptions[] = [];
      for (const a of state?.sidecar.annotations ?? []) {
        const at = state?.placements.get(a.id);
        if (!at) continue;
        const range = new vscode.Range(editor.document.positionAt(at.start), editor.document.positionAt(at.end));
        const hoverMessage = hoverOf(a);
        if (a.kind === 'passage' && a.body.tags.length) {
          a.body.tags.forEach((t, i) => perTag.set(t, [...(perTag.get(t) ?? []), i === 0 ? { range, hoverMessage } : { range }]));
        } else plain.push({ range, hoverMessage });
      }
      for (const t of perTag.keys()) this.typeFor(t);
      for (const [tag, type] of this.byTag) editor.setDecorations(type, perTag.get(tag) ?? []);
      editor.setDecorations(this.plain, plain);
    }
  }

  dispose(): void {
    this.plain.dispose();
    for (const t of this.byTag.values()) t.dispose();
  }
}

function hoverOf(a: Annotation): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(annotationHoverHeader(a));
  if (a.body.note) {
    md.appendMarkdown('\n\n');
    md.appendText(a.body.note);
  }
  return md;
}

// #endregion

// #region orphans in the Problems panel

/** One warning per orphaned annotation, at its old position, with a quick fix that re-anchors it on the selection. */
export class OrphanDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  private readonly collection = vscode.languages.createDiagnosticCollection('dossier-annotations');
  private readonly ids = new Map<string, Map<string, string>>();

  refresh(state: DocumentAnnotations): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.docUri.toString());
    const diagnostics: vscode.Diagnostic[] = [];
    const ids = new Map<string, string>();
    for (const a of state.sidecar.annotations) {
      if (state.placements.get(a.id) !== null) continue;
      const pos = doc ? doc.positionAt(Math.min(a.target.position.start, doc.getText().length)) : new vscode.Position(0, 0);
      const range = doc ? doc.lineAt(pos.line).range : new vscode.Range(pos, pos);
      const message = `Annotation on "${quoteLabel(a, 50)}" (${describeAnnotation(a)}) no longer matches the text. It is kept; select the passage it belongs to and use the quick fix to re-anchor it, or remove it.`;
      const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
      d.source = 'Dossier';
      d.code = ORPHAN_CODE;
      diagnostics.push(d);
      ids.set(message, a.id);
    }
    if (state.status === 'corrupt') {
      const d = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 0),
        `The annotations file ${baseName(state.sidecarUri.path)} cannot be read (${state.error ?? 'damaged'}); it is left untouched.`,
        vscode.DiagnosticSeverity.Error,
      );
      d.source = 'Dossier';
      diagnostics.push(d);
    }
    this.ids.set(state.docUri.toString(), ids);
    this.collection.set(state.docUri, diagnostics);
  }

  clear(docUri: vscode.Uri): void {
    this.ids.delete(docUri.toString());
    this.collection.delete(docUri);
  }

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const ids = this.ids.get(document.uri.toString());
    const actions: vscode.CodeAction[] = [];
    const selection = vscode.window.activeTextEditor?.document === document ? vscode.window.activeTextEditor.selection : range;
    for (const d of context.diagnostics) {
      if (d.code !== ORPHAN_CODE) continue;
      const id = ids?.get(d.message);
      if (!id) continue;
      const fix = new vscode.CodeAction(
        selection.isEmpty ? 'Select the passage, then re-anchor the annotation here' : 'Re-anchor the annotation on the selection',
        vscode.CodeActionKind.QuickFix,
      );
      fix.diagnostics = [d];
      fix.isPreferred = true;
      fix.command = { title: fix.title, command: REANCHOR_COMMAND, arguments: [document.uri.toString(), id] };
      actions.push(fix);
      const remove = new vscode.CodeAction('Remove the orphaned annotation', vscode.CodeActionKind.QuickFix);
      remove.diagnostics = [d];
      remove.command = { title: remove.title, command: 'dossier.removeAnnotation', arguments: [document.uri.toString(), id] };
      actions.push(remove);
    }
    return actions;
  }

  dispose(): void {
    this.collection.dispose();
  }
}

// #endregion

// #region the "Annotations" view

type Node = { kind: 'document'; state: DocumentAnnotations } | { kind: 'annotation'; state: DocumentAnnotations; annotation: Annotation };

/** Documents with annotations, and under each its annotations in text order; orphans and damaged files are flagged. */
export class AnnotationTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: AnnotationStore) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      return this.store
        .all()
        .filter((s) => s.sidecar.annotations.length || s.status === 'corrupt')
        .sort((a, b) => a.docUri.path.localeCompare(b.docUri.path))
        .map((state) => ({ kind: 'document', state }));
    }
    if (node.kind === 'annotation') return [];
    const { state } = node;
    const start = (a: Annotation) => state.placements.get(a.id)?.start ?? Number.MAX_SAFE_INTEGER;
    return [...state.sidecar.annotations]
      .sort((a, b) => start(a) - start(b))
      .map((annotation) => ({ kind: 'annotation', state, annotation }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'document') {
      const { state } = node;
      const orphans = state.sidecar.annotations.filter((a) => state.placements.get(a.id) === null).length;
      const item = new vscode.TreeItem(baseName(state.docUri.path), vscode.TreeItemCollapsibleState.Expanded);
      item.resourceUri = state.docUri;
      item.description =
        state.status === 'corrupt'
          ? 'annotations file cannot be read'
          : `${state.sidecar.annotations.length}${orphans ? ` · ${orphans} orphaned` : ''}`;
      item.iconPath = new vscode.ThemeIcon(state.status === 'corrupt' ? 'error' : 'file-text');
      item.contextValue = state.status === 'corrupt' ? 'dossierCorruptSidecar' : 'dossierAnnotatedDocument';
      if (state.status === 'corrupt') item.tooltip = state.error;
      return item;
    }
    const { state, annotation: a } = node;
    const at = state.placements.get(a.id);
    const item = new vscode.TreeItem(quoteLabel(a), vscode.TreeItemCollapsibleState.None);
    item.description = [a.body.tags.join(', '), a.kind !== 'passage' ? describeAnnotation(a) : '', at === null ? 'orphaned' : '']
      .filter(Boolean)
      .join(' · ');
    item.tooltip = `${describeAnnotation(a)}${a.body.note ? `\n\n${a.body.note}` : ''}${at === null ? '\n\nOrphaned: the text changed and the passage was not found again.' : ''}`;
    item.iconPath = new vscode.ThemeIcon(at === null ? 'warning' : a.kind === 'correction' ? 'edit' : a.body.tags.length ? 'tag' : 'note');
    item.contextValue = at === null ? 'dossierOrphanedAnnotation' : 'dossierAnnotation';
    item.command = { title: 'Show', command: REVEAL_COMMAND, arguments: [state.docUri.toString(), a.id] };
    return item;
  }
}

// #endregion
