import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateDossier, dossier, SEED_001, workspaceRoot } from './helpers';

interface OpenSamplesResult {
  folder: string;
  copied: string[];
  skipped: string[];
}

const txtFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();

/** `Dossier: Open Sample Documents` in the development build (packaged/ runs it against the installed .vsix). */
describe('Open Sample Documents', () => {
  before(() => activateDossier());

  it('into the folder this window shows: every file already there is left alone, and a sample opens without a reload', async () => {
    const root = workspaceRoot();
    const shipped = txtFiles(path.join(dossier().extensionPath, 'media', 'samples'));
    assert.strictEqual(shipped.length, 5, 'the extension holds the five samples in media/samples');
    const before = new Map(shipped.map((f) => [f, fs.statSync(path.join(root, f)).mtimeMs]));
    const bytesBefore = new Map(shipped.map((f) => [f, fs.readFileSync(path.join(root, f))]));
    const result = await vscode.commands.executeCommand<OpenSamplesResult | undefined>('dossier.openSamples', vscode.Uri.file(root));
    assert.ok(result, 'the command should report what it did');
    assert.deepStrictEqual(result.copied, []);
    assert.deepStrictEqual(result.skipped, shipped);
    for (const [f, mtime] of before) {
      // Say whether the bytes changed too, so that a failure tells a copy over the file from a touch by something else.
      const same = fs.readFileSync(path.join(root, f)).equals(bytesBefore.get(f) as Buffer);
      assert.strictEqual(fs.statSync(path.join(root, f)).mtimeMs, mtime, `${f} was rewritten (${same ? 'same' : 'different'} bytes)`);
    }
    assert.strictEqual(path.basename(vscode.window.activeTextEditor?.document.uri.fsPath ?? ''), SEED_001);
  });

  it('never into the extension’s own folder', async () => {
    const inside = path.join(dossier().extensionPath, 'samples-copy-by-test');
    const result = await vscode.commands.executeCommand<OpenSamplesResult | undefined>('dossier.openSamples', inside);
    assert.strictEqual(result, undefined);
    assert.ok(!fs.existsSync(inside), `${inside} should not have been created`);
  });
});
