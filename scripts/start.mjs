// npm start — open the sample documents in VS Code with Dossier loaded from
// this working tree. The samples are a working copy of media/samples in
// samples/ (git-ignored, made on first use and never overwritten; see
// scripts/samples.mjs), so the annotations you make while trying Dossier stay
// out of the committed samples, which are also the test fixtures.
//
// * With a `code` command on PATH: code --extensionDevelopmentPath=<repo> <samples>
//   (waits until that window is closed).
// * Otherwise (or with DOSSIER_START_CODE_SERVER=1): the offline code-server
//   used by the e2e tests (installed on first use into ~/.cache/dossier-e2e),
//   with the extension under development loaded; prints the URL to open.
//   PORT picks the port (default 8080 if free); stays up until Ctrl+C.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cacheDir, ensureInstalled } from './e2e/install.mjs';
import { startCodeServer, workbenchUrl, writeUserSettings } from './e2e/codeServer.mjs';
import { freePort, log, run } from './e2e/util.mjs';
import { prepareSamples, workingSamples as samples } from './samples.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function hasCode() {
  if (process.env.DOSSIER_START_CODE_SERVER) return false;
  return spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function main() {
  log('npm run build');
  await run('npm', ['run', 'build'], { cwd: repoRoot });
  prepareSamples(); // into samples/

  if (hasCode()) {
    log(`code --extensionDevelopmentPath=${repoRoot} ${samples}`);
    const child = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${repoRoot}`, samples], { stdio: 'inherit' });
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }

  log('no `code` command: using the offline code-server');
  await ensureInstalled();
  const base = path.join(cacheDir, 'start');
  const userDataDir = path.join(base, 'user');
  if (!fs.existsSync(path.join(userDataDir, 'User', 'settings.json')))
    writeUserSettings(userDataDir, { 'outline.collapseItems': 'alwaysExpand' });
  const wanted = Number(process.env.PORT || 8080);
  const port = (await portIsFree(wanted)) ? wanted : await freePort();
  const server = await startCodeServer({
    workspace: samples,
    userDataDir,
    extensionsDir: path.join(base, 'extensions'),
    logFile: path.join(base, 'code-server.log'),
    port,
  });
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping code-server…');
    await server.stop();
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop(0));
  server.proc.on('exit', (code) => {
    if (!stopping) {
      console.error(`code-server exited (${code}); log: ${path.join(base, 'code-server.log')}`);
      process.exit(code || 1);
    }
  });
  const url = workbenchUrl(server.origin, samples, { extensionDevelopmentPath: repoRoot });
  console.log(
    `\nDossier is running in VS Code ${'1.100.3'} (code-server). Open this URL in a browser:\n\n  ${url}\n\n(the extension is loaded from ${repoRoot}; rebuild with npm run build and reload the page)\nPress Ctrl+C to stop.`,
  );
}

main().catch((err) => {
  console.error(`npm start failed: ${err.message}`);
  process.exit(1);
});
