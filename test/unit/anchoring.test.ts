import * as assert from 'assert';
import { anchor, CodePointIndex, quoteSelectors, shiftThrough, type TextAnchor } from '../../common/anchoring';

const TEXT = 'The minister said on Monday that the bridge would reopen. Critics said the bridge was unsafe.';

function anchorOf(text: string, quote: string, occurrence = 0): TextAnchor {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  assert.ok(at >= 0);
  return quoteSelectors(text, at, at + quote.length);
}

function covered(text: string, r: { start: number; end: number } | null): string | null {
  return r ? text.slice(r.start, r.end) : null;
}

describe('anchoring', () => {
  it('keeps the position when the text there still equals the quote', () => {
    const a = anchorOf(TEXT, 'the bridge would reopen');
    assert.deepStrictEqual(anchor(TEXT, a), { start: a.start, end: a.end, method: 'position', score: 1 });
  });

  it('an edit before the passage: found again by quote, same words', () => {
    const a = anchorOf(TEXT, 'the bridge would reopen');
    const edited = 'BREAKING. ' + TEXT;
    const r = anchor(edited, a);
    assert.strictEqual(r?.method, 'quote');
    assert.strictEqual(covered(edited, r), 'the bridge would reopen');
    assert.strictEqual(r?.start, a.start + 10);
  });

  it('an edit after the passage changes nothing', () => {
    const a = anchorOf(TEXT, 'the bridge would reopen');
    const edited = TEXT + ' More to follow.';
    assert.strictEqual(anchor(edited, a)?.method, 'position');
  });

  it('an edit inside the passage: found fuzzily', () => {
    const a = anchorOf(TEXT, 'the bridge would reopen');
    const edited = TEXT.replace('the bridge would reopen', 'the bridge will reopen');
    const r = anchor(edited, a);
    assert.strictEqual(r?.method, 'fuzzy');
    assert.strictEqual(covered(edited, r), 'the bridge will reopen');
  });

  it('repeated quotes: the occurrence whose context matches wins, even if another is nearer', () => {
    const a = anchorOf(TEXT, 'the bridge', 1); // "Critics said the bridge was unsafe"
    const edited =
      'Critics said the bridge was unsafe. ' +
      TEXT.replace('Critics said the bridge was unsafe.', '').trimEnd() +
      ' Critics said the bridge was unsafe.';
    const r = anchor(edited, { ...a, start: 0, end: 10 });
    assert.ok(r);
    assert.strictEqual(edited.slice(r.start - 13, r.end + 4), 'Critics said the bridge was');
  });

  it('a deletion of the passage leaves it orphaned', () => {
    const a = anchorOf(TEXT, 'the bridge would reopen');
    const edited = TEXT.replace(' that the bridge would reopen', '');
    assert.strictEqual(anchor(edited, a), null);
  });

  it('a rewrite of the whole file leaves the annotation orphaned', () => {
    const a = anchorOf(TEXT, 'the bridge would reopen');
    assert.strictEqual(anchor('Completely different article about football results and weather.', a), null);
  });

  it('short quotes are not matched fuzzily', () => {
    assert.strictEqual(anchor('abc def', { start: 0, end: 3, exact: 'xyz', prefix: '', suffix: '' }), null);
  });

  it('long quotes are matched by head and tail after edits in the middle', () => {
    const para = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} says something about item ${i * 7}.`).join(' ');
    const text = 'Intro. ' + para + ' Outro.';
    const a = quoteSelectors(text, 7, 7 + para.length);
    const edited = 'New intro line. ' + text.replace('Sentence number 20 says', 'Sentence twenty said');
    const r = anchor(edited, a);
    assert.strictEqual(r?.method, 'fuzzy');
    assert.ok(covered(edited, r)!.startsWith('Sentence number 0 says'));
    assert.ok(covered(edited, r)!.endsWith('item 273.'));
  });

  it('stays fast on a 1 MB document with many partial matches', () => {
    const words = ['the', 'minister', 'said', 'bridge', 'would', 'reopen', 'critics', 'unsafe', 'on', 'monday'];
    // mulberry32: a deterministic generator with a long period, so the quote is unique in the text.
    let seed = 7;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const parts: string[] = [];
    let length = 0;
    while (length < 1_000_000) {
      const w = words[Math.floor(rand() * words.length)];
      parts.push(w);
      length += w.length + 1;
    }
    const text = parts.join(' ');
    const mid = text.indexOf(' ', 500_000) + 1;
    const a = quoteSelectors(text, mid, mid + 120);
    const edited = text.slice(0, mid + 30) + 'XYZ' + text.slice(mid + 33, mid + 80) + text.slice(mid + 84);
    const t0 = Date.now();
    const r = anchor('ZZ' + edited, a);
    const elapsed = Date.now() - t0;
    assert.ok(r, 'found');
    assert.ok(Math.abs(r.start - (mid + 2)) <= 2, `found at ${r.start}, expected about ${mid + 2}`);
    assert.ok(elapsed < 1500, `took ${elapsed} ms`);
    // And a quote that is not there at all gives up quickly too.
    const t1 = Date.now();
    assert.strictEqual(anchor(text, { start: 0, end: 40, exact: 'quux '.repeat(8), prefix: '', suffix: '' }), null);
    assert.ok(Date.now() - t1 < 1500);
  });

  describe('live edits (shiftThrough)', () => {
    const range = { start: 10, end: 20 };
    it('an insertion before shifts the range', () => {
      assert.deepStrictEqual(shiftThrough(range, [{ offset: 0, length: 0, text: 'abc\n' }]), { start: 14, end: 24, touched: false });
    });
    it('an insertion right at the start or end stays outside', () => {
      assert.deepStrictEqual(shiftThrough(range, [{ offset: 10, length: 0, text: 'xx' }]), { start: 12, end: 22, touched: false });
      assert.deepStrictEqual(shiftThrough(range, [{ offset: 20, length: 0, text: 'xx' }]), { start: 10, end: 20, touched: false });
    });
    it('an edit inside grows or shrinks the range', () => {
      assert.deepStrictEqual(shiftThrough(range, [{ offset: 12, length: 2, text: 'abcde' }]), { start: 10, end: 23, touched: true });
      assert.deepStrictEqual(shiftThrough(range, [{ offset: 12, length: 5, text: '' }]), { start: 10, end: 15, touched: true });
    });
    it('an edit after changes nothing', () => {
      assert.deepStrictEqual(shiftThrough(range, [{ offset: 25, length: 3, text: '' }]), { start: 10, end: 20, touched: false });
    });
    it('deletions overlapping an edge cut the range', () => {
      assert.deepStrictEqual(shiftThrough(range, [{ offset: 5, length: 10, text: '' }]), { start: 5, end: 10, touched: true });
      assert.deepStrictEqual(shiftThrough(range, [{ offset: 15, length: 10, text: '' }]), { start: 10, end: 15, touched: true });
    });
    it('deleting the whole passage collapses it for re-anchoring', () => {
      assert.deepStrictEqual(shiftThrough(range, [{ offset: 8, length: 20, text: 'new' }]), { start: 8, end: 8, touched: true });
    });
    it('several changes apply in order', () => {
      assert.deepStrictEqual(
        shiftThrough(range, [
          { offset: 30, length: 0, text: 'tail' },
          { offset: 0, length: 5, text: '' },
        ]),
        { start: 5, end: 15, touched: false },
      );
    });
  });

  describe('code points', () => {
    const text = 'a😀b𝄞c'; // 😀 and 𝄞 take two UTF-16 units each
    const cp = new CodePointIndex(text);
    it('converts UTF-16 offsets to code points and back', () => {
      const utf16 = [0, 1, 3, 4, 6, 7];
      const points = [0, 1, 2, 3, 4, 5];
      assert.deepStrictEqual(
        utf16.map((u) => cp.toCodePoint(u)),
        points,
      );
      assert.deepStrictEqual(
        points.map((p) => cp.toUtf16(p)),
        utf16,
      );
      assert.strictEqual([...text].length, 5);
    });
    it('is the identity without astral characters', () => {
      const plain = new CodePointIndex('héllo wörld');
      assert.strictEqual(plain.toCodePoint(7), 7);
      assert.strictEqual(plain.toUtf16(7), 7);
    });
  });
});
