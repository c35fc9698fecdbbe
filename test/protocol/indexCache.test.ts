import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { isDeepStrictEqual } from 'util';
import { MANIFEST } from '../../server/src/workspace/cache/manifest';
import { seedsDir } from '../unit/util';
import { positionOf, TestLspClient } from './lspClient';

const NAMES = ['Hakim al-Zamili', 'Iraq', 'Turkey', 'Abadi'];

/** Hovers and references at the names of the files' texts as they are on disk now. */
async function documentAnswers(client: TestLspClient, folder: string, files: string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    const uri = pathToFileURL(path.join(folder, file)).toString();
    for (const name of NAMES) {
      if (!text.includes(name)) continue;
      const params = { textDocument: { uri }, position: positionOf(text, name, 0, 1) };
      out.push(await client.connection.sendRequest('textDocument/hover', params));
      out.push(await client.connection.sendRequest('textDocument/references', { ...params, context: { includeDeclaration: true } }));
    }
  }
  return out;
}

/** A server over `folder` (with a cache folder or not): hovers and references at names of every document, and workspace symbols. */
async function answers(folder: string, cacheDir?: string): Promise<{ answers: unknown[]; cacheBytes: number | undefined }> {
  const client = new TestLspClient();
  try {
    await client.initialize(folder, cacheDir ? { cacheDir } : undefined);
    await client.indexed(120_000);
    const out = await documentAnswers(client, folder, fs.readdirSync(folder).sort());
    for (const query of ['', 'zamili', 'iraq']) out.push(await client.connection.sendRequest('workspace/symbol', { query }));
    // The cache's size follows "done" once it is counted.
    let cacheBytes: number | undefined;
    for (let i = 0; cacheDir && cacheBytes === undefined && i < 200; i++) {
      cacheBytes = client.notifications
        .map((n) => (n.method === 'dossier/indexingStatus' ? (n.params as { cacheBytes?: number }).cacheBytes : undefined))
        .find((b) => b !== undefined);
      if (cacheBytes === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    return { answers: out, cacheBytes };
  } finally {
    await client.dispose();
  }
}

describe('protocol: the persistent index (initializationOptions.cacheDir)', function () {
  this.timeout(300_000);
  let root: string;
  let folder: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cache-'));
    folder = path.join(root, 'ws');
    fs.mkdirSync(folder);
    for (const file of fs.readdirSync(seedsDir)) {
      const text = fs.readFileSync(path.join(seedsDir, file), 'utf8');
      fs.writeFileSync(path.join(folder, file), text);
      fs.writeFileSync(path.join(folder, `copy-${file}`), `${text}\nFiled again as ${file}.\n`);
    }
    // An hour old, so that their stamps stand for their texts: warm starts file them from the workspace manifest.
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const file of fs.readdirSync(folder)) fs.utimesSync(path.join(folder, file), hourAgo, hourAgo);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('hovers, references and workspace symbols are the same without the cache, cold and warm; the cache stays outside the folder', async () => {
    const cacheDir = path.join(root, 'cache');
    const plain = await answers(folder);
    assert.ok(plain.answers.some((a) => Array.isArray(a) && a.length > 1));
    const cold = await answers(folder, cacheDir);
    assert.deepStrictEqual(cold.answers, plain.answers, 'cold');
    const cached = fs.readdirSync(path.join(cacheDir, 'index-v1'));
    assert.strictEqual(cached.filter((f) => f.endsWith('.dsh')).length, 10);
    assert.ok(cached.includes(MANIFEST), 'the workspace manifest is beside the shards');
    assert.ok(cold.cacheBytes && cold.cacheBytes > 0, 'the status reports the cache size');
    const warm = await answers(folder, cacheDir);
    assert.deepStrictEqual(warm.answers, plain.answers, 'warm');
    assert.deepStrictEqual(fs.readdirSync(folder).sort().length, 10, 'nothing written into the workspace folder');
  });

  it('a corrupt shard is rebuilt and the answers stay the same (the manifest does not vouch for it)', async () => {
    const cacheDir = path.join(root, 'cache-corrupt');
    const cold = await answers(folder, cacheDir);
    const dir = path.join(cacheDir, 'index-v1');
    const [first, second] = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.dsh'))
      .sort();
    fs.writeFileSync(path.join(dir, first), 'not a shard');
    fs.truncateSync(path.join(dir, second), 30);
    const warm = await answers(folder, cacheDir);
    assert.deepStrictEqual(warm.answers, cold.answers);
    // Rebuilt: both shards are whole again (a shard has a header, a summary and the analysis).
    for (const f of [first, second]) assert.ok(fs.statSync(path.join(dir, f)).size > 1000, f);
  });

  it('a file edited behind the server after a warm start is analysed again, not answered from its shard (which holds no text)', async () => {
    const edits = path.join(root, 'ws-edits');
    fs.cpSync(folder, edits, { recursive: true, preserveTimestamps: true });
    const cacheDir = path.join(root, 'cache-edits');
    await answers(edits, cacheDir);
    const client = new TestLspClient();
    try {
      // Warm: every document filed from the manifest, known by its summary only until a feature reads it.
      await client.initialize(edits, { cacheDir });
      await client.indexed(120_000);
      // Edited with no notice to the server (no watcher event): a paragraph before the text moves every name.
      const [file] = fs
        .readdirSync(edits)
        .filter((f) => fs.readFileSync(path.join(edits, f), 'utf8').includes('Iraq'))
        .sort();
      const edited = path.join(edits, file);
      fs.writeFileSync(edited, `An editor's note on Iraq, added later.\n\n${fs.readFileSync(edited, 'utf8')}`);
      const fresh = new TestLspClient();
      let expected: unknown[];
      try {
        await fresh.initialize(edits);
        await fresh.indexed(120_000);
        expected = await documentAnswers(fresh, edits, [file]);
      } finally {
        await fresh.dispose();
      }
      // The first read of its analysis finds the file changed and has it indexed again; the answers follow.
      let got: unknown[] = [];
      for (let i = 0; i < 100; i++) {
        got = await documentAnswers(client, edits, [file]);
        if (isDeepStrictEqual(got, expected)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepStrictEqual(got, expected);
    } finally {
      await client.dispose();
    }
  });
});
