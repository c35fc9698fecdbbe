import * as fs from 'fs';
import * as path from 'path';
import { folderBytes, generatedDocument, PROLIFIC, writeCorpus } from './corpus';
import { fileCreateMicros } from './fileCost';
import { Server } from './lsp';
import { MANIFEST } from '../../server/src/workspace/cache/manifest';

/*
 * Big folders as an LSP client over stdio sees them: spawn the built server,
 * initialize with the folder and a cacheDir, wait for the indexing-done
 * notification. Cold: a fresh cacheDir; warm: a second server on the same one.
 */

/*
 * keptUntilTheEnd: the caches of the runs are removed with the bench's
 * folder when it ends, not between runs. On the machine these figures come
 * from, creating a file cost 20–90 µs, and 600–1,000 µs of kernel CPU for a
 * few minutes after many files were removed; a run right after removing a
 * 10,000-shard cache paid that on each of its 10,000 shards, seconds of its
 * figure. Each run should pay only for itself.
 */

const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] : NaN;
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

export interface ScaleOptions {
  cli: string;
  seeds: readonly string[];
  tmp: string;
}

function corpusDir(o: ScaleOptions, n: number): { dir: string; mb: number } {
  const dir = path.join(o.tmp, `generated${n}`);
  const marker = path.join(o.tmp, `generated${n}.bytes`);
  if (fs.existsSync(marker)) return { dir, mb: Number(fs.readFileSync(marker, 'utf8')) / 1048576 };
  const bytes = writeCorpus(o.seeds, n, dir);
  fs.writeFileSync(marker, String(bytes));
  return { dir, mb: bytes / 1048576 };
}

async function symbols(s: Server, query: string): Promise<string> {
  const found = (await s.conn.sendRequest('workspace/symbol', { query })) as Array<{ name: string; location: { uri: string } }> | null;
  return JSON.stringify((found ?? []).map((x) => [x.name, x.location.uri]).sort());
}

