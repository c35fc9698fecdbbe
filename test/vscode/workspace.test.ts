import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateDossier, documentsOf, openSeed, positionOf, SEED_001, seedUri } from './helpers';
import { waitFor } from './waitFor';

/** Cross-document features: the server indexes the whole seeds folder. */
describe('Across the workspace', () => {
  before(async () => {
    await activateDossier();
    await openSeed(SEED_001);
  });

  it('find all references on "Abadi" returns mentions in two or more documents', async () => {
    const doc = await vscode.workspace.openTextDocument(seedUri(SEED_001));
    const refs = await waitFor(
      () =>
        vscode.commands.executeCommand<vscode.Location[]>(
          'vscode.executeReferenceProvider',
          doc.uri,
          positionOf(doc, 'Abadi', { into: 2 }),
        ),
      (r) => documentsOf((r ?? []).map((l) => l.uri)).length >= 2,
      { what: 'references to Abadi in 2+ documents', timeout: 45_000 },
    );
    for (const ref of refs) {
      const text = (await vscode.workspace.openTextDocument(ref.uri)).getText(ref.range);
      assert.match(text, /Aba|Haid|Hayd/, `reference "${text}" in ${ref.uri.fsPath}`);
    }
  });

  it('workspace symbol search "Zamili" finds him in three or more documents', async () => {
    const symbols = await waitFor(
      () => vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Zamili'),
      (s) => documentsOf((s ?? []).map((x) => x.location.uri)).length >= 3,
      { what: 'workspace symbols for Zamili in 3+ documents', timeout: 45_000 },
    );
    for (const s of symbols) assert.match(s.name, /Zamili/i, `unexpected symbol ${s.name}`);
  });
});
