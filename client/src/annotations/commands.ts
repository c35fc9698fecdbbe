import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { entityTypes, tagsInUse, type Annotation, type AnnotationEntityType, type Correction } from '../../../common/annotations';
import { entityAtRequest, type EntityAtResult } from '../../../common/protocol';
import { choosePlace } from './placeChoice';
import type { AnnotationStore, DocumentAnnotations } from './store';
import { describeAnnotation, quoteLabel } from './views';

/*
 * The annotation commands. Each accepts optional arguments so that tests and
 * code lenses can run it without any prompt, e.g.
 *   dossier.tagSelection { tags: ['disputed'] }
 *   dossier.editAnnotation (uri, id, { tags, note })
 *   dossier.correctDetection { action: 'change-type', type: 'organization' }
 */

export interface TagArgs {
  tags?: string[];
  note?: string;
}

export interface CorrectionArgs {
  action?: Correction['action'];
  type?: AnnotationEntityType;
  /** The other entity for 'merge': its id or name. */
  into?: string;
  /** The place for 'choose-place': a candidate's entity id ("paris-texas"), or "name, division" or "name, country". */
  place?: string;
}

/** An annotation chosen by the user or named by arguments: (uri, id) from lenses and quick fixes, or a tree node. */
interface Chosen {
  state: DocumentAnnotations;
  annotation: Annotation;
}

export class AnnotationCommands {
  constructor(
    private readonly store: AnnotationStore,
    private readonly client: LanguageClient,
  ) {}

  private editor(): vscode.TextEditor {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error('open a document first');
    return editor;
  }

  private knownTags(): string[] {
    return tagsInUse(this.store.all().map((s) => s.sidecar));
  }

  async tagSelection(args?: TagArgs): Promise<Annotation | undefined> {
    const editor = this.editor();
    const { start, end } = selectionOffsets(editor);
    if (start === end) throw new Error('select the passage to tag first');
    const state = await this.store.ensure(editor.document.uri);
    const same = state.sidecar.annotations.find((a) => a.kind === 'passage' && sameRange(state, a, start, end));
    const tags = args?.tags ?? (await pickTags(this.knownTags(), same?.body.tags ?? [], 'Dossier: Tag Selection'));
    if (!tags?.length) return undefined;
    // Tagging exactly the same passage again adds to its tags instead of stacking a second annotation.
    if (same)
      return this.store.update(editor.document.uri, same.id, (a) => ({ ...a, body: { ...a.body, tags: uniq([...a.body.tags, ...tags]) } }));
    return this.store.add(editor.document.uri, start, end, (base) => ({
      ...base,
      kind: 'passage',
      body: { tags: uniq(tags), ...(args?.note ? { note: args.note } : {}) },
    }));
  }

  async addNote(args?: TagArgs): Promise<Annotation | undefined> {
    const editor = this.editor();
    const { start, end } = selectionOffsets(editor);
    const state = await this.store.ensure(editor.document.uri);
    const existing =
      start === end ? annotationsAt(state, start)[0] : state.sidecar.annotations.find((a) => sameRange(state, a, start, end));
    if (!existing && start === end) throw new Error('select the passage to annotate first');
    const note =
      args?.note ??
      (await vscode.window.showInputBox({
        title: 'Dossier: Add Note',
        prompt: `Note on "${existing ? quoteLabel(existing, 40) : editor.document.getText(editor.selection).slice(0, 40)}"`,
        value: existing?.body.note ?? '',
      }));
    if (note === undefined) return undefined;
    if (existing)
      return this.store.update(editor.document.uri, existing.id, (a) => ({
        ...a,
        body: { ...a.body, ...(note ? { note } : { note: undefined }) },
      }));
    if (!note) return undefined;
    return this.store.add(editor.document.uri, start, end, (base) => ({
      ...base,
      kind: 'passage',
      body: { tags: args?.tags ?? [], note },
    }));
  }

