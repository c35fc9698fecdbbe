import * as assert from 'assert';
import { namesStandingAlone, standsAlone } from '../../server/src/analysis/entities/possessiveNames';

describe('names standing without their possessive', () => {
  it('finds in one pass the names that the search name by name finds', () => {
    let s = 17;
    const next = (n: number) => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return Math.floor((s / 2147483648) * n);
    };
    const names = ['Lord', 'Lords', 'Boatmen', 'Boat', 'Al Noor', 'Noor', 'Ünal', '𝐀li', 'A'];
    const glue = ["'s", '’s', " 's", "'S", ' ', ', ', '.', 'x', '9', '-', '\n', '𝐀', 'é', "'"];
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let k = next(12); k > 0; k--) text += glue[next(glue.length)] + names[next(names.length)] + glue[next(glue.length)];
      const expected = names.filter((n) => standsAlone(n, text));
      assert.deepStrictEqual([...namesStandingAlone(names, text)].sort(), expected.sort(), JSON.stringify(text));
    }
  });

  it("keeps a name that never stands without its 's out, and one that does in", () => {
    const text = "Lord's, then Lord's. Boatmen's Bancshares and Boatmen said; Lords' day";
    assert.deepStrictEqual([...namesStandingAlone(['Lord', 'Boatmen', 'Lords', 'Bancshares'], text)].sort(), [
      'Bancshares',
      'Boatmen',
      'Lords',
    ]);
  });
});
