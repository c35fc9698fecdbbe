// `node scripts/bench-new-texts.mjs <other checkout> [rounds]`: analysis throughput on texts the process has
// not seen before, for this checkout and another one (both built and compiled). bench-against.mjs repeats the
// same texts, so every per-spelling cache of the engine hits from the second pass on; a user's folder is new
// text. Here each round starts a fresh process per checkout (alternating which goes first), warms the JIT up
// on PolNeAR dev, then times one pass over the PolNeAR train texts, which it has not analysed, and its second
// half apart. Prints CPU seconds (all threads of the process: the optimising compiler and the collector count),
// wall seconds and the median of the per-round ratios. Reads ../shared (or DOSSIER_SHARED); figures, never assertions.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const [root, shared] = process.argv.slice(3);
  const { createRequire } = await import('module');
  const require = createRequire(import.meta.url);
  const { analyzeDocument } = require(path.join(root, 'out/server/src/analysis/pipeline.js'));
  const res = require(path.join(root, 'out/server/src/workspace/resources.js')).loadResources();
  const read = (dir) =>
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const warmUp = read(path.join(shared, 'data', 'polnear', 'dev', 'text'));
  const fresh = read(path.join(shared, 'data', 'polnear', 'train', 'text'));
  for (let k = 0; k < 3; k++) for (const t of warmUp) analyzeDocument(t, res);
  // The analysing thread's own CPU (Linux /proc; NaN elsewhere): process CPU also counts the background
  // compiler and collector threads, which run beside it on a spare core.
  const mainCpu = () => {
    try {
      const f = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      return NaN;
    }
  };
  const m0 = mainCpu();
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const half = fresh.length >> 1;
  let c1, w1;
  for (let i = 0; i < fresh.length; i++) {
    if (i === half) [c1, w1] = [process.cpuUsage(), performance.now()];
    analyzeDocument(fresh[i], res);
  }
  const c = process.cpuUsage(c0);
  const m1 = mainCpu();
  const c2 = process.cpuUsage(c1);
  const mb = fresh.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576;
  const wall = (performance.now() - w0) / 1000;
  const wall2 = (performance.now() - w1) / 1000;
  process.stdout.write(
    JSON.stringify({ cpu: (c.user + c.system) / 1e6, wall, mb, cpu2: (c2.user + c2.system) / 1e6, wall2, main: m1 - m0 }),
  );
  process.exit(0);
}

const other = process.argv[2];
if (!other) {
  process.stderr.write('usage: node scripts/bench-new-texts.mjs <other checkout> [rounds]\n');
  process.exit(2);
}
const shared = [process.env.DOSSIER_SHARED, path.join(here, '..', 'shared')].find((d) => d && fs.existsSync(path.join(d, 'data')));
if (!shared) {
  process.stderr.write('bench-new-texts: ../shared/data is missing (set DOSSIER_SHARED); it needs the PolNeAR texts\n');
  process.exit(2);
}
const rounds = Number(process.argv[3] ?? 5);
const roots = [path.resolve(other), here];
const run = (root) => JSON.parse(execFileSync(process.execPath, [script, '--child', root, shared], { encoding: 'utf8' }));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = [[], []];
for (let i = 0; i < rounds; i++) for (const k of i % 2 ? [1, 0] : [0, 1]) results[k].push(run(roots[k]));
const mb = results[0][0].mb;
const cell = (k, key) => median(results[k].map((r) => r[key])).toFixed(2);
const ratio = (key) => median(results[0].map((r, i) => r[key] / results[1][i][key])).toFixed(3);
console.log(`PolNeAR train (${mb.toFixed(2)} MB), new to the process after a warm-up on PolNeAR dev; medians of ${rounds} rounds`);
console.log(`| checkout | CPU s | wall s | MB/s (wall) |\n| --- | --- | --- | --- |`);
for (const k of [0, 1]) {
  const name = k ? 'this checkout' : path.basename(roots[0]);
  console.log(`| ${name} | ${cell(k, 'cpu')} | ${cell(k, 'wall')} | ${(mb / Number(cell(k, 'wall'))).toFixed(2)} |`);
}
console.log(`throughput ratio (this checkout against ${path.basename(roots[0])}): ×${ratio('wall')} wall, ×${ratio('cpu')} CPU`);
// The second half is still text the process has not seen, but the JIT has settled on the first: the rate a
// long indexing run sees, against the whole pass of a short one.
console.log(`the analysing thread's CPU alone: ×${ratio('main')}`);
console.log(`second half only (new text, JIT settled): ×${ratio('wall2')} wall, ×${ratio('cpu2')} CPU`);