  async editAnnotation(target?: unknown, id?: unknown, args?: TagArgs): Promise<Annotation | undefined> {
    const chosen = await this.choose(target, id, 'Edit which annotation?');
    if (!chosen) return undefined;
    const { state, annotation } = chosen;
    if (args && (args.tags || args.note !== undefined)) {
      return this.store.update(state.docUri, annotation.id, (a) => ({
        ...a,
        body: { tags: args.tags ? uniq(args.tags) : a.body.tags, note: args.note !== undefined ? args.note || undefined : a.body.note },
      }));
    }
    const action = await vscode.window.showQuickPick(
      [
        { label: '$(tag) Edit tags…', id: 'tags' },
        { label: '$(note) Edit note…', id: 'note' },
        { label: '$(trash) Remove annotation', id: 'remove' },
      ],
      { title: `Dossier: ${describeAnnotation(annotation)} — "${quoteLabel(annotation, 40)}"` },
    );
    if (action?.id === 'tags') {
      const tags = await pickTags(this.knownTags(), annotation.body.tags, 'Dossier: Edit Tags');
      if (!tags) return undefined;
      return this.store.update(state.docUri, annotation.id, (a) => ({ ...a, body: { ...a.body, tags: uniq(tags) } }));
    }
    if (action?.id === 'note') {
      const note = await vscode.window.showInputBox({ title: 'Dossier: Edit Note', value: annotation.body.note ?? '' });
      if (note === undefined) return undefined;
      return this.store.update(state.docUri, annotation.id, (a) => ({ ...a, body: { ...a.body, note: note || undefined } }));
    }
    if (action?.id === 'remove') this.store.remove(state.docUri, annotation.id);
    return undefined;
  }

  async removeAnnotation(target?: unknown, id?: unknown): Promise<boolean> {
    const chosen = await this.choose(target, id, 'Remove which annotation?');
    if (!chosen) return false;
    this.store.remove(chosen.state.docUri, chosen.annotation.id);
    return true;
  }

  async reanchor(target?: unknown, id?: unknown): Promise<void> {
    const chosen = await this.choose(target, id, 'Re-anchor which annotation?');
    if (!chosen) return;
    const editor = this.editor();
    if (editor.document.uri.toString() !== chosen.state.docUri.toString())
      throw new Error('open the annotated document and select the passage first');
    const { start, end } = selectionOffsets(editor);
    if (start === end) throw new Error('select the passage the annotation belongs to, then run the quick fix again');
    this.store.reanchor(chosen.state.docUri, chosen.annotation.id, start, end);
  }

