import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { quoteSelectors } from '../../common/anchoring';
import type { EdgeEvidence, MapData, NetworkData, OverviewMention } from '../../common/protocol';
import { seedsDir } from '../unit/util';
import { serverFixture, type TestLspClient } from './lspClient';

const SEED = path.join(seedsDir, '001_e776aff8290555f3.txt');

describe('map, network and report requests (JSON-RPC)', function () {
  this.timeout(60_000);
  const server = serverFixture(seedsDir, SEED);
  let client: TestLspClient;
  const request = <T>(method: string, params: unknown) => client.connection.sendRequest(method, params) as Promise<T>;
  before(() => ({ client } = server));

  it('dossier/mapData: places with coordinates for the workspace or the given documents', async () => {
    const all = await request<MapData>('dossier/mapData', {});
    assert.strictEqual(all.documents, 5);
    assert.ok(all.places.length >= 30, `${all.places.length} places`);
    const one = await request<MapData>('dossier/mapData', { uris: [server.uri] });
    assert.strictEqual(one.documents, 1);
    assert.ok(one.places.length > 0 && one.places.length < all.places.length);
    const mosul = one.places.find((p) => p.name === 'Mosul');
    assert.ok(mosul && mosul.mentionCount === 1 && mosul.type === 'city', JSON.stringify(mosul));
    const mentions = await request<{ mentions: OverviewMention[]; total: number }>('dossier/scopedMentions', {
      id: mosul.id,
      uris: [server.uri],
    });
    assert.strictEqual(mentions.total, 1);
    assert.strictEqual(mentions.mentions[0].uri, server.uri);
    assert.match(mentions.mentions[0].context, /near the city of Mosul/);
  });

  it('dossier/networkData: actors and links; dossier/edgeEvidence: what lies behind a link', async () => {
    const net = await request<NetworkData>('dossier/networkData', { filter: { topN: 40 } });
    assert.ok(net.nodes.length >= 20 && net.nodes.length <= 40, `${net.nodes.length} nodes`);
    const claim = net.edges.find((e) => e.kind === 'claim');
    const co = net.edges.find((e) => e.kind === 'cooccurrence' && e.sentences > 0);
    assert.ok(claim && co);
    const said = await request<{ items: EdgeEvidence[]; total: number }>('dossier/edgeEvidence', {
      kind: 'claim',
      source: claim.source,
      target: claim.target,
    });
    assert.strictEqual(said.total, claim.claims);
    const both = await request<{ items: EdgeEvidence[]; total: number }>('dossier/edgeEvidence', {
      kind: 'cooccurrence',
      source: co.source,
      target: co.target,
    });
    assert.strictEqual(both.items.filter((i) => i.kind === 'sentence').length, co.sentences);
    await assert.rejects(request('dossier/networkData', { filter: { topN: 'all' } }), 'invalid parameters are refused');
  });

  it('dossier/writeReport: the tagged passages of the annotations the client sent', async () => {
    const exact = 'Turkish forces';
    const start = server.text.indexOf(exact);
    const q = quoteSelectors(server.text, start, start + exact.length);
    await client.connection.sendNotification('dossier/annotations', {
      uri: server.uri,
      annotations: [
        {
          id: '00000000-0000-4000-8000-000000000001',
          created: '2026-01-01T00:00:00.000Z',
          modified: '2026-01-01T00:00:00.000Z',
          kind: 'passage',
          target: {
            position: { type: 'TextPositionSelector', start, end: start + exact.length },
            quote: { type: 'TextQuoteSelector', exact, prefix: q.prefix, suffix: q.suffix },
            hash: '',
          },
          body: { tags: ['troops'], note: 'Whose?' },
        },
      ],
    });
    const { markdown } = await request<{ markdown: string }>('dossier/writeReport', {
      base: pathToFileURL(path.join(seedsDir, 'reports')).toString(),
    });
    assert.match(
      markdown,
      /### troops\n\n> Turkish forces\n\n\[001\\_e776aff8290555f3\.txt, line 7\]\(\.\.\/001_e776aff8290555f3\.txt#L7\)\n\n\*\*Note:\*\* Whose\?/,
    );
  });
});
