import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ContractDocument } from '../../server/src/cli/output';
import { repoRoot, seedsDir } from '../unit/util';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

type ContractDoc = ContractDocument;

describe('dossier CLI', function () {
  this.timeout(60_000);
  const seeds = fs
    .readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => path.join(seedsDir, f));

  it('prints the version 1 JSON contract with offsets that match the text', () => {
    const r = run('analyze', '--json', ...seeds);
    assert.strictEqual(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { version: number; documents: ContractDoc[] };
    assert.strictEqual(out.version, 1);
    assert.strictEqual(out.documents.length, seeds.length);
    for (const doc of out.documents) {
      const text = fs.readFileSync(doc.file, 'utf8');
      assert.ok(doc.entities.length > 0, `no entities in ${doc.file}`);
      assert.ok(doc.claims.length > 0, `no claims in ${doc.file}`);
      for (const e of doc.entities) {
        assert.strictEqual(text.slice(e.start, e.end), e.text);
        assert.ok(['actor', 'place'].includes(e.kind));
        assert.match(e.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      }
      for (const c of doc.claims) {
        assert.strictEqual(text.slice(c.start, c.end), c.text);
        for (const s of [c.cue, c.source]) if (s) assert.strictEqual(text.slice(s.start, s.end), s.text);
      }
    }
  });

  it('reports missing and binary files on stderr, analyses the rest, exits 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-'));
    const binary = path.join(dir, 'image.txt');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const missing = path.join(dir, 'missing.txt');
    const r = run('analyze', '--json', missing, binary, seeds[0]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /missing\.txt: no such file/);
    assert.match(r.stderr, /image\.txt: binary file/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'stack trace on stderr');
    const out = JSON.parse(r.stdout) as { documents: ContractDoc[] };
    assert.deepStrictEqual(
      out.documents.map((d) => d.file),
      [seeds[0]],
    );
  });

  it('reads invalid UTF-8 with a warning instead of failing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-'));
    const file = path.join(dir, 'latin1.txt');
    fs.writeFileSync(file, Buffer.from('Caf\xe9 owner John Smith said he was happy.', 'latin1'));
    const r = run('analyze', '--json', file);
    assert.strictEqual(r.status, 0);
    assert.match(r.stderr, /not valid UTF-8/);
  });

  it('--claims-model runs the trained claims model: the contract holds and the claims or their scores change', () => {
    const claimsOf = (r: ReturnType<typeof run>) => {
      assert.strictEqual(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { documents: ContractDoc[] };
      return out.documents.map((d) => d.claims.map((c) => `${c.start}:${c.end}:${c.score ?? ''}`).join(' '));
    };
    const patterns = claimsOf(run('analyze', '--json', ...seeds));
    const model = claimsOf(run('analyze', '--json', '--claims-model', ...seeds));
    assert.strictEqual(model.length, seeds.length);
    assert.notDeepStrictEqual(model, patterns);
  });

  it('prints a readable summary without --json', () => {
    const r = run('analyze', seeds[0]);
    assert.strictEqual(r.status, 0);
    assert.match(r.stdout, /actors \(\d+\)/);
    assert.match(r.stdout, /claims \(\d+\)/);
  });

  it('rejects unknown commands and options with usage', () => {
    const r = run('analyse');
    assert.strictEqual(r.status, 1);
    assert.match(r.stderr, /unknown command analyse/);
    assert.match(run('analyze', '--jsn', seeds[0]).stderr, /unknown option --jsn/);
  });

  it('streams one JSON object per document with --jsonl, in input order, from files or stdin', () => {
    const r = run('analyze', '--jsonl', '--jobs', '2', ...seeds);
    assert.strictEqual(r.status, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ContractDoc);
    assert.deepStrictEqual(
      lines.map((l) => l.file),
      seeds,
    );
    const stdin = spawnSync(process.execPath, [cli, 'analyze', '--jsonl'], {
      encoding: 'utf8',
      input: `${seeds[1]}\n{"id":"x1","text":"Angela Merkel said that Germany would help."}\n{oops\n`,
    });
    assert.strictEqual(stdin.status, 2);
    assert.match(stdin.stderr, /stdin line 3: not valid JSON/);
    const out = stdin.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ContractDoc & { id?: string });
    assert.strictEqual(out[0].file, seeds[1]);
    assert.strictEqual(out[1].id, 'x1');
    assert.ok(out[1].entities.some((e) => e.text === 'Germany'));
  });

  it('writes the same --json on threads as on one, in input order, failures named and skipped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-'));
    const files: string[] = [];
    for (let i = 0; i < 24; i++) {
      const f = path.join(dir, `doc${i}.txt`);
      if (i === 7) fs.writeFileSync(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
      else fs.copyFileSync(seeds[i % seeds.length], f);
      files.push(f);
    }
    files.splice(11, 0, path.join(dir, 'missing.txt'));
    const threads = run('analyze', '--json', '--jobs', '2', ...files);
    const one = run('analyze', '--json', '--jobs', '1', ...files);
    assert.strictEqual(threads.status, 2, threads.stderr);
    assert.strictEqual(one.status, 2, one.stderr);
    assert.strictEqual(threads.stdout, one.stdout);
    assert.strictEqual(threads.stderr, one.stderr);
    const docs = (JSON.parse(threads.stdout) as { documents: ContractDoc[] }).documents;
    assert.deepStrictEqual(
      docs.map((d) => d.file),
      files.filter((f, i) => i !== 7 && !f.endsWith('missing.txt')),
    );
  });

  it('writes the same summary and --min-confidence JSON on two threads as on one, warnings included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-'));
    const files: string[] = [];
    for (let i = 0; i < 20; i++) {
      const f = path.join(dir, `doc${i}.txt`);
      if (i === 5) fs.writeFileSync(f, Buffer.concat([fs.readFileSync(seeds[0]), Buffer.from([0xc3, 0x28, 0x0a])]));
      else fs.copyFileSync(seeds[i % seeds.length], f);
      files.push(f);
    }
    files.push(dir);
    for (const args of [[], ['--json', '--min-confidence', '0.5']]) {
      const threads = run('analyze', ...args, '--jobs', '2', ...files);
      const one = run('analyze', ...args, '--jobs', '1', ...files);
      assert.strictEqual(threads.status, 2, threads.stderr);
      assert.strictEqual(threads.stdout, one.stdout);
      assert.strictEqual(threads.stderr, one.stderr);
      assert.match(threads.stderr, /doc5\.txt: warning: not valid UTF-8/);
      assert.match(threads.stderr, /is a directory/);
    }
  });

  it('handles hundreds of files in one call', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-'));
    const files: string[] = [];
    for (let i = 0; i < 300; i++) {
      const f = path.join(dir, `doc${i}.txt`);
      fs.writeFileSync(f, `Headline ${i}\n\nPresident Barack Obama said that Iraq needs help.\n`);
      files.push(f);
    }
    const r = run('analyze', '--json', ...files);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual((JSON.parse(r.stdout) as { documents: unknown[] }).documents.length, 300);
  });
});
