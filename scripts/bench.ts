import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeDocument } from '../server/src/analysis/pipeline';
import { Gazetteer, type GazetteerData } from '../server/src/analysis/gazetteer';
import { loadTagger } from '../server/src/analysis/ner/model';
import { dataDir, loadResources } from '../server/src/workspace/resources';
import { viewsSection } from './benchViews';
import { cliSection } from './bench/cli';
import { Server } from './bench/lsp';
import { indexScale, prolificHover } from './bench/scale';
import { repoRoot, sharedDir } from './shared';

/*
 * `npm run bench`: figures, never assertions. Medians of several runs after a
 * warm-up; compromise measured on the same texts in the same run.
 */

const ROOT = repoRoot();
const CLI = path.join(ROOT, 'dist', 'cli.js');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const mb = (texts: string[]) => texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576;

function seeds(): string[] {
  const dir = path.join(ROOT, 'media', 'samples');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

function polnearTexts(split: 'dev' | 'train'): string[] {
  const shared = sharedDir();
  if (!shared) return [];
  const dir = path.join(shared, 'data', 'polnear', split, 'text');
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

/**
 * MB/s over whole passes of the texts: passes run for at least a second and a
 * half (at least two) so that the JIT has compiled the hot paths, then the
 * median of `runs` timed passes.
 */
function throughput(texts: string[], run: (t: string) => void, runs: number): number {
  const warmUntil = performance.now() + 1500;
  for (let pass = 0; pass < 2 || performance.now() < warmUntil; pass++) for (const t of texts) run(t);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (const t of texts) run(t);
    times.push((performance.now() - t0) / 1000);
  }
  return mb(texts) / median(times);
}

/** Time and memory for one big document at growing sizes: linear time shows as a flat MB/s column. */
function bigInputs(texts: string[], run: (t: string) => void): void {
  console.log(
    '\n## Big documents (one thread, one run each after a warm-up)\n| document | MB | seconds | MB/s | RSS after (MB) |\n| --- | --- | --- | --- | --- |',
  );
  const corpus = texts.join('\n\n');
  const ofSize = (bytes: number, sep: RegExp | null) => {
    const base = sep ? corpus.replace(sep, ' ') : corpus;
    return (base + (sep ? ' ' : '\n\n')).repeat(Math.ceil(bytes / base.length)).slice(0, bytes);
  };
  run(ofSize(1 << 20, null));
  const cases: Array<[string, string]> = [
    ['2 MB, one line', ofSize(2 << 20, /\s+/g)],
    ['5 MB', ofSize(5 << 20, null)],
    ['10 MB', ofSize(10 << 20, null)],
    ['20 MB', ofSize(20 << 20, null)],
  ];
  for (const [name, text] of cases) {
    const t0 = performance.now();
    run(text);
    const secs = (performance.now() - t0) / 1000;
    const size = Buffer.byteLength(text) / 1048576;
    console.log(
      `| ${name} | ${size.toFixed(1)} | ${secs.toFixed(2)} | ${(size / secs).toFixed(2)} | ${(process.memoryUsage().rss / 1048576).toFixed(0)} |`,
    );
  }
}

/** Cold load of the data files as a fresh server does it: read, parse, build the tables. */
function loadTimes(): void {
  const dir = dataDir();
  const gaz: number[] = [];
  const model: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const gazetteer = new Gazetteer(JSON.parse(fs.readFileSync(path.join(dir, 'gazetteer.json'), 'utf8')) as GazetteerData);
    const t1 = performance.now();
    loadTagger(fs.readFileSync(path.join(dir, 'ner-model.json'), 'utf8'), gazetteer);
    model.push(performance.now() - t1);
    gaz.push(t1 - t0);
  }
  const size = (f: string) => (fs.statSync(path.join(dir, f)).size / 1048576).toFixed(1);
  console.log(
    `\nmodel load: ${median(model).toFixed(0)} ms (${size('ner-model.json')} MB) · gazetteer load: ${median(gaz).toFixed(0)} ms (${size('gazetteer.json')} MB) — medians of 5`,
  );
}

async function compromiseRunner(): Promise<((t: string) => void) | null> {
  try {
    const nlp = (await import('compromise')).default;
    return (t: string) => {
      const doc = nlp(t);
      doc.people().out('offset');
      doc.places().out('offset');
      doc.organizations().out('offset');
    };
  } catch {
    return null;
  }
}

