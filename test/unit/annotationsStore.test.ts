import * as assert from 'assert';
import type { Sidecar } from '../../common/annotations';
import { parseSidecar, serializeSidecar } from '../../common/annotations';
import {
  SidecarStore,
  SidecarUnavailableError,
  type SidecarFailure,
  type SidecarState,
  type SidecarStoreOptions,
} from '../../client/src/annotations/sidecarFile';
import { MemoryFs } from './memoryFs';
import { passage, tagsOf, TEXT } from './sidecarFixtures';

/*
 * The sidecar store (client/src/annotations/sidecarFile.ts) runs on an
 * in-memory file system here: a damaged sidecar is never written over,
 * writes go through a lock, a temporary file and a rename, outside changes
 * are merged, and nothing is lost when two stores write one file.
 */

const DOC = '/ws/001.txt';
const SIDECAR = '/ws/001.txt.annotations.json';

function onDisk(fs: MemoryFs, p = SIDECAR): Sidecar {
  const parsed = parseSidecar(fs.text(p) ?? '', '001.txt');
  assert.ok(parsed.ok, `a valid sidecar at ${p}`);
  return parsed.sidecar;
}

describe('sidecar store (durability)', () => {
  let fs: MemoryFs;
  let failures: SidecarFailure[];
  const stores: SidecarStore[] = [];
  const open = (options: Partial<SidecarStoreOptions<SidecarState>> = {}) => {
    const store = new SidecarStore({ fs, extend: (s) => s, writeDelayMs: 5, lock: { staleMs: 1000, timeoutMs: 300 }, ...options });
    store.onDidFail((f) => failures.push(f));
    stores.push(store);
    return store;
  };
  const tag = (store: SidecarStore, start: number, end: number, tags: string[]) =>
    store.add(DOC, passage(start, end, tags), { start, end });

  beforeEach(() => {
    fs = new MemoryFs();
    failures = [];
    fs.set(DOC, TEXT);
  });
  afterEach(() => {
    stores.splice(0).forEach((s) => s.dispose());
  });

  it('writes atomically under a lock: a temporary file next to the sidecar, then a rename', async () => {
    const store = open();
    tag(store, 4, 12, ['official']);
    await store.flush();
    assert.deepStrictEqual(
      fs.ops.map((o) => o.replace(/(tmp|stale)-\w+/, '$1-*')),
      [
        'create 001.txt.annotations.json.lock',
        'write 001.txt.annotations.json.tmp-*',
        'rename 001.txt.annotations.json.tmp-* -> 001.txt.annotations.json',
        'remove 001.txt.annotations.json.lock',
      ],
    );
    assert.deepStrictEqual([...fs.files.keys()].sort(), [DOC, SIDECAR]);
    const [a] = onDisk(fs).annotations;
    assert.strictEqual(a.target.quote.exact, 'minister');
    assert.deepStrictEqual(a.body.tags, ['official']);
  });

  it('keeps what the user adds or removes while a write is in flight', async () => {
    const store = open();
    const a = tag(store, 4, 12, ['official']);
    fs.after(
      (op, p) => op === 'write' && p.includes('.tmp-'),
      () => void tag(store, 36, 42, ['infrastructure']),
    );
    await store.flush();
    await store.flush();
    assert.deepStrictEqual(
      tagsOf(store.get(DOC)!.sidecar.annotations),
      ['infrastructure', 'official'],
      'added during the write, kept in memory',
    );
    assert.deepStrictEqual(tagsOf(onDisk(fs).annotations), ['infrastructure', 'official'], 'and written next');

    tag(store, 17, 23, ['date']);
    fs.after(
      (op, p) => op === 'write' && p.includes('.tmp-'),
      () => store.remove(DOC, a.id),
    );
    await store.flush();
    await store.flush();
    assert.deepStrictEqual(
      tagsOf(store.get(DOC)!.sidecar.annotations),
      ['date', 'infrastructure'],
      'removed during the write, stays removed',
    );
    assert.deepStrictEqual(tagsOf(onDisk(fs).annotations), ['date', 'infrastructure']);
  });

  it('never overwrites a corrupt sidecar, refuses new annotations, and reports it once', async () => {
    fs.set(SIDECAR, '{ "version": 1, "annotations": [ oops');
    const store = open();
    await store.sync(SIDECAR);
    assert.strictEqual(store.get(DOC)?.status, 'corrupt');
    assert.throws(() => tag(store, 4, 12, ['x']), SidecarUnavailableError);
    await store.sync(SIDECAR);
    await store.flush();
    assert.strictEqual(fs.text(SIDECAR), '{ "version": 1, "annotations": [ oops', 'bytes unchanged');
    assert.deepStrictEqual(fs.ops, [], 'nothing written');
    assert.deepStrictEqual(
      failures.map((f) => [f.kind, f.sidecarPath]),
      [['corrupt', SIDECAR]],
    );
  });

  it('a sidecar damaged outside while a write is pending is left as it is; the annotations stay in memory', async () => {
    const store = open();
    const a = tag(store, 4, 12, ['official']);
    await store.flush();
    store.update(DOC, a.id, (x) => ({ ...x, body: { tags: ['official', 'second'] } }));
    fs.set(SIDECAR, 'not json at all');
    fs.ops.length = 0;
    await store.flush();
    assert.strictEqual(fs.text(SIDECAR), 'not json at all');
    assert.deepStrictEqual(
      fs.ops,
      ['create 001.txt.annotations.json.lock', 'remove 001.txt.annotations.json.lock'],
      'nothing but the lock',
    );
    assert.strictEqual(store.get(DOC)?.status, 'corrupt');
    assert.deepStrictEqual(store.get(DOC)?.sidecar.annotations[0].body.tags, ['official', 'second']);
    // Backing up keeps the damaged bytes and writes what is in memory.
    const backup = await store.backUpAndStartFresh(DOC);
    await store.flush();
    assert.ok(backup && /\.annotations\.json\.bak-\d{8}T\d{6}Z$/.test(backup));
    assert.strictEqual(fs.text(backup), 'not json at all');
    assert.deepStrictEqual(onDisk(fs).annotations[0].body.tags, ['official', 'second']);
  });

  it('merges a change made outside: newer edits win per annotation, deletions outside apply', async () => {
    const store = open();
    const a = tag(store, 4, 12, ['official']);
    const b = tag(store, 21, 27, ['date']);
    await store.flush();
    const disk = onDisk(fs);
    // Another window edits `a` later and deletes `b` (by hand, without a tombstone).
    const edited = disk.annotations
      .filter((x) => x.id === a.id)
      .map((x) => ({ ...x, modified: new Date(Date.now() + 60_000).toISOString(), body: { tags: ['official', 'from elsewhere'] } }));
    fs.set(SIDECAR, serializeSidecar({ ...disk, annotations: edited }));
    await store.sync(SIDECAR);
    const state = store.get(DOC);
    assert.deepStrictEqual(
      state?.sidecar.annotations.map((x) => x.body.tags),
      [['official', 'from elsewhere']],
    );
    assert.ok(!state?.sidecar.annotations.some((x) => x.id === b.id));
  });

  it('reads a version 0 file, migrates it, and writes it back as version 1', async () => {
    fs.set(SIDECAR, JSON.stringify({ annotations: [{ start: 4, end: 12, text: 'minister', tags: ['official'] }] }));
    const store = open();
    await store.sync(SIDECAR);
    await store.flush();
    const parsed = JSON.parse(fs.text(SIDECAR) ?? '') as { version: number; annotations: Array<{ target: { quote: { exact: string } } }> };
    assert.strictEqual(parsed.version, 1);
    assert.strictEqual(parsed.annotations[0].target.quote.exact, 'minister');
  });
});
