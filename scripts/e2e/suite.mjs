// Pieces shared by the e2e runs (run.mjs: the development build;
// packaged.mjs: the installed .vsix): a browser page that logs its console,
// and one in-host mocha suite run through the workbench URL payload.
import fs from 'node:fs';
import { log, waitFor } from './util.mjs';

/** A new page of `browser` whose console goes to `logFile`. */
export async function openPage(browser, logFile, cleanups) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const consoleLog = fs.createWriteStream(logFile);
  // Cleanups run in reverse, so the log ends before the context closes, and
  // a page may still log while closing: a write after end would be an
  // unhandled stream error that fails a run whose tests all passed.
  let open = true;
  const write = (line) => {
    if (open) consoleLog.write(line);
  };
  cleanups.push(
    () =>
      new Promise((r) => {
        open = false;
        consoleLog.end(r);
      }),
  );
  consoleLog.on('error', (err) => log(`browser console log ${logFile}: ${err.message}`));
  page.on('console', (msg) => write(`[${msg.type()}] ${msg.text()}\n`));
  page.on('pageerror', (err) => write(`[pageerror] ${err.message}\n`));
  return page;
}

/**
 * Open `url` (a workbench URL with an extensionTestsPath payload) and wait
 * for the results file that test/vscode/index.ts writes.
 */
export async function runInHostSuite({ page, url, server, serverLog, resultsFile, consoleLogName, timeout }) {
  log(`opening workbench: ${url}`);
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  log('workbench up; waiting for the in-host test results');
  const results = await waitFor(
    () => {
      if (server.exited) throw new Error(`code-server exited (${JSON.stringify(server.exited)}); see ${serverLog}`);
      if (!fs.existsSync(resultsFile)) return null;
      try {
        return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
      } catch {
        return null;
      } // half-written
    },
    {
      timeout: Math.max(10_000, timeout),
      interval: 500,
      what: `in-host test results (${resultsFile}); see test-results/${consoleLogName}`,
    },
  );
  log(`in-host tests: ${results.passed} passed, ${results.failed} failed`);
  if (results.fatal) log(`in-host suite error: ${results.fatal}`);
  return results;
}
