import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { analyzeDocument } from '../../../server/src/analysis/pipeline';
import type { DocumentAnalysis } from '../../../server/src/analysis/types';
import { compact } from '../../../server/src/workspace/compact';
import { decodePayload, encodePayload, readPayload, shardPayload } from '../../../server/src/workspace/cache/payload';
import { checkPayload, textHash } from '../../../server/src/workspace/cache/shardStore';
import { loadResources } from '../../../server/src/workspace/resources';
import { seedsDir } from '../util';

const seeds = fs
  .readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => fs.readFileSync(path.join(seedsDir, f), 'utf8'));

/** What the payload gave back before it was encoded: the analysis through JSON. */
const viaJson = (a: DocumentAnalysis): unknown => JSON.parse(JSON.stringify(a));

describe('shard payload codec', () => {
  const analysed = seeds.map((text) => ({ text, analysis: compact(analyzeDocument(text, loadResources())) }));

  it('gives back every seed analysis exactly as JSON did', () => {
    for (const { text, analysis } of analysed) {
      assert.ok(
        analysis.mentions.length && analysis.entities.length && analysis.claims.length,
        'the seed has mentions, entities and claims',
      );
      const back = readPayload(shardPayload(text, analysis));
      assert.ok(back);
      assert.strictEqual(back.text, text);
      assert.deepStrictEqual(back.analysis, viaJson(analysis));
      assert.deepStrictEqual(checkPayload(back, textHash(text))?.analysis, viaJson(analysis));
    }
  });

  it('is smaller than the JSON of the analysis with its text', () => {
    const { text, analysis } = analysed[0];
    const encoded = JSON.stringify(encodePayload(text, analysis)).length;
    assert.ok(encoded < JSON.stringify({ text, analysis }).length * 0.7, `${encoded} characters`);
  });

  it('keeps whole, and gives back exactly, elements of an unexpected shape', () => {
    const { text, analysis } = analysed[0];
    const [m0, m1] = analysis.mentions;
    const [e0] = analysis.entities;
    const [c0, c1] = analysis.claims;
    const odd: DocumentAnalysis = {
      ...analysis,
      mentions: [
        { ...m0, text: 'not the span' },
        { ...m1, kind: m1.kind === 'actor' ? 'place' : 'actor' },
        ...analysis.mentions.slice(2),
        { start: 1, end: 3, text: text.slice(1, 3), kind: 'actor', type: 'person', id: 'x', extra: true } as never,
      ],
      demonyms: [{ start: 0, end: 2, text: 'no', countryId: 'x', country: 'X' }, ...analysis.demonyms],
      entities: [
        { ...e0, descriptions: [{ start: 0, end: 4, text: 'else', sentence: { start: 0, end: 9 } }] },
        { ...e0, id: 'later', type: 'planet' as never },
        { ...e0, id: 'with-extra', facts: { country: 'Nowhere' }, place: undefined },
        ...analysis.entities.slice(1),
      ],
      claims: [
        { ...c0, cue: c0.cue && { ...c0.cue, text: 'moved' } },
        { ...c1, cue: null, source: null, handle: 'someone', speaker: null },
        ...analysis.claims.slice(2),
      ],
      structure: {
        ...analysis.structure,
        blocks: [
          { ...analysis.structure.blocks[0], kind: 'aside' as never },
          { kind: 'comment', section: 'comments', start: 0, end: 5, handle: 'someone', handleSpan: { start: 0, end: 2 } },
          ...analysis.structure.blocks.slice(1),
        ],
      },
      warnings: ['over budget'],
    };
    const back = decodePayload(JSON.parse(JSON.stringify(encodePayload(text, odd))));
    assert.deepStrictEqual(back.analysis, viaJson(odd));
  });

  it('refuses a corrupt, truncated, foreign or older payload without throwing', () => {
    const { text, analysis } = analysed[0];
    const good = shardPayload(text, analysis);
    const encoded = encodePayload(text, analysis);
    const gz = (value: unknown) => new Uint8Array(gzipSync(JSON.stringify(value)));
    const bad: Array<[string, Uint8Array]> = [
      ['truncated', good.subarray(0, good.length >> 1)],
      ['not gzip', new TextEncoder().encode('{"v":2}')],
      ['flipped byte', Uint8Array.from(good, (b, i) => (i === good.length >> 1 ? b ^ 0xff : b))],
      ['the format before (JSON of text and analysis)', gz({ text, analysis })],
      ['not an object', gz([1, 2, 3])],
      ['columns cut short', gz({ ...encoded, mentions: encoded.mentions.slice(0, -1) })],
      ['a span past the text', gz({ ...encoded, mentions: [text.length + 5, 3, 0, 0] })],
      ['an unknown string', gz({ ...encoded, strings: [] })],
      ['a missing element kept whole', gz({ ...encoded, mentions: [0, -1, 0, 0], whole: [] })],
      ['a claim of the wrong length', gz({ ...encoded, claims: [[1, 2, 3]] })],
      ['a block of an unknown kind', gz({ ...encoded, blocks: [[1, 2, 99, 0]] })],
      ['an entity of an unknown type', gz({ ...encoded, entities: [['x', 'X', 99, [], [], []]] })],
    ];
    for (const [what, payload] of bad) {
      const read = readPayload(payload);
      assert.strictEqual(read && checkPayload(read, textHash(text)), undefined, what);
    }
    // Another text under the same hash is refused by the hash, not trusted.
    assert.strictEqual(checkPayload(readPayload(shardPayload(text + ' ', analysis)), textHash(text)), undefined);
  });
});