  async reveal(target?: unknown, id?: unknown): Promise<void> {
    const chosen = await this.choose(target, id, 'Show which annotation?');
    if (!chosen) return;
    const doc = await vscode.workspace.openTextDocument(chosen.state.docUri);
    const editor = await vscode.window.showTextDocument(doc, { preview: true });
    const at = chosen.state.placements.get(chosen.annotation.id);
    const start = doc.positionAt(at?.start ?? Math.min(chosen.annotation.target.position.start, doc.getText().length));
    const range = at ? new vscode.Range(start, doc.positionAt(at.end)) : new vscode.Range(start, start);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  async tagEntity(args?: TagArgs): Promise<Annotation | undefined> {
    const editor = this.editor();
    const hit = await this.entityAt(editor);
    const state = await this.store.ensure(editor.document.uri);
    const same = state.sidecar.annotations.find((a) => a.kind === 'entity-tag' && a.entity.id === hit.entity.id);
    const tags = args?.tags ?? (await pickTags(this.knownTags(), same?.body.tags ?? [], `Dossier: Tag Entity ${hit.entity.name}`));
    if (!tags?.length) return undefined;
    if (same)
      return this.store.update(editor.document.uri, same.id, (a) => ({ ...a, body: { ...a.body, tags: uniq([...a.body.tags, ...tags]) } }));
    const entity = { id: hit.entity.id, name: hit.entity.name, type: hit.entity.type };
    return this.store.add(editor.document.uri, hit.mention.start, hit.mention.end, (base) => ({
      ...base,
      kind: 'entity-tag',
      entity,
      body: { tags: uniq(tags) },
    }));
  }

  async correctDetection(args?: CorrectionArgs): Promise<Annotation | undefined> {
    const editor = this.editor();
    const hit = await this.entityAt(editor);
    const correction = await this.askCorrection(hit, args);
    if (!correction) return undefined;
    const entity = { id: hit.entity.id, name: hit.entity.name, type: hit.entity.type };
    return this.store.add(editor.document.uri, hit.mention.start, hit.mention.end, (base) => ({
      ...base,
      kind: 'correction',
      entity,
      correction,
      body: { tags: [] },
    }));
  }

  private async askCorrection(hit: EntityAtResult, args?: CorrectionArgs): Promise<Correction | undefined> {
    let action = args?.action;
    if (!action) {
      const items: Array<vscode.QuickPickItem & { action: Correction['action'] }> = [
        { label: 'Not an entity', description: `"${hit.mention.text}" is not a name`, action: 'not-entity' },
        { label: 'Change type…', description: `now: ${hit.entity.type}`, action: 'change-type' },
        { label: 'Merge with another entity…', description: 'the same one under another name', action: 'merge' },
      ];
      if (hit.entity.mentionCount > 1)
        items.push({ label: 'Split this mention off', description: `not the same as ${hit.entity.name}`, action: 'split' });
      if (hit.places)
        items.push({
          label: 'Choose the place…',
          description: `${hit.places.candidates.length} places of this name`,
          action: 'choose-place',
        });
      action = (await vscode.window.showQuickPick(items, { title: `Dossier: Correct Detection of "${hit.mention.text}"` }))?.action;
    }
    switch (action) {
      case 'not-entity':
      case 'split':
        return { action };
      case 'change-type': {
        const type =
          args?.type ??
          (
            await vscode.window.showQuickPick(
              entityTypes.filter((t) => t !== hit.entity.type).map((t) => ({ label: t, type: t })),
              { title: `Type of ${hit.entity.name}` },
            )
          )?.type;
        return type ? { action, type } : undefined;
      }
      case 'merge': {
        let into = args?.into ? hit.others.find((o) => o.id === args.into || o.name.toLowerCase() === args.into?.toLowerCase()) : undefined;
        if (args?.into && !into) throw new Error(`no entity "${args.into}" in this document`);
        into ??= (
          await vscode.window.showQuickPick(
            hit.others.map((o) => ({ label: o.name, description: o.type, entity: o })),
            { title: `Merge ${hit.entity.name} with…` },
          )
        )?.entity;
        return into ? { action, into: { id: into.id, name: into.name, type: into.type } } : undefined;
      }
      case 'choose-place': {
        const place = await choosePlace(hit, args?.place);
        return place ? { action, place } : undefined;
      }
      default:
        return undefined;
    }
  }

  private async entityAt(editor: vscode.TextEditor): Promise<EntityAtResult> {
    const hit = await this.client.sendRequest(entityAtRequest, { uri: editor.document.uri.toString(), position: editor.selection.active });
    if (!hit) throw new Error('put the cursor on a detected name (actor or place) first');
    return hit;
  }

  async navigate(direction: 1 | -1): Promise<void> {
    const editor = this.editor();
    const state = this.store.get(editor.document.uri);
    const placed = (state?.sidecar.annotations ?? [])
      .map((a) => state?.placements.get(a.id))
      .filter((p): p is { start: number; end: number } => !!p)
      .sort((a, b) => a.start - b.start || a.end - b.end);
    if (!placed.length) {
      void vscode.window.showInformationMessage('Dossier: no annotations in this document.');
      return;
    }
    const here = editor.document.offsetAt(editor.selection.start);
    const next =
      direction > 0
        ? (placed.find((p) => p.start > here) ?? placed[0])
        : ([...placed].reverse().find((p) => p.start < here) ?? placed[placed.length - 1]);
    const range = new vscode.Range(editor.document.positionAt(next.start), editor.document.positionAt(next.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The annotation named by (uri, id) or a tree node; else the one at the cursor; else one the user picks. */
  private async choose(target: unknown, id: unknown, title: string): Promise<Chosen | undefined> {
    const node = target as { state?: DocumentAnnotations; annotation?: Annotation } | undefined;
    if (node && typeof node === 'object' && node.state && node.annotation) return { state: node.state, annotation: node.annotation };
    if ((typeof target === 'string' || target instanceof vscode.Uri) && typeof id === 'string') {
      const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
      const state = await this.store.ensure(uri);
      const annotation = state.sidecar.annotations.find((a) => a.id === id);
      if (!annotation) throw new Error('that annotation no longer exists');
      return { state, annotation };
    }
    const editor = this.editor();
    const state = await this.store.ensure(editor.document.uri);
    const here = annotationsAt(state, editor.document.offsetAt(editor.selection.active));
    if (here.length === 1) return { state, annotation: here[0] };
    const candidates = here.length ? here : state.sidecar.annotations;
    if (!candidates.length) throw new Error('this document has no annotations');
    const picked = await vscode.window.showQuickPick(
      candidates.map((a) => ({
        label: quoteLabel(a),
        description: describeAnnotation(a),
        detail: state.placements.get(a.id) === null ? 'orphaned' : undefined,
        annotation: a,
      })),
      { title },
    );
    return picked ? { state, annotation: picked.annotation } : undefined;
  }
}

function selectionOffsets(editor: vscode.TextEditor): { start: number; end: number } {
  const doc = editor.document;
  return { start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end) };
}

function sameRange(state: DocumentAnnotations, a: Annotation, start: number, end: number): boolean {
  const at = state.placements.get(a.id);
  return !!at && at.start === start && at.end === end;
}

/** Annotations whose placement contains the offset, innermost first. */
export function annotationsAt(state: DocumentAnnotations, offset: number): Annotation[] {
  return state.sidecar.annotations
    .filter((a) => {
      const at = state.placements.get(a.id);
      return !!at && at.start <= offset && offset <= at.end;
    })
    .sort((a, b) => {
      const x = state.placements.get(a.id)!;
      const y = state.placements.get(b.id)!;
      return x.end - x.start - (y.end - y.start);
    });
}

function uniq(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

/**
 * A multi-select quick pick of the workspace's tags, where typing adds new
 * ones (several at once, separated by commas). Resolves to undefined when
 * cancelled.
 */
export function pickTags(known: readonly string[], selected: readonly string[], title: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem>();
    qp.title = title;
    qp.canSelectMany = true;
    qp.placeholder = 'Pick tags, or type new ones (separate several with commas), then press Enter';
    const existing = uniq([...selected, ...known]).map((label) => ({ label }));
    qp.items = existing;
    qp.selectedItems = existing.filter((i) => selected.includes(i.label));
    let accepted = false;
    qp.onDidChangeValue((value) => {
      const typed = uniq(value.split(',')).filter((t) => !existing.some((i) => i.label === t));
      const fresh = typed.map((label) => ({ label, description: 'new tag', alwaysShow: true }));
      const keep = qp.selectedItems.filter((i) => existing.includes(i));
      qp.items = [...fresh, ...existing];
      qp.selectedItems = [...keep, ...fresh];
    });
    qp.onDidAccept(() => {
      accepted = true;
      const typed = uniq(qp.value.split(','));
      resolve(uniq([...qp.selectedItems.map((i) => i.label), ...typed.filter((t) => !existing.some((i) => i.label === t))]));
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!accepted) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}
