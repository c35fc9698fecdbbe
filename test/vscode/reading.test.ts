import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateDossier, dossier, markdownOf, hoverAt, openSeed, positionOf, SEED_001, seedUri, waitForHover } from './helpers';
import { waitFor } from './waitFor';

interface ReadingApi {
  status: () => { text: string; visible: boolean };
  overview: {
    data: {
      entities: Array<{ id: string; name: string; kind: string; documentCount: number }>;
      speakers: Array<{ key: string; name: string; claimCount: number }>;
    };
    filter: string;
    refresh(): Promise<void>;
    documents(id: string): Promise<Array<{ uri: string; mentionCount: number }>>;
    mentions(id: string, uri: string): Promise<Array<{ context: string }>>;
    claims(key: string): Promise<Array<{ speaker: string }>>;
  };
}

/** Issue 6: what a reader gets beyond the basics, checked through the VS Code API. */
describe('Reading experience', () => {
  const uri = () => seedUri(SEED_001);
  let doc: vscode.TextDocument;
  let api: ReadingApi;

  before(async () => {
    await activateDossier();
    api = dossier().exports as unknown as ReadingApi;
    await openSeed(SEED_001);
    doc = await vscode.workspace.openTextDocument(uri());
  });

  it('an actor hover gives the role from the text and the claims by that actor', async () => {
    const text = await waitForHover(
      uri(),
      positionOf(doc, 'Hakim al-Zamili', { into: 3 }),
      (t) => /Claims/.test(t),
      'a hover listing claims',
    );
    assert.match(text, /head of Iraq's parliamentary committee on security and defense/);
    assert.match(text, /Claims \(\d+\)/);
  });

  it('a place hover gives country, coordinates with an OpenStreetMap link and population', async () => {
    const text = await waitForHover(uri(), positionOf(doc, 'Mosul', { into: 2 }), (t) => /Coordinates/.test(t), 'a hover with coordinates');
    assert.match(text, /Country: Iraq/);
    assert.match(text, /openstreetmap\.org\/\?mlat=36\./);
    assert.match(text, /Population: [\d,]+/);
  });

  it('a claim hover gives speaker, cue, hedges and section', async () => {
    const text = await waitForHover(uri(), positionOf(doc, 'threatened', { into: 3 }), (t) => /Claim/.test(t), 'a claim hover');
    assert.match(text, /Speaker: Hakim al-Zamili/);
    assert.match(text, /Cue: “threatened”/);
    assert.match(text, /Hedges:/);
    assert.match(text, /article/);
  });

  it('a demonym hover names the country', async () => {
    const text = await waitForHover(
      uri(),
      positionOf(doc, 'Iraqi sovereignty', { into: 2 }),
      (t) => /nationality/.test(t),
      'a demonym hover',
    );
    assert.match(text, /Country: \*\*Iraq\*\*/);
  });

  it('document text in hovers is escaped: markup from the page cannot inject links or HTML', async () => {
    const edit = new vscode.WorkspaceEdit();
    const line = 'John Smith said "see [here](command:workbench.action.quit) <img src=x onerror=alert(1)> now."\n\n';
    edit.insert(uri(), new vscode.Position(4, 0), line);
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const pos = positionOf(doc, 'John Smith said', { into: 'John Smith s'.length });
      const text = await waitForHover(uri(), pos, (t) => /Content/.test(t) && t.includes('here'), 'a claim hover on the inserted quote');
      assert.ok(text.includes('&lt;img'), text);
      assert.ok(text.includes('\\[here\\]'), text);
      assert.doesNotMatch(text, /(^|[^\\])\]\(command:/);
    } finally {
      const revert = new vscode.WorkspaceEdit();
      const at = doc.getText().indexOf(line);
      if (at >= 0) revert.delete(uri(), new vscode.Range(doc.positionAt(at), doc.positionAt(at + line.length)));
      await vscode.workspace.applyEdit(revert);
    }
  });

  it('dossier.codeLens.enabled = false turns the lenses off, and back on', async () => {
    const lenses = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri());
    await waitFor(lenses, (l) => (l?.length ?? 0) > 0, { what: 'code lenses' });
    const config = vscode.workspace.getConfiguration('dossier');
    await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(lenses, (l) => (l ?? []).every((x) => !x.command?.title.includes('Zamili')), { what: 'no claim lenses' });
    } finally {
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(lenses, (l) => (l ?? []).some((x) => x.command?.title.includes('Zamili') ?? false), { what: 'claim lenses back' });
  });

  it('the outline has a Comments group with the commenters’ handles', async () => {
    const symbols = await waitFor(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri()),
      (s) => (s ?? []).some((x) => x.name === 'Comments'),
      { what: 'a Comments group' },
    );
    const comments = symbols.find((s) => s.name === 'Comments')!;
    assert.ok(
      comments.children.some((c) => c.name === 'Mitach2002'),
      comments.children.map((c) => c.name).join(', '),
    );
  });

  it('the sidebar model lists actors and places across documents and claims by speaker', async () => {
    await api.overview.refresh();
    const data = await waitFor(
      async () => api.overview.data,
      (d) => d.entities.some((e) => e.name === 'Hakim al-Zamili' && e.documentCount >= 3),
      { what: 'Zamili in the sidebar across 3+ documents' },
    );
    assert.ok(data.entities.some((e) => e.kind === 'place' && e.name === 'Iraq'));
    const zamili = data.entities.find((e) => e.name === 'Hakim al-Zamili')!;
    const docs = await api.overview.documents(zamili.id);
    assert.strictEqual(docs.length, zamili.documentCount);
    const mentions = await api.overview.mentions(zamili.id, docs[0].uri);
    assert.ok(mentions.length > 0 && mentions.every((m) => /Z[ai]mili/.test(m.context)), JSON.stringify(mentions.slice(0, 2)));
    const speaker = data.speakers.find((s) => s.name === 'Hakim al-Zamili');
    assert.ok(speaker, 'Zamili among the speakers');
    assert.ok((await api.overview.claims(speaker.key)).every((c) => c.speaker === 'Hakim al-Zamili'));
    await vscode.commands.executeCommand('dossier.filterViews', 'zamili');
    try {
      assert.strictEqual(api.overview.filter, 'zamili');
      const names = api.overview.data.entities.map((e) => e.name);
      assert.ok(names.includes('Hakim al-Zamili') && names.every((n) => /zamili/i.test(n)), names.join(', '));
    } finally {
      await vscode.commands.executeCommand('dossier.clearFilter');
    }
    assert.strictEqual(api.overview.filter, '');
    assert.ok(
      api.overview.data.entities.some((e) => e.name === 'Iraq'),
      'the filter is cleared',
    );
  });

  it('the status bar shows the counts of the active document', async () => {
    await openSeed(SEED_001);
    const status = await waitFor(
      async () => api.status(),
      (s) => s.visible && /\$\(person\) \d+/.test(s.text),
      { what: 'status bar counts' },
    );
    assert.match(status.text, /\$\(quote\) \d+/);
  });

  it('seeds read as "Source Document" with word wrap on', () => {
    assert.strictEqual(doc.languageId, 'dossier-source');
    assert.strictEqual(vscode.workspace.getConfiguration('editor', { languageId: 'dossier-source' }).get('wordWrap'), 'on');
  });

  it('hovers resolve nothing outside entities and claims', async () => {
    const hovers = await hoverAt(uri(), positionOf(doc, 'approximately', { into: 3 }));
    assert.doesNotMatch(markdownOf(hovers), /Person|Organisation/);
  });
});
