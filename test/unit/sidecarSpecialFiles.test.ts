import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SidecarStore, type SidecarFailure, type SidecarState } from '../../client/src/annotations/sidecarFile';
import { nodeSidecarFs } from '../../client/src/annotations/sidecarFs';
import { passage } from './sidecarFixtures';

/*
 * A sidecar path (or a document) that is not a regular file: a named pipe or
 * a folder called `x.txt.annotations.json`. Reading must fail at once with a
 * reason, never wait for a writer that will not come (a blocking open holds
 * one of libuv's four threads and keeps the process from exiting), and the
 * annotations made meanwhile stay in memory; nothing is written over the pipe.
 */
describe('sidecar store: a sidecar that is not a regular file', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-sidecar-special-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Settles `p` within `ms`, or unblocks the pipe's reader (a writer opens and closes it) and fails. */
  async function promptly<T>(p: Promise<T>, fifo: string, ms = 3000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // The reader is blocked in open(): a writer's open succeeds at once and lets it finish, so this process can exit.
        fs.closeSync(fs.openSync(fifo, 'w'));
        reject(new Error(`still waiting on the named pipe after ${ms} ms`));
      }, ms);
    });
    try {
      return await Promise.race([p, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  const mkfifo = (file: string): boolean => {
    try {
      execFileSync('mkfifo', [file]);
      return true;
    } catch {
      return false; // no mkfifo (Windows): nothing to test
    }
  };

  it('nodeSidecarFs.read refuses a named pipe at once', async function () {
    const fifo = path.join(dir, 'doc.txt.annotations.json');
    if (!mkfifo(fifo)) this.skip();
    await assert.rejects(promptly(nodeSidecarFs.read(fifo), fifo), /doc\.txt\.annotations\.json is not a regular file/);
  });

  it('nodeSidecarFs.read refuses a folder with a reason', async () => {
    const folder = path.join(dir, 'doc.txt.annotations.json');
    fs.mkdirSync(folder);
    await assert.rejects(nodeSidecarFs.read(folder), /doc\.txt\.annotations\.json is a directory/);
  });

  it('the store keeps a new annotation in memory, reports it unsaved and leaves the pipe alone', async function () {
    const doc = path.join(dir, 'doc.txt');
    fs.writeFileSync(doc, 'Obama said hi.');
    const fifo = `${doc}.annotations.json`;
    if (!mkfifo(fifo)) this.skip();
    const store = new SidecarStore<SidecarState>({ fs: nodeSidecarFs, extend: (s) => s, writeDelayMs: 5 });
    const failures: SidecarFailure[] = [];
    store.onDidFail((f) => failures.push(f));
    try {
      await assert.rejects(promptly(store.ensure(doc), fifo), /not a regular file/);
      const added = store.add(doc, passage(0, 5, ['who']), { start: 0, end: 5 });
      await promptly(store.flush(), fifo);
      assert.deepStrictEqual(
        store.get(doc)?.sidecar.annotations.map((a) => a.id),
        [added.id],
      );
      assert.deepStrictEqual(
        failures.map((f) => [f.kind, f.reason]),
        [['not-saved', 'doc.txt.annotations.json is not a regular file']],
      );
      assert.ok(fs.statSync(fifo).isFIFO(), 'the pipe is still there');
    } finally {
      store.dispose();
    }
  });
});
