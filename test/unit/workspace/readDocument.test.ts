import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readDocument } from '../../../server/src/workspace/readDocument';

describe('readDocument', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-read-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the text with the metadata of the file it read', async () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, '\ufeffThe minister said.');
    const read = await readDocument(file);
    assert.ok(read.ok);
    assert.strictEqual(read.text, 'The minister said.');
    const stat = fs.statSync(file);
    assert.deepStrictEqual(read.stat && { size: read.stat.size, mtimeMs: read.stat.mtimeMs, ino: read.stat.ino }, {
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ino: stat.ino,
    });
  });

  it('refuses a missing file, a directory and a file over the size limit, with a reason', async () => {
    fs.writeFileSync(path.join(dir, 'big.txt'), 'x'.repeat(2000));
    assert.deepStrictEqual(await readDocument(path.join(dir, 'none.txt')), { ok: false, reason: 'no such file' });
    assert.deepStrictEqual(await readDocument(dir), { ok: false, reason: 'is a directory' });
    const big = await readDocument(path.join(dir, 'big.txt'), 1000);
    assert.ok(!big.ok && big.reason.startsWith('larger than'), JSON.stringify(big));
  });

  it('refuses a named pipe without waiting for a writer', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'pipe.txt');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      this.skip();
    }
    assert.deepStrictEqual(await readDocument(fifo), { ok: false, reason: 'not a regular file' });
  });
});
