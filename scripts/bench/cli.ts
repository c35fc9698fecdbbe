import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/*
 * `dossier analyze --json` over a folder of texts as a whole process (start-up,
 * model and gazetteer load, reading, analysis, JSON out), against compromise
 * as a whole process over the same files: runs alternate A B A B so that a
 * drift in the machine's speed hits both, and the ratio is taken pair by pair.
 */

/** Wall seconds of one process, its stdout thrown away. */
function timed(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 2000) err += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 && code !== 2) reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}: ${err}`));
      else resolve((performance.now() - t0) / 1000);
    });
  });
}

/**
 * Milliseconds to load the engine's resources (gazetteer, NER model, small tables) in a fresh
 * process, as each analysis thread does before its first document, and the cities' data on first use.
 */
function resourceLoadMs(outDir: string): Promise<Record<'load' | 'loadCpu' | 'cities' | 'citiesCpu', number>> {
  const resources = JSON.stringify(path.join(outDir, 'server', 'src', 'workspace', 'resources.js'));
  // Wall and CPU: on a busy machine the wall time is mostly waiting for a core.
  const code = `const m = require(${resources}); const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const t0 = performance.now(), c0 = cpu(); const r = m.loadResources(); const t1 = performance.now(), c1 = cpu();
r.gazetteer.data.cities.length;
console.log(JSON.stringify({ load: t1 - t0, loadCpu: c1 - c0, cities: performance.now() - t1, citiesCpu: cpu() - c1 }));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(JSON.parse(out) as Record<'load' | 'loadCpu' | 'cities' | 'citiesCpu', number>));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function cliSection(options: {
  cli: string;
  compromise: string;
  files: readonly string[];
  name: string;
  runs: number;
  /** The compiled tree (out/), whose resources.js is timed loading. */
  outDir: string;
  /** Extra arguments for `dossier analyze` (e.g. --jobs 1), to compare settings in the same run. */
  variants: Array<[string, string[]]>;
}): Promise<void> {
  const mb = options.files.reduce((n, f) => n + fs.statSync(f).size, 0) / 1048576;
  console.log(
    `\n## Whole-process CLI: analyze --json over ${options.name} (${options.files.length} files, ${mb.toFixed(1)} MB; median of ${options.runs}, runs alternated)`,
  );
  console.log('| command | seconds | MB/s | × compromise (median of pairwise ratios) |\n| --- | --- | --- | --- |');
  const ours = new Map<string, number[]>(options.variants.map(([label]) => [label, []]));
  const theirs: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    for (const [label, extra] of options.variants)
      ours.get(label)?.push(await timed(process.execPath, [options.cli, 'analyze', '--json', ...extra, ...options.files]));
    theirs.push(await timed(process.execPath, [options.compromise, ...options.files]));
  }
  for (const [label, times] of ours) {
    const ratios = times.map((t, i) => theirs[i] / t);
    console.log(
      `| dossier analyze --json ${label} | ${median(times).toFixed(2)} | ${(mb / median(times)).toFixed(2)} | ${median(ratios).toFixed(1)}× |`,
    );
  }
  console.log(
    `| compromise (people, places, organisations with offsets) | ${median(theirs).toFixed(2)} | ${(mb / median(theirs)).toFixed(3)} | 1× |`,
  );
  const loads: Array<Record<'load' | 'loadCpu' | 'cities' | 'citiesCpu', number>> = [];
  for (let r = 0; r < 5; r++) loads.push(await resourceLoadMs(options.outDir));
  const m = (k: 'load' | 'loadCpu' | 'cities' | 'citiesCpu') => median(loads.map((l) => l[k])).toFixed(0);
  console.log(
    `\nResource load per analysis thread (fresh process, median of 5): ${m('load')} ms (${m('loadCpu')} ms CPU), and ${m('cities')} ms (${m('citiesCpu')} ms CPU) for the cities' data on first use`,
  );
}
