import * as assert from 'assert';
import { parseSidecar, serializeSidecar, type Sidecar } from '../../common/annotations';
import { SidecarStore, type SidecarFailure, type SidecarState } from '../../client/src/annotations/sidecarFile';
import { lockPathOf } from '../../client/src/annotations/sidecarFs';
import { MemoryFs } from './memoryFs';
import { passage, tagsOf } from './sidecarFixtures';

/*
 * Issue 11, finding 8: two windows writing one sidecar. Writes are a
 * compare-and-swap under a lock, and an annotation this store wrote but
 * never saw on disk is not taken for a deletion. The same stores in two real
 * processes: sidecarProcesses.test.ts.
 */

const DOC = '/ws/001.txt';
const SIDECAR = '/ws/001.txt.annotations.json';

describe('sidecar store (two writers)', () => {
  let fs: MemoryFs;
  let failures: SidecarFailure[];
  const stores: SidecarStore[] = [];
  const open = (maxAttempts = 8) => {
    const store = new SidecarStore<SidecarState>({
      fs,
      extend: (s) => s,
      writeDelayMs: 5,
      lock: { staleMs: 2000, timeoutMs: 300 },
      maxAttempts,
    });
    store.onDidFail((f) => failures.push(f));
    stores.push(store);
    return store;
  };
  const tag = (store: SidecarStore, start: number, end: number, name: string) =>
    store.add(DOC, passage(start, end, [name]), { start, end });
  const disk = (): Sidecar => {
    const parsed = parseSidecar(fs.text(SIDECAR) ?? '', '001.txt');
    assert.ok(parsed.ok);
    return parsed.sidecar;
  };
  /** Writes `sidecar` as a program that takes no lock would (an editor, git). */
  const writeOutside = (change: (s: Sidecar) => Sidecar) => () => fs.set(SIDECAR, serializeSidecar(change(disk())));

  beforeEach(() => {
    fs = new MemoryFs();
    failures = [];
    fs.set(DOC, 'The minister said on Monday that the bridge would reopen.');
  });
  afterEach(() => stores.splice(0).forEach((s) => s.dispose()));

  it('two stores that add at once and flush together lose nothing, on disk or in memory', async () => {
    const a = open();
    const b = open();
    tag(a, 0, 3, 'base');
    await a.flush();
    await b.sync(SIDECAR);
    tag(a, 4, 12, 'fromA');
    tag(b, 36, 42, 'fromB');
    await Promise.all([a.flush(), b.flush()]);
    // Each sees the other's file change (the file watcher), and writes what it has.
    await Promise.all([a.sync(SIDECAR), b.sync(SIDECAR)]);
    await Promise.all([a.flush(), b.flush()]);
    assert.deepStrictEqual(tagsOf(disk().annotations), ['base', 'fromA', 'fromB']);
    assert.deepStrictEqual(tagsOf(a.get(DOC)!.sidecar.annotations), ['base', 'fromA', 'fromB'], 'A keeps fromA');
    assert.deepStrictEqual(tagsOf(b.get(DOC)!.sidecar.annotations), ['base', 'fromA', 'fromB']);
    assert.deepStrictEqual(failures, []);
  });

  it('an annotation written but never seen on disk (the file was replaced right after) is not a deletion', async () => {
    const a = open();
    tag(a, 0, 3, 'base');
    await a.flush();
    const before = fs.text(SIDECAR)!;
    tag(a, 4, 12, 'fromA');
    // Right after A's rename, a program that takes no lock puts back the copy it read earlier.
    fs.after(
      (op, p) => op === 'rename' && p === SIDECAR,
      () => fs.set(SIDECAR, before),
    );
    await a.flush();
    await a.sync(SIDECAR);
    await a.flush();
    assert.deepStrictEqual(tagsOf(a.get(DOC)!.sidecar.annotations), ['base', 'fromA'], 'kept in memory');
    assert.deepStrictEqual(tagsOf(disk().annotations), ['base', 'fromA'], 'and written again');
  });

  it('compare-and-swap: a file changed between the read and the rename is merged, not replaced', async () => {
    const a = open();
    tag(a, 0, 3, 'base');
    await a.flush();
    tag(a, 4, 12, 'fromA');
    const outside = passage(36, 42, ['outside']);
    fs.after(
      (op, p) => op === 'write' && p.includes('.tmp-'),
      writeOutside((s) => ({ ...s, annotations: [...s.annotations, outside] })),
    );
    await a.flush();
    assert.deepStrictEqual(tagsOf(disk().annotations), ['base', 'fromA', 'outside']);
    assert.deepStrictEqual(tagsOf(a.get(DOC)!.sidecar.annotations), ['base', 'fromA', 'outside']);
    assert.ok(![...fs.files.keys()].some((p) => p.includes('.tmp-')), 'the discarded temporary file is removed');
  });

  it('a file that keeps changing under the store: it gives up after its attempts, says so, and keeps the annotations', async () => {
    const a = open(3);
    tag(a, 0, 3, 'mine');
    for (let i = 0; i < 3; i++)
      fs.after(
        (op, p) => op === 'write' && p.includes('.tmp-'),
        () =>
          fs.set(
            SIDECAR,
            serializeSidecar({ version: 1, document: '001.txt', annotations: [passage(4, 12, [`outside${i}`])], deleted: [] }),
          ),
      );
    await a.flush();
    assert.deepStrictEqual(
      failures.map((f) => [f.kind, f.sidecarPath]),
      [['not-saved', SIDECAR]],
    );
    assert.match(failures[0].reason, /kept changing/);
    assert.ok(a.get(DOC)!.sidecar.annotations.some((x) => x.body.tags[0] === 'mine'));
    assert.ok(!fs.files.has(lockPathOf(SIDECAR)));
  });

  it('a lock left behind by a dead process is broken once stale', async () => {
    fs.set(lockPathOf(SIDECAR), '4242 dead\n');
    fs.files.get(lockPathOf(SIDECAR))!.mtimeMs = Date.now() - 60_000;
    const a = open();
    tag(a, 4, 12, 'fromA');
    await a.flush();
    assert.deepStrictEqual(tagsOf(disk().annotations), ['fromA']);
    assert.ok(![...fs.files.keys()].some((p) => p.includes('.lock')), 'no lock file left');
  });

  it('a lock held by a live process past the timeout: not saved, a clear event, kept in memory, saved later', async () => {
    fs.set(lockPathOf(SIDECAR), '4242 busy\n');
    const a = open();
    tag(a, 4, 12, 'fromA');
    await a.flush();
    assert.strictEqual(fs.text(SIDECAR), null);
    assert.deepStrictEqual(
      failures.map((f) => f.kind),
      ['not-saved'],
    );
    assert.match(failures[0].reason, /001\.txt\.annotations\.json\.lock was held by another process/);
    assert.strictEqual(fs.text(lockPathOf(SIDECAR)), '4242 busy\n', 'a live lock is not broken');
    await fs.remove(lockPathOf(SIDECAR));
    tag(a, 36, 42, 'later');
    await a.flush();
    assert.deepStrictEqual(tagsOf(disk().annotations), ['fromA', 'later']);
  });
});
