import { randomUUID } from 'crypto';
import {
  emptySidecar,
  mergeSidecars,
  parseSidecar,
  pruneTombstones,
  serializeSidecar,
  type Annotation,
  type Sidecar,
} from '../../../common/annotations';
import { Emitter } from './emitter';
import { DEFAULT_LOCK, withLock, type LockOptions, type SidecarFs } from './sidecarFs';
import { backupPathOf, baseName, documentPathOf, sidecarPathOf, tempPathOf } from './sidecarPaths';
import {
  SidecarUnavailableError,
  type Placement,
  type SidecarFailure,
  type SidecarFailureKind,
  type SidecarHooks,
  type SidecarState,
  type SidecarStoreOptions,
} from './sidecarState';

export * from './sidecarState';

/*
 * The sidecar files: reading, merging, the write queue and the
 * compare-and-swap write. No `vscode` here (the file system is injected), so
 * this runs in plain Node: the extension, the unit tests, and the
 * multi-process test that runs several stores on one sidecar.
 */

/**
 * Durability rules:
 * - a write takes the sidecar's lock (shared with every other Dossier
 *   window), re-reads the file and merges it, writes a temporary file next to
 *   it and renames it over the sidecar only if the sidecar is still what was
 *   merged (compare-and-swap), then reads it back; anything else is retried;
 * - writes are debounced and run one at a time per file within the process;
 * - a sidecar that is not valid is never written over, nor is a read-only one;
 * - failures never drop annotations from memory: they are raised as events.
 */
export class SidecarStore<S extends SidecarState = SidecarState> {
  private readonly states = new Map<string, S>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly reported = new Map<string, string>();
  private readonly changed = new Emitter<S>();
  private readonly failed = new Emitter<SidecarFailure>();
  private readonly moved = new Emitter<{ from: S; to: S }>();
  /** Fires with a document's state whenever its annotations, status or placements change. */
  readonly onDidChange = this.changed.event;
  readonly onDidFail = this.failed.event;
  /** A document's state moved to another path (the document was renamed); `from` is no longer in the store. */
  readonly onDidMove = this.moved.event;
  private readonly fs: SidecarFs;
  private readonly hooks: SidecarHooks<S>;
  private readonly writeDelayMs: number;
  private readonly lock: LockOptions;
  private readonly maxAttempts: number;