function positions(text: string, max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const lines = text.split('\n');
  for (let l = 0; l < lines.length && out.length < max; l++) {
    for (const m of lines[l].matchAll(/\b[A-Z][a-z]+/g)) {
      out.push([l, (m.index ?? 0) + 1]);
      if (out.length >= max) break;
    }
  }
  return out;
}

async function hoverLatency(server: Server, uri: string, text: string, n: number): Promise<number[]> {
  const pos = positions(text, n);
  const lat: number[] = [];
  await server.hover(uri, pos[0][0], pos[0][1]); // first one pays for analysis
  for (const [l, c] of pos) lat.push(await server.hover(uri, l, c));
  return lat;
}

function corpus(n: number, texts: string[], dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `doc${String(i).padStart(5, '0')}.txt`), texts[i % texts.length]);
}

const SECTIONS = ['throughput', 'big', 'first-hover', 'hover', 'index', 'prolific-hover', 'cli', 'copies', 'views'] as const;

/** `--docs 1000,10000`: the sizes of the generated folders of `index` and `prolific-hover` (the latter takes the first). */
function docSizes(): number[] {
  const i = process.argv.indexOf('--docs');
  if (i < 0) return [1000, 10000];
  const sizes = (process.argv[i + 1] ?? '').split(',').map(Number);
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--docs takes a comma-separated list of document counts');
  return sizes;
}

/** `npm run bench -- --only hover,index` runs some sections; all by default. */
function sections(): Set<string> {
  const i = process.argv.indexOf('--only');
  if (i < 0) return new Set(SECTIONS);
  const wanted = (process.argv[i + 1] ?? '').split(',').filter(Boolean);
  const unknown = wanted.filter((w) => !(SECTIONS as readonly string[]).includes(w));
  if (unknown.length || !wanted.length) throw new Error(`--only takes a comma-separated list of: ${SECTIONS.join(', ')}`);
  return new Set(wanted);
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('run "npm run build" first');
  const run = sections();
  const shared = sharedDir();
  if (!shared) console.log('note: ../shared is missing; PolNeAR figures are skipped and corpora are built from the seeds');
  const res = loadResources();
  const ours = (t: string) => void analyzeDocument(t, res);
  const cmp = await compromiseRunner();
  const sets: Array<[string, string[]]> = [['seeds', seeds()]];
  const dev = polnearTexts('dev');
  if (dev.length) sets.push(['PolNeAR dev', dev]);

  if (run.has('throughput')) {
    console.log(
      '\n## Throughput (one thread, MB/s, median of runs after warm-up)\n| texts | MB | Dossier | compromise | ratio |\n| --- | --- | --- | --- | --- |',
    );
    for (const [name, texts] of sets) {
      const a = throughput(texts, ours, 11);
      const b = cmp ? throughput(texts, cmp, 5) : NaN;
      console.log(`| ${name} | ${mb(texts).toFixed(2)} | ${a.toFixed(2)} | ${b.toFixed(3)} | ${(a / b).toFixed(1)}× |`);
    }
    loadTimes();
  }
  if (run.has('big')) bigInputs(dev.length ? dev : seeds(), ours);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-'));
  const seedDir = path.join(ROOT, 'media', 'samples');
  const seedFile = path.join(seedDir, '001_e776aff8290555f3.txt');
  const seedText = fs.readFileSync(seedFile, 'utf8');

  if (run.has('first-hover')) {
    console.log('\n## Time from server start to first hover (median of 5)');
    const firsts: number[] = [];
    for (let r = 0; r < 5; r++) {
      const s = new Server(CLI);
      await s.init(seedDir);
      const uri = await s.open(seedFile, seedText);
      await s.hover(uri, 4, 70);
      firsts.push(performance.now() - s.started);
      await s.stop();
    }
    console.log(`first hover: ${median(firsts).toFixed(0)} ms (process spawn, initialize, load model and gazetteer, analyse, hover)`);
  }

  if (run.has('hover')) await hoverSection(seedDir, seedFile, seedText, tmp, shared, dev);
  const scale = { cli: CLI, seeds: seeds(), tmp };
  if (run.has('index')) await indexScale(scale, docSizes());
  if (run.has('prolific-hover')) await prolificHover(scale, docSizes()[0]);
  if (run.has('copies')) await indexSection(tmp, shared, dev);
  if (run.has('cli')) {
    const train = shared ? path.join(shared, 'data', 'polnear', 'train', 'text') : null;
    const files = train
      ? fs
          .readdirSync(train)
          .sort()
          .map((f) => path.join(train, f))
      : fs
          .readdirSync(seedDir)
          .filter((f) => f.endsWith('.txt'))
          .sort()
          .map((f) => path.join(seedDir, f));
    await cliSection({
      cli: CLI,
      compromise: path.join(ROOT, 'out', 'scripts', 'bench', 'compromiseCli.js'),
      files,
      name: train ? 'the PolNeAR train texts' : 'the seeds (../shared is missing)',
      runs: 3,
      outDir: path.join(ROOT, 'out'),
      variants: [
        ['(defaults)', []],
        ['--jobs 1', ['--jobs', '1']],
      ],
    });
  }
  if (run.has('views'))
    await viewsSection(shared ? [...polnearTexts('train'), ...dev] : seeds(), res, shared ? 'PolNeAR texts' : 'seed texts');
  fs.rmSync(tmp, { recursive: true, force: true });
}

