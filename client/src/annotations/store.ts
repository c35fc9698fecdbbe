import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { anchor, quoteSelectors, shiftThrough, type TextChange } from '../../../common/anchoring';
import {
  emptySidecar,
  mergeSidecars,
  parseSidecar,
  pruneTombstones,
  serializeSidecar,
  SIDECAR_SUFFIX,
  textHash,
  type Annotation,
  type Sidecar,
} from '../../../common/annotations';
import { log } from '../log';
import { backupPathOf, baseName, documentPathOf, sidecarPathOf, tempPathOf } from './sidecarPaths';

export type SidecarStatus = 'ok' | 'corrupt';

/** Where an annotation sits in the document's current text; null when it could not be placed (orphaned). */
export type Placement = { start: number; end: number } | null;

/** Everything known about one document's sidecar. */
export interface DocumentAnnotations {
  readonly docUri: vscode.Uri;
  readonly sidecarUri: vscode.Uri;
  status: SidecarStatus;
  /** Why the sidecar cannot be read, while status is 'corrupt'. */
  error?: string;
  /** The annotations as this window sees them (the truth while status is 'ok'). */
  sidecar: Sidecar;
  /** What was last read from or written to disk: the merge base. */
  base: Sidecar | null;
  /** The sidecar file's text as last read or written (null: no file); recognises our own writes. */
  diskText: string | null;
  /** Placement of each annotation in the current text; absent until anchored. */
  placements: Map<string, Placement>;
}

/** Refused because the sidecar is damaged; shown to the user as is. */
export class SidecarUnavailableError extends Error {}

const WRITE_DELAY_MS = 250;

/**
 * Reads, anchors, merges and writes the sidecars of the workspace.
 *
 * Durability rules: every write goes through vscode.workspace.fs to a
 * temporary file next to the sidecar and is renamed over it; writes are
 * debounced and run one at a time per file; right before writing, the file
 * on disk is read again and merged (see mergeSidecars for the rule), and if
 * it is not a valid sidecar nothing is written. A damaged sidecar is never
 * overwritten: it stays as it is until the user fixes it or backs it up.
 */
export class AnnotationStore implements vscode.Disposable {
  private readonly states = new Map<string, DocumentAnnotations>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the document URI whenever its annotations or their placements change. */
  readonly onDidChange = this.changed.event;
  /** Error messages shown to the user, in order (a hook for the tests). */
  readonly shownErrors: string[] = [];
  private readonly reported = new Map<string, string>();

  // #region reading

  get(docUri: vscode.Uri): DocumentAnnotations | undefined {
    return this.states.get(docUri.toString());
  }

  all(): DocumentAnnotations[] {
    return [...this.states.values()];
  }

