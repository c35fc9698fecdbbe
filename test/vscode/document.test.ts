import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateDossier, openSeed, positionOf, SEED_001, seedUri, waitForHover } from './helpers';
import { waitFor } from './waitFor';

/** What a reader gets in seed 001 through the VS Code API. */
describe('Seed 001 in the editor', () => {
  const uri = () => seedUri(SEED_001);
  let doc: vscode.TextDocument;

  before(async () => {
    await activateDossier();
    await openSeed(SEED_001);
    doc = await vscode.workspace.openTextDocument(uri());
  });

  it('hover over "Hakim al-Zamili" shows his canonical name and a Mentions count', async () => {
    const text = await waitForHover(
      uri(),
      positionOf(doc, 'Hakim al-Zamili', { into: 3 }),
      (t) => t.includes('Hakim al-Zamili') && /Mentions/.test(t),
      'a hover with "Hakim al-Zamili" and "Mentions"',
    );
    assert.match(text, /Hakim al-Zamili/);
    assert.match(text, /Mentions:?\s*\**\d+/, 'the hover should count the mentions');
  });

  it('hover over the short mention "al-Zamili" resolves to the canonical "Hakim al-Zamili"', async () => {
    const pos = positionOf(doc, 'lawmaker al-Zamili', { into: 'lawmaker '.length + 3 });
    const text = await waitForHover(uri(), pos, (t) => t.includes('Hakim al-Zamili'), 'the alias hover to name "Hakim al-Zamili"');
    assert.match(text, /Hakim al-Zamili/);
  });

  it('code lenses sit above claims and name speaker and cue', async () => {
    const lenses = await waitFor(
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri(), 100),
      (l) => (l?.length ?? 0) > 0,
      { what: 'code lenses in seed 001' },
    );
    for (const lens of lenses) assert.ok(lens.command?.title?.trim(), `lens at line ${lens.range.start.line + 1} has no title`);
    const claimLine = positionOf(doc, 'Hakim al-Zamili threatened').line;
    const onClaim = lenses.filter((l) => l.range.start.line === claimLine).map((l) => l.command?.title ?? '');
    assert.ok(
      onClaim.some((t) => t.includes('Hakim al-Zamili') && t.includes('threatened')),
      `expected a lens "Hakim al-Zamili · threatened" on line ${claimLine + 1}, got ${JSON.stringify(onClaim)}`,
    );
  });

  it('document symbols form the outline: Headline, Actors, Places, Claims with entities as children', async () => {
    const symbols = await waitFor(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri()),
      (s) => (s ?? []).some((x) => x.name === 'Actors'),
      { what: 'an outline with an "Actors" group' },
    );
    const names = symbols.map((s) => s.name);
    const groups = ['Headline', 'Actors', 'Places', 'Claims'];
    // (VS Code orders the symbols by position, so only membership is checked.)
    assert.deepStrictEqual(names.filter((n) => groups.includes(n)).sort(), [...groups].sort(), `top-level symbols: ${names.join(', ')}`);
    const group = (name: string) => symbols.find((s) => s.name === name)!;
    for (const name of ['Actors', 'Places', 'Claims']) {
      assert.ok(Array.isArray(group(name).children), `"${name}" should be a hierarchical DocumentSymbol`);
      assert.ok(group(name).children.length > 0, `"${name}" should have children`);
      for (const child of group(name).children) {
        assert.ok(group(name).range.contains(child.range), `"${child.name}" lies outside its group "${name}"`);
      }
    }
    const actors = group('Actors').children.map((c) => c.name);
    assert.ok(actors.includes('Hakim al-Zamili'), `Actors: ${actors.join(', ')}`);
    assert.ok(!actors.includes('al-Zamili'), 'aliases should be merged into one actor');
  });

  it('document highlights mark every mention of the entity under the cursor', async () => {
    const highlights = await waitFor(
      () =>
        vscode.commands.executeCommand<vscode.DocumentHighlight[]>(
          'vscode.executeDocumentHighlights',
          uri(),
          positionOf(doc, 'Hakim al-Zamili', { into: 3 }),
        ),
      (h) => (h?.length ?? 0) >= 3,
      { what: 'three or more highlights of Hakim al-Zamili' },
    );
    for (const h of highlights) assert.match(doc.getText(h.range), /Zamili/, `highlight "${doc.getText(h.range)}"`);
  });

  it('go to definition on "al-Zamili" leads to the first mention "Hakim al-Zamili"', async () => {
    const pos = positionOf(doc, 'lawmaker al-Zamili', { into: 'lawmaker '.length + 3 });
    const defs = await waitFor(
      () => vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri(), pos),
      (d) => (d?.length ?? 0) > 0,
      { what: 'a definition for al-Zamili' },
    );
    const first = defs[0];
    const target = 'targetUri' in first ? { uri: first.targetUri, range: first.targetSelectionRange ?? first.targetRange } : first;
    assert.strictEqual(target.uri.toString(), uri().toString());
    assert.strictEqual(doc.getText(target.range), 'Hakim al-Zamili');
    assert.deepStrictEqual(target.range.start, positionOf(doc, 'Hakim al-Zamili', { into: 0 }));
  });

  it('semantic tokens colour "Hakim al-Zamili" as an actor', async () => {
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', uri());
    assert.ok(legend?.tokenTypes.includes('actor'), `legend: ${JSON.stringify(legend)}`);
    const name = positionOf(doc, 'Hakim al-Zamili', { into: 0 });
    const tokenTypeAt = (tokens: vscode.SemanticTokens | undefined): string | undefined => {
      const data = tokens?.data ?? new Uint32Array();
      let line = 0;
      let char = 0;
      for (let i = 0; i + 4 < data.length; i += 5) {
        line += data[i];
        char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
        if (line === name.line && char <= name.character && name.character < char + data[i + 2]) return legend.tokenTypes[data[i + 3]];
      }
      return undefined;
    };
    const tokens = await waitFor(
      () => vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', uri()),
      (t) => tokenTypeAt(t) === 'actor',
      { what: 'an "actor" semantic token on Hakim al-Zamili' },
    );
    assert.strictEqual(tokenTypeAt(tokens), 'actor');
  });

  it('folding ranges are provided for the article and its comments', async () => {
    const ranges = await waitFor(
      () => vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri()),
      (r) => (r?.length ?? 0) > 0,
      { what: 'folding ranges in seed 001' },
    );
    for (const r of ranges) assert.ok(r.end > r.start && r.end < doc.lineCount, `bad folding range ${r.start}-${r.end}`);
  });
});
