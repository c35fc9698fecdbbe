import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAnalyze, UsageError } from '../../server/src/cli/analyze';
import { runJsonJob } from '../../server/src/cli/jsonJob';
import { tagJob } from '../../server/src/cli/tagWorker';
import { DEFAULT_MAX_BYTES, readInput } from '../../server/src/cli/sizeLimit';
import { PARALLEL_FROM } from '../../server/src/cli/tagThread';
import { analyzeJsonl } from '../../server/src/cli/corpus';
import { InlineAnalysisService, type AnalysisService } from '../../server/src/workspace/analysisService';
import { loadResources } from '../../server/src/workspace/resources';
import { repoRoot, seedsDir } from '../unit/util';

/*
 * `--max-size`: a document over the limit is refused unread with a reason that
 * says how to lift it, on every path the CLI reads by (one thread, the
 * two-thread pipeline, the JSON threads, --jsonl files and stdin texts), and
 * the other documents are still analysed.
 */

const cli = path.join(repoRoot, 'dist', 'cli.js');
const LIFT = /larger than 0\.01 MB, skipped \(raise the limit with --max-size MB, or 0 for none\)/;

describe('dossier analyze --max-size', () => {
  let dir: string;
  let small: string;
  let big: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-maxsize-'));
    small = path.join(dir, 'small.txt');
    big = path.join(dir, 'big.txt');
    fs.writeFileSync(small, 'Alice Smith said it rains in Paris.\n');
    // 12 KB, over the 0.01 MB (10,486 bytes) the tests set.
    fs.writeFileSync(
      big,
      fs.readFileSync(path.join(seedsDir, fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt'))[0]), 'utf8').slice(0, 12000),
    );
    assert.ok(fs.statSync(big).size > 0.01 * 1048576);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("defaults to the editor's 50 MB; 0 is no limit; a negative or non-number size is a usage error", () => {
    assert.strictEqual(parseAnalyze(['a.txt']).maxBytes, 50 * 1048576);
    assert.strictEqual(DEFAULT_MAX_BYTES, 50 * 1048576);
    assert.strictEqual(parseAnalyze(['--max-size', '0', 'a.txt']).maxBytes, Infinity);
    assert.strictEqual(parseAnalyze(['--max-size=0.5', 'a.txt']).maxBytes, 0.5 * 1048576);
    for (const bad of [['--max-size', '-1'], ['--max-size', 'abc'], ['--max-size='], ['--max-size']])
      assert.throws(
        () => parseAnalyze([...bad, 'a.txt']),
        (e: unknown) => e instanceof UsageError && /--max-size needs a size in MB/.test(e.message),
      );
  });

  it("each thread's read refuses the file unread, with how to lift the limit", async () => {
    const read = await readInput(big, 0.01 * 1048576);
    assert.ok(!read.ok && LIFT.test(read.reason), JSON.stringify(read));
    assert.ok((await readInput(big, Infinity)).ok);
    const json = await runJsonJob({ id: 1, file: big, maxBytes: 0.01 * 1048576 });
    assert.ok(!json.ok && LIFT.test(json.reason), JSON.stringify(json));
    const tagged = await tagJob({ id: 2, file: big, maxBytes: 0.01 * 1048576 }, 'spans');
    assert.ok(!tagged.ok && LIFT.test(tagged.reason), JSON.stringify(tagged));
  });

  // One thread, and the two-thread pipeline (--jobs 2, from PARALLEL_FROM files). The JSON threads need three cores:
  // their job (runJsonJob) is checked above.
  for (const jobs of ['1', '2'])
    it(`skips the big file and analyses the rest (--jobs ${jobs})`, () => {
      // Enough files for the threaded paths to be taken.
      const files = [small, big, ...Array<string>(PARALLEL_FROM).fill(small)];
      const r = spawnSync(process.execPath, [cli, 'analyze', '--json', '--jobs', jobs, '--max-size', '0.01', ...files], {
        encoding: 'utf8',
      });
      assert.strictEqual(r.status, 2, r.stderr);
      assert.match(r.stderr, LIFT);
      assert.ok(r.stderr.includes('big.txt'));
      const docs = (JSON.parse(r.stdout) as { documents: Array<{ file: string }> }).documents;
      assert.deepStrictEqual(
        docs.map((d) => path.basename(d.file)),
        Array<string>(PARALLEL_FROM + 1).fill('small.txt'),
      );
      const all = spawnSync(process.execPath, [cli, 'analyze', '--json', '--jobs', jobs, '--max-size', '0', ...files], {
        encoding: 'utf8',
      });
      assert.strictEqual(all.status, 0, all.stderr);
      assert.strictEqual((JSON.parse(all.stdout) as { documents: unknown[] }).documents.length, PARALLEL_FROM + 2);
    });

  it('--jsonl: files and stdin texts over the limit are skipped and named', () => {
    const files = spawnSync(process.execPath, [cli, 'analyze', '--jsonl', '--max-size', '0.01', small, big], { encoding: 'utf8' });
    assert.strictEqual(files.status, 2);
    assert.match(files.stderr, LIFT);
    assert.strictEqual(files.stdout.trim().split('\n').length, 1);
    const input = [JSON.stringify({ id: 'short', text: 'Bob said so.' }), JSON.stringify({ id: 'long', text: 'word '.repeat(3000) })].join(
      '\n',
    );
    const stdin = spawnSync(process.execPath, [cli, 'analyze', '--jsonl', '--max-size', '0.01'], { encoding: 'utf8', input });
    assert.strictEqual(stdin.status, 2);
    assert.match(stdin.stderr, /long: larger than 0\.01 MB, skipped/);
    const lines = stdin.stdout.trim().split('\n');
    assert.deepStrictEqual(
      lines.map((l) => (JSON.parse(l) as { id: string }).id),
      ['short'],
    );
  });

  it('--jsonl holds a bounded amount of text in flight: big documents wait for the one before', async () => {
    const files = Array.from({ length: 6 }, (_, i) => {
      const f = path.join(dir, `doc${i}.txt`);
      fs.writeFileSync(f, `Alice Smith said it rains in Paris. ${'x'.repeat(1000)}\n`);
      return f;
    });
    const inFlight = async (heldBudget: number) => {
      let pending = 0;
      let most = 0;
      const service = (): AnalysisService => {
        const inline = new InlineAnalysisService(loadResources);
        return {
          analyze: async (text) => {
            most = Math.max(most, ++pending);
            // Let the reading loop run on while this document is "analysed".
            await new Promise((resolve) => setTimeout(resolve, 20));
            pending--;
            return inline.analyze(text);
          },
          dispose: () => inline.dispose(),
        };
      };
      let lines = 0;
      const ok = await analyzeJsonl(files, 2, async (s) => void (lines += s.split('\n').length - 1), Infinity, service, heldBudget);
      assert.ok(ok);
      assert.strictEqual(lines, files.length);
      return most;
    };
    // Without a budget to speak of, the window (4 a thread) holds every file; with one of 1.5 documents, two at most.
    assert.strictEqual(await inFlight(64 << 20), files.length);
    assert.ok((await inFlight(1500)) <= 2);
  });
});
