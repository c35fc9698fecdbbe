import * as assert from 'assert';
import { fork, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseSidecar, serializeSidecar } from '../../common/annotations';
import { passage, TEXT } from '../unit/sidecarFixtures';
import type { WorkerReport, WorkerStart } from './sidecarWorker';

/*
 * Issue 11, finding 8, with real processes: two Node processes, each running
 * the extension's sidecar store on one sidecar file through the same
 * file-system adapter the extension uses, add and remove annotations as fast
 * as they can. Nothing added may be lost, nothing removed may come back, and
 * in the end both agree with the file.
 */

const OPS = 120;

function next(child: ChildProcess, what: string): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`worker exited (${code}) before sending ${what}`));
    child.once('exit', onExit);
    child.once('message', (m: WorkerReport) => {
      child.off('exit', onExit);
      resolve(m);
    });
  });
}

describe('sidecar store (two processes)', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-sidecar-'))));
  afterEach(() => {
    children.splice(0).forEach((c) => c.connected && c.kill());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two processes adding and removing on one sidecar lose nothing and bring nothing back', async function () {
    this.timeout(120_000);
    const docPath = path.join(dir, 'story.txt');
    const sidecarPath = `${docPath}.annotations.json`;
    fs.writeFileSync(docPath, TEXT);
    const base = [passage(0, 3, ['base-0']), passage(4, 12, ['base-1']), passage(13, 17, ['base-2'])];
    fs.writeFileSync(sidecarPath, serializeSidecar({ version: 1, document: 'story.txt', annotations: base, deleted: [] }));

    const names = ['A', 'B'];
    for (let k = 0; k < names.length; k++)
      children.push(fork(path.join(__dirname, 'sidecarWorker.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    const done = children.map((c) => next(c, 'its report'));
    children.forEach((c, i) => c.send({ docPath, name: names[i], ops: OPS } satisfies WorkerStart));
    const reports = await Promise.all(done);

    const added = new Set<string>();
    const removed = new Set<string>();
    for (const r of reports) {
      assert.ok(r.type === 'done');
      assert.deepStrictEqual(r.failures, [], 'no failure raised');
      r.added.forEach((id) => added.add(id));
      r.removed.forEach((id) => removed.add(id));
    }
    assert.ok(added.size > OPS && removed.size > 10, `both processes worked (${added.size} added, ${removed.size} removed)`);
    const expected = [...base.map((a) => a.id), ...added].filter((id) => !removed.has(id)).sort();
    const parsed = parseSidecar(fs.readFileSync(sidecarPath, 'utf8'), 'story.txt');
    assert.ok(parsed.ok);
    const onDisk = parsed.sidecar.annotations.map((a) => a.id).sort();
    assert.deepStrictEqual(
      { lost: expected.filter((id) => !onDisk.includes(id)), resurrected: onDisk.filter((id) => removed.has(id)) },
      { lost: [], resurrected: [] },
    );
    assert.deepStrictEqual(onDisk, expected);

    const finals = children.map((c) => next(c, 'its final state'));
    children.forEach((c) => c.send('final'));
    for (const r of await Promise.all(finals)) {
      assert.ok(r.type === 'final');
      assert.deepStrictEqual([...r.ids].sort(), expected, 'each process ends with what is on disk');
    }
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['story.txt', 'story.txt.annotations.json'], 'no lock or temporary file left');
  });
});
