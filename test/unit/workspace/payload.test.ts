import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { analyzeDocument } from '../../../server/src/analysis/pipeline';
import type { DocumentAnalysis } from '../../../server/src/analysis/types';
import { compact } from '../../../server/src/workspace/compact';
import { crc32, tableCrc32 } from '../../../server/src/workspace/cache/checksum';
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
      const payload = shardPayload(text, analysis);
      assert.deepStrictEqual(readPayload(payload, text), viaJson(analysis));
      assert.deepStrictEqual(checkPayload(payload, text, textHash(text)), viaJson(analysis));
    }
  });

  it('holds no copy of the text: the reader brings it', () => {
    for (const { text, analysis } of analysed) {
      const json = Buffer.from(shardPayload(text, analysis)).toString('utf8');
      // No stretch of the text longer than a name (strings of the analysis: ids, canonical names, aliases) is in it.
      for (let at = 0; at + 60 <= text.length; at += 200) {
        const window = text.slice(at, at + 60);
        assert.ok(!json.includes(JSON.stringify(window).slice(1, -1)), `the text at ${at}: ${window}`);
      }
    }
  });

  it('checks its bytes with the CRC-32 gzip and zip use', () => {
    // The check value of the standard: CRC-32 of "123456789" is 0xCBF43926, natively and in the fallback.
    const check = new TextEncoder().encode('123456789');
    assert.strictEqual(crc32(check), 0xcbf43926);
    assert.strictEqual(tableCrc32(check), 0xcbf43926);
    const { text, analysis } = analysed[1];
    const payload = shardPayload(text, analysis);
    assert.strictEqual(tableCrc32(payload.subarray(4)), new DataView(payload.buffer).getUint32(0, true));
    // One changed bit in the columns, where a shape check alone would read an offset one off.
    const flipped = Uint8Array.from(payload, (b, i) => (i === payload.length - 3 ? b ^ 1 : b));
    assert.strictEqual(readPayload(flipped, text), undefined);
  });

  it("is read only against a text with the shard's hash", () => {
    const { text, analysis } = analysed[0];
    const payload = shardPayload(text, analysis);
    const hash = textHash(text);
    // The same length, one letter changed: the spans would fit, the hash does not.
    const edited = text.replace(/[a-z]/, (c) => (c === 'a' ? 'b' : 'a'));
    assert.strictEqual(edited.length, text.length);
    assert.strictEqual(checkPayload(payload, edited, hash), undefined);
    assert.strictEqual(checkPayload(payload, text + ' ', hash), undefined);
    // A text of another length is refused by the payload itself, whatever the caller checked.
    assert.strictEqual(readPayload(payload, text + ' '), undefined);
    assert.ok(checkPayload(payload, text, hash));
  });

  it('is smaller than the JSON of the analysis with its text', () => {
    const { text, analysis } = analysed[0];
    const encoded = encodePayload(text, analysis).length;
    assert.ok(encoded < Buffer.byteLength(JSON.stringify({ text, analysis })) * 0.3, `${encoded} bytes`);
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
    const back = decodePayload(encodePayload(text, odd), text);
    assert.deepStrictEqual(back, viaJson(odd));
  });

  it('refuses a corrupt, truncated, foreign or older payload without throwing', () => {
    const { text, analysis } = analysed[0];
    const good = shardPayload(text, analysis);
    const raw = encodePayload(text, analysis);
    const headLength = raw.readUInt32LE(0);
    const head = JSON.parse(raw.toString('utf8', 4, 4 + headLength)) as Record<string, unknown>;
    const columns = raw.subarray(4 + headLength);
    const json = (value: unknown) => framed(Buffer.from(JSON.stringify(value)));
    const bad: Array<[string, Uint8Array]> = [
      ['truncated', good.subarray(0, good.length >> 1)],
      ['no CRC in front', new TextEncoder().encode('{"v":4}')],
      ['the format before (version 3, gzip)', Uint8Array.from(zlib.gzipSync(raw))],
      ['a wrong CRC', Uint8Array.from(good, (b, i) => (i === 0 ? b ^ 1 : b))],
      ['flipped byte', Uint8Array.from(good, (b, i) => (i === good.length >> 1 ? b ^ 0xff : b))],
      ['the first format (JSON of text and analysis)', json({ text, analysis })],
      ['the format before (version 2, JSON with the text)', json({ v: 2, text, rest: {}, strings: [], mentions: [] })],
      ['another version', pack({ ...head, v: 3 }, columns)],
      ['no length', pack({ ...head, length: undefined }, columns)],
      ['not an object', pack([1, 2, 3], columns)],
      ['columns cut short', pack(head, columns.subarray(0, columns.length - 1))],
      ['bytes after the columns', pack(head, Buffer.concat([columns, Buffer.from([0])]))],
      ['no strings', pack({ ...head, strings: [] }, columns)],
      ["an entity's fields missing", pack({ ...head, others: [] }, columns)],
      ['an element kept whole too many', pack({ ...head, whole: [...(head.whole as unknown[]), {}] }, columns)],
      ['a head longer than the payload', framed(Buffer.concat([Buffer.from([0xff, 0xff, 0, 0]), raw.subarray(4)]))],
    ];
    for (const [what, payload] of bad) {
      assert.strictEqual(readPayload(payload, text), undefined, what);
      assert.strictEqual(checkPayload(payload, text, textHash(text)), undefined, what);
    }
  });

  describe('columns written by hand (the format, byte by byte)', () => {
    const text = 'Iraq said so.';
    const head = {
      v: 4,
      length: text.length,
      rest: { length: text.length, structure: { headline: null, byline: null } },
      strings: ['iraq'],
      whole: [],
      others: [],
    };
    // Sentence ends: none (0); blocks: here (1), none (0); then the counts of mentions, demonyms, entities and claims.
    const empty = [0, 1, 0, 0, 0, 0, 0];
    // A mention: length + 1 (5), start step (zigzag 0), type (2: country), string 0.
    const mention = [0, 1, 0, 1, 5, 0, 2, 0, 0, 0, 0];

    it('reads the columns as the format says', () => {
      assert.deepStrictEqual(readPayload(pack(head, empty), text)?.mentions, []);
      assert.deepStrictEqual(readPayload(pack(head, mention), text)?.mentions, [
        { start: 0, end: 4, text: 'Iraq', kind: 'place', type: 'country', id: 'iraq' },
      ]);
    });

    const bad: Array<[string, number[], Record<string, unknown>?]> = [
      ['a block of an unknown kind', [0, 1, 1, 99, 0, 0, 0, 0, 0, 0, 0]],
      ['a span past the text', [0, 1, 0, 1, 20, 2, 2, 0, 0, 0, 0]],
      ['a span before the text', [0, 1, 0, 1, 5, 1, 2, 0, 0, 0, 0]],
      ['a mention of an unknown type', [0, 1, 0, 1, 5, 0, 9, 0, 0, 0, 0]],
      ['an unknown string', [0, 1, 0, 1, 5, 0, 2, 7, 0, 0, 0]],
      ['a missing element kept whole', [0, 1, 0, 1, 0, 0, 0, 0]],
      ['a count past the end', [0, 1, 0, 100, 5, 0, 2, 0, 0, 0, 0]],
      ['a varint too long', [0, 1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0, 0, 0]],
      ['an entity of an unknown type', [0, 1, 0, 0, 0, 1, 99, 0, 0, 0, 0, 0, 0]],
      ["a claim's fields missing", [0, 1, 0, 0, 0, 0, 1, 5, 0, 0, 0, 1]],
      ['another text of the same length', mention, undefined],
    ];
    for (const [what, columns, changes] of bad)
      it(`refuses ${what}`, () => {
        const other = what.startsWith('another text') ? 'Iran said so.' : text;
        const read = readPayload(pack({ ...head, ...changes }, columns), other);
        // Read against another text, the spans fit: only the shard's hash tells (checkPayload).
        if (other !== text) assert.notStrictEqual(read?.mentions[0].text, 'Iraq');
        else assert.strictEqual(read, undefined);
      });
  });
});

/** A payload from its parts: u32 LE head length, head JSON, columns; behind their CRC-32. */
function pack(head: unknown, columns: Uint8Array | number[]): Uint8Array {
  const json = Buffer.from(JSON.stringify(head));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return framed(Buffer.concat([length, json, Buffer.from(columns)]));
}

/** Bytes behind their CRC-32, as shardPayload writes them. */
function framed(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, crc32(bytes), true);
  out.set(bytes, 4);
  return out;
}
