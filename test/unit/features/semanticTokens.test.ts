import * as assert from 'assert';
import type { EntityMention } from '../../../server/src/analysis/types';
import { semanticTokens } from '../../../server/src/lsp/features/semanticTokens';
import { context, emptyAnalysis, indexedDocument } from './synthetic';

/*
 * The semantic tokens' encoding (LSP: deltas of line and character, length,
 * type, modifiers), on one long line and across line breaks: a token may not
 * span lines, so one that does is sent as one piece per line.
 */

function tokensOf(text: string, spans: Array<[string, number?]>): number[][] {
  const mentions: EntityMention[] = [];
  let from = 0;
  for (const [name, nth = 0] of spans) {
    let start = text.indexOf(name, from);
    for (let k = 0; k < nth; k++) start = text.indexOf(name, start + 1);
    mentions.push({ start, end: start + name.length, text: name, kind: 'actor', type: 'person', id: name.toLowerCase() });
    from = start + name.length;
  }
  const doc = indexedDocument('file:///ws/a.txt', text, { ...emptyAnalysis(text), mentions });
  const { data } = semanticTokens(doc, context());
  const out: number[][] = [];
  for (let i = 0; i < data.length; i += 5) out.push(data.slice(i, i + 5));
  return out;
}

const PERSON = 1; // the modifier bit of 'person'

describe('semantic tokens', () => {
  it('on one line: character deltas from the token before', () => {
    assert.deepStrictEqual(tokensOf('Ann met Bob and Cy.', [['Ann'], ['Bob'], ['Cy']]), [
      [0, 0, 3, 0, PERSON],
      [0, 8, 3, 0, PERSON],
      [0, 8, 2, 0, PERSON],
    ]);
  });

  it('across lines: the line delta, and the character from the start of the new line', () => {
    assert.deepStrictEqual(tokensOf('Ann\n\nthen Bob met\nCy.', [['Ann'], ['Bob'], ['Cy']]), [
      [0, 0, 3, 0, PERSON],
      [2, 5, 3, 0, PERSON],
      [1, 0, 2, 0, PERSON],
    ]);
  });

  it('a token over a line break is sent in one piece per line', () => {
    assert.deepStrictEqual(tokensOf('x Ann\nLee met Bo', [['Ann\nLee'], ['Bo']]), [
      [0, 2, 3, 0, PERSON],
      [1, 0, 3, 0, PERSON],
      [0, 8, 2, 0, PERSON],
    ]);
  });
});