async function hoverSection(
  seedDir: string,
  seedFile: string,
  seedText: string,
  tmp: string,
  shared: string | null,
  dev: string[],
): Promise<void> {
  console.log('\n## Hover latency (ms)');
  console.log('| document | while | p50 | p99 |\n| --- | --- | --- | --- |');
  const big = (seedText.replace(/\n+Comment[\s\S]*$/, '') + '\n\n')
    .repeat(Math.ceil((5 * 1048576) / seedText.length))
    .slice(0, 5 * 1048576);
  const idleServer = new Server(CLI);
  await idleServer.init(seedDir);
  await idleServer.waitIndexed();
  const seedUri = await idleServer.open(seedFile, seedText);
  let lat = await hoverLatency(idleServer, seedUri, seedText, 300);
  console.log(`| seed 001 | idle | ${pct(lat, 50).toFixed(2)} | ${pct(lat, 99).toFixed(2)} |`);
  const bigUri = await idleServer.open(path.join(tmp, 'big5mb.txt'), big);
  lat = await hoverLatency(idleServer, bigUri, big, 300);
  console.log(`| 5 MB document | idle | ${pct(lat, 50).toFixed(2)} | ${pct(lat, 99).toFixed(2)} |`);
  await idleServer.stop();

  const texts = shared ? [...polnearTexts('train'), ...dev] : seeds();
  const busyDir = path.join(tmp, 'busy');
  corpus(3000, texts, busyDir);
  const busy = new Server(CLI);
  await busy.init(busyDir);
  const busySeed = await busy.open(seedFile, seedText);
  const busyBig = await busy.open(path.join(tmp, 'big5mb.txt'), big);
  await busy.hover(busyBig, 0, 1);
  const during: number[] = [];
  const duringBig: number[] = [];
  const pos = positions(seedText, 50);
  const bigPos = positions(big, 50);
  for (let i = 0; !busy.indexed && i < 2000; i++) {
    during.push(await busy.hover(busySeed, ...pos[i % pos.length]));
    duringBig.push(await busy.hover(busyBig, ...bigPos[i % bigPos.length]));
  }
  await busy.stop();
  if (during.length) {
    console.log(`| seed 001 | indexing 3,000 docs | ${pct(during, 50).toFixed(2)} | ${pct(during, 99).toFixed(2)} |`);
    console.log(`| 5 MB document | indexing 3,000 docs | ${pct(duringBig, 50).toFixed(2)} | ${pct(duringBig, 99).toFixed(2)} |`);
  }
}

async function indexSection(tmp: string, shared: string | null, dev: string[]): Promise<void> {
  const texts = shared ? [...polnearTexts('train'), ...dev] : seeds();
  console.log(
    `\n## Full index of a workspace (${shared ? 'PolNeAR texts' : 'seed texts'}, ${Math.max(1, Math.min(4, os.availableParallelism() - 1))} analysis thread(s) on ${os.availableParallelism()} cores)`,
  );
  console.log('| documents | MB | time (s) | docs/s | peak RSS (MB) |\n| --- | --- | --- | --- | --- |');
  for (const n of [100, 1000, 10000]) {
    const dir = path.join(tmp, `corpus${n}`);
    corpus(n, texts, dir);
    const size = fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0) / 1048576;
    const s = new Server(CLI);
    const t0 = performance.now();
    await s.init(dir);
    await s.waitIndexed();
    const secs = (performance.now() - t0) / 1000;
    console.log(`| ${n} | ${size.toFixed(1)} | ${secs.toFixed(1)} | ${(n / secs).toFixed(0)} | ${s.peakRssMB().toFixed(0)} |`);
    await s.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
