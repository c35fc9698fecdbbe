import * as assert from 'assert';
import { DocEntities } from '../../server/src/analysis/ner/docEntities';

describe('ner: the second stage entity table', () => {
  it('keys spans by their word forms as joined strings would, through growth and reuse', () => {
    const table = new DocEntities();
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff);
    for (let doc = 0; doc < 3; doc++) {
      // Few forms, so that many spans share a key, and spans of 1 to 4 words (some a part of another).
      const n = 4000;
      const form = Int32Array.from({ length: n }, () => next() % 12);
      const byString = new Map<string, number[]>();
      const spans: Array<[number, number, number]> = [];
      table.reset();
      for (let s = 0; s + 4 < n; s += 1 + (next() % 6)) {
        const e = s + 1 + (next() % 4);
        const type = 1 + (next() % 4);
        table.add(form, s, e, type);
        const key = Array.from(form.subarray(s, e)).join(' ');
        const v = byString.get(key) ?? [0, 0, 0, 0, 0];
        v[type]++;
        byString.set(key, v);
        spans.push([s, e, type]);
        s = e - 1;
      }
      assert.strictEqual(table.spans, spans.length);
      const firsts = new Set<string>();
      spans.forEach(([s, e, type], sp) => {
        assert.strictEqual(table.spanStart[sp], s);
        assert.strictEqual(table.spanEnd[sp], e);
        assert.strictEqual(table.spanType[sp], type);
        const key = Array.from(form.subarray(s, e)).join(' ');
        const ent = table.spanEntity[sp];
        assert.strictEqual(table.find(form, s, e), ent);
        assert.deepStrictEqual(Array.from(table.counts.subarray(ent * 5, ent * 5 + 5)), byString.get(key));
        assert.strictEqual(table.isFirst(sp), !firsts.has(key));
        firsts.add(key);
      });
      // A sequence no span has.
      const missing = Int32Array.of(99, 98);
      assert.strictEqual(table.find(missing, 0, 2), -1);
    }
  });
});
