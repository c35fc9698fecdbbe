import * as assert from 'assert';
import { defaultSettings } from '../../../common/settings';
import { codeLenses } from '../../../server/src/lsp/features/codeLens';
import { documentSymbols } from '../../../server/src/lsp/features/documentSymbols';
import { tagSymbols } from '../../../server/src/lsp/features/tags';
import { context, manyItemsDocument, passage, placed } from './synthetic';

const ITEMS = 200_000;

describe('features on documents with 200,000 items', function () {
  this.timeout(60_000);
  const doc = manyItemsDocument(ITEMS);

  it('gives one code lens per claim (no spread of the lens array)', () => {
    assert.strictEqual(codeLenses(doc, defaultSettings, context()).length, ITEMS);
  });

  it('gives an outline whose groups hold every actor, claim and comment (no Math.min of every item)', () => {
    const symbols = documentSymbols(doc, context());
    const sizes = Object.fromEntries(symbols.map((s) => [s.name, s.children?.length ?? 0]));
    assert.deepStrictEqual(sizes, { Actors: ITEMS, Claims: ITEMS, Comments: ITEMS });
    const actors = symbols.find((s) => s.name === 'Actors')!;
    assert.deepStrictEqual(actors.range, { start: { line: 0, character: 0 }, end: { line: ITEMS - 1, character: 2 } });
  });

  it('groups 200,000 tagged passages under one tag', () => {
    const text = doc.document.getText();
    const annotations = doc.analysis.claims.map((c, i) => placed(passage(i, text, c.start, c.end, { tags: ['t'] })));
    const tags = tagSymbols(doc, annotations);
    assert.strictEqual(tags?.children?.[0].children?.length, ITEMS);
  });
});
