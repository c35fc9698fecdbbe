import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { quoteSelectors } from '../../common/anchoring';
import { serializeSidecar, textHash, type Annotation } from '../../common/annotations';
import { runExport } from '../../server/src/cli/export';
import { csvField, renderExport, toBrat, toCsv, toW3c, type ExportDocument } from '../../server/src/workspace/export';

/*
 * Hostile and careless input to the exporters (issue 11): no file written
 * over without --force, no formula or line injected into the output.
 */

let n = 0;
function passage(text: string, quote: string, tags: string[], note?: string): Annotation {
  const start = text.indexOf(quote);
  assert.ok(start >= 0, `${quote} is in the text`);
  const q = quoteSelectors(text, start, start + quote.length);
  const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  return {
    id,
    created: '2024-05-01T10:00:00.000Z',
    modified: '2024-05-01T10:00:00.000Z',
    kind: 'passage',
    target: {
      position: { type: 'TextPositionSelector', start: q.start, end: q.end },
      quote: { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix },
      hash: textHash(text),
    },
    body: { tags, ...(note !== undefined ? { note } : {}) },
  };
}

/** A document and its sidecar tagging `quote` with `tag`. */
function annotated(dir: string, name: string, text: string, quote: string, tag: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(
    path.join(dir, name + '.annotations.json'),
    serializeSidecar({ version: 1, document: path.basename(name), annotations: [passage(text, quote, [tag])], deleted: [] }),
  );
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runExport(argv, { stdout: async (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

function withDir(body: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-export-safety-'));
    try {
      await body(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

const read = (dir: string, name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

describe('export: no file is written over (issue 11, finding 9)', () => {
  it(
    'brat never writes over a document, gives colliding names distinct files and refuses an existing file without --force',
    withDir(async (dir) => {
      annotated(dir, 'victim.txt', 'Alpha went home.', 'Alpha', 'first');
      annotated(dir, 'victim.ann', 'Victim text, kept.', 'Victim', 'second');
      annotated(dir, 'collide.txt', 'Plain text file.', 'Plain', 'fromTxt');
      annotated(dir, 'collide.md', 'Markdown file.', 'Markdown', 'fromMd');
      annotated(dir, 'old.txt', 'Old news.', 'Old', 'fresh');
      fs.writeFileSync(path.join(dir, 'old.ann'), 'keep me\n');

      const first = await run(['--format', 'brat', dir]);
      assert.strictEqual(first.code, 2, 'a refused file is a partial export');
      assert.strictEqual(read(dir, 'victim.ann'), 'Victim text, kept.', 'the document named victim.ann is untouched');
      assert.match(read(dir, 'victim.txt.ann'), /^T1\tfirst 0 5\tAlpha\n$/);
      assert.match(read(dir, 'victim.ann.ann'), /^T1\tsecond 0 6\tVictim\n$/);
      assert.match(read(dir, 'collide.ann'), /\tfromTxt /, 'the .txt document keeps the brat pair collide.txt + collide.ann');
      assert.match(read(dir, 'collide.md.ann'), /\tfromMd /);
      assert.strictEqual(read(dir, 'old.ann'), 'keep me\n');
      assert.match(first.err, /old\.ann: exists, not overwritten \(--force replaces it\)/);
      assert.match(first.err, /wrote 4 \.ann files/, 'the summary counts what was written');

      const forced = await run(['--format', 'brat', '--force', dir]);
      assert.strictEqual(forced.code, 0, forced.err);
      assert.match(read(dir, 'old.ann'), /^T1\tfresh 0 3\tOld\n$/);
      assert.strictEqual(read(dir, 'victim.ann'), 'Victim text, kept.', 'a document is never written over, even with --force');
      assert.match(forced.err, /wrote 5 \.ann files/);
    }),
  );

  it(
    'brat --force replaces a symlink in the way instead of writing through it',
    withDir(async (dir) => {
      const docs = path.join(dir, 'docs');
      annotated(docs, 'link.txt', 'Linked text.', 'Linked', 'tag');
      fs.writeFileSync(path.join(dir, 'outside.txt'), 'outside');
      fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(docs, 'link.ann'));
      const refused = await run(['--format', 'brat', docs]);
      assert.strictEqual(refused.code, 2);
      assert.match(refused.err, /link\.ann: exists/);
      assert.match(refused.err, /wrote 0 \.ann files/);
      assert.strictEqual((await run(['--format', 'brat', '--force', docs])).code, 0);
      assert.strictEqual(read(dir, 'outside.txt'), 'outside');
      assert.ok(!fs.lstatSync(path.join(docs, 'link.ann')).isSymbolicLink());
      assert.match(read(docs, 'link.ann'), /^T1\ttag /);
    }),
  );

  it(
    'brat --out: colliding names under the out folder are distinct too',
    withDir(async (dir) => {
      const docs = path.join(dir, 'docs');
      annotated(docs, 'a/collide.md', 'Markdown file.', 'Markdown', 'fromMd');
      annotated(docs, 'a/collide.txt', 'Plain text file.', 'Plain', 'fromTxt');
      const out = path.join(dir, 'out');
      const r = await run(['--format', 'brat', '--out', out, docs]);
      assert.strictEqual(r.code, 0, r.err);
      assert.match(read(out, 'a/collide.ann'), /\tfromTxt /);
      assert.match(read(out, 'a/collide.md.ann'), /\tfromMd /);
      assert.deepStrictEqual(
        fs.readdirSync(path.join(docs, 'a')).filter((f) => f.endsWith('.ann')),
        [],
        'nothing written next to the documents',
      );
    }),
  );

  it(
    'w3c and csv --out refuse an existing file without --force, and a document or its sidecar always',
    withDir(async (dir) => {
      annotated(dir, 'doc.txt', 'Some text here.', 'Some', 'tag');
      const target = path.join(dir, 'export.csv');
      fs.writeFileSync(target, 'previous');
      const refused = await run(['--format', 'csv', '--out', target, dir]);
      assert.strictEqual(refused.code, 2);
      assert.match(refused.err, /export\.csv: exists, not overwritten/);
      assert.strictEqual(read(dir, 'export.csv'), 'previous');
      assert.strictEqual((await run(['--format', 'csv', '--force', '--out', target, dir])).code, 0);
      assert.match(read(dir, 'export.csv'), /^document,id,/);

      for (const victim of ['doc.txt', 'doc.txt.annotations.json']) {
        const before = read(dir, victim);
        const r = await run(['--format', 'w3c', '--force', '--out', path.join(dir, victim), dir]);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, new RegExp(`${victim.replace(/\./g, '\\.')}: is a document or sidecar being exported, not overwritten`));
        assert.strictEqual(read(dir, victim), before);
      }
    }),
  );
});

/** RFC 4180 reader, enough to check the cells a spreadsheet would see. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('export: CSV formula injection (issue 11, finding 14)', () => {
  it('a cell that a spreadsheet would read as a formula gets a leading quote and is quoted', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']) {
      const value = `${start}SUM(1,2)`;
      assert.strictEqual(csvField(value), `"'${value}"`, JSON.stringify(value));
    }
    assert.strictEqual(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.strictEqual(csvField('a=b'), 'a=b', 'only the first character matters');
    assert.strictEqual(csvField('x;=1+1'), '"x;=1+1"', 'a semicolon is quoted, so a semicolon-separated reading cannot start a cell');
    assert.strictEqual(csvField(''), '');
  });

  it('no cell from a hostile name, quote, tag or note starts a formula', () => {
    const text = '-2+3 is what =cmd said. @here too.';
    const docs: ExportDocument[] = [
      {
        uri: 'file:///ws/=evil.txt',
        name: '=evil.txt',
        text,
        annotations: [
          passage(text, '-2+3', ['=1+1', '+x'], '@SUM(A1)'),
          passage(text, '=cmd', ['tag'], '\tindented'),
          passage(text, '@here', ['-'], '\rreturn'),
        ],
      },
    ];
    const rows = parseCsv(toCsv(docs));
    assert.strictEqual(rows.length, 4);
    for (const row of rows) {
      assert.strictEqual(row.length, 12);
      for (const cell of row) assert.ok(!/^[=+\-@\t\r]/.test(cell), `cell ${JSON.stringify(cell)}`);
    }
    assert.deepStrictEqual(rows[1].slice(5, 8), ["'-2+3", "'=1+1; +x", "'@SUM(A1)"]);
    assert.strictEqual(rows[1][0], "'=evil.txt");
  });
});

describe('export: brat and W3C output cannot be broken by the text they carry', () => {
  it('a span or note with a Unicode line break stays on one brat line', () => {
    // brat reads .ann files with Python, whose line splitting also breaks at these.
    const breaks = ['\u2028', '\u2029', '\u0085', '\v', '\f', '\x1c', '\x1d', '\x1e'];
    for (const br of breaks) {
      const text = `Start of a${br}T9\tEvil 0 5\tStart passage.`;
      const doc: ExportDocument = {
        uri: 'file:///x.txt',
        name: 'x.txt',
        text,
        annotations: [passage(text, text.slice(0, -1), ['tag'], `note${br}#9\tAnnotatorNotes T1\tinjected`)],
      };
      const lines = toBrat(doc)
        // eslint-disable-next-line no-control-regex -- the line breaks Python splits at
        .split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/)
        .filter(Boolean);
      for (const line of lines)
        assert.match(
          line,
          /^(T\d+\ttag \d+ \d+(;\d+ \d+)*\t|#\d+\tAnnotatorNotes T\d+\t)/,
          `${JSON.stringify(br)}: ${JSON.stringify(line)}`,
        );
      assert.strictEqual(lines.filter((l) => l.startsWith('T')).length, 1, JSON.stringify(br));
      assert.strictEqual(lines.filter((l) => l.startsWith('#')).length, 1, JSON.stringify(br));
    }
  });

  it('the W3C output, written document by document, is the JSON of the collection, U+2028 and all', () => {
    const text = 'A line\u2028break and "quotes" here.';
    const docs: ExportDocument[] = [
      { uri: 'file:///a.txt', name: 'a.txt', text, annotations: [passage(text, 'break', ['t\u2029'], 'n\u2028"x"')] },
      { uri: 'file:///empty.txt', name: 'empty.txt', text: 'x', annotations: [] },
      { uri: 'file:///b.txt', name: 'b.txt', text, annotations: [passage(text, 'quotes', [])] },
    ];
    const streamed = renderExport('w3c', docs);
    assert.strictEqual(streamed, JSON.stringify(toW3c(docs), null, 2) + '\n');
    assert.strictEqual(JSON.parse(streamed).first.items[0].body[1].value, 'n\u2028"x"');
    assert.strictEqual(renderExport('w3c', []), JSON.stringify(toW3c([]), null, 2) + '\n');
  });
});
