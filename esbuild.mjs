// Bundles the extension client, the language server and the CLI into dist/.
// Type-checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  // `vscode` exists only in the extension host; the server and CLI must never need it.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/serverEntry.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/workspace/analysisWorker.ts'], outfile: 'dist/worker.js' },
  // dist/cli.js is small: it starts the pipeline's tagging thread before dist/cliMain.js, the CLI proper, is compiled (earlyStart.ts).
  { ...common, entryPoints: ['server/src/cli/cliStart.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/cliMain.js' },
  // `dossier analyze --json` on several threads: read, analyse and write JSON per file.
  { ...common, entryPoints: ['server/src/cli/jsonWorker.ts'], outfile: 'dist/cliWorker.js' },
  // `dossier analyze` on two threads: the tagging thread of its pipeline (server/src/cli/pipelined.ts).
  { ...common, entryPoints: ['server/src/cli/tagWorker.ts'], outfile: 'dist/cliTagWorker.js' },
  // The map and network webviews: browser bundles, world shapes included; nothing is fetched at run time.
  ...['map', 'network'].map((view) => ({
    ...common,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    entryPoints: [`client/webview/${view}/main.ts`],
    outfile: `dist/webview/${view}.js`,
  })),
];

// The trained model ships beside the gazetteer in dist/data.
mkdirSync('dist/data', { recursive: true });
copyFileSync('server/data/ner-model.json', 'dist/data/ner-model.json');
copyFileSync('server/data/claims-model.json', 'dist/data/claims-model.json');

// gazetteer.bin and ner-model.bin: the JSON files in forms that a thread loads without parsing or
// normalising every name (server/src/analysis/gazetteerPack.ts, ner/modelPack.ts), derived here with the
// engine's own code. The host reads a .bin only when it is not older than its JSON.
const pack = await esbuild.build({
  ...common,
  sourcemap: false,
  stdin: {
    contents:
      "export { packGazetteer } from './server/src/analysis/gazetteerPack'; export { packModel } from './server/src/analysis/ner/modelPack';",
    resolveDir: '.',
    loader: 'ts',
  },
  write: false,
});
const packModule = { exports: {} };
new Function('module', 'exports', 'require', pack.outputFiles[0].text)(packModule, packModule.exports, createRequire(import.meta.url));
const { packGazetteer, packModel } = packModule.exports;
writeFileSync('dist/data/gazetteer.bin', packGazetteer(JSON.parse(readFileSync('dist/data/gazetteer.json', 'utf8'))));
writeFileSync('dist/data/ner-model.bin', packModel(readFileSync('dist/data/ner-model.json', 'utf8')));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
