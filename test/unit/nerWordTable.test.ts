import * as assert from 'assert';
import { WordTable } from '../../server/src/analysis/ner/wordTable';

describe('ner: the word table of the feature extractor', () => {
  it('finds what a Map finds, by content as well as by pointer, through growth and clearing', () => {
    const table = new WordTable<number>(4);
    const map = new Map<string, number>();
    const words: string[] = [];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff);
    const alphabet = 'aAbB-é.1 ';
    for (let i = 0; i < 3000; i++) {
      // Short and long words (a long one is hashed by its ends only), some differing only in the middle.
      let w = '';
      const len = 1 + (next() % (i % 10 === 0 ? 80 : 12));
      for (let k = 0; k < len; k++) w += alphabet[next() % alphabet.length];
      if (i % 7 === 0 && words.length) w = words[words.length - 1].slice(0, 20) + 'x' + words[words.length - 1].slice(20);
      if (map.has(w)) continue;
      map.set(w, i);
      table.add(w, i);
      words.push(w);
    }
    assert.strictEqual(table.size, map.size);
    for (const w of words) {
      assert.strictEqual(table.get(w), map.get(w), w);
      // Another string with the same characters (not the key's pointer).
      const copy = (' ' + w).slice(1);
      assert.strictEqual(table.get(copy), map.get(w), `copy of ${w}`);
      assert.strictEqual(table.get(w + 'q'), map.get(w + 'q'), `${w}q`);
    }
    table.clear();
    assert.strictEqual(table.size, 0);
    for (const w of words.slice(0, 100)) assert.strictEqual(table.get(w), undefined);
    table.add(words[0], 42);
    assert.strictEqual(table.get(words[0]), 42);
  });
});
