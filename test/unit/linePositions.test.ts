import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { linePositions } from '../../server/src/workspace/cache/linePositions';

describe('linePositions', () => {
  it('gives every offset the position a TextDocument gives it, in and out of the text', () => {
    const texts = [
      '',
      'one line',
      'Headline\n\nA paragraph.\nAnother one, with “quotes”.\n',
      '\n\nstarts with blank lines\n\n\nand ends without one',
      'ends with\n',
      'windows\r\nlines\r\n\r\nhere',
      'old mac\rlines\r',
      'mixed\r\nand\nmore\r',
      'astral 😀 line\nsecond ☃ line',
    ];
    for (const text of texts) {
      const expected = TextDocument.create('', 'plaintext', -1, text);
      const actual = linePositions(text);
      for (let offset = -2; offset <= text.length + 2; offset++)
        assert.deepStrictEqual(actual.positionAt(offset), expected.positionAt(offset), `${JSON.stringify(text)} @ ${offset}`);
    }
  });
});
