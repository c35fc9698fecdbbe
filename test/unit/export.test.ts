import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { quoteSelectors } from '../../common/anchoring';
import { serializeSidecar, textHash, type Annotation } from '../../common/annotations';
import { applyCorrections } from '../../server/src/analysis/corrections';
import type { DocumentAnalysis, EntityMention } from '../../server/src/analysis/types';
import { runExport } from '../../server/src/cli/export';
import { csvField, parseW3c, toBrat, toCsv, toW3c, type ExportDocument } from '../../server/src/workspace/export';

const TEXT = 'Fans 😀 cheered. The minister said, "We will win," and left.\nCritics disagreed.';
const ID1 = '11111111-1111-4111-8111-111111111111';
const ID2 = '22222222-2222-4222-8222-222222222222';

function passageAt(id: string, quote: string, tags: string[], note?: string): Annotation {
  const start = TEXT.indexOf(quote);
  const q = quoteSelectors(TEXT, start, start + quote.length);
  return {
    id,
    created: '2024-05-01T10:00:00.000Z',
    modified: '2024-05-01T10:00:00.000Z',
    kind: 'passage',
    target: {
      position: { type: 'TextPositionSelector', start: q.start, end: q.end },
      quote: { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix },
      hash: textHash(TEXT),
    },
    body: { tags, ...(note !== undefined ? { note } : {}) },
  };
}

const doc: ExportDocument = {
  uri: 'file:///ws/doc.txt',
  name: 'doc.txt',
  text: TEXT,
  annotations: [
    passageAt(ID1, 'The minister said', ['official', 'quote, "direct"'], 'Check, "who"\nexactly'),
    passageAt(ID2, 'left.\nCritics', ['span']),
  ],
};

