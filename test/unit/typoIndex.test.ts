import * as assert from 'assert';
import { firstSimilar } from '../../server/src/analysis/entities/clusterPeople';
import { oneTypoApart } from '../../server/src/analysis/entities/misspellings';
import { deletionHashes, NearWords, TypoIndex } from '../../server/src/analysis/entities/typoIndex';

const typable = (w: string) => w.length >= 5 && !/\d/.test(w);

/** A tiny deterministic generator: a few base words, each form's words edited at random, so many pairs are one typo apart. */
function words(seed: number, count: number): string[][] {
  let s = seed;
  const next = (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
  const base = ['ministry', 'of', 'finance', 'erdogan', 'aabba', 'baab', 'nabab', 'ab1de'];
  const letters = 'abn1';
  const edit = (w: string): string => {
    const p = next(w.length + 1);
    const c = letters[next(letters.length)];
    switch (next(5)) {
      case 0:
        return w.slice(0, p) + c + w.slice(p);
      case 1:
        return w.slice(0, p) + w.slice(p + 1);
      case 2:
        return w.slice(0, p) + c + w.slice(p + 1);
      case 3:
        return w.slice(0, p) + w.slice(p + 1, p + 2) + w.slice(p, p + 1) + w.slice(p + 2);
      default:
        return w;
    }
  };
  const out: string[][] = [];
  for (let k = 0; k < count; k++) {
    const list = Array.from({ length: 1 + next(3) }, () => base[next(base.length)]);
    // Up to two edits in up to two words: the index must offer one-typo pairs and may offer more.
    for (let e = next(3); e > 0; e--) {
      const p = next(list.length);
      list[p] = edit(list[p]);
    }
    out.push(list);
  }
  return out;
}

/** Every pair the index must offer, by comparing all pairs. */
function differByOneTypo(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const diff = a.flatMap((w, p) => (w === b[p] ? [] : [p]));
  return diff.length === 1 && typable(a[diff[0]]) && typable(b[diff[0]]) && oneTypoApart(a[diff[0]], b[diff[0]]);
}

describe('typo index', () => {
  it('keys a word by itself and each one-letter deletion, once each', () => {
    const h = (w: string) => deletionHashes(w)[0];
    assert.deepStrictEqual(deletionHashes('abc'), [h('abc'), h('bc'), h('ac'), h('ab')]);
    assert.deepStrictEqual(deletionHashes('aab'), [h('aab'), h('ab'), h('aa')]);
    assert.deepStrictEqual(deletionHashes('aaa'), [h('aaa'), h('aa')]);
    assert.deepStrictEqual(deletionHashes(''), [h('')]);
    assert.notStrictEqual(h('ab'), h('ba'));
  });

  it('offers every form one typo in one word away, in ascending order and never the form itself', () => {
    const lists = words(7, 400);
    const index = new TypoIndex(lists, typable);
    let pairs = 0;
    for (let k = 0; k < lists.length; k++) {
      const offered = index.sameButOne(k);
      assert.ok(!offered.includes(k));
      assert.deepStrictEqual(
        offered,
        [...offered].sort((x, y) => x - y),
      );
      for (let j = 0; j < lists.length; j++) {
        if (j === k || !differByOneTypo(lists[k], lists[j])) continue;
        pairs++;
        assert.ok(offered.includes(j), `${lists[k].join(' ')} / ${lists[j].join(' ')}`);
      }
    }
    // The generator must make the test bite: substitutions, insertions and swaps, in first and later words.
    assert.ok(pairs > 200, `only ${pairs} pairs`);
  });

  it('offers the longer names whose last word is one typo from a bare word', () => {
    const lists = words(11, 400);
    const index = new TypoIndex(lists, typable);
    let pairs = 0;
    for (let k = 0; k < lists.length; k++) {
      if (lists[k].length !== 1) continue;
      const w = lists[k][0];
      const offered = index.lastWordNear(w, k);
      for (let j = 0; j < lists.length; j++) {
        const wb = lists[j];
        if (j === k || wb.length < 2 || !typable(w) || !typable(wb[wb.length - 1]) || !oneTypoApart(w, wb[wb.length - 1])) continue;
        pairs++;
        assert.ok(offered.includes(j), `${w} / ${wb.join(' ')}`);
      }
      for (const j of offered) assert.ok(lists[j].length > 1);
    }
    assert.ok(pairs > 200, `only ${pairs} pairs`);
  });

  it('finds the typos of names that differ in one position only', () => {
    const index = new TypoIndex(
      [
        ['ministry', 'of', 'finance'],
        ['ministry', 'of', 'fiance'],
        ['ministry', 'for', 'fiance'],
        ['ministry', 'of', 'finance', 'today'],
        ['erdgoan'],
        ['recep', 'tayyip', 'erdogan'],
        ['internatioanal', 'herald'],
        ['international', 'herald'],
        ['ab1de', 'x'],
        ['ab1dd', 'x'],
      ],
      typable,
    );
    assert.deepStrictEqual(index.sameButOne(0), [1]);
    assert.deepStrictEqual(index.sameButOne(1), [0]);
    assert.deepStrictEqual(index.sameButOne(2), []);
    assert.deepStrictEqual(index.sameButOne(6), [7]);
    assert.deepStrictEqual(index.sameButOne(8), []);
    assert.deepStrictEqual(index.lastWordNear('erdgoan', 4), [5]);
    assert.deepStrictEqual(index.lastWordNear('erdgoan', 5), []);
    assert.deepStrictEqual(index.lastWordNear('erd', 4), []);
  });

  it('offers the earlier words one edit from a word', () => {
    const near = new NearWords();
    const added = ['alzamili', 'alzimili', 'alzamil', 'alzamilli', 'alzamliy', 'zamili'];
    added.forEach((w, id) => near.add(w, id));
    const offered = near.near('alzamili');
    for (const id of [0, 1, 2, 3]) assert.ok(offered.includes(id), added[id]);
    assert.ok(!offered.includes(5));
    assert.deepStrictEqual(
      offered,
      [...offered].sort((x, y) => x - y),
    );
  });

  it('picks the similar surname the length buckets would: the shorter first, then the earlier', () => {
    const keys = ['kazambb', 'kazamc', 'kazamd', 'kazam', 'lazamb'];
    assert.strictEqual(firstSimilar('kazamb', [0, 1, 2, 3, 4], keys), 'kazamc');
    assert.strictEqual(firstSimilar('kazamb', [0, 2], keys), 'kazamd');
    assert.strictEqual(firstSimilar('kazamb', [0], keys), 'kazambb');
    assert.strictEqual(firstSimilar('kazamb', [3, 4], keys), undefined);
  });
});
