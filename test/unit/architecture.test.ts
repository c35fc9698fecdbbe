import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './util';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(full));
    else if (e.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)|import\(['"]([^'"]+)['"]\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'child_process', 'worker_threads', 'net', 'http', 'https', 'url', 'crypto', 'stream', 'zlib']);

/** The layering in ARCHITECTURE.md, enforced. */
describe('architecture', () => {
  it('the analysis engine imports no LSP, no VS Code and no Node built-ins', () => {
    for (const file of sources(path.join(repoRoot, 'server', 'src', 'analysis'))) {
      for (const spec of imports(file)) {
        const bare = spec.replace(/^node:/, '');
        assert.ok(!/^vscode/.test(spec), `${file} imports ${spec}`);
        assert.ok(!NODE_BUILTINS.has(bare), `${file} imports ${spec}`);
      }
    }
  });

  it('the server and common code never import vscode', () => {
    for (const dir of ['server/src', 'common']) {
      for (const file of sources(path.join(repoRoot, dir))) {
        for (const spec of imports(file)) assert.notStrictEqual(spec, 'vscode', `${file} imports vscode`);
      }
    }
  });

  it('the client does not reach into the server', () => {
    for (const file of sources(path.join(repoRoot, 'client', 'src'))) {
      for (const spec of imports(file)) assert.ok(!spec.includes('/server/'), `${file} imports ${spec}`);
    }
  });
});