  /** Loads every sidecar of the workspace. */
  async loadAll(): Promise<void> {
    const files = await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, '**/node_modules/**');
    await Promise.all(files.map((f) => this.onSidecarChanged(f).catch((err: unknown) => log().error(`Dossier: ${f.fsPath}: ${String(err)}`))));
  }

  /** The state of a document, loading its sidecar on first use. */
  async ensure(docUri: vscode.Uri): Promise<DocumentAnnotations> {
    const existing = this.get(docUri);
    if (existing) return existing;
    await this.onSidecarChanged(docUri.with({ path: sidecarPathOf(docUri.path) }));
    return this.get(docUri) ?? this.create(docUri);
  }

  private create(docUri: vscode.Uri): DocumentAnnotations {
    const state: DocumentAnnotations = {
      docUri,
      sidecarUri: docUri.with({ path: sidecarPathOf(docUri.path) }),
      status: 'ok',
      sidecar: emptySidecar(baseName(docUri.path)),
      base: null,
      diskText: null,
      placements: new Map(),
    };
    this.states.set(docUri.toString(), state);
    return state;
  }

  /** The document's current text: the editor's if it is open, else the file's. */
  async textOf(docUri: vscode.Uri): Promise<string | null> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === docUri.toString());
    if (open) return open.getText();
    const bytes = await readOrNull(docUri);
    return bytes === null ? null : stripBom(Buffer.from(bytes).toString('utf8'));
  }

  /** Annotations with their selectors brought up to date with the current text (orphans as stored). */
  async snapshot(state: DocumentAnnotations): Promise<{ annotations: Annotation[]; text: string | null; sidecar: Sidecar }> {
    const text = await this.textOf(state.docUri);
    // The sidecar the annotations were taken from: the user may change it while the caller awaits more.
    const sidecar = state.sidecar;
    if (text === null) return { annotations: sidecar.annotations, text, sidecar };
    const hash = textHash(text);
    return { annotations: sidecar.annotations.map((a) => withSelectors(a, state.placements.get(a.id), text, hash)), text, sidecar };
  }

  // #endregion

  // #region changes made by the user

  private writable(docUri: vscode.Uri): DocumentAnnotations {
    const state = this.get(docUri) ?? this.create(docUri);
    if (state.status !== 'ok') {
      throw new SidecarUnavailableError(
        `${baseName(state.sidecarUri.path)} cannot be read (${state.error ?? 'damaged'}), so new annotations for ${baseName(docUri.path)} are not accepted until it is fixed or backed up. Nothing was changed.`,
      );
    }
    return state;
  }

  /** Adds an annotation at [start, end) of the document's current text. */
  async add(docUri: vscode.Uri, start: number, end: number, make: (base: { id: string; created: string; modified: string; target: Annotation['target'] }) => Annotation): Promise<Annotation> {
    await this.ensure(docUri);
    const state = this.writable(docUri);
    const text = (await this.textOf(docUri)) ?? '';
    const q = quoteSelectors(text, start, end);
    if (!q.exact) throw new Error('select some text first');
    const now = new Date().toISOString();
    const annotation = make({
      id: randomUUID(),
      created: now,
      modified: now,
      target: { position: { type: 'TextPositionSelector', start, end }, quote: { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix }, hash: textHash(text) },
    });
    state.sidecar = { ...state.sidecar, annotations: [...state.sidecar.annotations, annotation] };
    state.placements.set(annotation.id, { start, end });
    this.touched(state, true);
    return annotation;
  }

  update(docUri: vscode.Uri, id: string, change: (a: Annotation) => Annotation): Annotation {
    const state = this.writable(docUri);
    const old = state.sidecar.annotations.find((a) => a.id === id);
    if (!old) throw new Error('that annotation no longer exists');
    const updated = { ...change(old), id, modified: later(old.modified) };
    state.sidecar = { ...state.sidecar, annotations: state.sidecar.annotations.map((a) => (a.id === id ? updated : a)) };
    this.touched(state, true);
    return updated;
  }

  /** Deletes an annotation, leaving a tombstone so that merging with an older copy does not restore it. */
  remove(docUri: vscode.Uri, id: string): void {
    const state = this.writable(docUri);
    const old = state.sidecar.annotations.find((a) => a.id === id);
    if (!old) return;
    state.sidecar = {
      ...state.sidecar,
      annotations: state.sidecar.annotations.filter((a) => a.id !== id),
      deleted: [...state.sidecar.deleted.filter((t) => t.id !== id), { id, deleted: later(old.modified) }],
    };
    state.placements.delete(id);
    this.touched(state, true);
  }

  /** Places an (orphaned) annotation at a new range chosen by the user. */
  reanchor(docUri: vscode.Uri, id: string, start: number, end: number): void {
    const state = this.writable(docUri);
    if (!state.sidecar.annotations.some((a) => a.id === id)) throw new Error('that annotation no longer exists');
    state.placements.set(id, { start, end });
    this.update(docUri, id, (a) => a);
  }

  /**
   * Adds imported annotations. One with the id of an existing annotation
   * replaces it only if it is newer. Importing is an explicit decision, so it
   * also restores annotations deleted here: their tombstone goes, and their
   * `modified` moves past it so that other copies' tombstones do not win.
   */
  async merge(docUri: vscode.Uri, incoming: readonly Annotation[], placements: Map<string, Placement>): Promise<number> {
    await this.ensure(docUri);
    const state = this.writable(docUri);
    let annotations = state.sidecar.annotations;
    let deleted = state.sidecar.deleted;
    let added = 0;
    for (const a of incoming) {
      const existing = annotations.find((x) => x.id === a.id);
      if (existing && Date.parse(existing.modified) >= Date.parse(a.modified)) continue;
      const tomb = deleted.find((t) => t.id === a.id);
      const restored = tomb && Date.parse(tomb.deleted) >= Date.parse(a.modified) ? { ...a, modified: later(tomb.deleted) } : a;
      annotations = existing ? annotations.map((x) => (x.id === a.id ? restored : x)) : [...annotations, restored];
      deleted = deleted.filter((t) => t.id !== a.id);
      state.placements.set(a.id, placements.get(a.id) ?? null);
      added++;
    }
    if (!added) return 0;
    state.sidecar = { ...state.sidecar, annotations, deleted };
    this.touched(state, true);
    return added;
  }

  // #endregion

  // #region the document's text changes

  /** Follows edits in an open editor by shifting placements through the changed ranges. */
  onDocumentChanged(e: vscode.TextDocumentChangeEvent): void {
    const state = this.get(e.document.uri);
    if (!state || !state.sidecar.annotations.length || !e.contentChanges.length) return;
    const changes: TextChange[] = e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text }));
    // A change that leaves the document clean without undo/redo is a reload from disk: its diff says
    // nothing about where passages went, so touched passages are found again by their quote.
    const reload = !e.document.isDirty && e.reason === undefined;
    let text: string | undefined;
    const current = () => (text ??= e.document.getText());
    for (const a of state.sidecar.annotations) {
      const at = state.placements.get(a.id);
      if (at === undefined) continue;
      if (at === null) {
        if (reload) state.placements.set(a.id, place(a, current()));
        continue;
      }
      const shifted = shiftThrough(at, changes);
      if (shifted.touched && (reload || shifted.start === shifted.end)) state.placements.set(a.id, place(a, current(), shifted));
      else state.placements.set(a.id, { start: shifted.start, end: shifted.end });
    }
    this.touched(state, false);
  }

  /** Anchors all annotations of a document in a text (on open, on close, after loading or merging). */
  anchorAll(state: DocumentAnnotations, text: string): void {
    for (const a of state.sidecar.annotations) state.placements.set(a.id, place(a, text));
    this.changed.fire(state.docUri);
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
    if (state?.sidecar.annotations.length && state.status === 'ok') this.scheduleWrite(state);
  }

  // #endregion

  // #region the sidecar changes on disk

  /** A sidecar was created or changed outside (or by our own rename, which is recognised and ignored). */
  onSidecarChanged(sidecarUri: vscode.Uri): Promise<void> {
    const docPath = documentPathOf(sidecarUri.path);
    if (!docPath) return Promise.resolve();
    const docUri = sidecarUri.with({ path: docPath });
    return this.serialized(docUri, async () => {
      const bytes = await readOrNull(sidecarUri);
      const disk = bytes === null ? null : Buffer.from(bytes).toString('utf8');
      const state = this.get(docUri) ?? this.create(docUri);
      if (disk === state.diskText && state.status === 'ok') return;
      await this.absorb(state, disk);
    });
  }

  onSidecarDeleted(sidecarUri: vscode.Uri): Promise<void> {
    return this.onSidecarChanged(sidecarUri);
  }

  /** Merges the file's current content into memory; marks the state corrupt if it cannot be read. */
  private async absorb(state: DocumentAnnotations, disk: string | null): Promise<boolean> {
    const name = baseName(state.docUri.path);
    let remote: Sidecar;
    if (disk === null) remote = emptySidecar(name);
    else {
      const parsed = parseSidecar(disk, name);
      if (!parsed.ok) {
        this.markCorrupt(state, parsed.error);
        state.diskText = disk;
        return false;
      }
      remote = parsed.sidecar;
    }
    const wasCorrupt = state.status === 'corrupt';
    state.status = 'ok';
    state.error = undefined;
    this.reported.delete(state.sidecarUri.toString());
    const local = state.sidecar;
    const merged = mergeSidecars(wasCorrupt ? null : state.base, local, remote);
    const fromDisk = new Set(merged.annotations.filter((a) => !local.annotations.includes(a)).map((a) => a.id));
    state.sidecar = merged;
    state.base = remote;
    state.diskText = disk;
    for (const id of [...state.placements.keys()]) if (!merged.annotations.some((a) => a.id === id)) state.placements.delete(id);
    if (fromDisk.size) {
      const text = await this.textOf(state.docUri);
      if (text !== null) for (const a of merged.annotations) if (fromDisk.has(a.id)) state.placements.set(a.id, place(a, text));
    }
    // Local changes the file does not have yet (or a file in an older format) are written back.
    if (disk === null ? merged.annotations.length > 0 : serializeSidecar(merged) !== disk) this.scheduleWrite(state);
    this.changed.fire(state.docUri);
    return true;
  }

  private markCorrupt(state: DocumentAnnotations, error: string): void {
    state.status = 'corrupt';
    state.error = error;
    this.changed.fire(state.docUri);
    const key = state.sidecarUri.toString();
    if (this.reported.get(key) === error) return;
    this.reported.set(key, error);
    const file = vscode.workspace.asRelativePath(state.sidecarUri);
    const message = `Dossier: the annotations file ${file} cannot be read: ${error}. It is left untouched, and new annotations for ${baseName(state.docUri.path)} are refused until it is fixed.`;
    this.shownErrors.push(message);
    log().error(message);
    void vscode.window.showErrorMessage(message, 'Open File', 'Back Up and Start Fresh').then(async (choice) => {
      if (choice === 'Open File') await vscode.window.showTextDocument(state.sidecarUri);
      else if (choice === 'Back Up and Start Fresh') await this.backUpAndStartFresh(state.docUri);
    });
  }

  /** Renames a damaged sidecar to `.bak-<time>` (never overwriting), then writes the annotations in memory, if any. */
  async backUpAndStartFresh(docUri: vscode.Uri): Promise<vscode.Uri | undefined> {
    const state = this.get(docUri);
    if (!state || state.status !== 'corrupt') return undefined;
    return this.serialized(docUri, async () => {
      const backup = state.sidecarUri.with({ path: backupPathOf(state.sidecarUri.path, new Date()) });
      await vscode.workspace.fs.rename(state.sidecarUri, backup, { overwrite: false });
      state.status = 'ok';
      state.error = undefined;
      state.diskText = null;
      state.base = null;
      this.reported.delete(state.sidecarUri.toString());
      if (state.sidecar.annotations.length) this.scheduleWrite(state);
      this.changed.fire(docUri);
      void vscode.window.showInformationMessage(`Dossier: the damaged file was kept as ${baseName(backup.path)}.`);
      return backup;
    });
  }

  // #endregion

  // #region writing

  private touched(state: DocumentAnnotations, decided: boolean): void {
    this.changed.fire(state.docUri);
    // Placements that only moved with unsaved edits are written on save; decisions are written now.
    if (decided) this.scheduleWrite(state);
  }

  scheduleWrite(state: DocumentAnnotations): void {
    const key = state.docUri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.serialized(state.docUri, () => this.write(state)).catch((err: unknown) => this.writeFailed(state, err));
      }, WRITE_DELAY_MS),
    );
  }

  /** Runs the pending writes now and waits for every queued operation. */
  async flush(): Promise<void> {
    for (const [key, timer] of [...this.timers]) {
      clearTimeout(timer);
      this.timers.delete(key);
      const state = this.states.get(key);
      if (state) void this.serialized(state.docUri, () => this.write(state)).catch((err: unknown) => this.writeFailed(state, err));
    }
    await Promise.all([...this.queues.values()].map((p) => p.catch(() => undefined)));
  }

  private writeFailed(state: DocumentAnnotations, err: unknown): void {
    const message = `Dossier: could not save annotations to ${vscode.workspace.asRelativePath(state.sidecarUri)}: ${err instanceof Error ? err.message : String(err)}. They are kept in memory and saved with the next change.`;
    this.shownErrors.push(message);
    log().error(message);
    void vscode.window.showErrorMessage(message);
  }

  private async write(state: DocumentAnnotations): Promise<void> {
    if (state.status !== 'ok') return;
    const bytes = await readOrNull(state.sidecarUri);
    const disk = bytes === null ? null : Buffer.from(bytes).toString('utf8');
    if (disk !== state.diskText && !(await this.absorb(state, disk))) return;
    // The user may add, edit or remove annotations while this write awaits the disk:
    // `basis` is what is written, and memory is replaced by it only if nothing changed meanwhile.
    const { annotations, sidecar: basis } = await this.snapshot(state);
    const out: Sidecar = pruneTombstones({ ...basis, document: baseName(state.docUri.path), annotations }, new Date());
    const content = serializeSidecar(out);
    const settle = () => {
      state.base = out;
      if (state.sidecar === basis) state.sidecar = out;
      else this.scheduleWrite(state);
    };
    if (content === disk) {
      settle();
      return;
    }
    if (disk === null && !out.annotations.length && !out.deleted.length) return;
    const tmp = state.sidecarUri.with({ path: tempPathOf(state.sidecarUri.path, randomUUID().slice(0, 8)) });
    await vscode.workspace.fs.writeFile(tmp, Buffer.from(content, 'utf8'));
    try {
      await vscode.workspace.fs.rename(tmp, state.sidecarUri, { overwrite: true });
    } catch (err) {
      await Promise.resolve(vscode.workspace.fs.delete(tmp)).catch(() => undefined);
      throw err;
    }
    state.diskText = content;
    settle();
  }

  /** Operations on one sidecar run one after another. */
  private serialized<T>(docUri: vscode.Uri, run: () => Promise<T>): Promise<T> {
    const key = docUri.toString();
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }

  // #endregion

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.changed.dispose();
  }
}

