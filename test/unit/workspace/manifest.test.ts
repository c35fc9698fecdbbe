import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MANIFEST, settled, SETTLE_MS, WorkspaceManifest, type FileStamp } from '../../../server/src/workspace/cache/manifest';

const stamp = (size: number): FileStamp => ({ size, mtimeMs: 1_700_000_000_000.25, ctimeMs: 1_700_000_000_001.5, ino: 42 });
const summary = (n: number) => JSON.stringify([n, [], []]);

describe('workspace manifest', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-manifest-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives back what was recorded, for the same stamp only; the last record of a uri wins', async () => {
    const m = new WorkspaceManifest(dir, 'engine-a');
    await m.load();
    m.record('file:///a.txt', stamp(10), 'hash-a', 100, summary(10));
    m.record('file:///b.txt', stamp(20), 'hash-b', 200, summary(20));
    m.record('file:///a.txt', stamp(11), 'hash-a2', 110, summary(11));
    await m.flush();
    const read = new WorkspaceManifest(dir, 'engine-a');
    await read.load();
    assert.deepStrictEqual(read.lookup('file:///a.txt', stamp(11)), { hash: 'hash-a2', shardSize: 110, summary: [11, [], []] });
    assert.strictEqual(read.lookup('file:///a.txt', stamp(10)), undefined, 'an older stamp');
    assert.strictEqual(read.lookup('file:///b.txt', { ...stamp(20), ino: 43 }), undefined, 'another inode');
    assert.strictEqual(read.lookup('file:///c.txt', stamp(20)), undefined);
    read.release();
    assert.strictEqual(read.lookup('file:///b.txt', stamp(20)), undefined, 'nothing is kept past the start');
  });

  it('is compacted when stale lines are most of it: the last line of each kept uri stays, atomically', async () => {
    const m = new WorkspaceManifest(dir, 'engine-a');
    await m.load();
    for (let i = 0; i < 200; i++) m.record('file:///a.txt', stamp(i), `hash-${i}`, 100, summary(i));
    m.record('file:///b.txt', stamp(1), 'hash-b', 100, summary(1));
    m.record('file:///gone.txt', stamp(1), 'hash-g', 100, summary(1));
    await m.compact(new Set(['file:///a.txt', 'file:///b.txt']));
    assert.strictEqual(m.stats.compactions, 1);
    const lines = fs.readFileSync(path.join(dir, MANIFEST), 'utf8').split('\n');
    assert.strictEqual(lines.length, 4, 'a header, two lines and the final newline');
    assert.deepStrictEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
    const read = new WorkspaceManifest(dir, 'engine-a');
    await read.load();
    assert.strictEqual(read.lookup('file:///a.txt', stamp(199))?.hash, 'hash-199');
    assert.strictEqual(read.lookup('file:///b.txt', stamp(1))?.hash, 'hash-b');
    assert.strictEqual(read.lookup('file:///gone.txt', stamp(1)), undefined);
    // Few stale lines: left as they are.
    await read.compact(new Set(['file:///a.txt']));
    assert.strictEqual(read.stats.compactions, 0);
  });

  it('reads lines across its read buffer and lines longer than it', async () => {
    const m = new WorkspaceManifest(dir, 'engine-a');
    await m.load();
    const text = (i: number) => JSON.stringify([i, [], [], 'x'.repeat(i === 150 ? 3_000_000 : 10_000 + i)]);
    for (let i = 0; i < 300; i++) m.record(`file:///d${i}.txt`, stamp(i), `hash-${i}`, i, text(i));
    await m.flush();
    const read = new WorkspaceManifest(dir, 'engine-a');
    await read.load();
    for (let i = 0; i < 300; i++) {
      const found = read.lookup(`file:///d${i}.txt`, stamp(i));
      assert.strictEqual(found?.hash, `hash-${i}`, `line ${i}`);
      assert.deepStrictEqual(found.summary, JSON.parse(text(i)));
    }
  });

  it("another engine's file is replaced by the first write, not appended to", async () => {
    fs.writeFileSync(
      path.join(dir, MANIFEST),
      '{"manifest":"dossier-workspace-1","engine":"engine-b"}\n["file:///a.txt",1,1,1,1,"h",100,[1,[],[]]]\n',
    );
    const m = new WorkspaceManifest(dir, 'engine-a');
    await m.load();
    assert.strictEqual(m.lookup('file:///a.txt', { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 }), undefined);
    m.record('file:///b.txt', stamp(2), 'hash-b', 100, summary(2));
    await m.flush();
    const text = fs.readFileSync(path.join(dir, MANIFEST), 'utf8');
    assert.ok(text.startsWith('{"manifest":"dossier-workspace-1","engine":"engine-a"}\n'));
    assert.ok(!text.includes('file:///a.txt'));
  });

  it('trusts a stamp only when the file had been left alone for a while before it was read', () => {
    const s = stamp(1);
    assert.strictEqual(settled(s, s.mtimeMs + SETTLE_MS - 1), false);
    assert.strictEqual(settled(s, s.mtimeMs + SETTLE_MS), true);
    assert.strictEqual(settled(s, s.mtimeMs - 10_000), false, 'a modification time in the future');
  });
});
