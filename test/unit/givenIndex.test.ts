import * as assert from 'assert';
import { mergeStarts, nearest, nearestMerged } from '../../server/src/analysis/entities/clusterPeople';
import { GivenIndex } from '../../server/src/analysis/entities/givenIndex';
import { compatibleGiven } from '../../server/src/analysis/entities/names';

const nicknames = new Map([
  ['bob', 'robert'],
  ['rob', 'robert'],
  ['joe', 'joseph'],
]);

/** A tiny deterministic generator. */
function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

describe('given-name index and merged starts', () => {
  it('offers every compatible given name: same key, initials, shortened forms and nicknames', () => {
    const next = rng(5);
    // Initials, prefixes of each other, phonetic variants (Haider / Haydar), nicknames, and unrelated names.
    const pool = [
      'h',
      'j',
      'r',
      'b',
      'haider',
      'haydar',
      'hai',
      'haid',
      'hakim',
      'hak',
      'joseph',
      'joe',
      'jo',
      'robert',
      'rob',
      'bob',
      'bo',
      'fuad',
      'fouad',
      'ph',
      'philip',
      'filip',
      '',
    ];
    const given = Array.from({ length: 300 }, () => pool[next(pool.length)] + (next(4) === 0 ? 'x'.repeat(next(3)) : ''));
    const index = new GivenIndex<{ given: string }>(nicknames);
    const items = given.map((g) => ({ given: g }));
    let pairs = 0;
    for (let k = 0; k < items.length; k++) {
      const offered = index.candidates(items[k].given);
      for (let j = 0; j < k; j++) {
        if (!compatibleGiven(items[j].given, items[k].given, nicknames)) continue;
        pairs++;
        assert.ok(offered.has(items[j]), `${items[j].given} / ${items[k].given}`);
      }
      index.add(items[k]);
    }
    assert.ok(pairs > 1000, `only ${pairs} pairs`);
  });

  it('finds the nearest cluster as the per-cluster scan does, ties and empty clusters included', () => {
    const next = rng(9);
    for (let round = 0; round < 200; round++) {
      const clusters = Array.from({ length: 1 + next(6) }, () => ({
        starts: Array.from({ length: next(4) }, () => next(40)).sort((a, b) => a - b),
      }));
      const m = mergeStarts(clusters);
      for (let start = -1; start <= 42; start++)
        assert.strictEqual(nearestMerged(m, clusters, start), nearest(clusters, start), `round ${round} start ${start}`);
    }
  });
});