function place(a: Annotation, text: string, hint?: { start: number; end: number }): Placement {
  const { position, quote } = a.target;
  const at = anchor(text, { start: hint?.start ?? position.start, end: hint ? hint.start + quote.exact.length : position.end, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix });
  return at ? { start: at.start, end: at.end } : null;
}

/** The annotation's target recomputed at its placement; unchanged when orphaned or unplaced. */
function withSelectors(a: Annotation, at: Placement | undefined, text: string, hash: string): Annotation {
  if (!at || at.end <= at.start || at.end > text.length) return a;
  const q = quoteSelectors(text, at.start, at.end);
  const t = a.target;
  if (t.position.start === at.start && t.position.end === at.end && t.quote.exact === q.exact && t.quote.prefix === q.prefix && t.quote.suffix === q.suffix && t.hash === hash) return a;
  return { ...a, target: { position: { type: 'TextPositionSelector', start: at.start, end: at.end }, quote: { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix }, hash } };
}

/** A timestamp after `previous`, even if the clock has not moved on (so the newer edit wins merges). */
function later(previous: string): string {
  const now = Date.now();
  const prev = Date.parse(previous);
  return new Date(Math.max(now, prev + 1)).toISOString();
}

async function readOrNull(uri: vscode.Uri): Promise<Uint8Array | null> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'FileNotFound' || code === 'EntryNotFound' || code === 'ENOENT' || /EntryNotFound|FileNotFound|ENOENT/.test(String(err))) return null;
    throw err;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
