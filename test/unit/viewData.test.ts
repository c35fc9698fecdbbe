import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { NETWORK_TOP_N } from '../../common/protocol';
import { edgeEvidence } from '../../server/src/lsp/features/edgeEvidence';
import { buildMapData } from '../../server/src/lsp/features/mapData';
import { buildNetworkData } from '../../server/src/lsp/features/networkData';
import { loadResources } from '../../server/src/workspace/resources';
import { InlineAnalysisService } from '../../server/src/workspace/analysisService';
import { compact } from '../../server/src/workspace/compact';
import { DocumentIndex } from '../../server/src/workspace/documentIndex';
import { workspaceEntities } from '../../server/src/workspace/workspaceEntities';
import { seedsDir } from './util';
import { entityIds, fullerName } from '../../server/src/lsp/features/viewData';
import { makeDocument, resolver } from './viewFixtures';

const BAGHDAD = { lat: 33.34, lon: 44.4, country: 'Iraq' };

describe('map data (workspace → places with coordinates)', () => {
  const a = makeDocument('file:///ws/a.txt', 'Baghdad and Iraq. Baghdad again.\nKurdistan Region is far.', [
    { name: 'Baghdad', type: 'city', facts: BAGHDAD },
    { name: 'Iraq', type: 'country', facts: { lat: 33, lon: 44 } },
    { name: 'Kurdistan Region', type: 'region' },
    { name: 'Hakim', type: 'person' },
  ]);
  const b = makeDocument('file:///ws/b.txt', 'Bagdad is hot.', [{ name: 'Bagdad', type: 'region', facts: { lat: 10, lon: 10 } }]);

  it('sums mentions and documents per workspace entity; type and coordinates come from the most mentioned member', () => {
    const data = buildMapData([a, b], entityIds(resolver({ 'file:///ws/b.txt|bagdad': 'baghdad' })));
    assert.deepStrictEqual(data.places, [
      { id: 'baghdad', name: 'Baghdad', type: 'city', lat: 33.34, lon: 44.4, mentionCount: 3, documentCount: 2, country: 'Iraq' },
      { id: 'iraq', name: 'Iraq', type: 'country', lat: 33, lon: 44, mentionCount: 1, documentCount: 1 },
    ]);
    assert.strictEqual(data.unlocated, 1, 'the region without coordinates is counted, not drawn');
    assert.strictEqual(data.documents, 2);
  });

  it('covers only the documents it is given (the scope)', () => {
    const data = buildMapData([b], entityIds(resolver()));
    assert.deepStrictEqual(
      data.places.map((p) => [p.id, p.type, p.mentionCount]),
      [['bagdad', 'region', 1]],
    );
  });

  it('drops impossible coordinates', () => {
    const bad = makeDocument('file:///ws/c.txt', 'Atlantis.', [{ name: 'Atlantis', type: 'city', facts: { lat: 123, lon: 0 } }]);
    assert.deepStrictEqual(buildMapData([bad], entityIds(resolver())), { places: [], unlocated: 1, documents: 1 });
  });
});

describe('names in the views do not depend on the order documents were indexed', () => {
  // One workspace entity spelled two ways of one length in two documents: the index files documents in the order the
  // analysis threads finish them, and the name shown (network node, map marker, sidebar) must not follow that order.
  const ids = entityIds(resolver({ 'file:///ws/b.txt|hakim-al-zimili': 'hakim-al-zamili', 'file:///ws/b.txt|bagdadh': 'baghdadh' }));
  const a = makeDocument('file:///ws/a.txt', 'Hakim al-Zamili met Bob in Baghdadh.', [
    { name: 'Hakim al-Zamili', type: 'person' },
    { name: 'Bob', type: 'person' },
    { name: 'Baghdadh', type: 'city', facts: BAGHDAD },
  ]);
  const b = makeDocument('file:///ws/b.txt', 'Hakim al-Zimili met Bob in Bagdadh.', [
    { name: 'Hakim al-Zimili', type: 'person' },
    { name: 'Bob', type: 'person' },
    { name: 'Bagdadh', type: 'city', facts: BAGHDAD },
  ]);

  it('gives a network node and a map marker the same name in either order', () => {
    for (const docs of [
      [a, b],
      [b, a],
    ]) {
      const node = buildNetworkData(docs, ids).nodes.find((n) => n.id === 'hakim-al-zamili');
      assert.strictEqual(node?.name, 'Hakim al-Zamili');
      assert.deepStrictEqual(
        buildMapData(docs, ids).places.map((p) => [p.id, p.name]),
        [['baghdadh', 'Baghdadh']],
      );
    }
  });

  it('keeps the longer name, and of two of one length the first in code-unit order', () => {
    assert.strictEqual(fullerName('Abadi', 'Haider al-Abadi'), 'Haider al-Abadi');
    assert.strictEqual(fullerName('Haider al-Abadi', 'Abadi'), 'Haider al-Abadi');
    assert.strictEqual(fullerName('Hakim al-Zimili', 'Hakim al-Zamili'), 'Hakim al-Zamili');
    assert.strictEqual(fullerName('Hakim al-Zamili', 'Hakim al-Zimili'), 'Hakim al-Zamili');
  });
});