/** Cold index, warm index, peak RSS and shard bytes per document, for each size. */
export async function indexScale(o: ScaleOptions, sizes: readonly number[]): Promise<void> {
  console.log(`\n## Index of generated seed-sized documents (${PROLIFIC} in 80 %), LSP client over stdio, cacheDir given`);
  console.log(
    '| documents | MB | cold (s) | cold peak RSS (MB) | warm (s) | warm peak RSS (MB) | cache bytes / document (of which the workspace manifest) | workspace/symbol cold = warm |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  const creates: string[] = [];
  for (const n of sizes) {
    const { dir, mb } = corpusDir(o, n);
    const cache = fs.mkdtempSync(path.join(o.tmp, 'cache-'));
    const cold = new Server(o.cli);
    await cold.init(dir, cache);
    await cold.waitIndexed();
    const coldSecs = cold.indexSeconds;
    const coldRss = cold.peakRssMB();
    const coldSymbols = await symbols(cold, 'Zamili');
    await cold.stop();
    const shardBytes = folderBytes(cache) / n;
    const manifestFile = path.join(cache, 'index-v1', MANIFEST);
    const manifestBytes = fs.existsSync(manifestFile) ? fs.statSync(manifestFile).size / n : 0;
    // Measured in the shard folder the cold index filled (the cost follows the folder), before the warm run reads it.
    const create = fs.existsSync(path.dirname(manifestFile)) ? fileCreateMicros(path.dirname(manifestFile)) : undefined;
    const warm = new Server(o.cli);
    await warm.init(dir, cache);
    await warm.waitIndexed();
    const warmSecs = warm.indexSeconds;
    const warmRss = warm.peakRssMB();
    const same = (await symbols(warm, 'Zamili')) === coldSymbols;
    await warm.stop();
    // The cache stays until the bench's folder is removed at its end: see keptUntilTheEnd.
    console.log(
      `| ${n.toLocaleString('en')} | ${mb.toFixed(1)} | ${coldSecs.toFixed(1)} | ${coldRss.toFixed(0)} | ${warmSecs.toFixed(1)} | ${warmRss.toFixed(0)} | ${shardBytes ? `${shardBytes.toFixed(0)} (${manifestBytes.toFixed(0)})` : 'n/a (no cache written)'} | ${same ? 'yes' : 'NO'} |`,
    );
    if (create) creates.push(`${n.toLocaleString('en')}: ${create.wall.toFixed(0)} µs (${create.kernel.toFixed(0)} µs of kernel CPU)`);
  }
  if (creates.length) {
    console.log(
      `Creating a file in the cold cache's shard folder, which the cold index does once per document (on some file systems it costs far more for minutes after many files were removed: leave time between bench runs): ${creates.join(', ')}`,
    );
  }
}

/** Where the prolific name first appears in document 0, as an LSP position. */
function prolificPosition(text: string): [number, number] {
  const at = text.indexOf(PROLIFIC);
  if (at < 0) throw new Error(`document 0 does not name ${PROLIFIC}`);
  const before = text.slice(0, at + 2).split('\n');
  return [before.length - 1, before[before.length - 1].length - 1];
}

/**
 * A hover on the prolific name every 50 ms (the next one leaves 50 ms after
 * the previous one left, or at once when it took longer): latency while the
 * folder is indexed and once it is done, and how long indexing takes with
 * and without the hovers (each on a fresh cacheDir).
 */
export async function prolificHover(o: ScaleOptions, n: number, after = 200): Promise<void> {
  // DOSSIER_BENCH_SERVER=another build's dist/cli.js: the same measure of that build (before and after a change, in one time window).
  const cli = process.env.DOSSIER_BENCH_SERVER ?? o.cli;
  const { dir } = corpusDir(o, n);
  const file = path.join(dir, 'doc00000.txt');
  const text = generatedDocument(o.seeds, 0);
  const [line, character] = prolificPosition(text);
  console.log(`\n## Hover on ${PROLIFIC} (in 80 % of ${n.toLocaleString('en')} documents) every 50 ms, LSP client over stdio`);

  const plainCache = fs.mkdtempSync(path.join(o.tmp, 'cache-'));
  const plain = new Server(cli);
  await plain.init(dir, plainCache);
  await plain.waitIndexed();
  const without = plain.indexSeconds;
  await plain.stop();
  // Not removed before the second run (keptUntilTheEnd): that run would pay for the removal, the first would not.

  const cache = fs.mkdtempSync(path.join(o.tmp, 'cache-'));
  const s = new Server(cli);
  await s.init(dir, cache);
  const uri = await s.open(file, text);
  const during: number[] = [];
  const done: number[] = [];
  let markdown = '';
  // DOSSIER_BENCH_HOVER_LOG=file: one line per hover (monotonic µs when it left, as a server's --cpu-prof timestamps, latency, indexing).
  const log: string[] = [];
  while (done.length < after) {
    const left = performance.now();
    const indexing = !s.indexed;
    const sent = process.hrtime.bigint() / 1000n;
    const lat = await s.hover(uri, line, character, (m) => (markdown = m));
    (indexing ? during : done).push(lat);
    log.push(`${sent} ${lat.toFixed(1)} ${indexing ? 1 : 0}`);
    const wait = 50 - (performance.now() - left);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  const withHovers = s.indexSeconds;
  if (process.env.DOSSIER_BENCH_HOVER_LOG) fs.writeFileSync(process.env.DOSSIER_BENCH_HOVER_LOG, log.join('\n') + '\n');
  await s.stop();
  console.log('| while | hovers | p50 (ms) | p99 (ms) | max (ms) |\n| --- | --- | --- | --- | --- |');
  console.log(`| indexing | ${during.length} | ${ms(pct(during, 50))} | ${ms(pct(during, 99))} | ${ms(Math.max(...during))} |`);
  console.log(`| done | ${done.length} | ${ms(pct(done, 50))} | ${ms(pct(done, 99))} | ${ms(Math.max(...done))} |`);
  console.log(
    `indexing: ${without.toFixed(1)} s without hovers, ${withHovers.toFixed(1)} s with them (${(withHovers / without).toFixed(2)}×); last hover ${markdown.length} characters${/and \d+ more/.test(markdown) ? ', lists cut with "and N more"' : ''}`,
  );
}
