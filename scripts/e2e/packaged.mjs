// The e2e run against the packaged extension, as a user gets it: build the
// .vsix (`npm run package`), install it into a fresh extensions folder with
// code-server's --install-extension, open a window on an empty folder, and run
// test/vscode/packaged there (the walkthrough's first step, Open Sample
// Documents, into that folder; a hover on a name; what the .vsix holds). Then a
// UI check: the walkthrough renders and its first button runs the command.
import fs from 'node:fs';
import path from 'node:path';
import { codeServerEntry } from './install.mjs';
import { startCodeServer, workbenchUrl, writeUserSettings } from './codeServer.mjs';
import { openPage, runInHostSuite } from './suite.mjs';
import { log, run, waitFor } from './util.mjs';

const EXTENSION_ID = 'dossier-dev.dossier';

export async function runPackaged({ repoRoot, browser, tmp, resultsDir, cleanups, timeout }) {
  const t0 = Date.now();
  const base = path.join(tmp, 'packaged');
  fs.mkdirSync(base, { recursive: true });
  const vsix = path.join(base, 'dossier.vsix');
  log('npm run package (vsce; vscode:prepublish makes the production build in dist/)');
  await run('npm', ['run', 'package', '--', '--out', vsix], { cwd: repoRoot });

  const extensionsDir = path.join(base, 'extensions');
  const userDataDir = path.join(base, 'user');
  writeUserSettings(userDataDir);
  log(`code-server --install-extension ${vsix}`);
  await run(process.execPath, [
    codeServerEntry,
    '--extensions-dir',
    extensionsDir,
    '--user-data-dir',
    userDataDir,
    '--install-extension',
    vsix,
  ]);
  const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith(`${EXTENSION_ID}-`));
  if (installed.length !== 1)
    throw new Error(`expected ${EXTENSION_ID} once in ${extensionsDir}, found: ${fs.readdirSync(extensionsDir).join(', ') || 'nothing'}`);
  log(`installed: ${installed[0]}`);

  // An empty folder: the samples come from the extension, not from the repo.
  const workspace = path.join(base, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  // VS Code runs an extensionTestsPath only together with an
  // extensionDevelopmentPath. This one is an empty extension, so the Dossier
  // that runs is the installed one.
  const driver = path.join(base, 'driver');
  fs.mkdirSync(driver, { recursive: true });
  fs.writeFileSync(
    path.join(driver, 'package.json'),
    JSON.stringify(
      {
        name: 'dossier-e2e-driver',
        publisher: 'dossier-dev',
        version: '0.0.0',
        engines: { vscode: '^1.100.0' },
      },
      null,
      2,
    ),
  );

  const resultsFile = path.join(base, 'results.json');
  const serverLog = path.join(resultsDir, 'code-server-packaged.log');
  fs.rmSync(serverLog, { force: true });
  const server = await startCodeServer({
    workspace,
    userDataDir,
    extensionsDir,
    logFile: serverLog,
    env: { DOSSIER_E2E_RESULTS: resultsFile, DOSSIER_E2E_EXTENSIONS_DIR: extensionsDir },
  });
  cleanups.push(() => server.stop());
  const consoleLogName = 'browser-console-packaged.log';
  const page = await openPage(browser, path.join(resultsDir, consoleLogName), cleanups);
  const testsPath = path.join(repoRoot, 'out', 'test', 'vscode', 'packaged', 'index.js');
  if (!fs.existsSync(testsPath)) throw new Error(`tests module not found: ${testsPath} (run tsc -p test/vscode)`);
  const url = workbenchUrl(server.origin, workspace, { extensionDevelopmentPath: driver, extensionTestsPath: testsPath });
  const inHost = await runInHostSuite({ page, url, server, serverLog, resultsFile, consoleLogName, timeout: timeout - (Date.now() - t0) });
  fs.copyFileSync(resultsFile, path.join(resultsDir, 'vscode-packaged-results.json'));

  let ui = [];
  if (!process.env.DOSSIER_E2E_SKIP_UI) {
    log('UI check: the walkthrough of the installed extension');
    await page.goto(workbenchUrl(server.origin, workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    ui = [await walkthroughCheck(page, resultsDir)];
  }
  await server.stop();
  return { inHost, ui };
}

const WALKTHROUGH = 'Get Started with Dossier';
const STEPS = ['Open the sample documents', 'Hover a name', 'Read a claim lens', 'Tag a passage', 'Find it in the Dossier sidebar'];

/** Open the walkthrough from the Command Palette, check its steps, press its first button. */
async function walkthroughCheck(page, resultsDir) {
  const title = `the walkthrough "${WALKTHROUGH}" lists its five steps and its first button asks where to copy the samples`;
  const started = Date.now();
  try {
    page.setDefaultTimeout(30_000);
    await page.locator('.part.statusbar').waitFor();
    await page
      .locator('.part.titlebar')
      .click({ position: { x: 250, y: 12 } })
      .catch(() => page.locator('.part.editor').click({ position: { x: 400, y: 300 } }));
    const input = page.locator('.quick-input-widget input');
    const pick = async (typed, label) => {
      await input.fill(typed);
      // Check the row before choosing it: the fuzzy match would take another command if this one were missing.
      const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first();
      await row.waitFor();
      await row.click();
    };
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await pick('>Welcome: Open Walkthrough', 'Welcome: Open Walkthrough');
    await pick('Dossier', WALKTHROUGH);

    const editor = page.locator('.part.editor');
    for (const step of STEPS) await editor.locator('.getting-started-step .step-title', { hasText: step }).first().waitFor();
    const first = editor.locator('.getting-started-step[data-step-id$="#openSamples"]');
    // The in-host run completed this step, so another one may be the expanded one.
    if ((await first.getAttribute('aria-expanded')) !== 'true') await first.click();
    const button = first.getByText('Open Sample Documents', { exact: true });
    await waitFor(() => button.isVisible(), { timeout: 10_000, what: 'the "Open Sample Documents" button' });
    await page.screenshot({ path: path.join(resultsDir, 'walkthrough.png') });
    await button.click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Dossier: Open Sample Documents' }).waitFor();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Choose a folder' }).first().waitFor();
    const asked = await input.getAttribute('placeholder');
    if (asked !== 'Where should the sample documents be copied to?') throw new Error(`the quick pick asks ${JSON.stringify(asked)}`);
    await page.screenshot({ path: path.join(resultsDir, 'walkthrough-open-samples.png') });
    await page.keyboard.press('Escape');
    return { title, state: 'passed', duration: Date.now() - started };
  } catch (err) {
    await page.screenshot({ path: path.join(resultsDir, 'failed-walkthrough.png') }).catch(() => {});
    return { title, state: 'failed', duration: Date.now() - started, error: err.message.split('\n').slice(0, 8).join('\n') };
  }
}
