import * as assert from 'assert';
import { anchor, type TextAnchor } from '../../../common/anchoring';
import { AnnotationIndex, changeBetween } from '../../../server/src/workspace/annotationIndex';
import { passage } from '../features/synthetic';

const URI = 'file:///ws/doc.txt';
const SENTENCE = 'The minister said the bridge over the river is safe for traffic. ';
const TEXT = SENTENCE.repeat(150); // 10 KB

/** Counts how much text the index searches: the work an edit costs. */
function counting(): { index: AnnotationIndex; calls: () => number; searched: () => number; reset(): void } {
  let calls = 0;
  let searched = 0;
  const index = new AnnotationIndex((text: string, target: TextAnchor) => {
    calls++;
    searched += text.length;
    return anchor(text, target);
  });
  return {
    index,
    calls: () => calls,
    searched: () => searched,
    reset() {
      calls = 0;
      searched = 0;
    },
  };
}

/** 20,000 annotations whose passages are no longer in the text. */
function orphans(n: number): ReturnType<typeof passage>[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    const gone = `a passage number ${i} that was deleted`;
    const a = passage(i + 1, gone, 0, gone.length, { tags: ['old'] });
    out.push(a);
  }
  return out;
}

describe('annotation index: incremental anchoring', () => {
  it('changeBetween finds the one replacement between two texts', () => {
    assert.deepStrictEqual(changeBetween('abcdef', 'abXYef'), { offset: 2, length: 2, text: 'XY' });
    assert.deepStrictEqual(changeBetween('aaaa', 'aaaaa'), { offset: 4, length: 0, text: 'a' });
    assert.deepStrictEqual(changeBetween('same', 'same'), { offset: 4, length: 0, text: '' });
  });

  it('with 20,000 orphans an edit searches only around the edit, and the same annotations sent again are not searched at all', () => {
    const work = counting();
    const annotations = orphans(20_000);
    work.index.set(URI, annotations);
    assert.deepStrictEqual(work.index.resolve(URI, TEXT), []);
    assert.strictEqual(work.calls(), 20_000);
    const full = work.searched();

    work.reset();
    const middle = TEXT.length >> 1;
    const edited = TEXT.slice(0, middle) + 'x' + TEXT.slice(middle);
    assert.deepStrictEqual(work.index.resolve(URI, edited), []);
    assert.ok(work.searched() < full / 50, `an edit searched ${work.searched()} characters; resolving from scratch searched ${full}`);

    // The client sends the annotations again after each edit; orphans come back unchanged.
    work.reset();
    work.index.set(URI, annotations);
    assert.deepStrictEqual(work.index.resolve(URI, edited), []);
    assert.strictEqual(work.calls(), 0);
  });

  it('places an orphan again when its passage is typed back, moves untouched passages and re-anchors touched ones', () => {
    const text = 'Alpha beta gamma. Delta epsilon zeta. Eta theta iota.';
    const beta = passage(1, text, text.indexOf('beta'), text.indexOf('beta') + 10);
    const theta = passage(2, text, text.indexOf('theta'), text.indexOf('theta') + 5);
    const lost = passage(3, 'kappa lambda', 0, 12);
    const index = new AnnotationIndex();
    index.set(URI, [beta, theta, lost]);
    const place = (t: string) => index.resolve(URI, t).map((r) => `${r.annotation.id.slice(-1)}:${t.slice(r.start, r.end)}@${r.start}`);
    assert.deepStrictEqual(place(text), ['1:beta gamma@6', '2:theta@42']);
    const inserted = text.replace('Delta', 'New words. Delta');
    assert.deepStrictEqual(place(inserted), ['1:beta gamma@6', '2:theta@53']);
    const touched = inserted.replace('beta gamma', 'beta, gamma');
    assert.deepStrictEqual(place(touched), ['1:beta, gamma@6', '2:theta@54']);
    const typedBack = touched.replace('New words.', 'kappa lambda.');
    assert.deepStrictEqual(place(typedBack), ['1:beta, gamma@6', '3:kappa lambda@19', '2:theta@57']);
  });

  it('an annotation sent again unchanged is taken as it was; a changed one is validated again', () => {
    const text = 'Alpha beta gamma.';
    const a = passage(1, text, 6, 10, { tags: ['x'] });
    const index = new AnnotationIndex();
    assert.deepStrictEqual(index.set(URI, [a]).problems, []);
    assert.strictEqual(index.set(URI, [JSON.parse(JSON.stringify(a))]).accepted, 1);
    const broken = { ...a, body: { tags: [''] } };
    assert.strictEqual(index.set(URI, [broken]).problems.length, 1);
    assert.deepStrictEqual(index.get(URI), []);
  });
});
