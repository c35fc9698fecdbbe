import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot, seedsDir } from '../unit/util';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('cli: analyze --cache', function () {
  this.timeout(120_000);
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-cache-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes one shard per file, and a second run reads them and prints the same JSON', () => {
    const files = fs
      .readdirSync(seedsDir)
      .sort()
      .slice(0, 2)
      .map((f) => path.join(seedsDir, f));
    const cache = path.join(root, 'cache');
    const plain = run('analyze', '--json', ...files);
    assert.strictEqual(plain.status, 0, plain.stderr);
    const first = run('analyze', '--json', '--cache', cache, ...files);
    assert.strictEqual(first.status, 0, first.stderr);
    const shards = fs.readdirSync(path.join(cache, 'index-v1'));
    assert.strictEqual(shards.length, 2);
    const written = shards.map((f) => fs.statSync(path.join(cache, 'index-v1', f)).mtimeMs);
    const second = run('analyze', '--json', `--cache=${cache}`, ...files);
    // Read, not analysed again: a shard is only written after an analysis.
    assert.deepStrictEqual(
      shards.map((f) => fs.statSync(path.join(cache, 'index-v1', f)).mtimeMs),
      written,
    );
    assert.strictEqual(second.status, 0, second.stderr);
    assert.strictEqual(first.stdout, plain.stdout);
    assert.strictEqual(second.stdout, plain.stdout);
    // A damaged shard is ignored: the file is analysed again and the output is the same.
    fs.writeFileSync(path.join(cache, 'index-v1', shards[0]), 'damaged');
    const third = run('analyze', '--json', '--cache', cache, ...files);
    assert.strictEqual(third.status, 0, third.stderr);
    assert.strictEqual(third.stdout, plain.stdout);
  });

  it('says so when the cache cannot be written (a file where its folder should be), and still prints the analyses', () => {
    const file = path.join(seedsDir, fs.readdirSync(seedsDir).sort()[0]);
    const inTheWay = path.join(root, 'cache');
    fs.writeFileSync(inTheWay, 'not a folder');
    const plain = run('analyze', '--json', file);
    const r = run('analyze', '--json', '--cache', inTheWay, file);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, plain.stdout);
    assert.match(r.stderr, /^dossier: --cache .*cache: 1 analysis was not saved \(.*: a part of the path is not a directory\)\n$/);
    assert.strictEqual(fs.readFileSync(inTheWay, 'utf8'), 'not a folder');
  });

  it('refuses --cache with --jsonl', () => {
    const r = run('analyze', '--jsonl', '--cache', path.join(root, 'c'), path.join(seedsDir, fs.readdirSync(seedsDir)[0]));
    assert.strictEqual(r.status, 1);
    assert.match(r.stderr, /--cache/);
  });
});
