import * as assert from 'assert';
import { WordTable } from '../../server/src/analysis/ner/wordTable';

describe('ner: word table', () => {
  it('finds every word it was given, by content, through growth and after clearing', () => {
    const table = new WordTable<number>(16);
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}${i % 3 ? 'É' : ''}`);
    words.forEach((w, i) => table.add(w, i));
    assert.strictEqual(table.size, words.length);
    words.forEach((w, i) => assert.strictEqual(table.get(w.slice(0, 1) + w.slice(1)), i, w));
    assert.strictEqual(table.get('w5000'), undefined);
    assert.strictEqual(table.get(''), undefined);
    table.clear();
    assert.strictEqual(table.size, 0);
    assert.strictEqual(table.get('w1É'), undefined);
    table.add('w1É', 7);
    assert.strictEqual(table.get('w1É'), 7);
  });
});
