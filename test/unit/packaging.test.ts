import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { assertPackageContents, walkthroughFiles, walkthroughSteps } from './packageContents';
import { repoRoot } from './util';

describe('packaging', () => {
  it('the .vsix (as .vscodeignore and vsce decide) holds the five samples and the walkthrough, and no sources or tests', async function () {
    this.timeout(20_000);
    // PackageManager.None: no `npm list` child process; the `vsce ls` command itself is test/integration/vsceLs.test.ts.
    assertPackageContents(await listFiles({ cwd: repoRoot, packageManager: PackageManager.None }));
  });

  it('the walkthrough goes open samples → hover → claim lens → tag → sidebar, and its first step runs dossier.openSamples', () => {
    const steps = walkthroughSteps();
    assert.deepStrictEqual(
      steps.map((s) => s.id),
      ['openSamples', 'hover', 'claimLens', 'tagPassage', 'sidebar'],
    );
    assert.match(steps[0].description, /\(command:dossier\.openSamples\)/);
    assert.deepStrictEqual(steps[0].completionEvents, ['onCommand:dossier.openSamples']);
    for (const file of walkthroughFiles()) assert.ok(fs.existsSync(path.join(repoRoot, file)), `${file} exists`);
  });

  it('every command a walkthrough step links to or completes on is contributed (or built in)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { commands: Array<{ command: string }>; views: Record<string, Array<{ id: string }>> };
    };
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const views = new Set(
      Object.values(manifest.contributes.views)
        .flat()
        .map((v) => v.id),
    );
    for (const step of walkthroughSteps()) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      const completing = (step.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length));
      for (const id of [...linked, ...completing]) {
        const known =
          commands.has(id) || id.startsWith('editor.action.') || (id.endsWith('.focus') && views.has(id.slice(0, -'.focus'.length)));
        assert.ok(known, `step ${step.id} uses command ${id}, which is not contributed`);
      }
      for (const e of (step.completionEvents ?? []).filter((e) => e.startsWith('onView:')))
        assert.ok(views.has(e.slice('onView:'.length)), `step ${step.id}: ${e}`);
    }
  });
});