describe('network data (workspace → actors and links)', () => {
  const TEXT = ['Alice met Bob in Paris. Carol stayed home.', 'Alice said Carol lied about Dan. Bob agreed.', 'Erin wrote alone.'].join(
    '\n',
  );
  const people = [
    { name: 'Alice', type: 'person' as const },
    { name: 'Bob', type: 'person' as const },
    { name: 'Carol', type: 'person' as const },
    { name: 'Dan', type: 'organization' as const },
    { name: 'Erin', type: 'person' as const },
    { name: 'Paris', type: 'city' as const },
  ];
  const doc = makeDocument('file:///ws/n.txt', TEXT, people, [{ speaker: 'alice', content: 'Carol lied about Dan' }]);
  const edge = (data: ReturnType<typeof buildNetworkData>, kind: string, s: string, t: string) =>
    data.edges.find((e) => e.kind === kind && e.source === s && e.target === t);

  it('links actors named in one sentence (weight 2) or one paragraph (weight 1), and a speaker to the actors in their claim', () => {
    const data = buildNetworkData([doc], entityIds(resolver()));
    assert.deepStrictEqual(
      data.nodes.map((n) => [n.id, n.type, n.mentionCount]),
      [
        ['alice', 'person', 2],
        ['bob', 'person', 2],
        ['carol', 'person', 2],
        ['dan', 'organization', 1],
        ['erin', 'person', 1],
      ],
    );
    assert.deepStrictEqual(edge(data, 'cooccurrence', 'alice', 'bob'), {
      kind: 'cooccurrence',
      source: 'alice',
      target: 'bob',
      sentences: 1,
      paragraphs: 2,
      claims: 0,
      weight: 3,
    });
    assert.deepStrictEqual(edge(data, 'cooccurrence', 'alice', 'carol'), {
      kind: 'cooccurrence',
      source: 'alice',
      target: 'carol',
      sentences: 1,
      paragraphs: 2,
      claims: 0,
      weight: 3,
    });
    assert.deepStrictEqual(edge(data, 'cooccurrence', 'bob', 'dan'), {
      kind: 'cooccurrence',
      source: 'bob',
      target: 'dan',
      sentences: 0,
      paragraphs: 1,
      claims: 0,
      weight: 1,
    });
    assert.deepStrictEqual(edge(data, 'claim', 'alice', 'carol')?.claims, 1);
    assert.deepStrictEqual(edge(data, 'claim', 'alice', 'dan')?.claims, 1);
    assert.strictEqual(edge(data, 'claim', 'carol', 'alice'), undefined, 'claim links are directed');
    assert.ok(!data.edges.some((e) => e.source === 'erin' || e.target === 'erin'), 'Erin shares no sentence or paragraph');
    assert.ok(!data.nodes.some((n) => n.id === 'paris'), 'places are not actors');
  });

  it('gives the same links from the compacted analysis the index keeps (sentence ends, no sentences)', () => {
    const kept = { ...doc, analysis: compact(doc.analysis) };
    assert.strictEqual(kept.analysis.sentences.length, 0);
    assert.deepStrictEqual(buildNetworkData([kept], entityIds(resolver())), buildNetworkData([doc], entityIds(resolver())));
  });

  it('joins documents through workspace ids and counts documents', () => {
    const other = makeDocument('file:///ws/m.txt', 'Ally Smith met Bob.', [
      { name: 'Ally Smith', type: 'person', id: 'a-smith' },
      { name: 'Bob', type: 'person' },
    ]);
    const data = buildNetworkData([doc, other], entityIds(resolver({ 'file:///ws/m.txt|a-smith': 'alice' })));
    const alice = data.nodes.find((n) => n.id === 'alice');
    assert.deepStrictEqual([alice?.mentionCount, alice?.documentCount, alice?.name], [3, 2, 'Ally Smith']);
    assert.strictEqual(edge(data, 'cooccurrence', 'alice', 'bob')?.sentences, 2);
  });

  it('filters by text, minimum mentions and top-N, and links only the actors shown', () => {
    assert.deepStrictEqual(
      buildNetworkData([doc], entityIds(resolver()), { minMentions: 2 }).nodes.map((n) => n.id),
      ['alice', 'bob', 'carol'],
    );
    const top = buildNetworkData([doc], entityIds(resolver()), { topN: 2 });
    assert.deepStrictEqual(
      top.nodes.map((n) => n.id),
      ['alice', 'bob'],
    );
    assert.strictEqual(top.matching, 5);
    assert.ok(top.edges.every((e) => ['alice', 'bob'].includes(e.source) && ['alice', 'bob'].includes(e.target)));
    assert.deepStrictEqual(
      buildNetworkData([doc], entityIds(resolver()), { text: 'CAR' }).nodes.map((n) => n.id),
      ['carol'],
    );
    assert.strictEqual(buildNetworkData([doc], entityIds(resolver()), { topN: 1e9 }).nodes.length, 5);
  });

  it('keeps the heaviest edges when there are too many', () => {
    const data = buildNetworkData([doc], entityIds(resolver()), { maxEdges: 1 });
    assert.deepStrictEqual(
      data.edges.map((e) => [e.kind, e.source, e.target]),
      [
        ['cooccurrence', 'alice', 'bob'],
        ['claim', 'alice', 'carol'],
      ],
    );
    assert.ok(data.droppedEdges > 0);
  });

  it('shows the sentences, paragraphs and claims behind an edge', () => {
    const co = edgeEvidence([doc], resolver(), { kind: 'cooccurrence', source: 'alice', target: 'bob' });
    assert.deepStrictEqual(
      co.items.map((i) => [i.kind, i.text]),
      [
        ['sentence', 'Alice met Bob in Paris.'],
        ['paragraph', 'Alice said Carol lied about Dan. Bob agreed.'],
      ],
    );
    assert.deepStrictEqual(co.items[0].start, { line: 0, character: 0 });
    const said = edgeEvidence([doc], resolver(), { kind: 'claim', source: 'alice', target: 'dan' });
    assert.deepStrictEqual(
      said.items.map((i) => [i.kind, i.text, i.speaker]),
      [['claim', 'Carol lied about Dan', 'Alice']],
    );
    assert.deepStrictEqual(said.items[0].start, { line: 1, character: 11 });
    assert.strictEqual(edgeEvidence([doc], resolver(), { kind: 'claim', source: 'dan', target: 'alice' }).total, 0);
  });
});

