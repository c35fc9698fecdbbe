// npm run test:e2e — run the VS Code integration suite (test/vscode) inside a
// real VS Code extension host (code-server 4.100.3 = VS Code 1.100.3, offline),
// then UI checks in the workbench with Chromium + playwright-core; then the
// same for the packaged extension (packaged.mjs: build the .vsix, install it,
// test/vscode/packaged, the walkthrough).
//
// Steps: install code-server/Chromium if missing (scripts/e2e/install.mjs) →
// build (npm run build, tsc -p test/vscode) → copy the sample documents
// (media/samples) to a temp dir → start code-server → open the workbench with
// the extensionDevelopmentPath / extensionTestsPath payload → wait for the
// results file written by test/vscode/index.ts → UI checks → the packaged run
// → print `N passed, N failed`.
//
// Options (env):
//   DOSSIER_E2E_TIMEOUT_MS   overall deadline (default 600000 = 10 min)
//   DOSSIER_E2E_SKIP_BUILD=1 don't run `npm run build` / `tsc -p test/vscode`
//   DOSSIER_E2E_SKIP_UI=1    only the in-host tests
//   DOSSIER_E2E_SKIP_PACKAGED=1 only the development build
//   DOSSIER_E2E_ONLY_PACKAGED=1 only the packaged extension
//   DOSSIER_E2E_KEEP=1       keep the temp dir (logs, workspace copy)
//   DOSSIER_E2E_UPDATE_DOCS=1 copy the UI screenshots to docs/*.png
//   DOSSIER_E2E_THEME        a colour theme for the run ("Default Dark Modern", "Default High Contrast"…),
//                            to look at the screenshots in dark and high-contrast themes
//   DOSSIER_E2E_GREP         run only the in-host tests whose title matches
//   DOSSIER_E2E_CACHE        install dir (default ~/.cache/dossier-e2e)
//   DOSSIER_E2E_EXTENSION_PATH / DOSSIER_E2E_TESTS_PATH / DOSSIER_E2E_WORKSPACE
//                            run another extension/suite/workspace (harness checks)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled, chromiumPath } from './install.mjs';
import { startCodeServer, workbenchUrl, writeUserSettings } from './codeServer.mjs';
import { runPackaged } from './packaged.mjs';
import { openPage, runInHostSuite } from './suite.mjs';
import { runUiChecks } from './uiChecks.mjs';
import { log, run } from './util.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;
const TIMEOUT_MS = Number(env.DOSSIER_E2E_TIMEOUT_MS || 600_000);
const extensionPath = path.resolve(env.DOSSIER_E2E_EXTENSION_PATH || repoRoot);
const testsPath = path.resolve(env.DOSSIER_E2E_TESTS_PATH || path.join(repoRoot, 'out', 'test', 'vscode', 'index.js'));
const fixtureWorkspace = path.resolve(env.DOSSIER_E2E_WORKSPACE || path.join(repoRoot, 'media', 'samples'));
const resultsDir = path.join(repoRoot, 'test-results');
const t0 = Date.now();

const cleanups = [];
let cleaningUp = null;
function cleanup() {
  cleaningUp ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error(`[e2e] cleanup: ${err.message}`);
      }
    }
  })();
  return cleaningUp;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\n[e2e] ${sig}: stopping code-server and the browser`);
    cleanup().finally(() => process.exit(130));
  });
}

function makeWritable(dir) {
  fs.chmodSync(dir, 0o755);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) makeWritable(p);
    else fs.chmodSync(p, 0o644);
  }
}

/** `sections`: [{ label, inHost, ui }], one per run (development build, packaged .vsix). */
function printSummary(sections) {
  const rows = sections.flatMap(({ label, inHost, ui }) => [
    ...(inHost?.tests ?? []).map((t) => ({ ...t, kind: `${label}` })),
    ...ui.map((t) => ({ ...t, kind: `${label} ui` })),
  ]);
  console.log('');
  for (const r of rows) {
    const mark = r.state === 'passed' ? '✓' : '✗';
    console.log(`  ${mark} [${r.kind}] ${r.title}${r.duration != null ? ` (${r.duration} ms)` : ''}`);
  }
  const failures = rows.filter((r) => r.state !== 'passed');
  if (failures.length) {
    console.log('\nFailures:');
    failures.forEach((f, i) =>
      console.log(
        `\n  ${i + 1}) [${f.kind}] ${f.title}\n     ${String(f.error ?? 'failed')
          .split('\n')
          .join('\n     ')}`,
      ),
    );
  }
  const passed = rows.length - failures.length;
  const version = sections.find((s) => s.inHost?.vscodeVersion)?.inHost.vscodeVersion ?? '?';
  console.log(`\n(in VS Code ${version}; ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(`${passed} passed, ${failures.length} failed`);
  return { passed, failed: failures.length };
}

