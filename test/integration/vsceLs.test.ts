import { spawnSync } from 'child_process';
import * as assert from 'assert';
import * as path from 'path';
import { assertPackageContents } from '../unit/packageContents';
import { repoRoot } from '../unit/util';

describe('vsce ls', () => {
  it('lists the five samples and the walkthrough, and no sources or tests (dependencies resolved with npm, as `vsce package` does)', function () {
    this.timeout(60_000);
    const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    const r = spawnSync(process.execPath, [vsce, 'ls'], { cwd: repoRoot, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assertPackageContents(r.stdout.split('\n').filter(Boolean));
  });
});
