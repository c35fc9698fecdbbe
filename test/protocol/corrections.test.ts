import * as assert from 'assert';
import * as path from 'path';
import { textHash, type Annotation } from '../../common/annotations';
import { seedsDir } from '../unit/util';
import { positionOf, serverFixture } from './lspClient';

interface Symbol {
  name: string;
  children?: Symbol[];
}

const SEED = path.join(seedsDir, '003_141fa247b765b002.txt');

/** The client sends the user's corrections; the server applies them to its analysis. */
describe('corrections over the protocol', function () {
  this.timeout(60_000);
  const server = serverFixture(seedsDir, SEED);

  const places = async () => {
    const symbols = (await server.client.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri: server.uri },
    })) as Symbol[];
    return (symbols.find((s) => s.name.startsWith('Places'))?.children ?? []).map((c) => c.name);
  };

  function correction(name: string, correction: Extract<Annotation, { kind: 'correction' }>['correction']): Annotation {
    const start = server.text.indexOf(name);
    const end = start + name.length;
    return {
      id: '44444444-4444-4444-8444-444444444444',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      kind: 'correction',
      entity: { id: name.toLowerCase(), name, type: 'city' },
      correction,
      target: {
        position: { type: 'TextPositionSelector', start, end },
        quote: {
          type: 'TextQuoteSelector',
          exact: name,
          prefix: server.text.slice(Math.max(0, start - 32), start),
          suffix: server.text.slice(end, end + 32),
        },
        hash: textHash(server.text),
      },
      body: { tags: [] },
    };
  }

  it('"not an entity" takes the mention out of the outline and hovers; clearing the annotations brings it back', async () => {
    assert.ok((await places()).includes('Latakia'));
    await server.client.connection.sendNotification('dossier/annotations', {
      uri: server.uri,
      annotations: [correction('Latakia', { action: 'not-entity' })],
    });
    await waitUntil(async () => !(await places()).includes('Latakia'));
    const hover = await server.client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: server.uri },
      position: positionOf(server.text, 'Latakia', 0, 2),
    });
    assert.strictEqual(hover, null);
    await server.client.connection.sendNotification('dossier/annotations', { uri: server.uri, annotations: [] });
    await waitUntil(async () => (await places()).includes('Latakia'));
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
