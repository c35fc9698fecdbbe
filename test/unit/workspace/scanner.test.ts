import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findDocuments } from '../../../server/src/workspace/scanner';

describe('findDocuments', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-scan-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const names = (files: string[], root: string) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

  it('follows links to files and folders, enters a folder once, and skips loops, broken links and pipes', async () => {
    const outside = path.join(dir, 'outside');
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(outside, 'more'), { recursive: true });
    fs.mkdirSync(path.join(ws, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(outside, 'original.txt'), 'An article.');
    fs.writeFileSync(path.join(outside, 'more', 'deep.txt'), 'Another.');
    fs.writeFileSync(path.join(ws, 'plain.txt'), 'Here.');
    fs.symlinkSync(path.join(outside, 'original.txt'), path.join(ws, 'linked.txt'));
    fs.symlinkSync(path.join(outside, 'more'), path.join(ws, 'archive'));
    // A link to an ancestor: entering it would go round for ever.
    fs.symlinkSync(ws, path.join(ws, 'sub', 'loop'));
    fs.symlinkSync(path.join(dir, 'nothing-here.txt'), path.join(ws, 'broken.txt'));
    let pipe = false;
    try {
      execFileSync('mkfifo', [path.join(outside, 'pipe')]);
      fs.symlinkSync(path.join(outside, 'pipe'), path.join(ws, 'pipe.txt'));
      pipe = true;
    } catch {
      // No mkfifo here: the pipe case is left out.
    }
    const found = await findDocuments([ws], ['**/*.txt'], []);
    assert.deepStrictEqual(names(found, ws), ['archive/deep.txt', 'linked.txt', 'plain.txt']);
    if (pipe) assert.ok(!names(found, ws).includes('pipe.txt'));
  });

  it('a folder linked twice is entered once', async () => {
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, 'real'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'real', 'a.txt'), 'A.');
    fs.symlinkSync(path.join(ws, 'real'), path.join(ws, 'alias'));
    const found = names(await findDocuments([ws], ['**/*.txt'], []), ws);
    assert.strictEqual(found.length, 1);
    assert.match(found[0], /^(real|alias)\/a\.txt$/);
  });
});
