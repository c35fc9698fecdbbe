import * as assert from 'assert';
import Module = require('module');
import * as path from 'path';
import type { Annotation } from '../../common/annotations';
import { parseSidecar, serializeSidecar } from '../../common/annotations';

/*
 * The sidecar store runs against a small in-memory stand-in for the parts of
 * the `vscode` API it uses (workspace.fs, events, messages), so that its
 * durability rules are tested in plain Node: a damaged sidecar is never
 * written over, writes go through a temporary file and a rename, and outside
 * changes are merged.
 */

class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  get fsPath(): string {
    return this.path;
  }
  get authority(): string {
    return '';
  }
  with(change: { path?: string }): FakeUri {
    return new FakeUri(this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
  static file(p: string): FakeUri {
    return new FakeUri('file', p);
  }
}

class FakeEmitter<T> {
  private listeners: Array<(v: T) => void> = [];
  event = (l: (v: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(v: T): void {
    this.listeners.forEach((l) => l(v));
  }
  dispose(): void {
    this.listeners = [];
  }
}

const files = new Map<string, Uint8Array>();
const ops: string[] = [];
const errors: string[] = [];
/** Runs once, inside the next writeFile: what the user does while a write awaits the disk. */
let duringWrite: (() => void) | undefined;
const notFound = () => Object.assign(new Error('EntryNotFound (FileSystemError)'), { code: 'FileNotFound' });

const fakeVscode = {
  Uri: FakeUri,
  EventEmitter: FakeEmitter,
  FileSystemError: class extends Error {},
  workspace: {
    textDocuments: [] as unknown[],
    findFiles: async () => [],
    asRelativePath: (u: FakeUri) => path.basename(u.path),
    fs: {
      readFile: async (u: FakeUri) => {
        const b = files.get(u.path);
        if (!b) throw notFound();
        return b;
      },
      writeFile: async (u: FakeUri, content: Uint8Array) => {
        ops.push(`write ${path.basename(u.path)}`);
        files.set(u.path, content);
        const during = duringWrite;
        duringWrite = undefined;
        during?.();
        await new Promise((r) => setImmediate(r));
      },
      rename: async (from: FakeUri, to: FakeUri, opts?: { overwrite?: boolean }) => {
        ops.push(`rename ${path.basename(from.path)} -> ${path.basename(to.path)}`);
        const b = files.get(from.path);
        if (!b) throw notFound();
        if (files.has(to.path) && !opts?.overwrite) throw new Error('FileExists');
        files.set(to.path, b);
        files.delete(from.path);
      },
      delete: async (u: FakeUri) => {
        files.delete(u.path);
      },
    },
  },
  window: {
    showErrorMessage: (m: string) => {
      errors.push(m);
      return Promise.resolve(undefined);
    },
    showInformationMessage: () => Promise.resolve(undefined),
    createOutputChannel: () => ({ error: () => undefined, warn: () => undefined, info: () => undefined, show: () => undefined }),
  },
};

type StoreModule = typeof import('../../client/src/annotations/store');
let storeModule: StoreModule;

const DOC = '/ws/001.txt';
const SIDECAR = '/ws/001.txt.annotations.json';
const TEXT = 'The minister said on Monday that the bridge would reopen.';
const text = (p: string) => Buffer.from(files.get(p) ?? new Uint8Array()).toString('utf8');

describe('sidecar store (durability)', () => {
  const resolve = (Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string })._resolveFilename;
  before(() => {
    const fakePath = path.join(__dirname, '__fake_vscode__.js');
    require.cache[fakePath] = { id: fakePath, filename: fakePath, loaded: true, exports: fakeVscode } as unknown as NodeJS.Module;
    (Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string })._resolveFilename = (req: string, ...rest: unknown[]) =>
      req === 'vscode' ? fakePath : resolve(req, ...rest);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    storeModule = require('../../client/src/annotations/store') as StoreModule;
  });
  after(() => {
    (Module as unknown as { _resolveFilename: typeof resolve })._resolveFilename = resolve;
  });
  beforeEach(() => {
    files.clear();
    ops.length = 0;
    errors.length = 0;
    duringWrite = undefined;
    files.set(DOC, Buffer.from(TEXT));
  });

  const docUri = () => FakeUri.file(DOC) as unknown as import('vscode').Uri;
  const sidecarUri = () => FakeUri.file(SIDECAR) as unknown as import('vscode').Uri;
  const tag = (store: InstanceType<StoreModule['AnnotationStore']>, start: number, end: number, tags: string[]) =>
    store.add(docUri(), start, end, (b) => ({ ...b, kind: 'passage', body: { tags } }) as Annotation);

  it('writes atomically: a temporary file next to the sidecar, then a rename', async () => {
    const store = new storeModule.AnnotationStore();
    await tag(store, 4, 12, ['official']);
    await store.flush();
    assert.strictEqual(ops.length, 2);
    assert.match(ops[0], /^write 001\.txt\.annotations\.json\.tmp-/);
    assert.match(ops[1], /^rename 001\.txt\.annotations\.json\.tmp-\S+ -> 001\.txt\.annotations\.json$/);
    assert.deepStrictEqual([...files.keys()].sort(), [DOC, SIDECAR]);
    const parsed = parseSidecar(text(SIDECAR), '001.txt');
    assert.ok(parsed.ok);
    assert.strictEqual(parsed.sidecar.annotations[0].target.quote.exact, 'minister');
    assert.deepStrictEqual(parsed.sidecar.annotations[0].body.tags, ['official']);
    store.dispose();
  });

  it('keeps what the user adds or removes while a write is in flight', async () => {
    const store = new storeModule.AnnotationStore();
    const a = await tag(store, 4, 12, ['official']);
    duringWrite = () => void tag(store, 36, 42, ['infrastructure']);
    await store.flush();
    await store.flush();
    const tagsOf = (anns: readonly Annotation[]) => anns.map((x) => x.body.tags[0]).sort();
    assert.deepStrictEqual(tagsOf(store.get(docUri())!.sidecar.annotations), ['infrastructure', 'official'], 'added during the write, kept in memory');
    let disk = parseSidecar(text(SIDECAR), '001.txt');
    assert.ok(disk.ok);
    assert.deepStrictEqual(tagsOf(disk.sidecar.annotations), ['infrastructure', 'official'], 'and written next');

    await tag(store, 17, 23, ['date']);
    duringWrite = () => store.remove(docUri(), a.id);
    await store.flush();
    await store.flush();
    assert.deepStrictEqual(tagsOf(store.get(docUri())!.sidecar.annotations), ['date', 'infrastructure'], 'removed during the write, stays removed');
    disk = parseSidecar(text(SIDECAR), '001.txt');
    assert.ok(disk.ok);
    assert.deepStrictEqual(tagsOf(disk.sidecar.annotations), ['date', 'infrastructure']);
    store.dispose();
  });

  it('never overwrites a corrupt sidecar, refuses new annotations, and reports it once', async () => {
    const garbage = Buffer.from('{ "version": 1, "annotations": [ oops');
    files.set(SIDECAR, garbage);
    const store = new storeModule.AnnotationStore();
    await store.onSidecarChanged(sidecarUri());
    assert.strictEqual(store.get(docUri())?.status, 'corrupt');
    await assert.rejects(tag(store, 4, 12, ['x']), storeModule.SidecarUnavailableError);
    await store.onSidecarChanged(sidecarUri());
    await store.flush();
    assert.deepStrictEqual(files.get(SIDECAR), garbage, 'bytes unchanged');
    assert.deepStrictEqual(ops, [], 'nothing written');
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0], /001\.txt\.annotations\.json cannot be read/);
    store.dispose();
  });

  it('a sidecar damaged outside while a write is pending is left as it is; the annotations stay in memory', async () => {
    const store = new storeModule.AnnotationStore();
    const a = await tag(store, 4, 12, ['official']);
    await store.flush();
    store.update(docUri(), a.id, (x) => ({ ...x, body: { tags: ['official', 'second'] } }));
    const damaged = Buffer.from('not json at all');
    files.set(SIDECAR, damaged);
    ops.length = 0;
    await store.flush();
    assert.deepStrictEqual(files.get(SIDECAR), damaged);
    assert.deepStrictEqual(ops, []);
    assert.strictEqual(store.get(docUri())?.status, 'corrupt');
    assert.deepStrictEqual(store.get(docUri())?.sidecar.annotations[0].body.tags, ['official', 'second']);
    // Backing up keeps the damaged bytes and writes what is in memory.
    const backup = await store.backUpAndStartFresh(docUri());
    await store.flush();
    assert.ok(backup && /\.annotations\.json\.bak-\d{8}T\d{6}Z$/.test(backup.path));
    assert.deepStrictEqual(files.get(backup.path), damaged);
    const parsed = parseSidecar(text(SIDECAR), '001.txt');
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.sidecar.annotations[0].body.tags, ['official', 'second']);
    store.dispose();
  });

  it('merges a change made outside: newer edits win per annotation, deletions outside apply', async () => {
    const store = new storeModule.AnnotationStore();
    const a = await tag(store, 4, 12, ['official']);
    const b = await tag(store, 21, 27, ['date']);
    await store.flush();
    const onDisk = parseSidecar(text(SIDECAR), '001.txt');
    assert.ok(onDisk.ok);
    // Another window edits `a` later and deletes `b` (by hand, without a tombstone).
    const edited = onDisk.sidecar.annotations.filter((x) => x.id === a.id).map((x) => ({ ...x, modified: new Date(Date.now() + 60_000).toISOString(), body: { tags: ['official', 'from elsewhere'] } }));
    files.set(SIDECAR, Buffer.from(serializeSidecar({ ...onDisk.sidecar, annotations: edited })));
    await store.onSidecarChanged(sidecarUri());
    const state = store.get(docUri());
    assert.deepStrictEqual(state?.sidecar.annotations.map((x) => x.body.tags), [['official', 'from elsewhere']]);
    assert.ok(!state?.sidecar.annotations.some((x) => x.id === b.id));
    store.dispose();
  });

  it('reads a version 0 file, migrates it, and writes it back as version 1', async () => {
    files.set(SIDECAR, Buffer.from(JSON.stringify({ annotations: [{ start: 4, end: 12, text: 'minister', tags: ['official'] }] })));
    const store = new storeModule.AnnotationStore();
    await store.onSidecarChanged(sidecarUri());
    await store.flush();
    const parsed = JSON.parse(text(SIDECAR));
    assert.strictEqual(parsed.version, 1);
    assert.strictEqual(parsed.annotations[0].target.quote.prefix, 'The ');
    store.dispose();
  });
});
