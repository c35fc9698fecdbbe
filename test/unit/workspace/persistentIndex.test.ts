import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { AnnotationIndex } from '../../../server/src/workspace/annotationIndex';
import { InlineAnalysisService, type AnalysisService } from '../../../server/src/workspace/analysisService';
import { MANIFEST } from '../../../server/src/workspace/cache/manifest';
import { ShardStore } from '../../../server/src/workspace/cache/shardStore';
import { DocumentIndex } from '../../../server/src/workspace/documentIndex';
import { loadResources } from '../../../server/src/workspace/resources';
import { WorkspaceIndexer } from '../../../server/src/workspace/indexer';
import { createDossierService, type DossierService } from '../../../server/src/lsp/service';
import { defaultSettings } from '../../../common/settings';
import { positionOf } from '../../protocol/lspClient';
import { NEVER } from '../lsp/inMemory';
import { repoRoot, seedsDir } from '../util';

/** Counts analyses: a warm start must not analyse a document whose shard is good. */
class CountingAnalyses implements AnalysisService {
  private readonly engine = new InlineAnalysisService(loadResources);
  count = 0;
  analyze(text: string) {
    this.count++;
    return this.engine.analyze(text);
  }
  dispose(): void {}
}

interface Workspace {
  index: DocumentIndex;
  service: DossierService;
  analyses: CountingAnalyses;
}

/** The thread that reads the workspace manifest at start (the server's dist/worker.js), or none: read by the indexer's thread. */
let manifestThread: string | undefined;

/** A workspace indexed from disk as the server does it, with or without a shard store. */
async function indexFolder(folder: string, cacheDir: string | undefined, engine = 'engine-a'): Promise<Workspace> {
  const analyses = new CountingAnalyses();
  // Three whole analyses in memory at a time (of ten documents): reads of the others go through the shards.
  const index = new DocumentIndex(
    analyses,
    undefined,
    cacheDir ? { store: new ShardStore(cacheDir, engine), resident: 3, manifestThread } : {},
  );
  const indexer = new WorkspaceIndexer(index, { isOpen: () => false, log: () => undefined, progress: () => undefined });
  await indexer.run({ folders: [folder], include: ['**/*.txt'], exclude: [], maxBytes: 1 << 24 });
  await index.flushed();
  const service = createDossierService({
    index,
    annotations: new AnnotationIndex(),
    documents: { get: () => undefined },
    settings: { get: () => Promise.resolve(defaultSettings) },
    log: (m) => {
      throw new Error(`the service logged a failure: ${m}`);
    },
  });
  return { index, service, analyses };
}

const names = ['Hakim al-Zamili', 'Zamili', 'Iraq', 'Turkey', 'Russia', 'Abadi', 'Mosul'];

/** Hovers, references and workspace symbols at the names of every document: what must not change with the cache. */
async function answers(ws: Workspace, folder: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const file of fs.readdirSync(folder).sort()) {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    const uri = pathToFileURL(path.join(folder, file)).toString();
    for (const name of names) {
      if (!text.includes(name)) continue;
      const p = { textDocument: { uri }, position: positionOf(text, name, 0, 1) };
      out.push(await ws.service.hover(p, NEVER), await ws.service.references(p, NEVER));
    }
  }
  for (const query of ['', 'zamili', 'iraq', 'ministry']) out.push(await ws.service.workspaceSymbols({ query }, NEVER));
  out.push(await ws.service.workspaceOverview({ filter: '' }, NEVER));
  return out;
}

