import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { AnalysisCancelled } from '../../../server/src/analysis/types';
import { WorkerAnalysisService } from '../../../server/src/workspace/analysisService';
import { CancelSource } from '../../../server/src/workspace/cancellation';
import { DocumentIndex } from '../../../server/src/workspace/documentIndex';
import { WorkspaceIndexer } from '../../../server/src/workspace/indexer';
import { ShardStore, textHash } from '../../../server/src/workspace/cache/shardStore';
import { decodeSummary } from '../../../server/src/workspace/cache/summary';
import { repoRoot, seedsDir } from '../util';

const MISBEHAVING = path.join(__dirname, 'misbehavingWorker.js');

describe('analysis thread pool', function () {
  this.timeout(60_000);

  describe('one bad document fails alone', () => {
    let pool: WorkerAnalysisService;
    beforeEach(() => {
      pool = new WorkerAnalysisService(MISBEHAVING, { size: 1, heapMb: 64, timeoutMs: () => 2000 });
    });
    afterEach(() => pool.dispose());

    it('a thread that runs out of memory fails its document; the next document is analysed', async () => {
      await assert.rejects(pool.analyze('explode'), /ran out of memory/);
      assert.strictEqual((await pool.analyze('fine')).length, 4);
    });

    it('a thread that takes too long is ended; the next document is analysed', async () => {
      await assert.rejects(pool.analyze('hang'), /took longer than 2 s/);
      assert.strictEqual((await pool.analyze('fine')).length, 4);
    });

    it('background indexing skips the document that blew up, indexes the others and names it', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-pool-'));
      for (const [name, text] of [
        ['a.txt', 'first'],
        ['b.txt', 'explode'],
        ['c.txt', 'throw'],
        ['d.txt', 'last'],
      ])
        fs.writeFileSync(path.join(dir, name), text);
      const index = new DocumentIndex(pool);
      const logs: string[] = [];
      const reports: Array<readonly string[]> = [];
      const indexer = new WorkspaceIndexer(index, {
        isOpen: () => false,
        log: (m) => logs.push(m),
        progress: (_i, _t, failed) => reports.push([...failed]),
      });
      await indexer.run({ folders: [dir], include: ['**/*.txt'], exclude: [], maxBytes: 1e6 });
      const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();
      assert.deepStrictEqual([...index.all()].map((d) => d.uri).sort(), [uri('a.txt'), uri('d.txt')]);
      assert.deepStrictEqual([...reports[reports.length - 1]].sort(), [uri('b.txt'), uri('c.txt')]);
      assert.ok(
        logs.some((l) => l.includes('b.txt') && /out of memory/.test(l)),
        logs.join('\n'),
      );
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });

  describe('cancellation reaches the thread', () => {
    const worker = path.join(repoRoot, 'dist', 'worker.js');
    const big = fs.readFileSync(path.join(seedsDir, '001_e776aff8290555f3.txt'), 'utf8').repeat(150); // 1 MB
    let pool: WorkerAnalysisService;
    beforeEach(() => {
      pool = new WorkerAnalysisService(worker, { size: 1 });
    });
    afterEach(() => pool.dispose());

    it('a cancelled analysis is answered at once and its thread stops between stages instead of finishing', async () => {
      const source = new CancelSource();
      // Background jobs use at most `size` threads: the second one waits for this thread.
      const cancelled = pool.analyze(big, source.token, true);
      source.cancel();
      await assert.rejects(cancelled, AnalysisCancelled);
      await pool.analyze('Mosul is in Iraq.', undefined, true);
      assert.deepStrictEqual(pool.stats, { analysed: 1, stoppedEarly: 1, failed: 0, recycled: 0 });
    });

    it('the index stops an analysis when its only caller gives up, and keeps one that another caller wants', async () => {
      const index = new DocumentIndex(pool);
      const alone = new CancelSource();
      const first = index.update('file:///ws/big.txt', big, 1, alone.token);
      alone.cancel();
      await assert.rejects(first, AnalysisCancelled);
      assert.strictEqual(index.get('file:///ws/big.txt'), undefined);

      const impatient = new CancelSource();
      const wanted = index.update('file:///ws/big.txt', big, 2);
      const hover = index.update('file:///ws/big.txt', big, 2, impatient.token);
      impatient.cancel();
      await assert.rejects(hover, AnalysisCancelled);
      assert.strictEqual(index.get('file:///ws/big.txt'), undefined, 'the cancelled caller did not wait for the analysis');
      assert.strictEqual((await wanted).version, 2);
      assert.deepStrictEqual(pool.stats, { analysed: 1, stoppedEarly: 1, failed: 0, recycled: 0 });
    });
  });

  describe('threads for the persistent index', () => {
    const worker = path.join(repoRoot, 'dist', 'worker.js');
    const seed = fs.readFileSync(path.join(seedsDir, '001_e776aff8290555f3.txt'), 'utf8');
    const uri = 'file:///ws/story.txt';
    let dir: string;
    let pool: WorkerAnalysisService | undefined;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-pool-'));
    });
    afterEach(() => {
      pool?.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a thread writes the shard itself and sends only its summary, which the store reads back the same', async () => {
      pool = new WorkerAnalysisService(worker, { size: 1 });
      const store = new ShardStore(dir, 'engine-a');
      const hash = textHash(seed);
      const result = await pool.analyzeToShard(seed, store.target(uri, hash));
      assert.strictEqual(result.payload, undefined, 'written by the thread: nothing to keep');
      const summary = decodeSummary(result.summary);
      assert.ok(summary && summary.entities.length > 0);
      assert.deepStrictEqual(store.readSummary(uri, hash), summary);
      const full = store.readFull(uri, hash, seed);
      assert.strictEqual(full?.analysis.entities.length, summary.entities.length);
    });

    it('a shard the thread cannot write comes back as its payload, for the server to keep', async () => {
      pool = new WorkerAnalysisService(worker, { size: 1 });
      // The shard folder is a file: neither it nor a folder can be made there.
      const blocked = path.join(dir, 'blocked');
      fs.writeFileSync(blocked, '');
      const result = await pool.analyzeToShard(seed, { dir: blocked, engine: 'engine-a', uri, textHash: textHash(seed) });
      assert.ok(result.payload && result.payload.length > 0);
      assert.ok(decodeSummary(result.summary));
    });

    it('a thread whose heap outgrew its allowance is replaced between analyses, and the answers stay the same', async () => {
      // A negative allowance: every thread is replaced after its second analysis,
      // even when a collection shrank its heap in between.
      pool = new WorkerAnalysisService(worker, { size: 1, recycleGrowthMb: -1 });
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await pool.analyze(seed, undefined, true));
      assert.ok(pool.stats.recycled >= 1, `recycled ${pool.stats.recycled}`);
      assert.strictEqual(pool.stats.analysed, 4);
      for (const a of answers.slice(1)) assert.deepStrictEqual(a, answers[0]);
    });
  });
});
