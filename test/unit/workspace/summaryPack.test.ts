import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/analysis/pipeline';
import {
  decodeSummary,
  encodeSummary,
  plainSummary,
  StringPool,
  summarize,
  type DocumentSummary,
} from '../../../server/src/workspace/cache/summary';
import { SummaryPacker, SummaryUnpacker } from '../../../server/src/workspace/cache/summaryPack';
import { loadResources } from '../../../server/src/workspace/resources';
import { seedsDir } from '../util';

const seeds = fs
  .readdirSync(seedsDir)
  .sort()
  .map((f) => fs.readFileSync(path.join(seedsDir, f), 'utf8'));

/** Summaries with what the packing must keep apart: places with and without a division, claims with and without a score or glimpse, an id twice. */
const odd: DocumentSummary = {
  length: 40,
  entities: [
    {
      id: 'paris',
      canonical: 'Paris',
      kind: 'place',
      type: 'city',
      aliases: ['Paris'],
      n: 2,
      first: [0, 0, 0, 5],
      place: { name: 'Paris', country: 'FR' },
    },
    { id: 'paris', canonical: 'Paris', kind: 'actor', type: 'person', aliases: ['Paris', 'P.'], n: 1, first: [1, 0, 1, 5] },
    {
      id: 'austin',
      canonical: 'Austin',
      kind: 'place',
      type: 'city',
      aliases: ['Austin'],
      n: 1,
      first: [2, 3, 2, 9],
      place: { name: 'Austin', country: 'US', admin1: 'TX' },
    },
  ],
  claims: [
    { speaker: 'paris', source: 'Paris', section: 'comments', score: 0.25, shown: { start: 4, line: 0, cue: null, text: 'é "quoted" ✓' } },
    { speaker: null, source: null, section: 'article' },
    { speaker: null, source: 'they', section: 'article', score: 0 },
  ],
};

describe('summaries packed for another thread', () => {
  it('unpack to the summaries they were, batch after batch, with names shared across batches', () => {
    const sent = new StringPool();
    const originals = [
      ...seeds.map((t) => summarize(analyzeDocument(t, loadResources()), TextDocument.create('', 'plaintext', -1, t))),
      odd,
      odd,
    ];
    const decoded = originals.map((s) => decodeSummary(encodeSummary(s), sent));
    const packer = new SummaryPacker();
    const unpacker = new SummaryUnpacker(new StringPool());
    const got: DocumentSummary[] = [];
    decoded.forEach((s, i) => {
      assert.ok(s);
      packer.add(s);
      // Batches of two: later batches refer to names and strings sent by earlier ones.
      if (i % 2 === 1 || i === decoded.length - 1) got.push(...unpacker.unpack(structuredClone(packer.batch())));
    });
    assert.strictEqual(got.length, originals.length);
    got.forEach((s, i) => assert.deepStrictEqual(plainSummary(s), plainSummary(decoded[i] as DocumentSummary), `summary ${i}`));
    const [a, b] = got.slice(-2);
    assert.strictEqual(a.entities[2].place, b.entities[2].place, 'one place object for both documents');
    assert.strictEqual(a.entities[1].aliases, b.entities[1].aliases, 'one alias list for both documents');
  });

  it('refuses a summary whose entities were not pooled', () => {
    assert.throws(() => new SummaryPacker().add(odd), /pooled/);
  });
});
