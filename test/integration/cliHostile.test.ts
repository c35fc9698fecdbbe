import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import type { DocumentAnalysis, EntityMention } from '../../server/src/analysis/types';
import { fileErrorMessage } from '../../server/src/cli/fileErrors';
import { analyze, analyzeFiles } from '../../server/src/cli/analyze';
import { analyzeJsonl, workerCount } from '../../server/src/cli/corpus';
import { CHUNK, documentJson } from '../../server/src/cli/json';
import { printable } from '../../common/printable';
import { summary, toContract, type ContractDocument } from '../../server/src/cli/output';
import { loadResources } from '../../server/src/workspace/resources';
import { InlineAnalysisService } from '../../server/src/workspace/analysisService';
import { decode } from '../../server/src/workspace/readDocument';
import { repoRoot, seedsDir } from '../unit/util';

/*
 * Issue 11, the CLI side: bad or hostile input never takes down the whole
 * run, never needs one giant string, and never reaches the terminal raw.
 */

const cli = path.join(repoRoot, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const seeds = fs
  .readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => path.join(seedsDir, f));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-'));
const analyzeText = (text: string) => analyzeDocument(text, loadResources());

// C0 controls but tab and newline, DEL, C1: what a terminal may obey.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Runs `f` with what it writes to stderr captured instead of printed. */
async function withStderr<T>(f: () => Promise<T>): Promise<{ result: T; stderr: string }> {
  const stream = process.stderr as unknown as { write: (chunk: string | Uint8Array) => boolean };
  const original = stream.write;
  let stderr = '';
  stream.write = (chunk) => {
    stderr += String(chunk);
    return true;
  };
  try {
    return { result: await f(), stderr };
  } finally {
    stream.write = original;
  }
}

/** An analysis with `n` mentions, as a 36 MB list of countries would give, without analysing one. */
function bigAnalysis(n: number): DocumentAnalysis {
  const mention: EntityMention = { start: 0, end: 4, text: 'Iraq', kind: 'place', type: 'country', id: 'iraq' };
  const mentions = new Array<EntityMention>(n).fill(mention);
  return {
    length: n * 6,
    structure: { headline: null, byline: null, blocks: [], commentsStart: null },
    tokens: [],
    sentences: [],
    mentions,
    entities: [{ id: 'iraq', canonical: 'Iraq', kind: 'place', type: 'country', aliases: ['Iraq'], mentions: [], descriptions: [] }],
    demonyms: [],
    claims: [{ start: 0, end: 4, text: 'Iraq', cue: null, source: null, speaker: null, hedges: [], section: 'article', form: 'direct' }],
  };
}

