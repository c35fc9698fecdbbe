// Idempotent install of the offline VS Code used by the e2e tests:
// code-server 4.100.3 (= VS Code 1.100.3) from npm, plus Debian Chromium and
// the build dependencies of code-server's native modules from apt.
// Follows /work/shared/recipes/vscode-offline.md step by step.
//
// Everything lives outside the repo in ~/.cache/dossier-e2e (override with
// DOSSIER_E2E_CACHE). A marker file written at the very end records a finished
// install; reruns with a valid marker skip all the work.
//
// Usage: node scripts/e2e/install.mjs   (or import { ensureInstalled })
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { log, run } from './util.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const cacheDir = process.env.DOSSIER_E2E_CACHE || path.join(os.homedir(), '.cache', 'dossier-e2e');
export const installDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const markerFile = path.join(installDir, '.dossier-e2e-installed.json');

const APT_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'ripgrep', 'chromium'];
const NATIVE_MODULES = ['kerberos', '@parcel/watcher', '@vscode/spdlog', '@vscode/deviceid', 'native-watchdog', 'node-pty'];

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
}

function markerOk() {
  try {
    const m = JSON.parse(fs.readFileSync(markerFile, 'utf8'));
    return m.codeServer === CODE_SERVER_VERSION && m.nodeModulesAbi === process.versions.modules && fs.existsSync(codeServerEntry);
  } catch {
    return false;
  }
}

export function codeServerInstalled() {
  return markerOk();
}

function missingAptPackages() {
  return APT_PACKAGES.filter((pkg) => {
    try {
      const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      return !status.includes('install ok installed');
    } catch {
      return true;
    }
  });
}

async function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) {
    log('apt packages: already installed');
    return;
  }
  const isRoot = process.getuid?.() === 0;
  const sudo = (args) => (isRoot ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]]);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  log(`apt packages missing: ${missing.join(' ')} — apt-get update + install`);
  const t0 = Date.now();
  await run(...sudo(['update']), { env, label: 'apt-get update' });
  // --no-install-recommends keeps Chromium's install small (no mesa/llvm,
  // printing, upower...); fonts-liberation gives the workbench readable text.
  await run(...sudo(['install', '-y', '--no-install-recommends', ...APT_PACKAGES, 'fonts-liberation']), { env, label: 'apt-get install' });
  log(`apt packages installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** Env for node-gyp: use the local Node headers (no download) when present. */
function gypEnv() {
  const prefix = path.dirname(path.dirname(process.execPath));
  const env = { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  if (!process.env.npm_config_nodedir && fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = prefix;
  }
  return env;
}

async function installCodeServerPackages() {
  const env = gypEnv();
  const vscodeDir = path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode');
  fs.mkdirSync(installDir, { recursive: true });
  fs.writeFileSync(
    path.join(installDir, 'package.json'),
    JSON.stringify({ name: 'dossier-e2e-code-server', version: '1.0.0', private: true }, null, 2),
  );
  log(`npm install --ignore-scripts code-server@${CODE_SERVER_VERSION}`);
  await run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: installDir, env });
  log('npm install --omit=dev --ignore-scripts in lib/vscode and lib/vscode/extensions (in parallel)');
  await Promise.all([
    run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: vscodeDir, env }),
    run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: path.join(vscodeDir, 'extensions'), env }),
  ]);
  return vscodeDir;
}

async function buildNativeModules(vscodeDir) {
  const env = gypEnv();
  // Fetch node-gyp into the npx cache once, so the parallel builds below don't race on it.
  await run('npx', ['--yes', 'node-gyp', '--version'], { cwd: vscodeDir, env });
  const jobs = [
    () => run('npm', ['rebuild', 'argon2', '--build-from-source'], { cwd: installDir, env }),
    ...NATIVE_MODULES.map(
      (m) => () =>
        run('npx', ['--yes', 'node-gyp', 'rebuild'], { cwd: path.join(vscodeDir, 'node_modules', m), env, label: `node-gyp rebuild ${m}` }),
    ),
  ];
  // Two at a time (these machines have 2 cores).
  const width = Math.max(1, Math.min(os.cpus().length, 4));
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
}

async function finishVscodeTree(vscodeDir) {
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  fs.copyFileSync('/usr/bin/rg', path.join(rgDir, 'rg'));
  fs.chmodSync(path.join(rgDir, 'rg'), 0o755);
  const symlink = (target, link) => {
    fs.rmSync(link, { force: true });
    fs.symlinkSync(target, link);
  };
  symlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  await run('node', ['./postinstall.mjs'], { cwd: path.join(vscodeDir, 'extensions') });
  symlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
}

/**
 * One install at a time per cache dir (e.g. two test runs started together):
 * an atomic mkdir is the lock; a lock older than 20 minutes is stale.
 */
async function lockInstall() {
  const lock = `${installDir}.lock`;
  fs.mkdirSync(cacheDir, { recursive: true });
  for (let waited = false; ; waited = true) {
    try {
      fs.mkdirSync(lock);
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 20 * 60_000) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waited) log(`waiting for another install to finish (${lock})`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/**
 * Make sure code-server (and, unless `chromium: false`, Chromium) are
 * installed. Cheap when everything is already there.
 */
export async function ensureInstalled({ chromium = true } = {}) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20 exactly; this is Node ${process.versions.node}`);
  }
  if (markerOk() && missingAptPackages().length === 0) {
    log(`code-server ${CODE_SERVER_VERSION} and apt packages: already installed (${installDir})`);
    return;
  }
  const t0 = Date.now();
  if (markerOk()) {
    await ensureAptPackages();
  } else {
    const unlock = await lockInstall();
    try {
      if (markerOk()) {
        log('another run finished the install meanwhile');
        await ensureAptPackages();
      } else {
        log(`installing code-server ${CODE_SERVER_VERSION} into ${installDir}`);
        fs.rmSync(installDir, { recursive: true, force: true }); // a partial earlier attempt
        // apt (for the native build deps) and the npm downloads run side by side.
        const [, vscodeDir] = await Promise.all([ensureAptPackages(), installCodeServerPackages()]);
        log('building native modules (argon2, kerberos, @parcel/watcher, spdlog, deviceid, native-watchdog, node-pty)');
        await buildNativeModules(vscodeDir);
        await finishVscodeTree(vscodeDir);
        fs.writeFileSync(
          markerFile,
          JSON.stringify(
            {
              codeServer: CODE_SERVER_VERSION,
              node: process.version,
              nodeModulesAbi: process.versions.modules,
              finishedAt: new Date().toISOString(),
            },
            null,
            2,
          ),
        );
      }
    } finally {
      unlock();
    }
  }
  if (chromium && !chromiumPath()) throw new Error('Chromium is not installed (expected /usr/bin/chromium)');
  log(`install finished in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  ensureInstalled().catch((err) => {
    console.error(`[e2e] install failed: ${err.message}`);
    process.exit(1);
  });
}
