import * as assert from 'assert';
import { ShapedWords } from '../../server/src/analysis/claims/wordShapes';

describe('claims: words ruled out by their shape', () => {
  const words = new ShapedWords(['said', 'according', 'self-described', ':', 'don’t']);

  it('never rules out a token whose lowercase form is one of the words', () => {
    for (const token of ['said', 'Said', 'SAID', 'According', ':', 'Self-described', 'don’t', 'DON’T']) {
      const text = `x ${token} y`;
      assert.ok(words.mayHold(text, 2, 2 + token.length), token);
    }
  });

  it('rules out tokens of another length or other end characters (a token of the same shape, "sand" for "said", is left to has()), and answers has() by the lowercase form', () => {
    for (const token of ['sai', 'saids', 'sail', 'accordingly', ';']) {
      const text = `x ${token} y`;
      assert.strictEqual(words.mayHold(text, 2, 2 + token.length), false, token);
    }
    assert.ok(words.has('said'));
    assert.strictEqual(words.has('Said'), false);
    assert.strictEqual(words.size, 5);
  });
});