/** Results that say a suite did not run at all, as failed rows. */
function suiteFailures(inHost) {
  const rows = [];
  if (inHost.fatal) rows.push({ title: 'in-host suite ran', state: 'failed', error: inHost.fatal });
  if ((inHost.tests ?? []).length === 0) rows.push({ title: 'in-host suite has tests', state: 'failed', error: 'no in-host tests ran' });
  return rows;
}

const remaining = () => TIMEOUT_MS - (Date.now() - t0) - 15_000;

/** The suite of test/vscode against the extension under development, then the UI checks. */
async function runDevelopmentBuild(browser, tmp) {
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(fixtureWorkspace, workspace, { recursive: true });
  makeWritable(workspace); // the fixtures are read-only; tests may write sidecar files
  const userDataDir = path.join(tmp, 'user');
  writeUserSettings(userDataDir, env.DOSSIER_E2E_THEME ? { 'workbench.colorTheme': env.DOSSIER_E2E_THEME } : {});
  const resultsFile = path.join(tmp, 'results.json');
  const serverLog = path.join(resultsDir, 'code-server.log');
  fs.rmSync(serverLog, { force: true });

  const server = await startCodeServer({
    workspace,
    userDataDir,
    extensionsDir: path.join(tmp, 'extensions'),
    logFile: serverLog,
    env: { DOSSIER_E2E_RESULTS: resultsFile, DOSSIER_E2E: '1' },
  });
  cleanups.push(() => server.stop());
  const page = await openPage(browser, path.join(resultsDir, 'browser-console.log'), cleanups);

  const url = workbenchUrl(server.origin, workspace, { extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath });
  const inHost = await runInHostSuite({
    page,
    url,
    server,
    serverLog,
    resultsFile,
    consoleLogName: 'browser-console.log',
    timeout: remaining(),
  });
  fs.copyFileSync(resultsFile, path.join(resultsDir, 'vscode-results.json'));

  let ui = [];
  if (!env.DOSSIER_E2E_SKIP_UI) {
    // VS Code ends the extension host once the tests module's run() returns,
    // so the UI checks get a fresh workbench with the extension loaded the
    // way a developer has it (no tests module).
    log('UI checks: reopening the workbench with the extension under development');
    await page.goto(workbenchUrl(server.origin, workspace, { extensionDevelopmentPath: extensionPath }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    ui = await runUiChecks(page, { resultsDir, docsDir: env.DOSSIER_E2E_UPDATE_DOCS ? path.join(repoRoot, 'docs') : null });
  }
  await server.stop(); // the packaged run starts its own; two at once would share 2 cores
  return { label: 'vscode', inHost, ui: [...ui, ...suiteFailures(inHost)] };
}

async function main() {
  await ensureInstalled();

  if (!env.DOSSIER_E2E_SKIP_BUILD && !env.DOSSIER_E2E_EXTENSION_PATH) {
    log('npm run build');
    await run('npm', ['run', 'build'], { cwd: repoRoot });
    // Just the suites (test/vscode/tsconfig.json: same output as `tsc -p .`),
    // so a type error elsewhere in the tree is npm test's business, not this run's.
    log('tsc -p test/vscode');
    await run('npx', ['tsc', '-p', 'test/vscode'], { cwd: repoRoot });
  }
  if (!fs.existsSync(testsPath)) throw new Error(`tests module not found: ${testsPath} (run tsc -p .)`);
  if (!fs.existsSync(fixtureWorkspace)) throw new Error(`fixture workspace not found: ${fixtureWorkspace}`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-'));
  if (env.DOSSIER_E2E_KEEP) log(`temp dir kept: ${tmp}`);
  else cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.mkdirSync(resultsDir, { recursive: true });

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  cleanups.push(() => browser.close());

  const sections = [];
  if (!env.DOSSIER_E2E_ONLY_PACKAGED) sections.push(await runDevelopmentBuild(browser, tmp));
  // Another extension or suite (harness checks) has no .vsix of Dossier to test.
  if (!env.DOSSIER_E2E_SKIP_PACKAGED && !env.DOSSIER_E2E_EXTENSION_PATH && !env.DOSSIER_E2E_TESTS_PATH) {
    const packaged = await runPackaged({ repoRoot, browser, tmp, resultsDir, cleanups, timeout: remaining() });
    sections.push({ label: 'packaged', inHost: packaged.inHost, ui: [...packaged.ui, ...suiteFailures(packaged.inHost)] });
  }
  return printSummary(sections);
}

const deadline = setTimeout(() => {
  console.error(`\n[e2e] overall deadline of ${TIMEOUT_MS / 1000} s passed`);
  console.log('0 passed, 1 failed');
  cleanup().finally(() => process.exit(1));
}, TIMEOUT_MS);

let exitCode = 1;
try {
  const { failed, passed } = await main();
  exitCode = failed === 0 && passed > 0 ? 0 : 1;
} catch (err) {
  console.error(`\n[e2e] ${err.stack ?? err}`);
  console.log('0 passed, 1 failed');
} finally {
  clearTimeout(deadline);
  await cleanup();
}
process.exit(exitCode);