describe('persistent index', function () {
  this.timeout(120_000);
  let root: string;
  let folder: string;
  let cache: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-index-'));
    folder = path.join(root, 'ws');
    cache = path.join(root, 'cache');
    fs.mkdirSync(folder);
    // Each seed twice, the copy made unique, so entities span documents.
    for (const file of fs.readdirSync(seedsDir)) {
      const text = fs.readFileSync(path.join(seedsDir, file), 'utf8');
      fs.writeFileSync(path.join(folder, file), text);
      fs.writeFileSync(path.join(folder, `copy-${file}`), `${text}\nFiled again as copy ${file}.\n`);
    }
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('answers hovers, references, workspace symbols and the overview as the in-memory index does, cold and warm', async () => {
    const plain = await indexFolder(folder, undefined);
    const expected = await answers(plain, folder);
    assert.ok(
      expected.some((a) => Array.isArray(a) && a.length > 1),
      'some answers span documents',
    );
    const cold = await indexFolder(folder, cache);
    assert.strictEqual(cold.index.stats.written, 10);
    assert.deepStrictEqual(await answers(cold, folder), expected, 'cold, with shards');
    const warm = await indexFolder(folder, cache);
    assert.strictEqual(warm.analyses.count, 0, 'a warm start analyses nothing');
    assert.strictEqual(warm.index.stats.fromShards, 10);
    assert.ok(
      [...warm.index.all()].every((d) => !warm.index.isResident(d.uri)),
      'only summaries are in memory after a warm start',
    );
    assert.deepStrictEqual(await answers(warm, folder), expected, 'warm, from shards');
    assert.ok(warm.index.stats.restored > 0, 'whole analyses were read back from shards');
  });

  it('analyses again only the documents that changed, and those of another engine version', async () => {
    await indexFolder(folder, cache);
    const [first] = fs.readdirSync(folder).sort();
    fs.appendFileSync(path.join(folder, first), '\nA late correction from the editors.\n');
    const warm = await indexFolder(folder, cache);
    assert.strictEqual(warm.analyses.count, 1);
    const newEngine = await indexFolder(folder, cache, 'engine-b');
    assert.strictEqual(newEngine.analyses.count, 10);
  });

  it('a corrupt, truncated or missing shard is rebuilt, never a crash', async () => {
    await indexFolder(folder, cache);
    const shards = path.join(cache, 'index-v1');
    const files = fs.readdirSync(shards).sort();
    fs.writeFileSync(path.join(shards, files[0]), 'garbage');
    fs.truncateSync(path.join(shards, files[1]), 50);
    fs.rmSync(path.join(shards, files[2]));
    const warm = await indexFolder(folder, cache);
    assert.strictEqual(warm.analyses.count, 3);
    assert.strictEqual(warm.index.stats.written, 3);
    assert.strictEqual(warm.index.size, 10);
  });

  it('a shard lost while only the summary is in memory: the read fails, the document is named for re-indexing', async () => {
    const ws = await indexFolder(folder, cache);
    const lost: string[] = [];
    ws.index.onDidLoseShard((uri) => lost.push(uri));
    fs.rmSync(path.join(cache, 'index-v1'), { recursive: true });
    // Three whole analyses stay in memory (the last ones used, whatever order indexing took): take one that does not.
    const doc = [...ws.index.all()].find((d) => 'whole' in d && d.whole === undefined);
    assert.ok(doc, 'a document known only by its summary');
    assert.throws(() => doc.analysis);
    assert.deepStrictEqual(lost, [doc.uri]);
  });

  it('a file edited while only its summary is in memory: its shard is not read against the new text, the document is named for re-indexing', async () => {
    const ws = await indexFolder(folder, cache);
    const lost: string[] = [];
    ws.index.onDidLoseShard((uri) => lost.push(uri));
    const doc = [...ws.index.all()].find((d) => 'whole' in d && d.whole === undefined);
    assert.ok(doc, 'a document known only by its summary');
    const file = fileURLToPath(doc.uri);
    const text = fs.readFileSync(file, 'utf8');
    // The same length, one letter changed: the shard's spans would still fit the text; its hash does not.
    fs.writeFileSync(
      file,
      text.replace(/[a-z]/, (c) => (c === 'a' ? 'b' : 'a')),
    );
    assert.throws(() => doc.analysis, /changed/);
    assert.deepStrictEqual(lost, [doc.uri]);
    // The text the shard was made from, back on disk: the shard serves again, with that text.
    fs.writeFileSync(file, text);
    assert.ok(doc.analysis.entities.length > 0);
    assert.strictEqual(doc.document.getText(), text);
  });

  for (const thread of [false, true]) {
    describe(thread ? 'with the manifest read in a thread of its own' : 'with the manifest read by the indexer', () => {
      before(() => {
        manifestThread = thread ? path.join(repoRoot, 'dist', 'worker.js') : undefined;
      });
      after(() => {
        manifestThread = undefined;
      });

      /** Makes every file of the folder an hour old, so that its stamp may stand for its text (manifest.ts, SETTLE_MS). */
      const age = () => {
        const hourAgo = new Date(Date.now() - 3_600_000);
        for (const file of fs.readdirSync(folder)) fs.utimesSync(path.join(folder, file), hourAgo, hourAgo);
      };

      it('a warm start files unchanged documents from the workspace manifest and answers as the in-memory index does', async () => {
        age();
        const expected = await answers(await indexFolder(folder, undefined), folder);
        const cold = await indexFolder(folder, cache);
        assert.strictEqual(cold.index.stats.fromManifest, 0);
        assert.ok(fs.existsSync(path.join(cache, 'index-v1', MANIFEST)), 'the manifest is written beside the shards');
        const warm = await indexFolder(folder, cache);
        assert.strictEqual(warm.analyses.count, 0);
        assert.strictEqual(warm.index.stats.fromManifest, 10, 'every document came from the manifest');
        assert.ok(
          [...warm.index.all()].every((d) => !warm.index.isResident(d.uri)),
          'only summaries are in memory',
        );
        assert.deepStrictEqual(await answers(warm, folder), expected, 'warm, from the manifest');
      });

      it('a file changed since it was recorded is read again: another size, or the same size and time with another text', async () => {
        age();
        await indexFolder(folder, cache);
        const [first, second] = fs.readdirSync(folder).sort();
        fs.appendFileSync(path.join(folder, first), '\nA late correction from the editors.\n');
        // Same length, same modification time: only the change time (and the hash) tell.
        const file = path.join(folder, second);
        const { atime, mtime } = fs.statSync(file);
        const text = fs.readFileSync(file, 'utf8');
        fs.writeFileSync(file, text.replace(/Iraq/, 'Iran'));
        fs.utimesSync(file, atime, mtime);
        const warm = await indexFolder(folder, cache);
        assert.strictEqual(warm.analyses.count, 2);
        assert.strictEqual(warm.index.stats.fromManifest, 8);
        const uri = pathToFileURL(file).toString();
        assert.ok(
          warm.index.summary(uri)?.entities.some((e) => e.canonical === 'Iran'),
          'the new text was analysed',
        );
      });

      it('with the manifest too, a corrupt, truncated or missing shard is rebuilt at start', async () => {
        age();
        await indexFolder(folder, cache);
        const shards = path.join(cache, 'index-v1');
        const files = fs
          .readdirSync(shards)
          .filter((f) => f !== MANIFEST)
          .sort();
        fs.writeFileSync(path.join(shards, files[0]), 'garbage');
        fs.truncateSync(path.join(shards, files[1]), 50);
        fs.rmSync(path.join(shards, files[2]));
        const warm = await indexFolder(folder, cache);
        assert.strictEqual(warm.analyses.count, 3);
        assert.strictEqual(warm.index.stats.fromManifest, 7);
        assert.strictEqual(warm.index.size, 10);
        // Recorded again with their new shards: the next start files all ten from the manifest.
        const next = await indexFolder(folder, cache);
        assert.strictEqual(next.index.stats.fromManifest, 10);
        assert.strictEqual(next.analyses.count, 0);
      });

      it('files modified moments before they were read are not trusted by their stamp', async () => {
        // The folder was written just now (beforeEach): no stamp is recorded, every document is read and hashed again.
        await indexFolder(folder, cache);
        const warm = await indexFolder(folder, cache);
        assert.strictEqual(warm.index.stats.fromManifest, 0);
        assert.strictEqual(warm.analyses.count, 0, 'their shards still serve');
      });

      it('a damaged, torn or foreign manifest is ignored line by line or whole, never a crash', async () => {
        age();
        await indexFolder(folder, cache);
        const file = path.join(cache, 'index-v1', MANIFEST);
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        assert.strictEqual(lines.length, 12, 'a header, ten documents and the final newline');
        lines[1] = '[garbage';
        assert.ok(lines[2].includes('"actor"'));
        lines[2] = lines[2].replace(/"actor"/g, '"robot"');
        fs.writeFileSync(file, lines.join('\n').slice(0, -40));
        const warm = await indexFolder(folder, cache);
        assert.strictEqual(warm.index.size, 10);
        assert.strictEqual(warm.analyses.count, 0, 'the documents of the bad lines come from their shards');
        assert.strictEqual(warm.index.stats.fromManifest, 7);
        // Their lines are appended again (after the torn one, on a line of their own), and the next start reads all ten.
        const next = await indexFolder(folder, cache);
        assert.strictEqual(next.index.stats.fromManifest, 10);
        const foreign = await indexFolder(folder, cache, 'engine-b');
        assert.strictEqual(foreign.index.stats.fromManifest, 0, "another engine's manifest is not read");
        assert.strictEqual(foreign.analyses.count, 10);
      });
    });
  }

  it('prunes the shards of deleted documents at the next run', async () => {
    await indexFolder(folder, cache);
    const shards = path.join(cache, 'index-v1');
    assert.strictEqual(fs.readdirSync(shards).length, 10);
    for (const file of fs.readdirSync(folder).filter((f) => f.startsWith('copy-'))) fs.rmSync(path.join(folder, file));
    const warm = await indexFolder(folder, cache);
    assert.strictEqual(warm.index.size, 5);
    assert.strictEqual(fs.readdirSync(shards).length, 5);
    assert.strictEqual(warm.analyses.count, 0);
  });
});
