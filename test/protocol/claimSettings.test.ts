import * as assert from 'assert';
import * as path from 'path';
import { seedsDir } from '../unit/util';
import { serverFixture } from './lspClient';

const SEED = path.join(seedsDir, '001_e776aff8290555f3.txt');

/** Issue 15: a change of `dossier.claims.*` reaches the views that list claims without an edit. */
describe('claim thresholds over stdio', function () {
  this.timeout(60_000);
  const server = serverFixture(seedsDir, SEED);

  const indexChanges = () => server.client.notifications.filter((n) => n.method === 'dossier/indexChanged');

  async function changedUris(timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const uris = indexChanges().flatMap((n) => (n.params as { uris: string[] }).uris);
      if (uris.length) return uris;
      await new Promise((r) => setTimeout(r, 20));
    }
    return [];
  }

  it('a changed threshold is announced as a change of every indexed document (sidebar, outline and views ask again)', async () => {
    const { client, uri } = server;
    // The server read the settings at start (indexing): the thresholds it knows are the defaults. Index
    // changes are sent in batches 300 ms apart: the last batch of the start is let through before listening.
    await new Promise((r) => setTimeout(r, 1000));
    client.notifications.length = 0;
    client.settings = { claims: { minConfidence: 0.9 } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const uris = await changedUris();
    assert.ok(uris.includes(uri), `the open document among the changed ones: ${JSON.stringify(uris)}`);
    assert.ok(uris.length >= 5, `every seed is announced: ${uris.length}`);
  });
});
