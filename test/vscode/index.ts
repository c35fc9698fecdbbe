/**
 * Entry point that VS Code loads as `extensionTestsPath`: runs mocha over
 * out/test/vscode/*.test.js inside the extension host. packaged/index.ts runs
 * packaged/*.test.js the same way, against Dossier installed from its .vsix.
 *
 * Results (counts, each test, failure messages) are also written as JSON to
 * the file named by $DOSSIER_E2E_RESULTS (default: <tmpdir>/dossier-vscode-test-results.json),
 * because in code-server the page never closes by itself: scripts/e2e/run.mjs
 * waits for that file. `run()` rejects when a test fails, which is what
 * @vscode/test-electron turns into a non-zero exit code.
 *
 * $DOSSIER_E2E_GREP limits the run to tests whose full title matches.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  duration?: number;
  error?: string;
}

export interface SuiteResults {
  vscodeVersion: string;
  passed: number;
  failed: number;
  tests: TestResult[];
  /** Set when the suite could not run at all (e.g. a test file failed to load). */
  fatal?: string;
}

export function resultsFile(): string {
  return process.env.DOSSIER_E2E_RESULTS || path.join(os.tmpdir(), 'dossier-vscode-test-results.json');
}

function writeResults(results: SuiteResults): void {
  const file = resultsFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, JSON.stringify(results, null, 2));
  fs.renameSync(partial, file); // the driver never sees a half-written file
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/** Close the editors the tests opened (reverting any edits) so UI checks start from a clean workbench. */
async function tidyUp(): Promise<void> {
  const close = async () => {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  };
  await Promise.race([close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000))]);
}

export function run(): Promise<void> {
  return runSuite(__dirname);
}

/** Runs the *.test.js files of `dir` (this folder, or packaged/ for the suite against the installed .vsix). */
export async function runSuite(dir: string): Promise<void> {
  const results: SuiteResults = { vscodeVersion: vscode.version, passed: 0, failed: 0, tests: [] };
  const mocha = new Mocha({ ui: 'bdd', timeout: 75_000, color: false, reporter: 'spec' });
  if (process.env.DOSSIER_E2E_GREP) mocha.grep(process.env.DOSSIER_E2E_GREP);
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(dir, file));
  }
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => {
        results.passed++;
        results.tests.push({ title: test.fullTitle(), state: 'passed', duration: test.duration });
      });
      runner.on('fail', (test, err) => {
        results.failed++;
        results.tests.push({ title: test.fullTitle(), state: 'failed', duration: test.duration, error: errorText(err) });
      });
    });
  } catch (err) {
    results.fatal = errorText(err);
  }
  await tidyUp();
  if (results.passed + results.failed === 0 && !results.fatal) results.fatal = 'no tests ran';
  writeResults(results);
  if (results.fatal) throw new Error(`VS Code test suite did not run: ${results.fatal}`);
  if (results.failed > 0) throw new Error(`${results.failed} VS Code test(s) failed`);
}
