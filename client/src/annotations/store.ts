import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { quoteSelectors, type TextChange } from '../../../common/anchoring';
import { SIDECAR_SUFFIX, textHash, type Annotation, type Sidecar } from '../../../common/annotations';
import { log } from '../log';
import type { Event } from './emitter';
import { followEdits, place, placeAll, withSelectors } from './placement';
import { matchOrphans, renamedPath, sidecarDocumentHash, type Candidate, type Orphan } from './relocation';
import { SidecarStore, type Placement, type SidecarFailure, type SidecarState } from './sidecarFile';
import { nodeSidecarFs, type SidecarFs } from './sidecarFs';
import { sidecarPathOf } from './sidecarPaths';

export { SidecarUnavailableError, type Placement, type SidecarFailure, type SidecarStatus } from './sidecarFile';

/** Everything known about one document's sidecar, with the URIs the editor knows it by. */
export interface DocumentAnnotations extends SidecarState {
  readonly docUri: vscode.Uri;
  readonly sidecarUri: vscode.Uri;
}

/**
 * The annotations of the workspace as the editor sees them: the sidecar
 * files (`SidecarStore`: read, merge, compare-and-swap writes) joined to the
 * editor's documents (placements follow edits, selectors are refreshed from
 * the current text before each write). Shows nothing: failures are raised
 * on `onDidFail` for the UI layer (prompts.ts).
 */
export class AnnotationStore implements vscode.Disposable {
  private readonly core: SidecarStore<DocumentAnnotations>;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the document URI whenever its annotations, status or their placements change. */
  readonly onDidChange = this.changed.event;
  readonly onDidFail: Event<SidecarFailure>;
  /** A document's annotations moved with it to another path. */
  readonly onDidMove: Event<{ from: DocumentAnnotations; to: DocumentAnnotations }>;
  /** Renames being followed, in order. */
  private renames: Promise<void> = Promise.resolve();

  constructor(private readonly fs: SidecarFs = nodeSidecarFs) {
    this.core = new SidecarStore<DocumentAnnotations>({
      fs,
      extend: (s) => Object.assign(s, { docUri: vscode.Uri.file(s.docPath), sidecarUri: vscode.Uri.file(s.sidecarPath) }),
      hooks: {
        placeIncoming: async (state, ids) => {
          const text = await this.textOf(state.docUri);
          if (text !== null) for (const a of state.sidecar.annotations) if (ids.has(a.id)) state.placements.set(a.id, place(a, text));
        },
        prepare: async (state, basis) => {
          const { annotations, text } = await this.selectorsOf(state, basis);
          return { annotations, ...(text !== null ? { documentHash: textHash(text) } : {}) };
        },
      },
    });
    this.onDidFail = this.core.onDidFail;
    this.onDidMove = this.core.onDidMove;
    this.core.onDidChange((s) => this.changed.fire(s.docUri));
  }

  // #region reading

  /** Sidecars are files next to their documents: only documents on disk have them. */
  private pathOf(docUri: vscode.Uri): string {
    if (docUri.scheme !== 'file') throw new Error('annotations are kept next to files on disk: save the document first');
    return docUri.fsPath;
  }

  get(docUri: vscode.Uri): DocumentAnnotations | undefined {
    return docUri.scheme === 'file' ? this.core.get(docUri.fsPath) : undefined;
  }

  all(): DocumentAnnotations[] {
    return this.core.all();
  }

