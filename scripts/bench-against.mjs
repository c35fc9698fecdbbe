// `node scripts/bench-against.mjs <other checkout> [rounds]`: analysis throughput of this checkout and
// another one (say a worktree of an older commit), both built and compiled (`npm run build && npm run
// compile`), in one process, pass by pass in turn, so that a busy machine slows both alike. Prints MB/s
// (CPU time per pass, medians) and the median of the per-round ratios. Figures, never assertions.
// Three sets: the samples and PolNeAR dev, the same texts pass after pass, and generated seed-sized
// documents (scripts/bench/corpus.ts, as `npm run bench -- --only index` indexes), 120 new ones a round:
// texts new to the process, as a folder being indexed is.
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const other = process.argv[2];
if (!other) {
  process.stderr.write('usage: node scripts/bench-against.mjs <other checkout> [rounds]\n');
  process.exit(2);
}
const rounds = Number(process.argv[3] ?? 15);
const roots = [path.resolve(other), here];

function analyser(root) {
  const { analyzeDocument } = require(path.join(root, 'out/server/src/analysis/pipeline.js'));
  const res = require(path.join(root, 'out/server/src/workspace/resources.js')).loadResources();
  return (text) => analyzeDocument(text, res);
}

const read = (dir, keep) =>
  fs
    .readdirSync(dir)
    .filter(keep)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const sets = [['seeds', read(path.join(here, 'media', 'samples'), (f) => f.endsWith('.txt'))]];
const shared = [process.env.DOSSIER_SHARED, path.join(here, '..', 'shared')].find((d) => d && fs.existsSync(path.join(d, 'data')));
if (shared) sets.push(['PolNeAR dev', read(path.join(shared, 'data', 'polnear', 'dev', 'text'), () => true)]);
else console.log('note: ../shared is missing; PolNeAR is skipped');

const runs = roots.map(analyser);
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const pass = (run, texts) => {
  const t0 = cpuMs();
  for (let k = 0; k < 2; k++) for (const t of texts) run(t);
  return (cpuMs() - t0) / 2;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`| texts | MB | ${path.basename(roots[0])} MB/s | this checkout MB/s | throughput ratio (median of ${rounds} rounds) |`);
console.log('| --- | --- | --- | --- | --- |');
for (const [name, texts] of sets) {
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576;
  const warm = performance.now() + 3000;
  while (performance.now() < warm) for (const run of runs) pass(run, texts);
  const times = [[], []];
  for (let i = 0; i < rounds; i++) for (const k of i % 2 ? [1, 0] : [0, 1]) times[k].push(pass(runs[k], texts));
  const ratio = median(times[0].map((t, i) => t / times[1][i]));
  const rate = (k) => (mb / (median(times[k]) / 1000)).toFixed(2);
  console.log(`| ${name} | ${mb.toFixed(2)} | ${rate(0)} | ${rate(1)} | ×${ratio.toFixed(3)} |`);
}

// Generated documents, new each round: both checkouts analyse the same 120, in turn.
const { generatedDocument } = require(path.join(here, 'out/scripts/bench/corpus.js'));
const seedTexts = sets[0][1];
let next = 0;
const batch = () => Array.from({ length: 120 }, () => generatedDocument(seedTexts, next++));
const once = (run, texts) => {
  const t0 = cpuMs();
  for (const t of texts) run(t);
  return cpuMs() - t0;
};
for (const run of runs) once(run, batch());
const gen = [[], []];
let genMb = 0;
for (let i = 0; i < rounds; i++) {
  const texts = batch();
  genMb += texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576;
  for (const k of i % 2 ? [1, 0] : [0, 1]) gen[k].push(once(runs[k], texts));
}
const genRatio = median(gen[0].map((t, i) => t / gen[1][i]));
const genRate = (k) => (genMb / rounds / (median(gen[k]) / 1000)).toFixed(2);
console.log(`| generated, new each round | ${(genMb / rounds).toFixed(2)} | ${genRate(0)} | ${genRate(1)} | ×${genRatio.toFixed(3)} |`);