describe('dossier CLI on hostile and broken input', function () {
  this.timeout(60_000);

  describe('one failing document does not take the others down (finding 1)', () => {
    const failing = (text: string) => {
      if (text.includes('BOOM')) throw new TypeError("Cannot read properties of undefined (reading 'tokenEnd')");
      return analyzeText(text);
    };

    it('analyzeFiles reports the failing file by name and still analyses the files after it', async () => {
      const dir = tmp();
      const bad = path.join(dir, 'bad.txt');
      fs.writeFileSync(bad, 'BOOM');
      const results = [];
      for await (const r of analyzeFiles([seeds[0], bad, seeds[1]], failing)) results.push(r);
      assert.deepStrictEqual(
        results.map((r) => [r.file, r.ok]),
        [
          [seeds[0], true],
          [bad, false],
          [seeds[1], true],
        ],
      );
      const failed = results[1];
      assert.ok(!failed.ok);
      assert.match(failed.reason, /^analysis failed: Cannot read properties of undefined/);
    });

    it('analyze --json prints the other documents, names the failing file on stderr and exits 2', async () => {
      const dir = tmp();
      const bad = path.join(dir, 'bad.txt');
      fs.writeFileSync(bad, 'BOOM');
      let out = '';
      const { result, stderr } = await withStderr(() =>
        analyze(['--json', seeds[0], bad, seeds[1]], failing, async (s) => void (out += s)),
      );
      assert.strictEqual(result, 2);
      assert.match(stderr, /^dossier: .*bad\.txt: analysis failed: Cannot read properties/m);
      const json = JSON.parse(out) as { documents: ContractDocument[] };
      assert.deepStrictEqual(
        json.documents.map((d) => d.file),
        [seeds[0], seeds[1]],
      );
    });
  });

  describe('JSON output is streamed, never one giant string (finding 3)', () => {
    it('documentJson pieces stay small and join to the JSON.stringify of the contract', () => {
      const a = analyzeText(fs.readFileSync(seeds[0], 'utf8'));
      const pieces = [...documentJson(seeds[0], a, {}, 512)];
      assert.ok(pieces.length > 10, 'a seed document is written in many pieces');
      for (const p of pieces) assert.ok(p.length <= 512 + 400, `a piece of ${p.length} characters`);
      assert.strictEqual(pieces.join(''), JSON.stringify(toContract(seeds[0], a)));
      assert.strictEqual([...documentJson('x', a, { id: 7 })].join(''), JSON.stringify({ id: 7, ...toContract('x', a) }));
    });

    it('analyze --json of documents with 100,000 mentions each writes pieces of at most ~64 KB that parse', async () => {
      const n = 100_000;
      const big = bigAnalysis(n);
      const writes: string[] = [];
      const { result } = await withStderr(() =>
        analyze(
          ['--json', seeds[0], seeds[1]],
          () => big,
          async (s) => void writes.push(s),
        ),
      );
      assert.strictEqual(result, 0);
      const longest = writes.reduce((max, w) => Math.max(max, w.length), 0);
      assert.ok(longest <= CHUNK + 200, `one write of ${longest} characters`);
      const json = JSON.parse(writes.join('')) as { version: number; documents: ContractDocument[] };
      assert.strictEqual(json.version, 1);
      assert.deepStrictEqual(
        json.documents.map((d) => [d.file, d.entities.length, d.claims.length]),
        [
          [seeds[0], n, 1],
          [seeds[1], n, 1],
        ],
      );
    });

    it('dossier analyze --json of a multi-MB file prints JSON that parses, offsets matching the text', () => {
      const dir = tmp();
      const file = path.join(dir, 'big.txt');
      const paragraph = 'Iraq, Syria, '.repeat(3) + 'and the talks in the old town went on for a long time. ';
      const text = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
      fs.writeFileSync(file, text);
      const r = run('analyze', '--json', file, seeds[0]);
      assert.strictEqual(r.status, 0, r.stderr);
      const json = JSON.parse(r.stdout) as { documents: ContractDocument[] };
      assert.deepStrictEqual(
        json.documents.map((d) => d.file),
        [file, seeds[0]],
      );
      const doc = json.documents[0];
      assert.ok(doc.entities.length > 30_000, `${doc.entities.length} entities`);
      for (const e of [doc.entities[0], doc.entities[doc.entities.length - 1]]) assert.strictEqual(text.slice(e.start, e.end), e.text);
    });
  });

  describe('worker threads (finding 6)', () => {
    it('are capped at the files and the cores', () => {
      assert.strictEqual(workerCount(256, 1, 8), 1);
      assert.strictEqual(workerCount(256, null, 8), 8);
      assert.strictEqual(workerCount(256, 1000, 2), 2);
      assert.strictEqual(workerCount(3, 1000, 8), 3);
    });

    it('--jobs 256 on one empty file asks the pool for one thread', async () => {
      const file = path.join(tmp(), 'empty.txt');
      fs.writeFileSync(file, '');
      const sizes: number[] = [];
      let out = '';
      const ok = await analyzeJsonl(
        [file],
        256,
        async (s) => void (out += s),
        Infinity,
        (resources, _dir, size) => {
          sizes.push(size);
          return new InlineAnalysisService(resources);
        },
      );
      assert.ok(ok);
      assert.deepStrictEqual(sizes, [1]);
      assert.strictEqual((JSON.parse(out) as ContractDocument).file, file);
    });
  });

  it('exits quietly when the reader of stdout goes away, as with | head (finding 7)', async () => {
    const files: string[] = [];
    for (let i = 0; i < 20; i++) files.push(...seeds);
    const child = spawn(process.execPath, [cli, 'analyze', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.doesNotMatch(stderr, /EPIPE|\n\s+at /, stderr);
    assert.strictEqual(code, 0);
  });

  describe('terminal escapes in documents (finding 15)', () => {
    const hostile =
      'Barack Obama said that the election \x1b]52;c;ZXZpbA==\x07 was \x1b[31mrigged\x9b2J in Ohio.\n\n' +
      '"The \x1b]0;owned\x07 vote \x9b2J was \x1b]8;;https://evil.example\x1b\\rigged\x1b]8;;\x1b\\," Angela Merkel said.\n';

    it('printable shows control characters instead of passing them on', () => {
      assert.strictEqual(printable('a\x1b[31mb\x07c\x9bd\x7fe\tf\ng'), 'a\u241b[31mb\u2407c\ufffdd\u2421e\tf\ng');
      const a = analyzeText(hostile);
      assert.ok(
        a.claims.some((c) => c.text.includes('\x1b')),
        'the claims carry the escapes',
      );
      assert.doesNotMatch(summary('doc\x1b]0;x\x07.txt', a), TERMINAL_CONTROL);
    });

    it('the readable mode prints no control character, from the text or the file name', () => {
      const file = path.join(tmp(), 'evil\x1b]0;owned\x07.txt');
      fs.writeFileSync(file, hostile);
      const r = run('analyze', file);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.match(r.stdout, /claims \(2\)/);
      assert.match(r.stdout, /\u241b\]0;owned\u2407/, 'the escape is shown, not obeyed');
      assert.doesNotMatch(r.stdout, TERMINAL_CONTROL);
    });

    it('--json keeps the text exact but escaped, C1 controls included', () => {
      const file = path.join(tmp(), 'evil.txt');
      fs.writeFileSync(file, hostile);
      const r = run('analyze', '--json', file);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stdout, TERMINAL_CONTROL);
      const doc = (JSON.parse(r.stdout) as { documents: ContractDocument[] }).documents[0];
      assert.ok(doc.claims.some((c) => c.text.includes('\x9b')));
      for (const c of doc.claims) assert.strictEqual(hostile.slice(c.start, c.end), c.text);
    });
  });

  describe('UTF-16 with a byte-order mark', () => {
    const text = 'Angela Merkel said that Germany would help. 😀 Iraq agreed.';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

    it('is decoded, little- and big-endian, without the mark', () => {
      for (const [bytes, encoding] of [
        [le, 'utf-16le'],
        [be, 'utf-16be'],
      ] as const) {
        const read = decode(bytes);
        assert.ok(read.ok, read.ok ? '' : read.reason);
        assert.strictEqual(read.text, text);
        assert.strictEqual(read.invalidUtf8, false);
        assert.strictEqual(read.encoding, encoding);
      }
      const odd = decode(Buffer.concat([le, Buffer.from([0x41])]));
      assert.ok(odd.ok && odd.invalidUtf8, 'a dangling byte is replaced and flagged');
      assert.strictEqual(decode(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])).ok, false, 'UTF-32 is refused');
    });

    it('dossier analyze --json gives offsets into the decoded text', () => {
      const dir = tmp();
      for (const [name, bytes] of [
        ['le.txt', le],
        ['be.txt', be],
      ] as const) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, bytes);
        const r = run('analyze', '--json', file);
        assert.strictEqual(r.status, 0, r.stderr);
        const doc = (JSON.parse(r.stdout) as { documents: ContractDocument[] }).documents[0];
        assert.deepStrictEqual(
          doc.entities.map((e) => e.text),
          ['Angela Merkel', 'Germany', 'Iraq'],
        );
        for (const e of doc.entities) assert.strictEqual(text.slice(e.start, e.end), e.text);
      }
    });
  });

  it('--jsonl warns about invalid UTF-8 as --json does', () => {
    const file = path.join(tmp(), 'latin1.txt');
    fs.writeFileSync(file, Buffer.from('Caf\xe9 owner John Smith said he was happy.', 'latin1'));
    for (const mode of ['--json', '--jsonl']) {
      const r = run('analyze', mode, '--', file);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.match(r.stderr, /latin1\.txt: warning: not valid UTF-8, invalid bytes replaced/, mode);
    }
  });

  describe('--out that cannot be written', () => {
    it('names the path with a plain reason', () => {
      const err = Object.assign(new Error("EISDIR: illegal operation on a directory, open '/x/out'"), {
        code: 'EISDIR',
        syscall: 'open',
        path: '/x/out',
      });
      assert.strictEqual(fileErrorMessage(err), '/x/out: is a directory');
      const mkdir = Object.assign(new Error('EEXIST'), { code: 'EEXIST', syscall: 'mkdir', path: '/x/out.ann' });
      assert.strictEqual(fileErrorMessage(mkdir), '/x/out.ann: exists and is not a directory');
      assert.strictEqual(fileErrorMessage(new Error('other')), null);
    });

    it('dossier export --out a directory or a file in the way exits 2 with a message naming it', () => {
      const dir = tmp();
      const docs = path.join(dir, 'docs');
      fs.mkdirSync(docs);
      fs.writeFileSync(path.join(docs, 'doc.txt'), 'Obama said hi.');
      fs.writeFileSync(
        path.join(docs, 'doc.txt.annotations.json'),
        JSON.stringify({ version: 1, document: 'doc.txt', annotations: [], deleted: [] }),
      );
      const outDir = path.join(dir, 'out');
      fs.mkdirSync(outDir);
      const csv = run('export', '--format', 'csv', '--out', outDir, docs);
      assert.strictEqual(csv.status, 2, csv.stderr);
      assert.ok(csv.stderr.startsWith(`dossier: ${outDir}: is a directory`), csv.stderr);
      assert.strictEqual(csv.stderr.split('\n').length, 2, csv.stderr);
      const inTheWay = path.join(dir, 'existing');
      fs.writeFileSync(inTheWay, 'keep me');
      const brat = run('export', '--format', 'brat', '--out', inTheWay, docs);
      assert.ok(brat.status === 1 || brat.status === 2, brat.stderr); // a usage error or a refused output, never a crash (3)
      assert.ok(brat.stderr.includes(inTheWay), brat.stderr);
      assert.strictEqual(fs.readFileSync(inTheWay, 'utf8'), 'keep me');
    });
  });
});
