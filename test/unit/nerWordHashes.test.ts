import * as assert from 'assert';
import { hashRange, hashString } from '../../server/src/analysis/ner/hash';
import { caseClassOf, shapeHash, shapeOf } from '../../server/src/analysis/ner/wordFeatures';

// Words that exercise every branch: ASCII cases, digits, punctuation, long runs, hyphens, accented and
// case-less letters, a character whose lowercase form is longer (İ), and a lone surrogate half.
const WORDS = [
  '',
  'a',
  'Z',
  'the',
  'Hakim',
  'al-Zamili',
  'NATO',
  'eBay',
  "O'Neill",
  '1,234.5',
  'aaaaaaaaa',
  'XXXXXXXXxxxx---',
  'Ünver',
  'ßtraße',
  'İstanbul',
  'Σίσυφος',
  '北京',
  '\ud83d',
  '😀x',
  'über-Élan',
  '--',
];

/** The case class as it was written before its ASCII fast path: one string per character. */
function caseClassReference(w: string): number {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < w.length; i++) {
    const ch = w.charAt(i);
    if (ch.toLowerCase() !== ch) upper++;
    else if (ch.toUpperCase() !== ch) lower++;
  }
  if (upper === 0 && lower === 0) return 0;
  if (upper === 0) return 1;
  if (lower === 0) return 3;
  const first = w.charAt(0);
  return first.toLowerCase() !== first ? 2 : 4;
}

describe('ner: word hashes without substrings', () => {
  it('hashRange equals the hash of the slice, for every range and seed', () => {
    for (const w of WORDS) {
      for (let a = 0; a <= w.length; a++) {
        for (let b = a; b <= w.length + 2; b++) {
          for (const seed of [0, 1, 9, 20]) assert.strictEqual(hashRange(w, a, b, seed), hashString(w.slice(a, b), seed), `${w} ${a} ${b}`);
        }
      }
    }
  });

  it('shapeHash equals the hash of the shape string, collapsed or not', () => {
    for (const w of WORDS) {
      for (const collapse of [false, true]) {
        for (const seed of [3, 5]) assert.strictEqual(shapeHash(w, collapse, seed), hashString(shapeOf(w, collapse), seed), w);
      }
    }
    assert.notStrictEqual(shapeHash('Ab', false, 3), shapeHash('aB', false, 3));
  });

  it('caseClassOf agrees with the per-character definition', () => {
    for (const w of WORDS) assert.strictEqual(caseClassOf(w), caseClassReference(w), w);
    for (let c = 0; c < 0x3000; c++) {
      const w = String.fromCharCode(c) + 'a';
      assert.strictEqual(caseClassOf(w), caseClassReference(w), `U+${c.toString(16)}`);
    }
  });
});