  constructor(private readonly options: SidecarStoreOptions<S>) {
    this.fs = options.fs;
    this.hooks = options.hooks ?? {};
    this.writeDelayMs = options.writeDelayMs ?? 250;
    this.lock = options.lock ?? DEFAULT_LOCK;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  // #region states

  get(docPath: string): S | undefined {
    return this.states.get(docPath);
  }

  all(): S[] {
    return [...this.states.values()];
  }

  /** The state of a document, loading its sidecar on first use. */
  async ensure(docPath: string): Promise<S> {
    const existing = this.get(docPath);
    if (existing) return existing;
    await this.sync(sidecarPathOf(docPath));
    return this.get(docPath) ?? this.create(docPath);
  }

  private create(docPath: string, from?: SidecarState): S {
    const state = this.options.extend({
      docPath,
      sidecarPath: sidecarPathOf(docPath),
      status: from?.status ?? 'ok',
      ...(from?.error !== undefined ? { error: from.error } : {}),
      sidecar: from ? { ...from.sidecar, document: baseName(docPath) } : emptySidecar(baseName(docPath)),
      base: from?.base ?? null,
      diskText: from?.diskText ?? null,
      placements: from?.placements ?? new Map(),
    });
    this.states.set(docPath, state);
    return state;
  }

  // #endregion

  // #region changes made by the user

  private writable(docPath: string): S {
    const state = this.get(docPath) ?? this.create(docPath);
    if (state.status !== 'ok') {
      throw new SidecarUnavailableError(
        `${baseName(state.sidecarPath)} cannot be read (${state.error ?? 'damaged'}), so new annotations for ${baseName(docPath)} are not accepted until it is fixed or backed up. Nothing was changed.`,
      );
    }
    return state;
  }

  /** Adds a new annotation, placed where the user made it. */
  add(docPath: string, annotation: Annotation, placement: Placement = null): Annotation {
    const state = this.writable(docPath);
    state.sidecar = { ...state.sidecar, annotations: [...state.sidecar.annotations, annotation] };
    state.placements.set(annotation.id, placement);
    this.touch(state, true);
    return annotation;
  }

  update(docPath: string, id: string, change: (a: Annotation) => Annotation): Annotation {
    const state = this.writable(docPath);
    const old = state.sidecar.annotations.find((a) => a.id === id);
    if (!old) throw new Error('that annotation no longer exists');
    const updated = { ...change(old), id, modified: later(old.modified) };
    state.sidecar = { ...state.sidecar, annotations: state.sidecar.annotations.map((a) => (a.id === id ? updated : a)) };
    this.touch(state, true);
    return updated;
  }

  /** Deletes an annotation, leaving a tombstone so that merging with an older copy does not restore it. */
  remove(docPath: string, id: string): void {
    const state = this.writable(docPath);
    const old = state.sidecar.annotations.find((a) => a.id === id);
    if (!old) return;
    state.sidecar = {
      ...state.sidecar,
      annotations: state.sidecar.annotations.filter((a) => a.id !== id),
      deleted: [...state.sidecar.deleted.filter((t) => t.id !== id), { id, deleted: later(old.modified) }],
    };
    state.placements.delete(id);
    this.touch(state, true);
  }

  /**
   * Adds imported annotations. One with the id of an existing annotation
   * replaces it only if it is newer. Importing is an explicit decision, so it
   * also restores annotations deleted here: their tombstone goes, and their
   * `modified` moves past it so that other copies' tombstones do not win.
   */
  importAnnotations(docPath: string, incoming: readonly Annotation[], placements: ReadonlyMap<string, Placement>): number {
    const state = this.writable(docPath);
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
    this.touch(state, true);
    return added;
  }

  /** Placements changed (or a decision was made): tell listeners; decisions are written now, moves with unsaved edits on save. */
  touch(state: S, decided: boolean): void {
    this.changed.fire(state);
    if (decided) this.scheduleWrite(state);
  }

  // #endregion

  // #region the sidecar changes on disk

  /** Reads a sidecar that was created, changed or deleted outside (our own writes are recognised and ignored). */
  sync(sidecarPath: string): Promise<void> {
    const docPath = documentPathOf(sidecarPath);
    if (!docPath) return Promise.resolve();
    return this.serialized(docPath, async () => {
      const disk = await this.readText(sidecarPath);
      const known = this.get(docPath);
      if (!known && disk === null) return;
      const state = known ?? this.create(docPath);
      if (disk === state.diskText && state.status === 'ok') return;
      await this.absorb(state, disk, true);
    });
  }

  /** Merges the file's content into memory; marks the state corrupt (false) if it cannot be read. */
  private async absorb(state: S, disk: string | null, writeBack: boolean): Promise<boolean> {
    let remote: Sidecar;
    if (disk === null) remote = emptySidecar(baseName(state.docPath));
    else {
      const parsed = parseSidecar(disk, baseName(state.docPath));
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
    this.reported.delete(`corrupt ${state.sidecarPath}`);
    const local = state.sidecar;
    const merged = mergeSidecars(wasCorrupt ? null : state.base, local, remote);
    const fromDisk = new Set(merged.annotations.filter((a) => !local.annotations.includes(a)).map((a) => a.id));
    state.sidecar = merged;
    state.base = remote;
    state.diskText = disk;
    for (const id of [...state.placements.keys()]) if (!merged.annotations.some((a) => a.id === id)) state.placements.delete(id);
    if (fromDisk.size) await this.hooks.placeIncoming?.(state, fromDisk);
    // Local changes the file does not have yet (or a file in an older format) are written back.
    if (writeBack && (disk === null ? merged.annotations.length > 0 : serializeSidecar(merged) !== disk.replace(/^\ufeff/, '')))
      this.scheduleWrite(state);
    this.changed.fire(state);
    return true;
  }

  private markCorrupt(state: S, error: string): void {
    state.status = 'corrupt';
    state.error = error;
    this.changed.fire(state);
    this.report(state, 'corrupt', error);
  }

  /** Renames a damaged sidecar to `.bak-<time>` (never overwriting), then writes the annotations in memory, if any. */
  async backUpAndStartFresh(docPath: string): Promise<string | undefined> {
    const state = this.get(docPath);
    if (!state || state.status !== 'corrupt') return undefined;
    return this.serialized(docPath, async () => {
      const backup = backupPathOf(state.sidecarPath, new Date());
      if (!(await this.fs.moveExclusive(state.sidecarPath, backup))) throw new Error(`${baseName(backup)} already exists`);
      state.status = 'ok';
      state.error = undefined;
      state.diskText = null;
      state.base = null;
      this.reported.delete(`corrupt ${state.sidecarPath}`);
      if (state.sidecar.annotations.length) this.scheduleWrite(state);
      this.changed.fire(state);
      return backup;
    });
  }

  // #endregion

  // #region the document moves

  /**
   * The document moved from `fromDoc` to `toDoc` (renamed in the editor, or
   * re-attached by the user): its sidecar follows, never over an existing
   * one, and its state is re-keyed. 'conflict' leaves everything in place.
   */
  move(fromDoc: string, toDoc: string): Promise<'moved' | 'nothing' | 'conflict'> {
    return this.serialized(fromDoc, async () => {
      const from = sidecarPathOf(fromDoc);
      const to = sidecarPathOf(toDoc);
      const state = this.get(fromDoc);
      if (!state && !(await this.fs.stat(from))) return 'nothing';
      const pending = this.cancelWrite(fromDoc);
      const outcome = await withLock(this.fs, from, this.lock, async () => {
        if (!(await this.fs.stat(from))) return 'nothing';
        return (await this.fs.moveExclusive(from, to)) ? 'moved' : 'conflict';
      });
      if (outcome === 'conflict') {
        this.report({ docPath: fromDoc, sidecarPath: from }, 'not-moved', `${baseName(to)} already exists`);
        if (pending && state) this.scheduleWrite(state);
        return outcome;
      }
      if (state) this.rekey(state, toDoc, pending);
      return outcome;
    });
  }

  /** A folder moved: the sidecars inside moved with it, and the states of its documents follow (`newPath`: null if not inside). */
  async moveFolder(newPath: (docPath: string) => string | null): Promise<void> {
    for (const state of this.all()) {
      const toDoc = newPath(state.docPath);
      if (toDoc === null) continue;
      await this.serialized(state.docPath, async () => {
        if (this.get(state.docPath) === state) this.rekey(state, toDoc, this.cancelWrite(state.docPath));
      });
    }
  }

  private rekey(state: S, toDoc: string, pending: boolean): void {
    this.states.delete(state.docPath);
    const next = this.create(toDoc, state);
    this.moved.fire({ from: state, to: next });
    this.changed.fire(next);
    // The file names its document: after a rename it is written again with the new name.
    if (pending || baseName(state.docPath) !== baseName(toDoc)) this.scheduleWrite(next);
  }

  // #endregion

  // #region writing

  scheduleWrite(state: S): void {
    const key = state.docPath;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.queueWrite(state);
      }, this.writeDelayMs),
    );
  }

  private cancelWrite(docPath: string): boolean {
    const timer = this.timers.get(docPath);
    clearTimeout(timer);
    this.timers.delete(docPath);
    return timer !== undefined;
  }

  private queueWrite(state: S): void {
    void this.serialized(state.docPath, () => this.write(state)).catch((err: unknown) =>
      this.report(state, 'not-saved', err instanceof Error ? err.message : String(err)),
    );
  }

  /** Runs the pending writes now and waits for every queued operation. */
  async flush(): Promise<void> {
    for (const key of [...this.timers.keys()]) {
      this.cancelWrite(key);
      const state = this.states.get(key);
      if (state) this.queueWrite(state);
    }
    await Promise.all(this.queues.values());
  }

  private async write(state: S): Promise<void> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      // A state that moved or was replaced is no longer this document's: its successor writes.
      if (state.status !== 'ok' || this.get(state.docPath) !== state) return;
      if (await withLock(this.fs, state.sidecarPath, this.lock, (held) => this.tryWrite(state, held))) return;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
    this.report(state, 'not-saved', `the file kept changing while it was being saved (${this.maxAttempts} attempts)`);
  }

  /** One compare-and-swap, holding the lock. True when settled (written, nothing to write, or refused); false to try again. */
  private async tryWrite(state: S, held: () => Promise<boolean>): Promise<boolean> {
    const disk = await this.readText(state.sidecarPath);
    if ((disk !== state.diskText || state.status !== 'ok') && !(await this.absorb(state, disk, false))) return true;
    // The user may add, edit or remove annotations while this awaits the disk:
    // `basis` is what is written, and memory is replaced by it only if nothing changed meanwhile.
    const basis = state.sidecar;
    const prepared = (await this.hooks.prepare?.(state, basis)) ?? { annotations: basis.annotations };
    const documentHash = prepared.documentHash ?? basis.documentHash;
    const out = pruneTombstones(
      { ...basis, document: baseName(state.docPath), ...(documentHash ? { documentHash } : {}), annotations: prepared.annotations },
      new Date(),
    );
    const content = serializeSidecar(out);
    if (content === disk) return this.settle(state, basis, out);
    if (disk === null && !out.annotations.length && !out.deleted.length) return true;
    const info = await this.fs.stat(state.sidecarPath);
    // Checked on the mode bits, not left to EACCES: root (or an owner with a tolerant file system) can write a 0444 file.
    if (info && (info.mode & 0o222) === 0) {
      this.report(state, 'read-only', 'the file is read-only');
      return true;
    }
    const tmp = tempPathOf(state.sidecarPath, randomUUID().slice(0, 8));
    await this.fs.write(tmp, Buffer.from(content, 'utf8'), info?.mode);
    try {
      // The swap happens only if the file is still what was merged. Dossier windows take turns through the
      // lock; this catches writers that do not lock (a text editor, git) and a lock broken as stale.
      if ((await this.readText(state.sidecarPath)) !== disk || !(await held())) {
        await this.fs.remove(tmp);
        return false;
      }
      await this.fs.rename(tmp, state.sidecarPath);
    } catch (err) {
      await this.fs.remove(tmp).catch(() => undefined);
      throw err;
    }
    // Only what is really on disk becomes the merge base. If the file is not what was just written, another
    // writer came in between: the next attempt merges with it as though this write had never happened.
    if ((await this.readText(state.sidecarPath)) !== content) return false;
    state.diskText = content;
    this.reported.delete(`read-only ${state.sidecarPath}`);
    this.reported.delete(`not-saved ${state.sidecarPath}`);
    return this.settle(state, basis, out);
  }

  private settle(state: S, basis: Sidecar, out: Sidecar): true {
    state.base = out;
    if (state.sidecar === basis) state.sidecar = out;
    else this.scheduleWrite(state);
    return true;
  }

  // #endregion

  /** Raises a failure, once per file and reason until it clears. */
  private report(where: { docPath: string; sidecarPath: string }, kind: SidecarFailureKind, reason: string): void {
    const key = `${kind} ${where.sidecarPath}`;
    if (this.reported.get(key) === reason) return;
    this.reported.set(key, reason);
    this.failed.fire({ kind, docPath: where.docPath, sidecarPath: where.sidecarPath, reason });
  }

  private async readText(path: string): Promise<string | null> {
    const bytes = await this.fs.read(path);
    return bytes === null ? null : Buffer.from(bytes).toString('utf8');
  }

  /** Operations on one document's sidecar run one after another. */
  private serialized<T>(docPath: string, run: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(docPath) ?? Promise.resolve();
    const next = previous.then(run);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(docPath, tail);
    void tail.then(() => {
      if (this.queues.get(docPath) === tail) this.queues.delete(docPath);
    });
    return next;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.changed.dispose();
    this.failed.dispose();
    this.moved.dispose();
  }
}

/** A timestamp after `previous`, even if the clock has not moved on (so the newer edit wins merges). */
function later(previous: string): string {
  return new Date(Math.max(Date.now(), Date.parse(previous) + 1)).toISOString();
}
