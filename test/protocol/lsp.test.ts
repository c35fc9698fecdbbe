import * as assert from 'assert';
import * as path from 'path';
import { seedsDir } from '../unit/util';
import { positionOf, serverFixture, type TestLspClient } from './lspClient';

interface MarkupHover {
  contents: { kind: string; value: string };
}
interface Symbol {
  name: string;
  children?: Symbol[];
}
interface Location {
  uri: string;
}

const SEED = path.join(seedsDir, '001_e776aff8290555f3.txt');

describe('language server over stdio (JSON-RPC)', function () {
  this.timeout(60_000);
  const server = serverFixture(seedsDir, SEED);
  // The suite reads these a lot; they are set once the fixture's before() hook has run.
  let client: TestLspClient;
  let uri: string;
  let text: string;
  before(() => {
    ({ client, uri, text } = server);
    assert.ok(server.capabilities.hoverProvider);
  });

  it('hovers a person with canonical name, type and mention counts', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, 'Hakim al-Zamili', 0, 3),
    })) as MarkupHover;
    assert.ok(hover, 'no hover');
    assert.match(hover.contents.value, /Hakim al-Zamili/);
    assert.match(hover.contents.value, /Person/);
    assert.match(hover.contents.value, /Mentions: \d+ here/);
  });

  it("shows Zamili's role from the appositive", async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, 'Hakim al-Zamili', 0, 3),
    })) as MarkupHover;
    assert.match(hover.contents.value, /head of Iraq's parliamentary committee on security and defense/);
  });

  it('shows coordinates and a map link for Mosul', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, 'Mosul', 0, 2),
    })) as MarkupHover;
    assert.ok(hover, 'no hover on Mosul');
    assert.match(hover.contents.value, /Coordinates: 36\.\d+, 43\.\d+/);
    assert.match(hover.contents.value, /openstreetmap\.org/);
  });

  it('returns a hierarchical outline', async () => {
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Symbol[];
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('Actors'), names.join(','));
    assert.ok(names.includes('Places'), names.join(','));
    assert.ok(names.includes('Claims'), names.join(','));
    assert.ok(symbols.find((s) => s.name === 'Actors')!.children!.length > 0);
  });

  it('returns code lenses with titles', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{
      command?: { title: string };
    }>;
    assert.ok(lenses.length > 0);
    assert.ok(lenses.every((l) => l.command && l.command.title.length > 0));
  });

  it('finds references to Abadi across documents', async () => {
    const refs = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri },
      position: positionOf(text, 'Abadi', 0, 1),
      context: { includeDeclaration: true },
    })) as Location[];
    const docs = new Set(refs.map((r) => r.uri));
    assert.ok(docs.size >= 3, `references in ${docs.size} document(s)`);
  });

  it('finds workspace symbols for Zamili in several documents', async () => {
    const symbols = (await client.connection.sendRequest('workspace/symbol', { query: 'Zamili' })) as Array<{ location: Location }>;
    const docs = new Set(symbols.map((s) => s.location.uri));
    assert.ok(docs.size >= 3, `Zamili found in ${docs.size} document(s)`);
  });

  it('highlights the other mentions of an entity in the document', async () => {
    const highlights = (await client.connection.sendRequest('textDocument/documentHighlight', {
      textDocument: { uri },
      position: positionOf(text, 'Turkey', 0, 1),
    })) as unknown[];
    assert.ok(highlights.length >= 3, `only ${highlights.length} highlights`);
  });

  it('goes to the mention that introduces an entity', async () => {
    const def = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri },
      position: positionOf(text, 'al-Zamili said', 0, 2),
    })) as { range: { start: { line: number } } };
    assert.ok(def, 'no definition');
    assert.strictEqual(def.range.start.line, positionOf(text, 'Hakim al-Zamili').line);
  });

  it('folds the comment section', async () => {
    const folds = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as Array<{
      startLine: number;
      endLine: number;
    }>;
    const comments = positionOf(text, '• Mitach2002').line;
    assert.ok(
      folds.some((f) => f.startLine === comments && f.endLine > comments + 10),
      JSON.stringify(folds.slice(0, 5)),
    );
  });

  it('returns semantic tokens for mentions and cues', async () => {
    const tokens = (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as {
      data: number[];
    };
    assert.ok(tokens.data.length >= 5 * 20);
    assert.strictEqual(tokens.data.length % 5, 0);
  });

  it('serves the sidebar level by level: overview, documents of an entity, its mentions, claims of a speaker', async () => {
    const o = (await client.connection.sendRequest('dossier/workspaceOverview', {})) as {
      entities: Array<{ id: string; name: string; kind: string; documentCount: number; mentionCount: number }>;
      speakers: Array<{ key: string; name: string; claimCount: number }>;
      documents: number;
    };
    assert.strictEqual(o.documents, 5);
    const zamili = o.entities.find((e) => e.name === 'Hakim al-Zamili');
    assert.ok(zamili && zamili.kind === 'actor' && zamili.documentCount >= 3, JSON.stringify(zamili));
    const docs = (await client.connection.sendRequest('dossier/entityDocuments', { id: zamili.id })) as Array<{
      uri: string;
      mentionCount: number;
    }>;
    assert.strictEqual(docs.length, zamili.documentCount);
    assert.strictEqual(
      docs.reduce((n, d) => n + d.mentionCount, 0),
      zamili.mentionCount,
    );
    // Pages are slices of the same list.
    const pages = [];
    for (let offset = 0; offset < docs.length; offset += 2)
      pages.push(...((await client.connection.sendRequest('dossier/entityDocuments', { id: zamili.id, offset, limit: 2 })) as typeof docs));
    assert.deepStrictEqual(pages, docs);
    const mentions = (await client.connection.sendRequest('dossier/entityMentions', { id: zamili.id, uri: docs[0].uri })) as Array<{
      context: string;
    }>;
    assert.strictEqual(mentions.length, docs[0].mentionCount);
    for (const m of mentions) assert.match(m.context, /Z[ai]mili/);
    const mentionPages = [];
    for (let offset = 0; offset < mentions.length; offset += 1)
      mentionPages.push(
        ...((await client.connection.sendRequest('dossier/entityMentions', {
          id: zamili.id,
          uri: docs[0].uri,
          offset,
          limit: 1,
        })) as typeof mentions),
      );
    assert.deepStrictEqual(mentionPages, mentions);
    const speaker = o.speakers.find((sp) => sp.key === zamili.id);
    assert.ok(speaker && speaker.claimCount > 0, 'Zamili speaks');
    const claims = (await client.connection.sendRequest('dossier/speakerClaims', { key: speaker.key })) as Array<{ speaker: string }>;
    assert.strictEqual(claims.length, speaker.claimCount);
    const second = (await client.connection.sendRequest('dossier/speakerClaims', {
      key: speaker.key,
      offset: 1,
      limit: 1,
    })) as typeof claims;
    assert.deepStrictEqual(second, claims.slice(1, 2));
    const filtered = (await client.connection.sendRequest('dossier/workspaceOverview', { filter: 'ZAMILI' })) as typeof o;
    assert.ok(
      filtered.entities.length > 0 && filtered.entities.every((e) => /zamili/i.test(e.name)),
      filtered.entities.map((e) => e.name).join(', '),
    );
  });

  it('follows incremental edits', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Angela Merkel visited Berlin.\n' },
      ],
    });
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 24 },
    })) as MarkupHover | null;
    assert.ok(hover && /Berlin/.test(hover.contents.value), JSON.stringify(hover));
  });
});
