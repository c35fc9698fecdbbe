import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDocument } from '../../../server/src/analysis/pipeline';
import { loadResources } from '../../../server/src/workspace/resources';
import { linePositions } from '../../../server/src/workspace/cache/linePositions';
import {
  decodeSummary,
  encodeSummary,
  plainSummary,
  StringPool,
  summarize,
  type DocumentSummary,
} from '../../../server/src/workspace/cache/summary';
import { decodeSummaryParts, summaryParts } from '../../../server/src/workspace/cache/summaryParts';
import { seedsDir } from '../util';

const plain = (s: DocumentSummary | undefined) => s && plainSummary(s);

const summary: DocumentSummary = {
  length: 100,
  entities: [
    {
      id: 'abadi',
      canonical: 'Haider al-Abadi',
      kind: 'actor',
      type: 'person',
      aliases: ['Haider al-Abadi', 'Abadi', 'say "Abadi"\n'],
      n: 3,
      first: [0, 1, 0, 16],
    },
    {
      id: 'paris-texas',
      canonical: 'Paris',
      kind: 'place',
      type: 'city',
      aliases: ['Paris'],
      n: 2,
      first: [1, 0, 1, 5],
      place: { name: 'Paris', country: 'US', admin1: 'Texas' },
    },
    {
      id: 'iraq',
      canonical: 'Iraq',
      kind: 'place',
      type: 'country',
      aliases: [],
      n: 1,
      first: [2, 0, 2, 4],
      place: { name: 'Iraq', country: 'IQ' },
    },
  ],
  claims: [
    { speaker: 'abadi', source: 'Abadi', section: 'article', score: 0.9, shown: { start: 20, line: 1, cue: 'said', text: 'x "y"' } },
    { speaker: null, source: null, section: 'comments' },
  ],
};

describe('summary parts (what an analysis thread sends with the summary)', () => {
  it('hold encodeSummary’s JSON byte for byte, and decode to what decodeSummary reads from it', () => {
    const empty: DocumentSummary = { length: 0, entities: [], claims: [] };
    for (const s of [summary, empty]) {
      const parts = summaryParts(s);
      assert.strictEqual(parts.json, encodeSummary(s));
      assert.deepStrictEqual(plain(decodeSummaryParts(parts, new StringPool())), plain(decodeSummary(parts.json)));
    }
  });

  it('match the JSON for real analyses, and share the pool’s names with summaries read from shards', () => {
    const pool = new StringPool();
    for (const f of fs.readdirSync(seedsDir).filter((x) => x.endsWith('.txt'))) {
      const text = fs.readFileSync(path.join(seedsDir, f), 'utf8');
      const s = summarize(analyzeDocument(text, loadResources()), linePositions(text));
      const parts = summaryParts(s);
      assert.strictEqual(parts.json, encodeSummary(s), f);
      const fromJson = decodeSummary(parts.json, pool);
      const fromParts = decodeSummaryParts(structuredClone(parts), pool);
      assert.deepStrictEqual(plain(fromParts), plain(fromJson), f);
      assert.ok(fromJson && fromParts);
      fromParts.entities.forEach((e, i) => assert.strictEqual(e.aliases, fromJson.entities[i].aliases));
    }
  });

  it('refuse names that do not read as names, and counts that do not fit them', () => {
    const parts = summaryParts(summary);
    assert.strictEqual(
      decodeSummaryParts({ ...parts, names: parts.names.map((n) => n.replace('"actor"', '"thing"')) }, new StringPool()),
      undefined,
    );
    assert.strictEqual(decodeSummaryParts({ ...parts, names: ['[1,2'] }, new StringPool()), undefined);
    assert.strictEqual(decodeSummaryParts({ ...parts, counts: parts.counts.subarray(1) }, new StringPool()), undefined);
  });
});
