import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { firstStartingAt, lowerBound, spanAt } from '../../common/search';
import { repoRoot } from './util';
import { fnv1a32 } from '../../common/strings';

describe('util/search', () => {
  it('lowerBound finds the end of the prefix where the predicate holds', () => {
    const xs = [1, 3, 3, 5, 8];
    assert.strictEqual(
      lowerBound(xs, (v) => v < 3),
      1,
    );
    assert.strictEqual(
      lowerBound(xs, (v) => v <= 3),
      3,
    );
    assert.strictEqual(
      lowerBound(xs, (v) => v < 0),
      0,
    );
    assert.strictEqual(
      lowerBound(xs, (v) => v < 100),
      5,
    );
    assert.strictEqual(
      lowerBound([], () => true),
      0,
    );
    // The index is passed too: the k-th element minus k.
    assert.strictEqual(
      lowerBound([2, 3, 9], (v, i) => v - i < 3),
      2,
    );
  });

  it('spanAt finds the span containing an offset, end exclusive unless asked', () => {
    const spans = [
      { start: 0, end: 4 },
      { start: 4, end: 6 },
      { start: 10, end: 12 },
    ];
    assert.strictEqual(spanAt(spans, 0), spans[0]);
    assert.strictEqual(spanAt(spans, 4), spans[1]);
    assert.strictEqual(spanAt(spans, 7), undefined);
    assert.strictEqual(spanAt(spans, 12), undefined);
    assert.strictEqual(spanAt(spans, 12, true), spans[2]);
    assert.strictEqual(spanAt(spans, 4, true), spans[0]);
    assert.strictEqual(spanAt([], 3), undefined);
  });

  it('firstStartingAt finds the first span starting at or after an offset', () => {
    const tokens = [
      { start: 0, end: 3 },
      { start: 4, end: 6 },
      { start: 7, end: 9 },
    ];
    assert.strictEqual(firstStartingAt(tokens, 0), 0);
    assert.strictEqual(firstStartingAt(tokens, 1), 1);
    assert.strictEqual(firstStartingAt(tokens, 7), 2);
    assert.strictEqual(firstStartingAt(tokens, 8), 3);
  });
});

describe('util/hash', () => {
  it('is 32-bit FNV-1a: the published test vectors, and seeds give other values', () => {
    assert.strictEqual(fnv1a32(''), 0x811c9dc5);
    assert.strictEqual(fnv1a32('a'), 0xe40c292c);
    assert.strictEqual(fnv1a32('foobar'), 0xbf9cf968);
    assert.notStrictEqual(fnv1a32('foobar', 7), fnv1a32('foobar'));
  });
});

describe('engine data', () => {
  it('comes in through AnalysisResources: no engine module imports a data file', () => {
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    for (const file of walk(path.join(repoRoot, 'server', 'src', 'analysis'))) {
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(!/from\s+['"][^'"]+\.json['"]|require\(['"][^'"]+\.json['"]\)/.test(text), `${file} imports a JSON file`);
    }
  });
});
