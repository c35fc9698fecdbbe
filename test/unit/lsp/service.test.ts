import * as assert from 'assert';
import type { Annotation } from '../../../common/annotations';
import { CancelSource } from '../../../server/src/workspace/cancellation';
import { passage } from '../features/synthetic';
import { CURSOR, HeldAnalyses, inMemoryWorkspace, NEVER, withCursor, type InMemoryWorkspace } from './inMemory';

const A = 'file:///ws/a.txt';
const B = 'file:///ws/b.txt';
const A_TEXT = [
  'Troops gather near Mosul',
  '',
  'Hakim al-Zamili, head of the security committee, said the army would enter Mosul.',
  '',
  'Zamili said the attack would start soon, according to the Iraqi army.',
  '',
].join('\n');
const B_TEXT = 'Iraqi forces surrounded Mosul on Monday, Hakim al-Zamili told reporters.\n';

/** The workspace with a.txt whose CURSOR marks where the request points. */
async function workspace(markedA: string): Promise<{ ws: InMemoryWorkspace; position: { line: number; character: number } }> {
  const { text, position } = withCursor(markedA);
  assert.strictEqual(text, A_TEXT, 'the marker goes into the shared text');
  return { ws: await inMemoryWorkspace({ [A]: text, [B]: B_TEXT }), position };
}

/** A_TEXT with the CURSOR `within` characters into the first occurrence of `needle`. */
const mark = (needle: string, within: number) => A_TEXT.replace(needle, () => needle.slice(0, within) + CURSOR + needle.slice(within));
const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

