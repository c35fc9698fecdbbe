import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Claim, DocumentAnalysis } from '../../server/src/analysis/types';
import { analyze, parseAnalyze, UsageError } from '../../server/src/cli/analyze';
import { emptyAnalysis } from './features/synthetic';

const TEXT = 'Alice said it rains. Bob said it snows.\n';

function claimAt(content: string, score: number | undefined): Claim {
  const start = TEXT.indexOf(content);
  const c: Claim = {
    start,
    end: start + content.length,
    text: content,
    cue: null,
    source: null,
    speaker: null,
    hedges: [],
    section: 'article',
    form: 'indirect',
  };
  if (score !== undefined) c.score = score;
  return c;
}

const fake = (): DocumentAnalysis => ({ ...emptyAnalysis(TEXT), claims: [claimAt('it rains', 0.8), claimAt('it snows', 0.3)] });

describe('dossier analyze: scores and --min-confidence', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-minconf-'));
    file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, TEXT);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = async (...args: string[]) => {
    let out = '';
    const code = await analyze([...args, file], fake, (s) => {
      out += s;
      return Promise.resolve();
    });
    assert.strictEqual(code, 0);
    return JSON.parse(out) as { documents: Array<{ claims: Array<{ text: string; score?: number }> }> };
  };

  it('--json keeps every claim with its score', async () => {
    const { documents } = await run('--json');
    assert.deepStrictEqual(
      documents[0].claims.map((c) => [c.text, c.score]),
      [
        ['it rains', 0.8],
        ['it snows', 0.3],
      ],
    );
  });

  it('--min-confidence N drops the claims scored below N', async () => {
    for (const args of [['--min-confidence', '0.5'], ['--min-confidence=0.5']]) {
      const { documents } = await run('--json', ...args);
      assert.deepStrictEqual(
        documents[0].claims.map((c) => c.text),
        ['it rains'],
      );
    }
    assert.strictEqual((await run('--json', '--min-confidence', '0')).documents[0].claims.length, 2);
  });

  it('the readable summary shows each score; --min-confidence applies to it too', async () => {
    const summary = async (...args: string[]) => {
      let out = '';
      assert.strictEqual(
        await analyze([...args, file], fake, (s) => {
          out += s;
          return Promise.resolve();
        }),
        0,
      );
      return out;
    };
    const all = await summary();
    assert.match(all, /\(0\.80\): it rains/);
    assert.match(all, /\(0\.30\): it snows/);
    assert.doesNotMatch(await summary('--min-confidence', '0.5'), /it snows/);
  });

  it('a value that is not a number between 0 and 1 is a usage error', () => {
    for (const bad of [['--min-confidence', '1.5'], ['--min-confidence', 'high'], ['--min-confidence'], ['--min-confidence=']]) {
      assert.throws(
        () => parseAnalyze([...bad, 'a.txt']),
        (e: unknown) => e instanceof UsageError && /--min-confidence/.test(e.message),
        bad.join(' '),
      );
    }
    assert.throws(() => parseAnalyze(['--jsonl', '--min-confidence', '0.5']), UsageError);
    assert.strictEqual(parseAnalyze(['--min-confidence', '0.25', 'a.txt']).minConfidence, 0.25);
  });

  it('a --jobs that is not a whole number from 1 to 256 is a usage error that names the option', () => {
    for (const bad of [['--jobs', '0'], ['--jobs', 'abc'], ['--jobs', '1.5'], ['--jobs', '1e9'], ['--jobs'], ['--jobs='], ['-j', '-1']]) {
      assert.throws(
        () => parseAnalyze([...bad, 'a.txt']),
        (e: unknown) => e instanceof UsageError && e.message === '--jobs needs a whole number of threads from 1 to 256',
        bad.join(' '),
      );
    }
    assert.strictEqual(parseAnalyze(['--jobs=3', 'a.txt']).jobs, 3);
  });
});
