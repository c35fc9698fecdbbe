/*
 * Analysis throughput of this checkout against another build of the engine,
 * measured interleaved in one process (the machine's load then affects both
 * alike): rounds alternate old and new over the same texts; medians of the
 * CPU time (MB per CPU second) are printed.
 *
 *   npm run compile && DOSSIER_CLAIMS_MODEL=1 node out/scripts/claimsThroughput.js <other checkout's out/ folder> [rounds]
 *
 * (Without DOSSIER_CLAIMS_MODEL=1 this checkout runs the patterns alone.)
 *
 *   npm run compile && node out/scripts/claimsThroughput.js --model-vs-rules [rounds]
 *
 * compares this checkout with its claims model (new) against the same engine
 * with the rule patterns alone (old): what turning the model on costs.
 *
 * Texts: the seeds and PolNeAR dev from ../shared. Also prints the claims
 * model's load time (server/data/claims-model.json, read and parsed).
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadPolnearDocs } from './eval/claims';
import { requireShared } from './shared';
import { loadClaimModel, loadResourcesWithoutClaims } from '../server/src/workspace/resources';

type Analyze = (text: string, res: unknown) => unknown;

function engine(outDir: string): { analyze: Analyze; res: unknown } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const pipeline = require(path.resolve(outDir, 'server/src/analysis/pipeline.js')) as { analyzeDocument: Analyze };
  const resources = require(path.resolve(outDir, 'server/src/workspace/resources.js')) as { loadResources: () => unknown };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { analyze: pipeline.analyzeDocument, res: resources.loadResources() };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const other = process.argv[2];
  const modelVsRules = other === '--model-vs-rules';
  if (!other || (!modelVsRules && !fs.existsSync(path.join(other, 'server')))) {
    console.error('usage: node out/scripts/claimsThroughput.js <other out/ folder | --model-vs-rules> [rounds]');
    process.exit(1);
  }
  const rounds = Number(process.argv[3] ?? 5);
  const shared = requireShared('claimsThroughput');
  const seeds = fs
    .readdirSync(path.join(shared, 'seeds'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => fs.readFileSync(path.join(shared, 'seeds', f), 'utf8'));
  const dev = loadPolnearDocs(path.join(shared, 'data', 'polnear', 'dev')).map((d) => d.text);
  const t0 = performance.now();
  loadClaimModel();
  console.log(`claims model load: ${(performance.now() - t0).toFixed(0)} ms`);
  const mine = engine(path.join(__dirname, '..'));
  const rules = loadResourcesWithoutClaims();
  if (modelVsRules) mine.res = { ...rules, claims: loadClaimModel() };
  const theirs = modelVsRules ? { analyze: mine.analyze, res: rules } : engine(other);
  for (const [name, texts] of [
    ['seeds', seeds],
    ['PolNeAR dev', dev],
  ] as const) {
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const times: Record<'old' | 'new', number[]> = { old: [], new: [] };
    for (let r = 0; r <= rounds; r++) {
      for (const [k, e] of [
        ['old', theirs],
        ['new', mine],
      ] as const) {
        // CPU time of this thread rather than wall time: other processes on a loaded machine then count less.
        const t = process.cpuUsage();
        for (const text of texts) e.analyze(text, e.res);
        const used = process.cpuUsage(t);
        if (r > 0) times[k].push((used.user + used.system) / 1000); // round 0 warms up
      }
    }
    const mbs = (ms: number) => bytes / 1e6 / (ms / 1000);
    const o = mbs(median(times.old));
    const n = mbs(median(times.new));
    console.log(
      `${name}: old ${o.toFixed(2)} MB/s, new ${n.toFixed(2)} MB/s, new/old ${(n / o).toFixed(3)} (medians of ${rounds} interleaved rounds)`,
    );
  }
}

main();
