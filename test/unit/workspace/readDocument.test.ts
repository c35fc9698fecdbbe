import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decode, readDocument } from '../../../server/src/workspace/readDocument';
import { textHash, utf8Hash } from '../../../server/src/workspace/cache/shardStore';

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

  it('words a symbolic link loop, a file used as a folder and a name too long as the other reasons are', async () => {
    fs.symlinkSync('loop-b.txt', path.join(dir, 'loop-a.txt'));
    fs.symlinkSync('loop-a.txt', path.join(dir, 'loop-b.txt'));
    fs.writeFileSync(path.join(dir, 'a.txt'), 'x');
    const reasons = await Promise.all(
      [path.join(dir, 'loop-a.txt'), path.join(dir, 'a.txt', 'b.txt'), path.join(dir, 'x'.repeat(300) + '.txt')].map(async (f) => {
        const read = await readDocument(f);
        return read.ok ? 'read' : read.reason;
      }),
    );
    assert.deepStrictEqual(reasons, [
      'too many levels of symbolic links (a loop?)',
      'a part of the path is not a directory',
      'file name too long',
    ]);
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

  it("gives a valid UTF-8 file's bytes, without its mark, that hash as its text does", async () => {
    const texts = ['The minister said.', '\ufeff“Iraq’s” al-Zamili ☃ 😀 said.', 'ends with a mark\ufeff', ''];
    for (const [i, content] of texts.entries()) {
      const file = path.join(dir, `${i}.txt`);
      fs.writeFileSync(file, content);
      const read = await readDocument(file);
      assert.ok(read.ok && read.utf8, content);
      assert.strictEqual(utf8Hash(read.utf8), textHash(read.text), content);
      assert.deepStrictEqual(Buffer.from(read.utf8), Buffer.from(read.text, 'utf8'), content);
    }
    // No bytes for a text that is not the file's bytes: invalid UTF-8 (replaced) or UTF-16.
    fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.from([0x41, 0xff, 0x42]));
    fs.writeFileSync(path.join(dir, 'utf16.txt'), Buffer.from('\ufeffHi', 'utf16le'));
    for (const name of ['bad.txt', 'utf16.txt']) {
      const read = await readDocument(path.join(dir, name));
      assert.ok(read.ok && read.utf8 === undefined, name);
    }
  });

  it('decodes UTF-8 as TextDecoder does, valid or not', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const samples: Uint8Array[] = [
      Buffer.from('\ufeffplain ASCII\n'),
      Buffer.from(''),
      Buffer.from([0x41, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x42]),
      // Past the size decoded by transcoding: TextDecoder's.
      Buffer.from('é ☃ '.repeat(200_000)),
    ];
    for (let i = 0; i < 50; i++) {
      let s = '';
      for (let k = Math.floor(next() * 3000); k > 0; k--) {
        const r = next();
        const code =
          r < 0.6 ? 32 + Math.floor(next() * 95) : r < 0.9 ? 0xa0 + Math.floor(next() * 0xd700) : 0x10000 + Math.floor(next() * 0xfffff);
        s += String.fromCodePoint(code);
      }
      const bytes = Buffer.from(s, 'utf8');
      samples.push(bytes);
      // Damaged: a byte cut from the middle.
      if (bytes.length > 2) samples.push(Buffer.concat([bytes.subarray(0, bytes.length >> 1), bytes.subarray((bytes.length >> 1) + 1)]));
    }
    for (const bytes of samples) {
      const read = decode(bytes);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      assert.ok(read.ok);
      assert.strictEqual(read.text, new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\ufeff/, ''));
      assert.strictEqual(read.invalidUtf8, !valid);
    }
  });
});
