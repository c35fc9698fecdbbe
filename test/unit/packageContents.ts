import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, seedsDir } from './util';

/*
 * What the .vsix must and must not contain, checked against a file list from
 * vsce (test/unit/packaging.test.ts: vsce's API; test/integration/vsceLs.test.ts:
 * the `vsce ls` command itself).
 */

interface WalkthroughStep {
  id: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

export function walkthroughSteps(): WalkthroughStep[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { walkthroughs?: Array<{ id: string; steps: WalkthroughStep[] }> };
  };
  return (manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps);
}

/** The files a walkthrough step needs: its markdown and the images that markdown shows (relative to it). */
export function walkthroughFiles(): string[] {
  const files: string[] = [];
  for (const step of walkthroughSteps()) {
    const md = step.media.markdown ?? step.media.image;
    if (!md) continue;
    files.push(md);
    if (!step.media.markdown) continue;
    const text = fs.readFileSync(path.join(repoRoot, md), 'utf8');
    for (const m of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) files.push(path.posix.join(path.posix.dirname(md), m[1]));
  }
  return files;
}

const MUST_NOT = [
  /^test\//,
  /^server\//,
  /^client\//,
  /^common\//,
  /^scripts\//,
  /^out\//,
  /^node_modules\//,
  /^samples\//,
  /^\.vscode\//,
  /\.ts$/,
  /\.map$/,
  /\.annotations\.json/,
  // The JSON forms of the data the .bin files are derived from: only the binaries load.
  /^dist\/data\/(?:ner-model|gazetteer)\.json$/,
  /\.vsix$/,
];

/**
 * The files under media/ the client opens by name (`joinPath(extensionUri, 'media', 'views.css')`): a file left out
 * of the .vsix's allowlist is then caught here, not by a user whose map and network show up unstyled.
 */
export function extensionMediaFiles(): string[] {
  const files = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts'))
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/'media',\s*'([\w.-]+\.\w+)'/g)) files.add(`media/${m[1]}`);
    }
  };
  walk(path.join(repoRoot, 'client', 'src'));
  return [...files].sort();
}

export function assertPackageContents(files: readonly string[]): void {
  const listed = new Set(files.map((f) => f.replace(/\\/g, '/')));
  const samples = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
  assert.strictEqual(samples.length, 5, 'media/samples holds the five sample documents');
  const missing = [
    ...samples.map((f) => `media/samples/${f}`),
    ...walkthroughFiles(),
    'package.json',
    'README.md',
    'LICENSE',
    'media/dossier.svg',
    'dist/client.js',
    'dist/server.js',
    'dist/worker.js',
    'dist/cliWorker.js',
    'dist/cliTagWorker.js',
    'dist/cli.js',
    'dist/cliMain.js',
    'dist/data/ner-model.bin',
    'dist/data/gazetteer.bin',
    'dist/data/claims-model.json',
    ...extensionMediaFiles(),
  ].filter((f) => !listed.has(f));
  assert.deepStrictEqual(missing, [], 'files the .vsix must contain');
  const unwanted = [...listed].filter((f) => MUST_NOT.some((re) => re.test(f)));
  assert.deepStrictEqual(unwanted, [], 'files the .vsix must not contain');
}
