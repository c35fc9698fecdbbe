import * as assert from 'assert';
import {
  decodeSummary,
  encodeSummary,
  internSummary,
  plainSummary,
  StringPool,
  type DocumentSummary,
} from '../../../server/src/workspace/cache/summary';

/** Decoded summaries hold pooled entities (class instances): compared field by field. */
const plain = (s: DocumentSummary | undefined) => s && plainSummary(s);

/** Two entities with one id and different names, and one alias list that names the canonical name (written 0 on disk). */
const summary: DocumentSummary = {
  length: 100,
  entities: [
    {
      id: 'abadi',
      canonical: 'Haider al-Abadi',
      kind: 'actor',
      type: 'person',
      aliases: ['Haider al-Abadi', 'Abadi'],
      n: 3,
      first: [0, 1, 0, 16],
    },
    { id: 'iraq', canonical: 'Iraq', kind: 'place', type: 'country', aliases: ['Iraq'], n: 2, first: [1, 0, 1, 4] },
  ],
  claims: [{ speaker: 'abadi', source: 'Abadi', section: 'article', score: 0.9, shown: { start: 20, line: 1, cue: 'said', text: 'x' } }],
};

const other: DocumentSummary = {
  length: 50,
  entities: [{ id: 'abadi', canonical: 'Abadi', kind: 'actor', type: 'person', aliases: ['Abadi', 'Mr Abadi'], n: 1, first: [0, 0, 0, 5] }],
  claims: [],
};

describe('summary string pool', () => {
  it('entities decoded from many summaries share one copy of their names and alias list, and decode as written', () => {
    const pool = new StringPool();
    const [a, b] = [decodeSummary(encodeSummary(summary), pool), decodeSummary(encodeSummary(summary), pool)];
    assert.deepStrictEqual(plain(a), summary);
    assert.deepStrictEqual(plain(b), summary);
    assert.ok(a && b);
    a.entities.forEach((e, i) => assert.strictEqual(e.aliases, b.entities[i].aliases, `aliases of ${e.id} are one list`));
  });

  it('an id with other names keeps its own names, and an analysis thread summary shares the decoded alias lists', () => {
    const pool = new StringPool();
    const first = decodeSummary(encodeSummary(summary), pool);
    const second = decodeSummary(encodeSummary(other), pool);
    const again = decodeSummary(encodeSummary(summary), pool);
    assert.deepStrictEqual(plain(second), other);
    assert.deepStrictEqual(plain(again), summary);
    assert.ok(first && again);
    assert.strictEqual(again.entities[0].aliases, first.entities[0].aliases);
    const interned = internSummary(structuredClone(summary), pool);
    assert.strictEqual(interned.entities[0].aliases, first.entities[0].aliases);
  });

  it('a row whose alias is neither a name nor 0 is refused, even for an id already pooled', () => {
    const pool = new StringPool();
    assert.ok(decodeSummary(encodeSummary(summary), pool));
    const row = JSON.parse(encodeSummary(summary)) as [number, unknown[][], unknown[]];
    row[1][0].push(7);
    assert.strictEqual(decodeSummary(JSON.stringify(row), pool), undefined);
    row[1][0].splice(-1, 1, null);
    assert.strictEqual(decodeSummary(JSON.stringify(row), pool), undefined);
  });

  it('one entity in many documents is one names record and one place, and each document keeps its own count and first mention', () => {
    const pool = new StringPool();
    const doc = (n: number, line: number): DocumentSummary => ({
      length: 10,
      entities: [
        {
          id: 'paris',
          canonical: 'Paris',
          kind: 'place',
          type: 'city',
          aliases: ['Paris'],
          n,
          first: [line, 2, line, 7],
          place: { name: 'Paris', country: 'FR', admin1: 'IDF' },
        },
      ],
      claims: [],
    });
    const a = decodeSummary(encodeSummary(doc(3, 1)), pool);
    const b = internSummary(structuredClone(doc(5, 4)), pool);
    assert.ok(a && b);
    assert.deepStrictEqual(plain(a), doc(3, 1));
    assert.deepStrictEqual(plain(b), doc(5, 4));
    assert.strictEqual(a.entities[0].place, b.entities[0].place, 'one place object');
    assert.strictEqual(a.entities[0].aliases, b.entities[0].aliases, 'one alias list');
    // Another place with the same name and id is not confused with the first.
    const texas = doc(1, 0);
    texas.entities[0].place = { name: 'Paris', country: 'US' };
    const c = decodeSummary(encodeSummary(texas), pool);
    assert.deepStrictEqual(plain(c), texas);
    assert.notStrictEqual(c?.entities[0].place, a.entities[0].place);
  });
});