describe('language service (in memory)', function () {
  this.timeout(30_000);

  describe('hover', () => {
    it('on a person: name and type, the appositive, aliases, mentions across documents and claims', async () => {
      const { ws, position } = await workspace(mark('Hakim al-Zamili, head', 9));
      const h = await ws.service.hover({ textDocument: { uri: A }, position }, NEVER);
      assert.deepStrictEqual(h, {
        contents: {
          kind: 'markdown',
          value: [
            '**Hakim al-Zamili** · Person',
            '*head of the security committee* — “Hakim al-Zamili, head of the security committee, said the army would enter Mosul.”',
            'Also written: Zamili',
            'Mentions: 2 here · 3 in 2 documents',
            'Also in: [b.txt](file:///ws/b.txt#L1) (1)',
            'Claims (3):',
            '- [said](file:///ws/a.txt#L3): “the army would enter Mosul”',
            '- [said](file:///ws/a.txt#L5): “the attack would start soon”',
            '- [told](file:///ws/b.txt#L1): “Iraqi forces surrounded Mosul on Monday”',
          ].join('\n\n'),
        },
        range: range(2, 0, 15),
      });
    });

    it('quotes an excerpt once: a sentence that opens with its own quotation mark gets no second one', async () => {
      const text = 'Troops gather near Mosul\n\n"We will enter Mosul soon," Iraqi lawmaker Hakim al-Zamili said.\n';
      const ws = await inMemoryWorkspace({ [A]: text });
      const at = text.indexOf('Hakim');
      const h = await ws.service.hover({ textDocument: { uri: A }, position: { line: 2, character: at - text.indexOf('"') + 2 } }, NEVER);
      const value = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
      assert.match(value, /\*Iraqi lawmaker\* — "We will enter Mosul soon," Iraqi lawmaker Hakim al-Zamili said\./);
      assert.doesNotMatch(value, /“"/);
    });

    it('on a nationality adjective: the country', async () => {
      const { ws } = await workspace(mark('Troops', 0));
      const { position } = withCursor('Ir$$CURSOR$$aqi forces');
      const h = await ws.service.hover({ textDocument: { uri: B }, position }, NEVER);
      assert.deepStrictEqual(h, {
        contents: { kind: 'markdown', value: '**Iraqi** · nationality adjective\n\nCountry: **Iraq**' },
        range: range(0, 0, 5),
      });
    });

    it("with the user's tag on the entity, looked up with the document resolved once", async () => {
      const { ws, position } = await workspace(mark('Zamili said the attack', 2));
      const at = A_TEXT.indexOf('Hakim al-Zamili');
      const tag: Annotation = {
        ...passage(1, A_TEXT, at, at + 15, { tags: ['committee'] }),
        kind: 'entity-tag',
        entity: { id: 'hakim-al-zamili', name: 'Hakim al-Zamili' },
      };
      ws.annotations.set(A, [tag]);
      const before = ws.documents.lookups;
      const h = await ws.service.hover({ textDocument: { uri: A }, position }, NEVER);
      assert.strictEqual(ws.documents.lookups - before, 1);
      const value = (h?.contents as { value: string }).value;
      assert.strictEqual(value.split('\n\n').pop(), 'Tags: `committee`');
    });
  });

  it('document symbols: headline, actors and places in order of first mention, claims by speaker', async () => {
    const { ws } = await workspace(mark('Troops', 0));
    const symbols = await ws.service.documentSymbols({ textDocument: { uri: A } }, NEVER);
    const outline = symbols.map((s) => [s.name, s.detail, (s.children ?? []).map((c) => [c.name, c.detail, c.selectionRange])]);
    assert.deepStrictEqual(outline, [
      ['Headline', 'Troops gather near Mosul', []],
      ['Actors', '1', [['Hakim al-Zamili', 'Person · 2×', range(2, 0, 15)]]],
      ['Places', '1', [['Mosul', 'City · 2×', range(0, 19, 24)]]],
      [
        'Claims',
        '3',
        [
          ['Hakim al-Zamili', 'the army would enter Mosul', range(2, 54, 80)],
          ['the Iraqi army', 'Zamili said the attack would start soon', range(4, 0, 39)],
          ['Hakim al-Zamili', 'the attack would start soon', range(4, 12, 39)],
        ],
      ],
    ]);
  });

  it('references: every mention of the entity under the cursor, aliases and other documents included', async () => {
    const { ws, position } = await workspace(mark('Zamili said the attack', 3));
    const refs = await ws.service.references({ textDocument: { uri: A }, position }, NEVER);
    assert.deepStrictEqual(refs, [
      { uri: A, range: range(2, 0, 15) },
      { uri: A, range: range(4, 0, 6) },
      { uri: B, range: range(0, 41, 56) },
    ]);
  });

  it('workspace overview, then an entity’s documents and mentions and a speaker’s claims', async () => {
    const { ws } = await workspace(mark('Troops', 0));
    assert.deepStrictEqual(await ws.service.workspaceOverview({ filter: '' }, NEVER), {
      entities: [
        { id: 'hakim-al-zamili', name: 'Hakim al-Zamili', kind: 'actor', type: 'person', mentionCount: 3, documentCount: 2 },
        { id: 'mosul', name: 'Mosul', kind: 'place', type: 'city', mentionCount: 3, documentCount: 2 },
      ],
      speakers: [
        { key: 'hakim-al-zamili', name: 'Hakim al-Zamili', resolved: true, claimCount: 3 },
        { key: 'source:the iraqi army', name: 'the Iraqi army', resolved: false, claimCount: 1 },
      ],
      documents: 2,
      truncated: false,
    });
    assert.deepStrictEqual(await ws.service.entityDocuments({ id: 'mosul' }, NEVER), [
      { uri: A, mentionCount: 2 },
      { uri: B, mentionCount: 1 },
    ]);
    const mentions = await ws.service.entityMentions({ id: 'mosul', uri: B }, NEVER);
    assert.deepStrictEqual(mentions, [
      { uri: B, ...range(0, 24, 29), context: 'Iraqi forces surrounded Mosul on Monday, Hakim al-Zamili told reporters.' },
    ]);
    // Pages of a document's mentions, in text order.
    const inA = await ws.service.entityMentions({ id: 'mosul', uri: A }, NEVER);
    assert.strictEqual(inA.length, 2);
    assert.deepStrictEqual(await ws.service.entityMentions({ id: 'mosul', uri: A, offset: 0, limit: 1 }, NEVER), inA.slice(0, 1));
    assert.deepStrictEqual(await ws.service.entityMentions({ id: 'mosul', uri: A, offset: 1, limit: 1 }, NEVER), inA.slice(1));
    assert.ok(inA[0].start.line < inA[1].start.line || inA[0].start.character < inA[1].start.character);
    assert.deepStrictEqual(await ws.service.speakerClaims({ key: 'hakim-al-zamili', filter: 'attack' }, NEVER), [
      {
        uri: A,
        speakerId: 'hakim-al-zamili',
        speaker: 'Hakim al-Zamili',
        cue: 'said',
        text: 'the attack would start soon',
        section: 'article',
        ...range(4, 12, 39),
      },
    ]);
    assert.deepStrictEqual(await ws.service.workspaceOverview({ filter: 'mosul' }, NEVER).then((o) => o.entities.map((e) => e.id)), [
      'mosul',
    ]);
  });

  describe('cancellation: an empty answer, at once, never an error', () => {
    it('a request cancelled before it starts', async () => {
      const { ws, position } = await workspace(mark('Hakim al-Zamili, head', 3));
      const cancelled = new CancelSource();
      cancelled.cancel();
      assert.strictEqual(await ws.service.hover({ textDocument: { uri: A }, position }, cancelled.token), null);
      assert.deepStrictEqual(await ws.service.references({ textDocument: { uri: A }, position }, cancelled.token), []);
      assert.deepStrictEqual(await ws.service.workspaceOverview({ filter: '' }, cancelled.token), {
        entities: [],
        speakers: [],
        documents: 0,
        truncated: false,
      });
    });

    it('a hover cancelled while its document is being analysed answers null without waiting for the analysis', async () => {
      const held = new HeldAnalyses();
      const ws = await inMemoryWorkspace({}, { analysis: held });
      const { text, position } = withCursor(mark('Hakim al-Zamili, head', 3));
      ws.documents.open(A, text);
      const request = new CancelSource();
      const answer = ws.service.hover({ textDocument: { uri: A }, position }, request.token);
      assert.strictEqual(held.waiting, 1);
      request.cancel();
      assert.strictEqual(await answer, null);
      assert.strictEqual(ws.index.get(A), undefined, 'the analysis has not finished');
      held.release();
    });
  });
});
