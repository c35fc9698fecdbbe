import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateDossier, dossier, openSeed, SEED_001, seedUri } from './helpers';
import { waitFor } from './waitFor';

describe('Activation', () => {
  it('activates when a .txt document is opened and returns { client, ready } with a running client', async () => {
    await openSeed(SEED_001);
    const ext = dossier();
    await waitFor(() => ext.isActive, Boolean, { what: 'dossier-dev.dossier to be active' });
    const api = await activateDossier();
    assert.ok(api.client, 'activate() should expose the language client');
    assert.strictEqual(api.client.isRunning(), true, 'the language client should be running once ready resolves');
  });

  it('switches an opened .txt seed to the "Source Document" language', async () => {
    await activateDossier();
    const uri = seedUri(SEED_001);
    await openSeed(SEED_001);
    const languageId = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId,
      (id) => id === 'dossier-source',
      { what: `${SEED_001} to switch to the dossier-source language` },
    );
    assert.strictEqual(languageId, 'dossier-source');
  });

  it('registers every command contributed in package.json', async () => {
    await activateDossier();
    const contributed: { command: string }[] = dossier().packageJSON?.contributes?.commands ?? [];
    assert.ok(contributed.length >= 3, `package.json should contribute commands, found ${contributed.length}`);
    // getCommands(true) leaves out internal commands (ids starting with "_"),
    // so those are looked up in the full list.
    const visible = new Set(await vscode.commands.getCommands(true));
    const all = new Set(await vscode.commands.getCommands(false));
    const missing = contributed.map((c) => c.command).filter((id) => !(id.startsWith('_') ? all : visible).has(id));
    assert.deepStrictEqual(missing, [], `contributed commands that are not registered: ${missing.join(', ')}`);
  });
});
