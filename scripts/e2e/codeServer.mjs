// Start/stop the offline code-server installed by install.mjs.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { codeServerEntry } from './install.mjs';
import { freePort, log, waitFor } from './util.mjs';

/** Quiet workbench settings for a throwaway user-data dir. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 150,
  'files.hotExit': 'off',
  'outline.collapseItems': 'alwaysCollapse', // all Outline groups fit on screen
};

export function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...extra }, null, 2));
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/**
 * Start code-server on a free loopback port in its own process group.
 * Returns { port, origin, proc, stop }. `stop()` kills the whole group.
 */
export async function startCodeServer({ workspace, userDataDir, extensionsDir, logFile, env = {}, port }) {
  port ??= await freePort();
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    workspace,
  ];
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const proc = spawn(process.execPath, args, {
    detached: true, // own process group, so stop() also reaches the extension host and language server
    stdio: ['ignore', out, out],
    env: { ...process.env, ...env },
  });
  if (typeof out === 'number') fs.closeSync(out);
  let exited = null;
  proc.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const group = -proc.pid;
    try {
      process.kill(group, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const deadline = Date.now() + 5000;
    while (exited === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // Whatever is left in the group (extension host, language server) goes too.
    try {
      process.kill(group, 'SIGKILL');
    } catch {
      /* group already empty */
    }
  };

  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)})${logFile ? `; see ${logFile}` : ''}`);
        const status = await httpStatus(`${origin}/healthz`);
        return status === 200;
      },
      { timeout: 60_000, interval: 250, what: `code-server on ${origin}` },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  log(`code-server ${origin} (pid ${proc.pid})`);
  return {
    port,
    origin,
    proc,
    stop,
    get exited() {
      return exited;
    },
  };
}

/** Workbench URL that opens `folder`, optionally with extension-development payload. */
export function workbenchUrl(origin, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  const host = new URL(origin).host;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let url = `${origin}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
