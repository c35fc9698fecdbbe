import * as assert from 'assert';
import { rng } from '../../server/src/analysis/ner/perceptron';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import { loadResources } from '../../server/src/resources';
import { decode } from '../../server/src/workspace/readDocument';

function check(text: string): void {
  const a = analyzeDocument(text, loadResources());
  for (const m of a.mentions) {
    assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
    assert.strictEqual(text.slice(m.start, m.end), m.text);
  }
  for (const c of a.claims) {
    assert.ok(c.start >= 0 && c.end <= text.length && c.start <= c.end);
    assert.strictEqual(text.slice(c.start, c.end), c.text);
  }
}

describe('fuzz: the analysis always terminates without throwing', function () {
  // Bounded time is the mocha timeout; none of these should take more than a few seconds.
  this.timeout(60_000);
  const next = rng(20261122);

  it('random bytes, decoded as a file would be', () => {
    for (let i = 0; i < 40; i++) {
      const bytes = new Uint8Array(Math.floor(next() * 20_000));
      for (let k = 0; k < bytes.length; k++) bytes[k] = Math.floor(next() * 256);
      const read = decode(bytes);
      if (read.ok) check(read.text);
    }
  });

  it('random Unicode, including astral characters and lone surrogates', () => {
    for (let i = 0; i < 40; i++) {
      let s = '';
      const n = Math.floor(next() * 10_000);
      for (let k = 0; k < n; k++) {
        const r = next();
        s += r < 0.5 ? String.fromCharCode(32 + Math.floor(next() * 95)) : r < 0.8 ? String.fromCharCode(Math.floor(next() * 0xffff)) : String.fromCodePoint(0x10000 + Math.floor(next() * 0xfffff));
      }
      check(s);
    }
  });

  it('100,000 quotation marks of every kind', () => {
    for (const q of ['"', '“', '”', "'", '‘', '’', '«']) check(q.repeat(100_000));
    let mixed = '';
    for (let k = 0; k < 100_000; k++) mixed += '"“”\''[Math.floor(next() * 4)];
    check(`He said ${mixed} she said.`);
  });

  it('100,000-character tokens', () => {
    check('A'.repeat(100_000));
    check(`Barack ${'Obama'.repeat(20_000)} said that ${'x'.repeat(100_000)}.`);
    check('-'.repeat(100_000));
    check('al-'.repeat(33_000) + 'Zamili said.');
  });

  it('deeply nested quotes', () => {
    let s = 'Obama said';
    for (let k = 0; k < 5_000; k++) s += ` "Trump said “Clinton said ‘`;
    check(s + 'yes');
    check('"'.repeat(50_000) + 'He said' + '"'.repeat(50_000));
  });

  it('a 2 MB single line', () => {
    const words = ['Iraq', 'said', 'that', 'Turkey', '"', 'Obama', 'the', 'President', ',', '.', 'according', 'to', 'Reuters', 'Mosul'];
    const parts: string[] = [];
    let len = 0;
    while (len < 2 * 1024 * 1024) {
      const w = words[Math.floor(next() * words.length)];
      parts.push(w);
      len += w.length + 1;
    }
    check(parts.join(' '));
  });
});
