import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateDossier, dossier, openSeed, positionOf, SEED_001, waitForHover } from './helpers';
import { waitFor } from './waitFor';

const mentionsHere = (hover: string): number | undefined => {
  const m = /Mentions:?\s*\**(\d+)\**\s*here/.exec(hover);
  return m ? Number(m[1]) : undefined;
};

describe('Live analysis', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    await activateDossier();
    editor = await openSeed(SEED_001);
  });

  after(async () => {
    // Leave the seed unmodified (in memory) for the tests and UI checks that follow.
    editor = await openSeed(SEED_001);
    if (editor.document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('an edit that adds a mention updates the hover count, and reverting restores it', async () => {
    const doc = editor.document;
    const at = positionOf(doc, 'Hakim al-Zamili', { into: 3 });
    const before = mentionsHere(await waitForHover(doc.uri, at, (t) => mentionsHere(t) !== undefined, 'a hover with "Mentions: N here"'))!;

    const insertAt = new vscode.Position(positionOf(doc, 'Earlier, Hakim al-Zamili threatened').line + 1, 0);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, insertAt, '\nOn Sunday, Hakim al-Zamili repeated the warning.\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
    assert.ok(doc.isDirty);
    const after = await waitForHover(doc.uri, at, (t) => mentionsHere(t) === before + 1, `"Mentions: ${before + 1} here" after the edit`);
    assert.strictEqual(mentionsHere(after), before + 1);

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => !doc.isDirty, Boolean, { what: 'the revert' });
    await waitForHover(doc.uri, at, (t) => mentionsHere(t) === before, `"Mentions: ${before} here" after reverting`);
  });

  it('"Dossier: Restart Language Server" brings the server back with working hovers', async () => {
    const api = await activateDossier();
    await vscode.commands.executeCommand('dossier.restartServer');
    await waitFor(() => api.client.isRunning(), Boolean, { what: 'the client to run again', timeout: 60_000 });
    const doc = await vscode.workspace.openTextDocument(editor.document.uri);
    const text = await waitForHover(
      doc.uri,
      positionOf(doc, 'Hakim al-Zamili', { into: 3 }),
      (t) => t.includes('Hakim al-Zamili'),
      'a hover after the restart',
      60_000,
    );
    assert.match(text, /Hakim al-Zamili/);
    assert.ok(dossier().isActive);
  });
});
