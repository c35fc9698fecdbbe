import * as assert from 'assert';
import * as fs from 'fs';
import fsModule from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/analysis/pipeline';
import { compact } from '../../../server/src/workspace/compact';
import { ShardStore, textHash } from '../../../server/src/workspace/cache/shardStore';
import {
  decodeSummary,
  encodeSummary,
  internSummary,
  plainSummary,
  StringPool,
  summarize,
  type DocumentSummary,
} from '../../../server/src/workspace/cache/summary';
import { loadResources } from '../../../server/src/workspace/resources';
import { seedsDir } from '../util';

const seed = fs.readFileSync(path.join(seedsDir, fs.readdirSync(seedsDir).sort()[1]), 'utf8');
const uri = 'file:///ws/story.txt';

function shardOf(text: string) {
  const analysis = compact(analyzeDocument(text, loadResources()));
  return { analysis, summary: summarize(analysis, TextDocument.create(uri, 'plaintext', -1, text)) };
}

/** Summaries read back hold pooled entities (class instances): compared field by field. */
const plain = (s: DocumentSummary | undefined) => s && plainSummary(s);

describe('index shards', () => {
  let dir: string;
  const { analysis, summary } = shardOf(seed);
  const hash = textHash(seed);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-shards-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const shardFiles = (store: ShardStore) => fs.readdirSync(store.dir).map((f) => path.join(store.dir, f));

  it('a summary survives its compact encoding exactly', () => {
    assert.ok(summary.entities.length > 0 && summary.claims.length > 0, 'the seed has entities and claims');
    assert.deepStrictEqual(plain(decodeSummary(encodeSummary(summary))), summary);
  });

  it('a summary from an analysis thread, pooled, is the same summary with its alias lists shared', () => {
    // A structured clone (what a thread sends) has its own copy of every string and list.
    const [a, b] = [structuredClone(summary), structuredClone(summary)];
    const pool = new StringPool();
    const [x, y] = [internSummary(a, pool), internSummary(b, pool)];
    assert.deepStrictEqual(plain(x), summary);
    assert.deepStrictEqual(plain(y), summary);
    x.entities.forEach((e, i) => assert.strictEqual(e.aliases, y.entities[i].aliases, `aliases of ${e.id} are one list`));
  });

  it('a store whose folder had no shard looks for none but those written since (a cold start stats no file per document)', async () => {
    const store = new ShardStore(dir, 'engine-a');
    // The module itself (the namespace import only reads through to it): the store's calls go through this one.
    const existsSync = fsModule.existsSync;
    let looked = 0;
    fsModule.existsSync = (p) => (looked++, existsSync(p));
    try {
      for (let i = 0; i < 50; i++) assert.strictEqual(store.readSummary(`file:///ws/new${i}.txt`, hash), undefined);
      assert.strictEqual(looked, 0, 'no shard looked for');
      await store.write(uri, hash, summary, { text: seed, analysis });
      assert.deepStrictEqual(plain(store.readSummary(uri, hash)), summary, 'its own shard is read back');
      const target = store.target('file:///ws/threaded.txt', hash);
      assert.strictEqual(store.readSummary(target.uri, hash), undefined, 'a target not yet written is looked for, and not found');
      assert.strictEqual(looked, 2);
    } finally {
      fsModule.existsSync = existsSync;
    }
    // Another store on the folder, with shards in it now: every document is looked for.
    assert.deepStrictEqual(plain(new ShardStore(dir, 'engine-a').readSummary(uri, hash)), summary);
  });

  it('round-trips the summary and the analysis, the text brought by the reader and not stored', async () => {
    const store = new ShardStore(dir, 'engine-a');
    await store.write(uri, hash, summary, { text: seed, analysis });
    assert.deepStrictEqual(plain(store.readSummary(uri, hash)), summary);
    const full = store.readFull(uri, hash, seed);
    assert.ok(full);
    assert.deepStrictEqual(full.analysis, JSON.parse(JSON.stringify(analysis)));
    assert.deepStrictEqual(plain(full.summary), summary);
  });

  it('is not used with a text that does not have its hash (the file changed since)', async () => {
    const store = new ShardStore(dir, 'engine-a');
    await store.write(uri, hash, summary, { text: seed, analysis });
    // The same length, one letter changed: the payload alone could not tell.
    const edited = seed.replace(/[a-z]/, (c) => (c === 'a' ? 'b' : 'a'));
    assert.strictEqual(edited.length, seed.length);
    assert.strictEqual(store.readFull(uri, hash, edited), undefined);
    assert.strictEqual(store.readFull(uri, hash, seed + ' '), undefined);
    assert.ok(store.readFull(uri, hash, seed));
  });

  it('is not used for another engine version, another text or another document', async () => {
    await new ShardStore(dir, 'engine-a').write(uri, hash, summary, { text: seed, analysis });
    const other = new ShardStore(dir, 'engine-b');
    assert.strictEqual(other.readSummary(uri, hash), undefined);
    assert.strictEqual(other.readFull(uri, hash, seed), undefined);
    const same = new ShardStore(dir, 'engine-a');
    assert.strictEqual(same.readSummary(uri, textHash(seed + ' edited')), undefined);
    assert.strictEqual(same.readFull(uri, textHash(seed + ' edited'), seed + ' edited'), undefined);
    assert.strictEqual(same.readSummary('file:///ws/other.txt', hash), undefined);
  });

  it('ignores truncated, corrupt and foreign files without throwing', async () => {
    const store = new ShardStore(dir, 'engine-a');
    await store.write(uri, hash, summary, { text: seed, analysis });
    const [file] = shardFiles(store);
    const bytes = fs.readFileSync(file);
    const damaged: Array<[string, Buffer]> = [
      ['truncated', bytes.subarray(0, bytes.length - 100)],
      ['cut in the header', bytes.subarray(0, 20)],
      ['empty', Buffer.alloc(0)],
      ['garbage', Buffer.from('not a shard at all, just text')],
      ['a flipped byte in the compressed analysis', Buffer.from(bytes.map((b, i) => (i === bytes.length - 40 ? b ^ 0xff : b)))],
      ['a wrong header length', Buffer.concat([bytes.subarray(0, 4), Buffer.from([0xff, 0xff, 0xff, 0x7f]), bytes.subarray(8)])],
    ];
    for (const [what, content] of damaged) {
      fs.writeFileSync(file, content);
      const summaryRead = store.readSummary(uri, hash);
      const fullRead = store.readFull(uri, hash, seed);
      // A flipped byte in the payload leaves the summary readable; the whole shard is refused.
      if (what.startsWith('a flipped')) assert.deepStrictEqual(plain(summaryRead), summary, what);
      else assert.strictEqual(summaryRead, undefined, what);
      assert.strictEqual(fullRead, undefined, what);
    }
  });

  it('writes atomically: no temporary file is left, and a rewrite replaces the shard', async () => {
    const store = new ShardStore(dir, 'engine-a');
    await store.write(uri, hash, summary, { text: seed, analysis });
    const edited = seed + '\nA new paragraph.\n';
    const next = shardOf(edited);
    await store.write(uri, textHash(edited), next.summary, { text: edited, analysis: next.analysis });
    assert.deepStrictEqual(
      shardFiles(store).map((f) => path.extname(f)),
      ['.dsh'],
    );
    assert.strictEqual(store.readFull(uri, hash, seed), undefined);
    assert.strictEqual(store.readFull(uri, textHash(edited), edited)?.analysis.entities.length, next.analysis.entities.length);
  });

  it('prunes the shards of documents no longer kept, and clears them all', async () => {
    const store = new ShardStore(dir, 'engine-a');
    const kept = 'file:///ws/kept.txt';
    await store.write(uri, hash, summary, { text: seed, analysis });
    await store.write(kept, hash, summary, { text: seed, analysis });
    fs.writeFileSync(path.join(store.dir, 'leftover.dsh.123.abc.tmp'), 'half a shard');
    assert.strictEqual((await store.size()).shards, 2);
    assert.strictEqual(await store.prune([kept]), 2);
    assert.strictEqual(store.readSummary(uri, hash), undefined);
    assert.deepStrictEqual(plain(store.readSummary(kept, hash)), summary);
    const { bytes, shards } = await store.size();
    assert.strictEqual(shards, 1);
    assert.strictEqual(bytes, fs.statSync(shardFiles(store)[0]).size);
    await store.clear();
    assert.deepStrictEqual(await store.size(), { bytes: 0, shards: 0 });
  });
});
