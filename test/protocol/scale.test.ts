import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProgressType } from 'vscode-languageserver-protocol';
import { seedsDir } from '../unit/util';
import { positionOf, TestLspClient } from './lspClient';

describe('language server with big documents', function () {
  this.timeout(180_000);
  let client: TestLspClient;
  const seed = path.join(seedsDir, '001_e776aff8290555f3.txt');
  const seedText = fs.readFileSync(seed, 'utf8');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-big-'));

  before(async () => {
    client = new TestLspClient();
    await client.initialize(dir);
    await client.indexed();
  });
  after(async () => client.dispose());

  it('answers hovers on other documents while a 2 MB single-line document is analysed', async () => {
    const line = (seedText.replace(/\s+/g, ' ') + ' ').repeat(Math.ceil((2 * 1024 * 1024) / seedText.length)).slice(0, 2 * 1024 * 1024);
    const bigUri = await client.open(path.join(dir, 'big.txt'), line);
    const smallUri = await client.open(seed, seedText);
    const order: string[] = [];
    const big = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: bigUri } }).then((r) => {
      order.push('big');
      return r as unknown[];
    });
    const small = client.connection
      .sendRequest('textDocument/hover', { textDocument: { uri: smallUri }, position: positionOf(seedText, 'Hakim al-Zamili', 0, 3) })
      .then((r) => {
        order.push('small');
        return r as { contents: { value: string } } | null;
      });
    const [bigSymbols, hover] = await Promise.all([big, small]);
    assert.deepStrictEqual(order, ['small', 'big']);
    assert.match(hover!.contents.value, /Zamili/);
    assert.ok(bigSymbols.length > 0, 'big document has an outline');
  });

  it('sends the references of a name mentioned 1,500 times as partial results when asked', async () => {
    const text = 'Hakim al-Zamili said the vote would go ahead.\n\n'.repeat(1500);
    const uri = await client.open(path.join(dir, 'many.txt'), text);
    const pages: unknown[][] = [];
    const token = 'refs-1';
    const listener = client.connection.onProgress(new ProgressType<unknown[]>(), token, (page) => pages.push(page));
    const final = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri },
      position: { line: 0, character: 3 },
      context: { includeDeclaration: true },
      partialResultToken: token,
    })) as unknown[];
    listener.dispose();
    const whole = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri },
      position: { line: 0, character: 3 },
      context: { includeDeclaration: true },
    })) as unknown[];
    assert.ok(whole.length >= 1500, `${whole.length} references`);
    assert.ok(pages.length >= 2 && pages.every((p) => p.length <= 1000), pages.map((p) => p.length).join(', '));
    assert.deepStrictEqual([...pages.flat(), ...final], whole);
  });
});