describe('export', () => {
  it('W3C: a collection in the anno.jsonld context, positions in code points', () => {
    const c = toW3c([doc]);
    assert.strictEqual(c['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.strictEqual(c.type, 'AnnotationCollection');
    assert.strictEqual(c.total, 2);
    const a = c.first.items[0];
    assert.strictEqual(a.id, `urn:uuid:${ID1}`);
    assert.strictEqual(a.target.source, 'file:///ws/doc.txt');
    const pos = a.target.selector.find((s) => s.type === 'TextPositionSelector') as { start: number; end: number };
    const utf16 = TEXT.indexOf('The minister');
    assert.strictEqual(pos.start, utf16 - 1, 'the emoji before it is one code point but two UTF-16 units');
    assert.strictEqual([...TEXT].slice(pos.start, pos.end).join(''), 'The minister said');
    assert.deepStrictEqual(
      a.body.map((b) => [b.purpose, b.value]),
      [
        ['tagging', 'official'],
        ['tagging', 'quote, "direct"'],
        ['commenting', 'Check, "who"\nexactly'],
      ],
    );
  });

  it('W3C: what is exported parses back to the same content', () => {
    const json = JSON.parse(JSON.stringify(toW3c([doc])));
    const { annotations, skipped } = parseW3c(json);
    assert.strictEqual(skipped, 0);
    assert.strictEqual(annotations[0].id, ID1);
    assert.deepStrictEqual(annotations[0].tags, ['official', 'quote, "direct"']);
    assert.strictEqual(annotations[0].note, 'Check, "who"\nexactly');
    assert.strictEqual(annotations[0].quote?.exact, 'The minister said');
    assert.strictEqual(annotations[0].position?.start, TEXT.indexOf('The minister') - 1);
  });

  it('W3C import accepts a page, a list or one annotation, and skips what it cannot use', () => {
    const one = {
      type: 'Annotation',
      body: { type: 'TextualBody', value: 'hello' },
      target: { source: 'x.txt', selector: { type: 'TextQuoteSelector', exact: 'Fans' } },
    };
    assert.strictEqual(parseW3c(one).annotations[0].note, 'hello');
    assert.strictEqual(parseW3c({ type: 'AnnotationPage', items: [one, one] }).annotations.length, 2);
    const r = parseW3c([one, { type: 'Annotation', target: { source: 'x', selector: { type: 'CssSelector', value: 'p' } } }, 42]);
    assert.deepStrictEqual([r.annotations.length, r.skipped], [1, 2]);
    assert.throws(() => parseW3c('just a string'));
  });

  it('CSV: RFC 4180 quoting and CRLF line ends', () => {
    assert.strictEqual(csvField('plain'), 'plain');
    assert.strictEqual(csvField('a,b'), '"a,b"');
    assert.strictEqual(csvField('say "hi"'), '"say ""hi"""');
    assert.strictEqual(csvField('two\nlines'), '"two\nlines"');
    const csv = toCsv([doc]);
    const lines = csv.split('\r\n');
    assert.strictEqual(lines[0], 'document,id,kind,start,end,quote,tags,note,entity,correction,created,modified');
    assert.ok(lines[1].startsWith(`doc.txt,${ID1},passage,`));
    assert.ok(csv.includes('"official; quote, ""direct"""'));
    assert.ok(csv.includes('"Check, ""who""\nexactly"'));
    assert.ok(csv.endsWith('\r\n'));
  });

  it('brat: a T line per tag in code points, notes as AnnotatorNotes, spans over lines as fragments', () => {
    const ann = toBrat(doc).split('\n');
    const start = TEXT.indexOf('The minister') - 1;
    assert.strictEqual(ann[0], `T1\tofficial ${start} ${start + 17}\tThe minister said`);
    assert.strictEqual(ann[1], `T2\tquote_direct_ ${start} ${start + 17}\tThe minister said`);
    assert.strictEqual(ann[2], '#1\tAnnotatorNotes T1\tCheck, "who" exactly');
    const l = [...TEXT].join('').indexOf('left.');
    const cpLeft = [...TEXT.slice(0, l)].length;
    assert.strictEqual(ann[3], `T3\tspan ${cpLeft} ${cpLeft + 5};${cpLeft + 6} ${cpLeft + 13}\tleft. Critics`);
  });

  it('the CLI exports every sidecar of a folder; a corrupt one is reported, the rest exported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-export-'));
    try {
      fs.writeFileSync(path.join(dir, 'doc.txt'), TEXT);
      fs.writeFileSync(
        path.join(dir, 'doc.txt.annotations.json'),
        serializeSidecar({ version: 1, document: 'doc.txt', annotations: [...doc.annotations], deleted: [] }),
      );
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'sub', 'bad.txt'), 'x');
      fs.writeFileSync(path.join(dir, 'sub', 'bad.txt.annotations.json'), '{ broken');
      let out = '';
      let err = '';
      const io = { stdout: async (s: string) => void (out += s), stderr: (s: string) => void (err += s) };
      assert.strictEqual(await runExport(['--format', 'w3c', dir], io), 2);
      assert.strictEqual(JSON.parse(out).total, 2);
      assert.match(err, /bad\.txt\.annotations\.json/);
      out = '';
      assert.strictEqual(await runExport(['--format=csv', dir], io), 2);
      assert.strictEqual(out.split('\r\n').length, 4);
      await runExport(['--format', 'brat', dir], io);
      assert.ok(fs.readFileSync(path.join(dir, 'doc.ann'), 'utf8').startsWith('T1\tofficial'));
      await runExport(['--format', 'brat', '--out', path.join(dir, 'ann'), dir], io);
      assert.ok(fs.existsSync(path.join(dir, 'ann', 'doc.ann')));
      await assert.rejects(runExport(['--format', 'xml', dir], io), /--format must be w3c, csv or brat/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('corrections', () => {
  const text = 'Hakim al-Zamili met Zamili and Basra officials in Basra.';
  const mention = (s: string, id: string, type: EntityMention['type'], from = 0): EntityMention => {
    const start = text.indexOf(s, from);
    return { start, end: start + s.length, text: s, id, type, kind: type === 'person' || type === 'organization' ? 'actor' : 'place' };
  };
  const analysis = (): DocumentAnalysis => {
    const mentions = [
      mention('Hakim al-Zamili', 'hakim-al-zamili', 'person'),
      mention('Zamili', 'zamili', 'person', 16),
      mention('Basra', 'basra', 'city', 30),
      mention('Basra', 'basra', 'city', 45),
    ];
    return {
      length: text.length,
      structure: { headline: null, byline: null, blocks: [], commentsStart: null },
      tokens: [],
      sentences: [],
      mentions,
      entities: [
        {
          id: 'hakim-al-zamili',
          canonical: 'Hakim al-Zamili',
          kind: 'actor',
          type: 'person',
          aliases: ['Hakim al-Zamili'],
          mentions: [0],
          descriptions: [],
        },
        { id: 'zamili', canonical: 'Zamili', kind: 'actor', type: 'person', aliases: ['Zamili'], mentions: [1], descriptions: [] },
        { id: 'basra', canonical: 'Basra', kind: 'place', type: 'city', aliases: ['Basra'], mentions: [2, 3], descriptions: [] },
      ],
      demonyms: [],
      claims: [],
    };
  };
  const at = (s: string, from = 0) => ({ start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length });

  it('drops a mention that is not an entity and renumbers the rest', () => {
    const a = analysis();
    const r = applyCorrections(a, [{ ...at('Basra'), action: 'not-entity' }]);
    assert.strictEqual(r.mentions.length, 3);
    assert.deepStrictEqual(r.entities.find((e) => e.id === 'basra')?.mentions, [2]);
    assert.strictEqual(r.mentions[2].start, text.lastIndexOf('Basra'));
    assert.strictEqual(a.mentions.length, 4, 'the input is not modified');
  });

  it('changes the type of the whole entity', () => {
    const r = applyCorrections(analysis(), [{ ...at('Basra', 40), action: 'change-type', type: 'region' }]);
    const basra = r.entities.find((e) => e.id === 'basra')!;
    assert.strictEqual(basra.type, 'region');
    assert.deepStrictEqual(
      basra.mentions.map((i) => r.mentions[i].type),
      ['region', 'region'],
    );
  });

  it('merges an entity into another', () => {
    const r = applyCorrections(analysis(), [
      { ...at('Zamili', 16), action: 'merge', into: { id: 'hakim-al-zamili', name: 'Hakim al-Zamili' } },
    ]);
    assert.deepStrictEqual(
      r.entities.map((e) => e.id),
      ['hakim-al-zamili', 'basra'],
    );
    assert.deepStrictEqual(r.entities[0].mentions, [0, 1]);
    assert.strictEqual(r.mentions[1].id, 'hakim-al-zamili');
  });

  it('splits a mention off into its own entity', () => {
    const r = applyCorrections(analysis(), [{ ...at('Basra'), action: 'split' }]);
    const ids = r.entities.map((e) => e.id);
    assert.strictEqual(ids.length, 4);
    assert.deepStrictEqual(r.entities.find((e) => e.id === 'basra')?.mentions, [3]);
    assert.strictEqual(r.mentions[2].id, ids[3]);
  });

  it('skips a correction whose mention is no longer detected', () => {
    const a = analysis();
    const r = applyCorrections(a, [{ start: 0, end: 0, action: 'not-entity' }]);
    assert.strictEqual(r.mentions.length, 4);
  });
});
