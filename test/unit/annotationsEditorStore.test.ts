import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseSidecar, textHash, type Annotation } from '../../common/annotations';
import { FakeUri, installFakeVscode, shown } from './fakeVscode';
import { TEXT } from './sidecarFixtures';

/*
 * The editor's side of the store (client/src/annotations/store.ts) on a real
 * temporary folder, with a stand-in for `vscode`: selectors and the
 * document hash written from the text, and issue 11's finding 13 — a
 * document renamed in the editor takes its sidecar along
 * (workspace.onDidRenameFiles), and an orphaned sidecar is offered to the
 * document with the same text.
 */

type StoreModule = typeof import('../../client/src/annotations/store');
type PromptsModule = typeof import('../../client/src/annotations/prompts');
type MessagesModule = typeof import('../../client/src/messages');

describe('annotation store (editor side)', () => {
  let storeModule: StoreModule;
  let prompts: PromptsModule;
  let messagesModule: MessagesModule;
  let uninstall: () => void;
  let dir: string;
  const stores: Array<InstanceType<StoreModule['AnnotationStore']>> = [];
  const uri = (name: string) => FakeUri.file(path.join(dir, name)) as unknown as import('vscode').Uri;
  const open = () => {
    const store = new storeModule.AnnotationStore();
    stores.push(store);
    return store;
  };
  const tag = (store: InstanceType<StoreModule['AnnotationStore']>, doc: string, start: number, end: number, t: string) =>
    store.add(uri(doc), start, end, (b) => ({ ...b, kind: 'passage', body: { tags: [t] } }) as Annotation);
  const sidecarOf = (doc: string) => {
    const parsed = parseSidecar(fs.readFileSync(path.join(dir, `${doc}.annotations.json`), 'utf8'), doc);
    assert.ok(parsed.ok);
    return parsed.sidecar;
  };

  before(() => {
    uninstall = installFakeVscode();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    storeModule = require('../../client/src/annotations/store') as StoreModule;
    /* eslint-disable @typescript-eslint/no-require-imports */
    prompts = require('../../client/src/annotations/prompts') as PromptsModule;
    messagesModule = require('../../client/src/messages') as MessagesModule;
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  after(() => uninstall());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-store-'));
    fs.writeFileSync(path.join(dir, 'story.txt'), TEXT);
  });
  afterEach(() => {
    stores.splice(0).forEach((s) => s.dispose());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the quote with its context and the hash of the document text', async () => {
    const store = open();
    await tag(store, 'story.txt', 4, 12, 'official');
    await store.flush();
    const sidecar = sidecarOf('story.txt');
    assert.strictEqual(sidecar.documentHash, textHash(TEXT));
    assert.deepStrictEqual(sidecar.annotations[0].target.quote, {
      type: 'TextQuoteSelector',
      exact: 'minister',
      prefix: 'The ',
      suffix: ' said on Monday that the bridge ',
    });
  });

  it('shows what the store reports: a read-only sidecar is named, and the annotations stay', async () => {
    const store = open();
    const messages = new messagesModule.Messages();
    const shownBefore = shown.length;
    const subscription = prompts.showFailures(store, messages);
    await tag(store, 'story.txt', 4, 12, 'official');
    await store.flush();
    const sidecar = path.join(dir, 'story.txt.annotations.json');
    const before = fs.readFileSync(sidecar, 'utf8');
    fs.chmodSync(sidecar, 0o444);
    await tag(store, 'story.txt', 36, 42, 'infrastructure');
    await store.flush();
    subscription.dispose();
    assert.strictEqual(fs.readFileSync(sidecar, 'utf8'), before);
    assert.strictEqual(store.get(uri('story.txt'))?.sidecar.annotations.length, 2);
    assert.deepStrictEqual(messages.shownErrors, [
      'Dossier: story.txt.annotations.json is read-only, so the annotations of story.txt are not saved. They are kept in memory while this window is open, and saved with the next change once the file is writable.',
    ]);
    assert.deepStrictEqual(shown.slice(shownBefore), [{ level: 'error', message: messages.shownErrors[0] }]);
  });

  it('a document renamed in the editor takes its sidecar along', async () => {
    const store = open();
    await tag(store, 'story.txt', 4, 12, 'official');
    await store.flush();
    fs.mkdirSync(path.join(dir, 'archive'));
    fs.renameSync(path.join(dir, 'story.txt'), path.join(dir, 'archive', 'renamed.txt'));
    await store.onDidRenameFiles([{ oldUri: uri('story.txt'), newUri: uri('archive/renamed.txt') }]);
    await store.flush();
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['archive']);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'archive')).sort(), ['renamed.txt', 'renamed.txt.annotations.json']);
    const moved = sidecarOf('archive/renamed.txt');
    assert.strictEqual(moved.document, 'renamed.txt');
    assert.deepStrictEqual(moved.annotations[0].body.tags, ['official']);
    assert.strictEqual(store.get(uri('story.txt')), undefined);
    assert.deepStrictEqual(store.get(uri('archive/renamed.txt'))?.placements.get(moved.annotations[0].id), { start: 4, end: 12 });
  });

  it('a renamed folder: its documents keep their annotations', async () => {
    fs.mkdirSync(path.join(dir, 'news'));
    fs.renameSync(path.join(dir, 'story.txt'), path.join(dir, 'news', 'story.txt'));
    const store = open();
    await tag(store, 'news/story.txt', 4, 12, 'official');
    await store.flush();
    fs.renameSync(path.join(dir, 'news'), path.join(dir, 'old'));
    await store.onDidRenameFiles([{ oldUri: uri('news'), newUri: uri('old') }]);
    assert.strictEqual(store.get(uri('old/story.txt'))?.sidecar.annotations.length, 1);
    assert.strictEqual(store.get(uri('news/story.txt')), undefined);
  });

  it('an orphaned sidecar (renamed outside the editor) is matched to the document with its text, and moved on request', async () => {
    const first = open();
    await tag(first, 'story.txt', 4, 12, 'official');
    await first.flush();
    fs.writeFileSync(path.join(dir, 'other.txt'), 'Another text altogether.');
    fs.renameSync(path.join(dir, 'story.txt'), path.join(dir, 'moved-by-git.txt'));
    // A new window: it finds the sidecar, but not its document.
    const store = open();
    await store.onSidecarChanged(uri('story.txt.annotations.json'));
    const found = await store.reattachments([uri('other.txt'), uri('moved-by-git.txt')], 1 << 20);
    assert.deepStrictEqual(
      found.map((f) => [path.basename(f.from.fsPath), path.basename(f.to.fsPath)]),
      [['story.txt', 'moved-by-git.txt']],
    );
    assert.ok(await store.reattach(found[0].from, found[0].to));
    await store.flush();
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['moved-by-git.txt', 'moved-by-git.txt.annotations.json', 'other.txt']);
    const id = sidecarOf('moved-by-git.txt').annotations[0].id;
    assert.deepStrictEqual(store.get(uri('moved-by-git.txt'))?.placements.get(id), { start: 4, end: 12 });
    assert.deepStrictEqual(await store.reattachments([uri('other.txt')], 1 << 20), [], 'no orphan left');
  });
});
