import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { quoteSelectors } from '../../common/anchoring';
import { serializeSidecar, textHash, type Annotation } from '../../common/annotations';
import { repoRoot, seedsDir } from '../unit/util';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const run = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const SEED = '001_e776aff8290555f3.txt';

function tagged(text: string, exact: string, id: string, kind: 'passage' | 'entity-tag', tags: string[], note: string): Annotation {
  const start = text.indexOf(exact);
  const q = quoteSelectors(text, start, start + exact.length);
  const base = {
    id,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    target: {
      position: { type: 'TextPositionSelector' as const, start, end: start + exact.length },
      quote: { type: 'TextQuoteSelector' as const, exact, prefix: q.prefix, suffix: q.suffix },
      hash: textHash(text),
    },
    body: { tags, note },
  };
  return kind === 'passage'
    ? { ...base, kind }
    : { ...base, kind, entity: { id: 'hakim-al-zamili', name: 'Hakim al-Zamili', type: 'person' } };
}

describe('dossier report', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-report-'));
    fs.mkdirSync(path.join(dir, 'news'));
    for (const f of fs.readdirSync(seedsDir).filter((n) => n.endsWith('.txt')))
      fs.copyFileSync(path.join(seedsDir, f), path.join(dir, 'news', f));
    const text = fs.readFileSync(path.join(dir, 'news', SEED), 'utf8');
    const annotations = [
      tagged(text, 'Turkish forces', '00000000-0000-4000-8000-000000000001', 'passage', ['*who* [sent] <them>'], 'Note with `code`.'),
      tagged(text, 'Hakim al-Zamili', '00000000-0000-4000-8000-000000000002', 'entity-tag', ['source'], ''),
    ];
    fs.writeFileSync(
      path.join(dir, 'news', `${SEED}.annotations.json`),
      serializeSidecar({ version: 1, document: SEED, annotations, deleted: [] }),
    );
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the report to stdout, links relative to the folder', () => {
    const r = run(dir, 'report', 'news');
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Dossier report\n/);
    assert.match(
      r.stdout,
      /### \\\*who\\\* \\\[sent\\\] \\<them\\>\n\n> Turkish forces\n\n\[001\\_e776aff8290555f3\.txt, line \d+\]\(001_e776aff8290555f3\.txt#L\d+\)\n\n\*\*Note:\*\* Note with \\`code\\`\./,
    );
    assert.match(r.stdout, /### Hakim al-Zamili[\s\S]*— threatened · \[001\\_e776aff8290555f3\.txt, line \d+\]/);
  });

  it('--out FILE writes the same report, links relative to that file', () => {
    const r = run(dir, 'report', '--out', 'out/report.md', 'news');
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, '');
    const written = fs.readFileSync(path.join(dir, 'out', 'report.md'), 'utf8').replace(/\.\.\/news\//g, '');
    assert.strictEqual(written, run(dir, 'report', 'news').stdout);
    assert.match(fs.readFileSync(path.join(dir, 'out', 'report.md'), 'utf8'), /\]\(\.\.\/news\/001_e776aff8290555f3\.txt#L\d+\)/);
  });

  it('a folder that does not exist is a usage error', () => {
    const r = run(dir, 'report', 'nowhere');
    assert.strictEqual(r.status, 1);
    assert.match(r.stderr, /nowhere is not a folder/);
  });
});