describe('map and network data of the seeds, from the index', function () {
  this.timeout(120_000);
  let index: DocumentIndex;

  before(async () => {
    index = new DocumentIndex(new InlineAnalysisService(loadResources));
    for (const f of fs.readdirSync(seedsDir).filter((n) => n.endsWith('.txt'))) {
      await index.update(`file:///seeds/${f}`, fs.readFileSync(path.join(seedsDir, f), 'utf8'), 1);
    }
  });

  it('has at least 30 places with coordinates and at least 20 actors, linked', () => {
    const resolve = (uri: string, id: string) => workspaceEntities(index).workspaceId(uri, id);
    const map = buildMapData(index.all(), entityIds(resolve));
    assert.ok(map.places.length >= 30, `${map.places.length} places`);
    assert.ok(map.places.some((p) => p.name === 'Mosul' && p.type === 'city' && p.lat > 36 && p.lat < 37));
    const net = buildNetworkData([...index.all()], entityIds(resolve));
    assert.ok(net.nodes.length >= 20 && net.nodes.length <= NETWORK_TOP_N, `${net.nodes.length} actors`);
    assert.ok(net.edges.some((e) => e.kind === 'claim'));
    assert.ok(net.edges.some((e) => e.kind === 'cooccurrence' && e.sentences > 0));
    const ids = new Set(net.nodes.map((n) => n.id));
    assert.ok(net.edges.every((e) => ids.has(e.source) && ids.has(e.target)));
  });
});
