import * as assert from 'assert';
import { sharedTokenCount, tokenText } from '../../server/src/analysis/tokenText';
import { tokenize } from '../../server/src/analysis/tokenize';

describe('tokenText', () => {
  it('gives the characters of the range, for every length and alphabet', () => {
    const text = 'the “Iraqi” al-Zamili said n’t 2,000 ☃ 😀 ' + 'x'.repeat(25) + ' Ω';
    for (let start = 0; start < text.length; start++)
      for (let end = start + 1; end <= Math.min(text.length, start + 30); end++)
        assert.strictEqual(tokenText(text, start, end), text.slice(start, end), `${start}-${end}`);
  });

  it('tells apart strings of one length and one hash bucket by their characters', () => {
    // Many distinct strings of the shared lengths: collisions in the table must never return another string.
    const seen = new Map<string, string>();
    for (let i = 0; i < 5000; i++) {
      const w = `w${i.toString(36).padStart(12, '0')}`;
      const text = `a ${w} b`;
      const t = tokenText(text, 2, 2 + w.length);
      assert.strictEqual(t, w);
      seen.set(w, t);
    }
    for (const [w, t] of seen) assert.strictEqual(tokenText(` ${w}`, 1, 1 + w.length), t);
  });

  it('returns the stored copy for a repeat of a long token, from any document', () => {
    const a = tokenize('Hakim al-Zamili-Hashemi said')[1].text;
    const before = sharedTokenCount();
    const b = tokenize('Later, al-Zamili-Hashemi left')[2].text;
    assert.strictEqual(a, 'al-Zamili-Hashemi');
    assert.strictEqual(b, 'al-Zamili-Hashemi');
    // Same content either way; the count shows the second was not stored again.
    assert.strictEqual(sharedTokenCount(), before);
  });

  it('stores no token shorter than a view: those are sliced', () => {
    const before = sharedTokenCount();
    const words = tokenize('Hakim al-Zamili said the twelve-year plan, 2,000 of them ’s n’t').map((t) => t.text);
    assert.deepStrictEqual(words.slice(0, 4), ['Hakim', 'al-Zamili', 'said', 'the']);
    assert.strictEqual(sharedTokenCount(), before);
    assert.strictEqual(tokenText('the zygomorphically plan', 4, 19), 'zygomorphically');
    assert.strictEqual(sharedTokenCount(), before + 1);
  });

  it('shares short tokens too in a document of a megabyte or more, where one string per token is what costs', () => {
    const big = `${'x'.repeat(1 << 20)} qwzk qwzk`;
    const start = big.length - 9;
    const before = sharedTokenCount();
    const a = tokenText(big, start, start + 4);
    assert.strictEqual(a, 'qwzk');
    assert.strictEqual(sharedTokenCount(), before + 1);
    assert.strictEqual(tokenText(big, start + 5, start + 9), 'qwzk');
    assert.strictEqual(sharedTokenCount(), before + 1);
  });

  it('keeps working after the table forgets everything when half full', () => {
    const long = (i: number) => `q${String(i).padStart(12, '0')}`;
    for (let i = 0; i < 40000; i++) {
      const w = long(i);
      assert.strictEqual(tokenText(w, 0, w.length), w);
    }
    assert.ok(sharedTokenCount() <= 1 << 14);
    assert.strictEqual(tokenText(`zz ${long(7)} zz`, 3, 16), long(7));
  });

  it('slices long tokens', () => {
    const long = 'y'.repeat(50);
    assert.strictEqual(tokenText(`(${long})`, 1, 51), long);
  });
});
