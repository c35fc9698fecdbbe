/*
 * Throughput of the engine with the committed tagger model against another
 * model file (e.g. the one before a change), measured in the same run with the
 * passes interleaved, so that a loaded machine slows both alike. Prints figures,
 * never asserts.
 *
 *   npm run compile && node out/scripts/benchNer.js <other-model.json> [--runs N]
 *   (git show <commit>:server/data/ner-model.json > /tmp/old.json gives the other model)
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDocument } from '../server/src/analysis/pipeline';
import { loadPerceptron } from '../server/src/analysis/ner/model';
import type { AnalysisResources } from '../server/src/analysis/resources';
import { dataDir, loadResources } from '../server/src/workspace/resources';
import { requireShared } from './shared';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function main(): void {
  const other = process.argv[2];
  if (!other || !fs.existsSync(other)) throw new Error('usage: node out/scripts/benchNer.js <other-model.json> [--runs N]');
  const i = process.argv.indexOf('--runs');
  const runs = i > 0 ? Number(process.argv[i + 1]) : 9;
  const shared = requireShared('benchNer');
  const dir = path.join(shared, 'data', 'polnear', 'dev', 'text');
  const texts = fs
    .readdirSync(dir)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  const base = loadResources();
  const load = (file: string): { res: AnalysisResources; ms: number } => {
    const text = fs.readFileSync(file, 'utf8');
    const t0 = performance.now();
    const tagger = loadPerceptron(text, base.gazetteer);
    return { res: { ...base, tagger }, ms: performance.now() - t0 };
  };
  // Each file is loaded once before the timed load, so that neither pays for compiling the loader.
  load(path.join(dataDir(), 'ner-model.json'));
  load(other);
  const mine = load(path.join(dataDir(), 'ner-model.json'));
  const theirs = load(other);
  // CPU time of this process rather than wall time: on a shared machine, waiting for a core is not our cost.
  const pass = (res: AnalysisResources) => {
    const t0 = process.cpuUsage();
    for (const t of texts) analyzeDocument(t, res);
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / 1e6;
  };
  // Warm-up: both paths compiled by the JIT before timing.
  for (let w = 0; w < 2; w++) {
    pass(mine.res);
    pass(theirs.res);
  }
  const a: number[] = [];
  const b: number[] = [];
  // ABBA order: neither model always runs first after the other's garbage.
  for (let r = 0; r < runs; r++) {
    if (r % 2 === 0) {
      a.push(pass(mine.res));
      b.push(pass(theirs.res));
    } else {
      b.push(pass(theirs.res));
      a.push(pass(mine.res));
    }
  }
  const ma = mb / median(a);
  const mbB = mb / median(b);
  console.log(`PolNeAR dev, ${mb.toFixed(2)} MB, median of ${runs} interleaved passes, whole engine, MB per CPU second:`);
  console.log(`  committed model: ${ma.toFixed(2)} MB/s (loaded in ${mine.ms.toFixed(0)} ms)`);
  console.log(`  ${other}: ${mbB.toFixed(2)} MB/s (loaded in ${theirs.ms.toFixed(0)} ms)`);
  console.log(`  ratio committed / other: ${(ma / mbB).toFixed(3)}`);
}

main();
