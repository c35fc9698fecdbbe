import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { quoteSelectors } from '../../common/anchoring';
import { serializeSidecar, textHash } from '../../common/annotations';
import { runExport } from '../../server/src/cli/export';
import { findSidecars, nodeExportFs, type ExportFs } from '../../server/src/workspace/export/walk';

/*
 * Issue 11, finding 10: one unreadable folder or sidecar must not abort the
 * export. The tests run as root, for whom chmod 000 changes nothing, so the
 * EACCES a user gets is injected through the walk's file system seam; the
 * rest of the walk, the reading and the writing use the real file system.
 */

function eacces(p: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
}

/** The real file system, except that the given paths fail as unreadable ones do. */
function unreadable(...paths: string[]): ExportFs {
  return {
    readdir: async (dir) => (paths.includes(dir) ? Promise.reject(eacces(dir)) : nodeExportFs.readdir(dir)),
    readFile: async (file) => (paths.includes(file) ? Promise.reject(eacces(file)) : nodeExportFs.readFile(file)),
  };
}

let n = 0;
function annotated(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const q = quoteSelectors(text, 0, 4);
  const annotation = {
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    created: '2024-05-01T10:00:00.000Z',
    modified: '2024-05-01T10:00:00.000Z',
    kind: 'passage' as const,
    target: {
      position: { type: 'TextPositionSelector' as const, start: 0, end: 4 },
      quote: { type: 'TextQuoteSelector' as const, exact: q.exact, prefix: q.prefix, suffix: q.suffix },
      hash: textHash(text),
    },
    body: { tags: ['t'] },
  };
  fs.writeFileSync(
    file + '.annotations.json',
    serializeSidecar({ version: 1, document: path.basename(file), annotations: [annotation], deleted: [] }),
  );
}

describe('export: unreadable folders and sidecars (issue 11, finding 10)', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-export-walk-'));
    annotated(path.join(dir, 'a.txt'), 'Alpha text.');
    annotated(path.join(dir, 'locked', 'b.txt'), 'Beta text.');
    annotated(path.join(dir, 'open', 'c.txt'), 'Gamma text.');
    annotated(path.join(dir, 'open', 'd.txt'), 'Delta text.');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the walk reports a folder it cannot list and goes on with the others', async () => {
    const problems: string[] = [];
    const found = await findSidecars(dir, unreadable(path.join(dir, 'locked')), (file, reason) => problems.push(`${file}: ${reason}`));
    assert.deepStrictEqual(
      found.map((f) => path.relative(dir, f)),
      ['a.txt.annotations.json', path.join('open', 'c.txt.annotations.json'), path.join('open', 'd.txt.annotations.json')],
    );
    assert.deepStrictEqual(problems, [`${path.join(dir, 'locked')}: permission denied (folder skipped)`]);
  });

  it('an unreadable folder and an unreadable sidecar are skipped with a message naming them; the rest is exported, exit 2', async () => {
    let out = '';
    let err = '';
    const io = { stdout: async (s: string) => void (out += s), stderr: (s: string) => void (err += s) };
    const seam = unreadable(path.join(dir, 'locked'), path.join(dir, 'open', 'c.txt.annotations.json'));
    assert.strictEqual(await runExport(['--format', 'w3c', dir], io, seam), 2);
    assert.deepStrictEqual(
      JSON.parse(out).first.items.map((i: { target: { source: string } }) => path.basename(new URL(i.target.source).pathname)),
      ['a.txt', 'd.txt'],
    );
    assert.match(err, new RegExp(`${path.join(dir, 'locked').replace(/[\\/.]/g, '\\$&')}: permission denied \\(folder skipped\\)`));
    assert.match(err, /c\.txt\.annotations\.json: permission denied \(its annotations are not exported\)/);

    err = '';
    assert.strictEqual(await runExport(['--format', 'brat', dir], io, seam), 2);
    assert.ok(fs.existsSync(path.join(dir, 'a.ann')) && fs.existsSync(path.join(dir, 'open', 'd.ann')));
    assert.ok(!fs.existsSync(path.join(dir, 'open', 'c.ann')));
    assert.match(err, /wrote 2 \.ann files/);
  });

  it('an unlistable export folder exports nothing, says why and exits 2', async () => {
    let out = '';
    let err = '';
    const io = { stdout: async (s: string) => void (out += s), stderr: (s: string) => void (err += s) };
    assert.strictEqual(await runExport(['--format', 'csv', dir], io, unreadable(dir)), 2);
    assert.strictEqual(out, 'document,id,kind,start,end,quote,tags,note,entity,correction,created,modified\r\n');
    assert.match(err, /permission denied \(folder skipped\)/);
  });
});
