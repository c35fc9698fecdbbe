import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { serializeSidecar, textHash, type Annotation } from '../../common/annotations';
import { runReport } from '../../server/src/cli/report';
import { passage as placedPassage } from '../unit/features/synthetic';
import { repoRoot } from '../unit/util';

/*
 * `dossier export` and `dossier report` on a folder whose documents, file
 * names, tags and notes hold terminal escape sequences: what reaches a
 * terminal (stderr, the report, W3C JSON; CSV when stdout is one) shows them
 * instead of obeying them, and one unreadable sidecar does not sink a report.
 */

const cli = path.join(repoRoot, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
// C0 controls but tab, line feed and carriage return (CSV rows end in CR LF), DEL, C1: what a terminal may obey.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const TEXT = 'Barack Obama said that the vote \x1b]0;owned\x07 was \x1b[31mrigged\x9b2J in Ohio.\n';
const EXACT = TEXT.trimEnd();

/** A passage over the whole sentence, its sidecar tied to TEXT by the hash. */
function passage(id: number, tags: string[], note: string): Annotation {
  const a = placedPassage(id, TEXT, 0, EXACT.length, { tags, note });
  return { ...a, target: { ...a.target, hash: textHash(TEXT) } };
}

describe('export and report of hostile text', function () {
  this.timeout(60_000);
  let dir: string;
  const writeDoc = (name: string, annotations: Annotation[]) => {
    fs.writeFileSync(path.join(dir, name), TEXT);
    fs.writeFileSync(
      path.join(dir, `${name}.annotations.json`),
      serializeSidecar({ version: 1, document: name, annotations, deleted: [] }),
    );
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-export-hostile-'));
    writeDoc('doc.txt', [passage(1, ['t\x1b[5m'], 'n\x1b]52;c;ZXZpbA==\x07')]);
    // A damaged sidecar whose name holds an escape: named on stderr.
    fs.writeFileSync(path.join(dir, 'evil\x1b]0;owned\x07.txt'), TEXT);
    fs.writeFileSync(path.join(dir, 'evil\x1b]0;owned\x07.txt.annotations.json'), '{bad');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stderr names the damaged sidecar with its escape shown, for export and report', () => {
    for (const args of [['export', '--format', 'csv'], ['report']]) {
      const r = run(...args, dir);
      assert.strictEqual(r.status, 2, r.stderr);
      assert.match(r.stderr, /evil\u241b\]0;owned\u2407\.txt\.annotations\.json: not valid JSON/, args[0]);
      assert.doesNotMatch(r.stderr, TERMINAL_CONTROL, args[0]);
    }
  });

  it('the report shows the escapes of passages, tags and notes instead of passing them on', () => {
    const r = run('report', dir);
    assert.strictEqual(r.status, 2, r.stderr);
    assert.doesNotMatch(r.stdout, TERMINAL_CONTROL);
    assert.match(r.stdout, /the vote \u241b\\\]0;owned\u2407 was/);
    assert.match(r.stdout, /### t\u241b\\\[5m/);
  });

  it('W3C JSON writes C1 controls as \\u escapes, and parses to the exact text', () => {
    const r = run('export', '--format', 'w3c', dir);
    assert.strictEqual(r.status, 2, r.stderr);
    assert.doesNotMatch(r.stdout, TERMINAL_CONTROL);
    const json = JSON.parse(r.stdout) as { first: { items: Array<{ target: { selector: Array<{ exact?: string }> } }> } };
    const exact = json.first.items[0].target.selector.find((s) => s.exact !== undefined)?.exact;
    assert.strictEqual(exact, EXACT);
  });

  it('CSV keeps the exact text for a program, and shows the escapes to a terminal', function () {
    const piped = run('export', '--format', 'csv', dir);
    assert.ok(piped.stdout.includes(EXACT), 'a pipe gets the cells as they are');
    // A terminal, through script(1) where it is installed.
    const script = spawnSync('script', ['-qec', `"${process.execPath}" "${cli}" export --format csv "${dir}"`, '/dev/null'], {
      encoding: 'utf8',
    });
    if (script.error || !script.stdout.includes('Barack Obama')) this.skip();
    assert.doesNotMatch(script.stdout, TERMINAL_CONTROL);
    assert.ok(script.stdout.includes('the vote \u241b]0;owned\u2407 was'), script.stdout);
  });

  it('a sidecar that cannot be read is named and skipped; the other sidecars are still reported', async () => {
    writeDoc('other.txt', [passage(2, ['kept'], '')]);
    const denied = path.join(dir, 'doc.txt.annotations.json');
    let stdout = '';
    let stderr = '';
    const code = await runReport([dir], { stdout: async (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, async (file) => {
      if (file === denied) throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
      return fs.promises.readFile(file, 'utf8');
    });
    assert.strictEqual(code, 2);
    assert.ok(stderr.includes(`${denied}: permission denied (its annotations are not in the report)`), stderr);
    assert.match(stdout, /### kept/);
  });

  it("a document over the editor's 50 MB is not analysed for the claims of tagged actors, and the report says so", async () => {
    const tag = passage(3, ['who'], '');
    writeDoc('actor.txt', [
      { ...tag, kind: 'entity-tag', entity: { id: 'barack-obama', name: 'Barack Obama', type: 'person' } } as Annotation,
    ]);
    // Sparse: 51 MB on paper, no disk used, and refused by its size before a byte is read.
    const huge = path.join(dir, 'huge.txt');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 51 * 1048576);
    let stdout = '';
    let stderr = '';
    const code = await runReport([dir], { stdout: async (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
    assert.strictEqual(code, 2);
    assert.ok(stderr.includes(`${huge}: larger than 50 MB, skipped (its claims are not in the report)`), stderr);
    assert.match(stdout, /## Claims of tagged actors/);
  });
});