  /** Loads every sidecar of the workspace. */
  async loadAll(): Promise<void> {
    const files = await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, '**/node_modules/**');
    // One unreadable file (EACCES, say) must not keep the others from loading.
    await Promise.all(
      files.map((f) => this.onSidecarChanged(f).catch((err: unknown) => log().error(`Dossier: ${f.fsPath}: ${String(err)}`))),
    );
  }

  /** The state of a document, loading its sidecar on first use. */
  ensure(docUri: vscode.Uri): Promise<DocumentAnnotations> {
    return this.core.ensure(this.pathOf(docUri));
  }

  /** The document's current text: the editor's if it is open, else the file's. */
  async textOf(docUri: vscode.Uri): Promise<string | null> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === docUri.toString());
    if (open) return open.getText();
    const bytes = docUri.scheme === 'file' ? await this.fs.read(docUri.fsPath) : null;
    return bytes === null
      ? null
      : Buffer.from(bytes)
          .toString('utf8')
          .replace(/^\ufeff/, '');
  }

  private async selectorsOf(state: DocumentAnnotations, sidecar: Sidecar): Promise<{ annotations: Annotation[]; text: string | null }> {
    const text = await this.textOf(state.docUri);
    if (text === null) return { annotations: sidecar.annotations, text };
    const hash = textHash(text);
    return { annotations: sidecar.annotations.map((a) => withSelectors(a, state.placements.get(a.id), text, hash)), text };
  }

  /** Annotations with their selectors brought up to date with the current text (orphans as stored). */
  async snapshot(state: DocumentAnnotations): Promise<{ annotations: Annotation[]; text: string | null; sidecar: Sidecar }> {
    // The sidecar the annotations were taken from: the user may change it while the caller awaits more.
    const sidecar = state.sidecar;
    return { ...(await this.selectorsOf(state, sidecar)), sidecar };
  }

  // #endregion

  // #region changes made by the user

  /** Adds an annotation at [start, end) of the document's current text. */
  async add(
    docUri: vscode.Uri,
    start: number,
    end: number,
    make: (base: { id: string; created: string; modified: string; target: Annotation['target'] }) => Annotation,
  ): Promise<Annotation> {
    const path = this.pathOf(docUri);
    await this.core.ensure(path);
    const text = (await this.textOf(docUri)) ?? '';
    const q = quoteSelectors(text, start, end);
    if (!q.exact) throw new Error('select some text first');
    const now = new Date().toISOString();
    const annotation = make({
      id: randomUUID(),
      created: now,
      modified: now,
      target: {
        position: { type: 'TextPositionSelector', start, end },
        quote: { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix },
        hash: textHash(text),
      },
    });
    return this.core.add(path, annotation, { start, end });
  }

  update(docUri: vscode.Uri, id: string, change: (a: Annotation) => Annotation): Annotation {
    return this.core.update(this.pathOf(docUri), id, change);
  }

  remove(docUri: vscode.Uri, id: string): void {
    this.core.remove(this.pathOf(docUri), id);
  }

  /** Places an (orphaned) annotation at a new range chosen by the user. */
  reanchor(docUri: vscode.Uri, id: string, start: number, end: number): void {
    const state = this.get(docUri);
    if (!state?.sidecar.annotations.some((a) => a.id === id)) throw new Error('that annotation no longer exists');
    const before = state.placements.get(id);
    state.placements.set(id, { start, end });
    try {
      this.core.update(state.docPath, id, (a) => a);
    } catch (err) {
      if (before === undefined) state.placements.delete(id);
      else state.placements.set(id, before);
      throw err;
    }
  }

  /** Adds imported annotations (see SidecarStore.importAnnotations); returns how many were taken. */
  async merge(docUri: vscode.Uri, incoming: readonly Annotation[], placements: Map<string, Placement>): Promise<number> {
    const path = this.pathOf(docUri);
    await this.core.ensure(path);
    return this.core.importAnnotations(path, incoming, placements);
  }

  // #endregion

  // #region the document's text changes

  /** Follows edits in an open editor by shifting placements through the changed ranges. */
  onDocumentChanged(e: vscode.TextDocumentChangeEvent): void {
    const state = this.get(e.document.uri);
    if (!state || !state.sidecar.annotations.length || !e.contentChanges.length) return;
    const changes: TextChange[] = e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text }));
    // A change that leaves the document clean without undo/redo is a reload from disk.
    const reload = !e.document.isDirty && e.reason === undefined;
    let text: string | undefined;
    followEdits(state.sidecar.annotations, state.placements, changes, reload, () => (text ??= e.document.getText()));
    this.core.touch(state, false);
  }

  /** Anchors all annotations of a document in a text (on open, on close). */
  anchorAll(state: DocumentAnnotations, text: string): void {
    placeAll(state.sidecar.annotations, state.placements, text);
    this.core.touch(state, false);
  }

  async onDocumentOpened(doc: vscode.TextDocument): Promise<void> {
    const state = this.get(doc.uri);
    if (state?.sidecar.annotations.length) this.anchorAll(state, doc.getText());
  }

  /** Unsaved edits are gone when a document closes: anchor again in the file's text. */
  async onDocumentClosed(doc: vscode.TextDocument): Promise<void> {
    const state = this.get(doc.uri);
    if (!state?.sidecar.annotations.length) return;
    const text = await this.textOf(doc.uri);
    if (text !== null) this.anchorAll(state, text);
  }

  /** After a save the placements describe the file on disk: store them. */
  onDocumentSaved(doc: vscode.TextDocument): void {
    const state = this.get(doc.uri);
    if (state?.sidecar.annotations.length && state.status === 'ok') this.core.scheduleWrite(state);
  }

  // #endregion

  // #region the sidecar changes on disk, documents move

  /** A sidecar was created, changed or deleted outside (or by our own write, which is recognised and ignored). */
  onSidecarChanged(sidecarUri: vscode.Uri): Promise<void> {
    return sidecarUri.scheme === 'file' ? this.core.sync(sidecarUri.fsPath) : Promise.resolve();
  }

  onSidecarDeleted(sidecarUri: vscode.Uri): Promise<void> {
    return this.onSidecarChanged(sidecarUri);
  }

  /** Renames a damaged sidecar to `.bak-<time>` (never overwriting), then writes the annotations in memory, if any. */
  async backUpAndStartFresh(docUri: vscode.Uri): Promise<vscode.Uri | undefined> {
    const backup = await this.core.backUpAndStartFresh(this.pathOf(docUri));
    return backup === undefined ? undefined : vscode.Uri.file(backup);
  }

  /** Files or folders renamed in the editor: each sidecar follows its document. */
  onDidRenameFiles(files: ReadonlyArray<{ readonly oldUri: vscode.Uri; readonly newUri: vscode.Uri }>): Promise<void> {
    const run = async () => {
      for (const { oldUri, newUri } of files) {
        if (oldUri.scheme !== 'file' || newUri.scheme !== 'file') continue;
        const type = (await vscode.workspace.fs.stat(newUri)).type;
        if (type & vscode.FileType.Directory) await this.core.moveFolder((p) => renamedPath(p, oldUri.fsPath, newUri.fsPath));
        else await this.core.move(oldUri.fsPath, newUri.fsPath);
      }
    };
    const done = this.renames.then(run);
    this.renames = done.catch(() => undefined);
    return done;
  }

  /** Loaded sidecars whose document is gone, with the hash of the text they were written for. */
  private async orphans(): Promise<Orphan[]> {
    const out: Orphan[] = [];
    for (const s of this.core.all()) {
      if (s.status !== 'ok' || !s.sidecar.annotations.length || s.diskText === null || (await this.fs.stat(s.docPath))) continue;
      const hash = sidecarDocumentHash(s.sidecar);
      if (hash) out.push({ docPath: s.docPath, hash });
    }
    return out;
  }

  /** Orphaned sidecars, each with the one document among `candidates` (without annotations of its own) that has the same text. */
  async reattachments(candidates: readonly vscode.Uri[], maxBytes: number): Promise<Array<{ from: vscode.Uri; to: vscode.Uri }>> {
    // A rename in the editor is also seen as a new file: the sidecar it is moving is no orphan.
    await this.renames;
    const orphans = await this.orphans();
    if (!orphans.length) return [];
    const found: Candidate[] = [];
    for (const uri of candidates) {
      if (uri.scheme !== 'file') continue;
      const info = await this.fs.stat(uri.fsPath);
      if (!info || info.size > maxBytes || this.get(uri)?.sidecar.annotations.length || (await this.fs.stat(sidecarPathOf(uri.fsPath))))
        continue;
      const text = await this.textOf(uri);
      if (text) found.push({ docPath: uri.fsPath, hash: textHash(text) });
    }
    return matchOrphans(orphans, found).map((m) => ({ from: vscode.Uri.file(m.orphan.docPath), to: vscode.Uri.file(m.docPath) }));
  }

  /** Moves an orphaned sidecar to the document chosen for it, and places its annotations there. */
  async reattach(from: vscode.Uri, to: vscode.Uri): Promise<boolean> {
    if ((await this.core.move(this.pathOf(from), this.pathOf(to))) !== 'moved') return false;
    const state = this.get(to);
    const text = state ? await this.textOf(to) : null;
    if (state && text !== null) this.anchorAll(state, text);
    return true;
  }

  // #endregion

  /** Runs the pending writes now and waits for every queued operation. */
  flush(): Promise<void> {
    return this.core.flush();
  }

  dispose(): void {
    this.core.dispose();
    this.changed.dispose();
  }
}
