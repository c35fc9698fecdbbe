import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateDossier, dossier, positionOf, SEED_001, waitForHover, workspaceRoot, type DossierTestApi } from '../helpers';
import { waitFor } from '../waitFor';

/*
 * Dossier as a user gets it: installed from the .vsix into a fresh extensions
 * folder, in a window on an empty folder. The e2e
 * harness (scripts/e2e/packaged.mjs) passes the extensions folder in
 * $DOSSIER_E2E_EXTENSIONS_DIR.
 */

interface OpenSamplesResult {
  folder: string;
  copied: string[];
  skipped: string[];
}

interface Manifest {
  contributes: { walkthroughs: Array<{ id: string; steps: Array<{ id: string; description: string; media: { markdown?: string } }> }> };
}

/** A sample the user already has in the folder, with their own text: it must survive. */
const USERS_OWN = '004_e53c0ad875243b71.txt';
const USERS_TEXT = 'My own copy, with my own notes.\n';

const manifest = () => dossier().packageJSON as Manifest;
const shippedSamples = () =>
  fs
    .readdirSync(path.join(dossier().extensionPath, 'media', 'samples'))
    .filter((f) => f.endsWith('.txt'))
    .sort();

describe('Dossier installed from its .vsix', () => {
  it('runs from the extensions folder, without sources or tests', () => {
    const extensionsDir = process.env.DOSSIER_E2E_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'DOSSIER_E2E_EXTENSIONS_DIR is set by the harness');
    const at = dossier().extensionPath;
    assert.ok(at.startsWith(path.resolve(extensionsDir) + path.sep), `Dossier runs from ${at}, not from ${extensionsDir}`);
    for (const dir of ['client', 'server', 'test', 'node_modules'])
      assert.ok(!fs.existsSync(path.join(at, dir)), `${dir}/ is not packaged`);
  });

  it('ships the five sample documents and the walkthrough’s media', () => {
    assert.strictEqual(shippedSamples().length, 5, shippedSamples().join(', '));
    const steps = manifest().contributes.walkthroughs.flatMap((w) => w.steps);
    assert.strictEqual(steps.length, 5);
    for (const step of steps) {
      assert.ok(step.media.markdown, `step ${step.id} has a markdown description`);
      assert.ok(fs.existsSync(path.join(dossier().extensionPath, step.media.markdown)), `${step.media.markdown} is packaged`);
    }
  });

  it('the walkthrough’s first step copies the samples into the empty folder, keeps the user’s file of the same name, and opens a sample', async () => {
    // A first-time user's Open Sample Documents is often what activates
    // Dossier, and runs before the language server is up: it must not need
    // the server. Stopping the server makes that state certain.
    const api = (await activateDossier()) as DossierTestApi & { client: { stop(): Promise<void> } };
    await api.client.stop();
    const root = workspaceRoot();
    fs.writeFileSync(path.join(root, USERS_OWN), USERS_TEXT);
    const first = manifest().contributes.walkthroughs[0].steps[0];
    const command = /\(command:([\w.]+)\)/.exec(first.description)?.[1];
    assert.strictEqual(command, 'dossier.openSamples');
    const result = await vscode.commands.executeCommand<OpenSamplesResult | undefined>(command, vscode.Uri.file(root));
    assert.ok(result, 'the command ran without a language server');
    assert.deepStrictEqual(result.skipped, [USERS_OWN]);
    assert.deepStrictEqual(
      result.copied,
      shippedSamples().filter((f) => f !== USERS_OWN),
    );
    assert.strictEqual(fs.readFileSync(path.join(root, USERS_OWN), 'utf8'), USERS_TEXT);
    for (const f of result.copied) {
      assert.strictEqual(
        fs.readFileSync(path.join(root, f), 'utf8'),
        fs.readFileSync(path.join(dossier().extensionPath, 'media', 'samples', f), 'utf8'),
      );
    }
    assert.strictEqual(path.basename(vscode.window.activeTextEditor?.document.uri.fsPath ?? ''), SEED_001);
    await vscode.commands.executeCommand('dossier.restartServer');
    await waitFor(() => api.client.isRunning(), Boolean, { what: 'the language server to run again', timeout: 60_000 });
  });

  it('a hover on a name in a copied sample says who it is', async () => {
    await activateDossier();
    const uri = vscode.Uri.file(path.join(workspaceRoot(), SEED_001));
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await waitForHover(
      uri,
      positionOf(doc, 'Hakim al-Zamili', { into: 3 }),
      (t) => /parliamentary committee/.test(t),
      'a hover on Hakim al-Zamili',
      60_000,
    );
    assert.match(text, /Hakim al-Zamili/);
    assert.match(text, /Person/);
  });

  it('refuses to copy the samples into its own install folder', async () => {
    const inside = path.join(dossier().extensionPath, 'samples-copy-by-test');
    const result = await vscode.commands.executeCommand<OpenSamplesResult | undefined>('dossier.openSamples', inside);
    assert.strictEqual(result, undefined);
    assert.ok(!fs.existsSync(inside));
  });
});
