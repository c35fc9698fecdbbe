import * as assert from 'assert';
import * as nodeFs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseSidecar, serializeSidecar, textHash, type Sidecar } from '../../common/annotations';
import { SidecarStore, type SidecarFailure, type SidecarState } from '../../client/src/annotations/sidecarFile';
import { nodeSidecarFs, type SidecarFs } from '../../client/src/annotations/sidecarFs';
import { MemoryFs } from './memoryFs';
import { passage, tagsOf, TEXT } from './sidecarFixtures';

/*
 * Issue 11, findings 11 (BOM), 12 (read-only sidecar) and 13 (renamed
 * documents), on the sidecar store.
 */

const DOC = '/ws/001.txt';
const SIDECAR = '/ws/001.txt.annotations.json';
const sidecarWith = (...tags: string[]): Sidecar => ({
  version: 1,
  document: '001.txt',
  annotations: tags.map((t, i) => passage(i * 4, i * 4 + 3, [t])),
  deleted: [],
});

describe('sidecar store (files)', () => {
  let fs: MemoryFs;
  let failures: SidecarFailure[];
  const stores: SidecarStore[] = [];
  const open = (files: SidecarFs = fs) => {
    const store = new SidecarStore<SidecarState>({ fs: files, extend: (s) => s, writeDelayMs: 5 });
    store.onDidFail((f) => failures.push(f));
    stores.push(store);
    return store;
  };
  const tag = (store: SidecarStore, doc: string, name: string) => store.add(doc, passage(4, 12, [name]), { start: 4, end: 12 });
  const disk = (p = SIDECAR): Sidecar => {
    const parsed = parseSidecar(fs.text(p) ?? '', path.basename(p));
    assert.ok(parsed.ok, `a valid sidecar at ${p}`);
    return parsed.sidecar;
  };

  beforeEach(() => {
    fs = new MemoryFs();
    failures = [];
    fs.set(DOC, TEXT);
  });
  afterEach(() => stores.splice(0).forEach((s) => s.dispose()));

  it('reads a sidecar saved with a UTF-8 byte order mark, and does not rewrite it for that', async () => {
    fs.set(SIDECAR, '\ufeff' + serializeSidecar(sidecarWith('official')));
    const store = open();
    await store.sync(SIDECAR);
    await store.flush();
    assert.strictEqual(store.get(DOC)?.status, 'ok', store.get(DOC)?.error);
    assert.deepStrictEqual(tagsOf(store.get(DOC)!.sidecar.annotations), ['official']);
    assert.deepStrictEqual(fs.ops, [], 'nothing written');
    assert.deepStrictEqual(failures, []);
  });

  // #region read-only

  it('a read-only sidecar is not replaced: the change is refused once, with a clear event, and kept in memory', async () => {
    const original = serializeSidecar(sidecarWith('official'));
    fs.set(SIDECAR, original, 0o444);
    const store = open();
    await store.sync(SIDECAR);
    tag(store, DOC, 'first');
    await store.flush();
    tag(store, DOC, 'second');
    await store.flush();
    assert.strictEqual(fs.text(SIDECAR), original, 'bytes unchanged');
    assert.strictEqual(fs.files.get(SIDECAR)?.mode, 0o444, 'still read-only');
    assert.deepStrictEqual(
      failures.map((f) => [f.kind, f.sidecarPath]),
      [['read-only', SIDECAR]],
      'said once',
    );
    assert.deepStrictEqual(tagsOf(store.get(DOC)!.sidecar.annotations), ['first', 'official', 'second'], 'kept in memory');
    // Made writable again: the next change saves everything.
    fs.files.get(SIDECAR)!.mode = 0o644;
    tag(store, DOC, 'third');
    await store.flush();
    assert.deepStrictEqual(tagsOf(disk().annotations), ['first', 'official', 'second', 'third']);
  });

  it('a rewritten sidecar keeps its permission bits', async () => {
    fs.set(SIDECAR, serializeSidecar(sidecarWith('official')), 0o600);
    const store = open();
    await store.sync(SIDECAR);
    tag(store, DOC, 'more');
    await store.flush();
    assert.deepStrictEqual(tagsOf(disk().annotations), ['more', 'official']);
    assert.strictEqual(fs.files.get(SIDECAR)?.mode, 0o600);
  });

  it('on a real file system, a 0444 sidecar keeps its bytes and its mode, even for root', async () => {
    const dir = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'dossier-ro-'));
    try {
      const doc = path.join(dir, 'story.txt');
      const sidecar = `${doc}.annotations.json`;
      const original = serializeSidecar(sidecarWith('official'));
      nodeFs.writeFileSync(doc, TEXT);
      nodeFs.writeFileSync(sidecar, original);
      nodeFs.chmodSync(sidecar, 0o444);
      const store = open(nodeSidecarFs);
      await store.ensure(doc);
      tag(store, doc, 'refused');
      await store.flush();
      assert.strictEqual(nodeFs.readFileSync(sidecar, 'utf8'), original);
      assert.strictEqual(nodeFs.statSync(sidecar).mode & 0o777, 0o444);
      assert.deepStrictEqual(
        failures.map((f) => f.kind),
        ['read-only'],
      );
      assert.deepStrictEqual(nodeFs.readdirSync(dir).sort(), ['story.txt', 'story.txt.annotations.json'], 'no lock or temporary file left');
    } finally {
      nodeFs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // #endregion

  // #region documents that move

  it('a renamed document takes its sidecar along: same annotations, new name, the state follows', async () => {
    const store = open();
    const moves: string[] = [];
    store.onDidMove(({ from, to }) => moves.push(`${from.docPath} -> ${to.docPath}`));
    tag(store, DOC, 'official');
    await store.flush();
    fs.files.set('/ws/renamed.txt', fs.files.get(DOC)!);
    fs.files.delete(DOC);
    assert.strictEqual(await store.move(DOC, '/ws/renamed.txt'), 'moved');
    await store.flush();
    assert.strictEqual(fs.text(SIDECAR), null, 'the old sidecar is gone');
    const moved = disk('/ws/renamed.txt.annotations.json');
    assert.deepStrictEqual(tagsOf(moved.annotations), ['official']);
    assert.strictEqual(moved.document, 'renamed.txt');
    assert.strictEqual(store.get(DOC), undefined);
    assert.deepStrictEqual(tagsOf(store.get('/ws/renamed.txt')!.sidecar.annotations), ['official']);
    assert.deepStrictEqual(moves, [`${DOC} -> /ws/renamed.txt`]);
    assert.deepStrictEqual(failures, []);
  });

  it('a document renamed onto a name that has its own sidecar: nothing is overwritten, and it says so', async () => {
    const theirs = serializeSidecar(sidecarWith('theirs'));
    fs.set('/ws/other.txt.annotations.json', theirs);
    const store = open();
    tag(store, DOC, 'mine');
    await store.flush();
    const mine = fs.text(SIDECAR);
    assert.strictEqual(await store.move(DOC, '/ws/other.txt'), 'conflict');
    await store.flush();
    assert.strictEqual(fs.text('/ws/other.txt.annotations.json'), theirs);
    assert.strictEqual(fs.text(SIDECAR), mine);
    assert.deepStrictEqual(
      failures.map((f) => [f.kind, f.reason]),
      [['not-moved', 'other.txt.annotations.json already exists']],
    );
    assert.deepStrictEqual(tagsOf(store.get(DOC)!.sidecar.annotations), ['mine']);
  });

  it('renaming a document without annotations touches nothing', async () => {
    const store = open();
    assert.strictEqual(await store.move(DOC, '/ws/renamed.txt'), 'nothing');
    assert.deepStrictEqual(fs.ops, []);
  });

  it('a moved folder: the states of its documents follow, nothing is written', async () => {
    const store = open();
    tag(store, '/ws/a/x.txt', 'x');
    tag(store, '/ws/ab/y.txt', 'y');
    await store.flush();
    fs.ops.length = 0;
    await store.moveFolder((p) => (p.startsWith('/ws/a/') ? '/ws/b/' + p.slice('/ws/a/'.length) : null));
    await store.flush();
    assert.deepStrictEqual(tagsOf(store.get('/ws/b/x.txt')!.sidecar.annotations), ['x']);
    assert.strictEqual(store.get('/ws/a/x.txt'), undefined);
    assert.ok(store.get('/ws/ab/y.txt'), 'a sibling with a common prefix stays');
    assert.deepStrictEqual(fs.ops, []);
  });

  it('writes the hash of the document text it was given, to find the document again after a rename outside', async () => {
    const store = new SidecarStore<SidecarState>({
      fs,
      extend: (s) => s,
      writeDelayMs: 5,
      hooks: { prepare: async (_s, basis) => ({ annotations: basis.annotations, documentHash: textHash(TEXT) }) },
    });
    stores.push(store);
    tag(store, DOC, 'official');
    await store.flush();
    assert.strictEqual(disk().documentHash, textHash(TEXT));
  });

  // #endregion
});
