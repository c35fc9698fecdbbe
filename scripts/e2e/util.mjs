// Small process/log helpers shared by the e2e scripts (plain Node ESM, no deps).
import { spawn } from 'node:child_process';
import net from 'node:net';

export function log(...args) {
  const t = new Date().toISOString().slice(11, 19);
  console.log(`[e2e ${t}]`, ...args);
}

/**
 * Run a command, inheriting stdio unless `quiet` (then output is captured and
 * only shown if the command fails). Resolves with captured output, rejects
 * with an Error that carries the tail of the output.
 */
export function run(cmd, args, { cwd, env, quiet = true, label } = {}) {
  const name = label ?? `${cmd} ${args.join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let out = '';
    if (quiet) {
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
    }
    child.on('error', (err) => reject(new Error(`${name}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(out);
      else {
        const tail = out.split('\n').slice(-40).join('\n');
        reject(new Error(`${name} (in ${cwd ?? process.cwd()}) failed with ${signal ?? `exit code ${code}`}\n${tail}`));
      }
    });
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Poll `fn` until it returns a truthy value or the deadline passes. */
export async function waitFor(fn, { timeout = 30_000, interval = 200, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastErr;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastErr ? ` (last error: ${lastErr.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
