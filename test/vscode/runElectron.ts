/**
 * npm run test:vscode — the same suite as `npm run test:e2e`, through
 * @vscode/test-electron (downloads VS Code; needs internet). On machines
 * without internet it fails fast and points at the offline runner.
 *
 * Env: VSCODE_EXECUTABLE_PATH (use an installed VS Code, no download),
 * VSCODE_VERSION (default "stable"), DOSSIER_E2E_GREP (filter tests).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { withTimeout } from './waitFor';

const DOWNLOAD_DEADLINE_MS = 10 * 60_000;

async function main(): Promise<number> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..'); // out/test/vscode → repo
  const fixtures = path.join(repoRoot, 'media', 'samples');
  // Tests edit documents in memory; a copy keeps the fixtures safe all the same.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-vscode-'));
  const workspace = path.join(tmp, 'seeds');
  fs.cpSync(fixtures, workspace, { recursive: true });
  makeWritable(workspace); // the fixtures are read-only; tests may write sidecar files
  const resultsFile = path.join(tmp, 'results.json');
  try {
    let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
    if (!vscodeExecutablePath) {
      try {
        vscodeExecutablePath = await withTimeout(
          downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION || 'stable', timeout: 15_000 }),
          DOWNLOAD_DEADLINE_MS,
          'the VS Code download',
        );
      } catch (err) {
        console.error(
          `\ncould not download VS Code (no internet?) — use npm run test:e2e\n  (${err instanceof Error ? err.message : String(err)})`,
        );
        return 1;
      }
    }
    const exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: {
        DOSSIER_E2E_RESULTS: resultsFile,
        ...(process.env.DOSSIER_E2E_GREP ? { DOSSIER_E2E_GREP: process.env.DOSSIER_E2E_GREP } : {}),
      },
    }).catch((err: unknown) => {
      console.error(`VS Code tests failed: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    });
    if (fs.existsSync(resultsFile)) {
      const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { passed: number; failed: number };
      console.log(`${results.passed} passed, ${results.failed} failed`);
      return results.failed === 0 && exitCode === 0 ? 0 : 1;
    }
    console.error('the tests module wrote no results');
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function makeWritable(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) makeWritable(p);
    else fs.chmodSync(p, 0o644);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
