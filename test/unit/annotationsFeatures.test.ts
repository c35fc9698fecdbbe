import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { quoteSelectors } from '../../common/anchoring';
import { textHash, type Annotation } from '../../common/annotations';
import type { DocumentAnalysis } from '../../server/src/analysis/types';
import { tagLenses, tagsAt, tagSymbols } from '../../server/src/lsp/features/tags';
import { AnnotationIndex } from '../../server/src/workspace/annotationIndex';
import type { IndexedDocument } from '../../server/src/workspace/documentIndex';

const TEXT = 'Line one.\nThe minister said the bridge is safe.\nBasra is calm. Basra again.';
const URI = 'file:///ws/doc.txt';

function ann(id: string, quote: string, extra: Partial<Annotation> & { tags?: string[]; note?: string }, occurrence = 0): Annotation {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = TEXT.indexOf(quote, start + 1);
  const q = quoteSelectors(TEXT, start, start + quote.length);
  return {
    id,
    created: '2024-05-01T10:00:00.000Z',
    modified: '2024-05-01T10:00:00.000Z',
    kind: 'passage',
    target: {
      position: { type: 'TextPositionSelector', start, end: q.end },
      quote: { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix },
      hash: textHash(TEXT),
    },
    body: { tags: extra.tags ?? [], ...(extra.note ? { note: extra.note } : {}) },
    ...(extra.kind === 'entity-tag' ? { kind: 'entity-tag', entity: { id: 'basra', name: 'Basra' } } : {}),
  } as Annotation;
}

const analysis: DocumentAnalysis = {
  length: TEXT.length,
  structure: { headline: null, byline: null, blocks: [], commentsStart: null },
  tokens: [],
  sentences: [],
  mentions: [
    { start: TEXT.indexOf('Basra'), end: TEXT.indexOf('Basra') + 5, text: 'Basra', id: 'basra', type: 'city', kind: 'place' },
    { start: TEXT.lastIndexOf('Basra'), end: TEXT.lastIndexOf('Basra') + 5, text: 'Basra', id: 'basra', type: 'city', kind: 'place' },
  ],
  entities: [{ id: 'basra', canonical: 'Basra', kind: 'place', type: 'city', aliases: ['Basra'], mentions: [0, 1], descriptions: [] }],
  demonyms: [],
  claims: [],
};

describe('tags for the server features', () => {
  const index = new AnnotationIndex();
  const problems = index.set(URI, [
    ann('11111111-1111-4111-8111-111111111111', 'The minister said', { tags: ['official', 'quote'] }),
    ann('22222222-2222-4222-8222-222222222222', 'the bridge is safe', { tags: ['claim'], note: 'Check with engineers' }),
    ann('33333333-3333-4333-8333-333333333333', 'Basra', { kind: 'entity-tag', tags: ['hotspot'] }),
    { not: 'an annotation' },
  ]).problems;
  const doc: IndexedDocument = { uri: URI, version: 1, document: TextDocument.create(URI, 'plaintext', 1, TEXT), analysis };
  const resolved = index.resolve(URI, TEXT);

  it('validates what the client sends and skips invalid items', () => {
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(resolved.length, 3);
  });

  it('tagsAt: passage tags on overlap, entity tags wherever the entity appears', () => {
    const minister = TEXT.indexOf('minister');
    assert.deepStrictEqual(tagsAt(resolved, { start: minister, end: minister + 3 }).sort(), ['official', 'quote']);
    const second = TEXT.lastIndexOf('Basra');
    assert.deepStrictEqual(tagsAt(resolved, { start: second, end: second + 5 }, analysis), ['hotspot']);
    assert.deepStrictEqual(tagsAt(resolved, { start: 0, end: 4 }, analysis), []);
  });

  it('tagLenses: one lens per tagged passage, running dossier.editAnnotation', () => {
    const lenses = tagLenses(doc, resolved);
    assert.strictEqual(lenses.length, 2);
    assert.strictEqual(lenses[0].range.start.line, 1);
    assert.strictEqual(lenses[0].command?.command, 'dossier.editAnnotation');
    assert.deepStrictEqual(lenses[0].command?.arguments, [URI, '11111111-1111-4111-8111-111111111111']);
    assert.match(lenses[1].command!.title, /claim.*Check with engineers/);
  });

  it('tagSymbols: a Tags group with a child per tag', () => {
    const group = tagSymbols(doc, resolved);
    assert.ok(group);
    assert.strictEqual(group.name, 'Tags');
    assert.deepStrictEqual(
      group.children?.map((c) => c.name),
      ['claim', 'official', 'quote'],
    );
    assert.strictEqual(group.children?.[1].children?.[0].name, 'The minister said');
    assert.strictEqual(tagSymbols(doc, []), null);
  });

  it('re-anchors when the server text differs (an insertion above)', () => {
    const moved = 'New first line.\n' + TEXT;
    const r = index.resolve(URI, moved);
    assert.strictEqual(moved.slice(r[0].start, r[0].end), 'The minister said');
  });
});
