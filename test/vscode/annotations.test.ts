import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AnnotationsApi } from '../../client/src/annotations';
import { parseSidecar } from '../../common/annotations';
import { activateDossier, hoverAt, markdownOf, openSeed, positionOf, seedUri, waitForHover, type DossierTestApi } from './helpers';
import { waitFor } from './waitFor';

// A seed without "Zamili": after a server restart, documents VS Code still holds open are left out of
// workspace-wide results until queried, and the workspace suite counts Zamili's documents.
const SEED = '003_141fa247b765b002.txt';
const PHRASE = 'the most astounding thing about recent events';

type Api = DossierTestApi & { annotations: AnnotationsApi };

describe('Annotations', () => {
  let api: Api;
  let uri: vscode.Uri;
  let sidecar: string;

  const readSidecar = () => (fs.existsSync(sidecar) ? parseSidecar(fs.readFileSync(sidecar, 'utf8'), SEED) : null);
  const covered = (doc: vscode.TextDocument) =>
    api.annotations.annotationsOf(uri).map((a) => (a.range ? doc.getText().slice(a.range.start, a.range.end) : null));

  before(async () => {
    api = (await activateDossier()) as Api;
    assert.ok(api.annotations, 'activate() should expose `annotations` for the tests');
    uri = seedUri(SEED);
    sidecar = `${uri.fsPath}.annotations.json`;
    if (fs.existsSync(sidecar)) fs.unlinkSync(sidecar);
  });

  after(async () => {
    // Leave the seed as found and closed: suites that follow (a server restart re-indexes only closed
    // documents from disk) must not depend on it.
    await openSeed(SEED);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await api.annotations.flush();
    if (fs.existsSync(sidecar)) fs.unlinkSync(sidecar);
  });

  it('"Tag Selection" with tags writes a valid sidecar holding the quote and the tag', async () => {
    const editor = await openSeed(SEED);
    const start = editor.document.getText().indexOf(PHRASE);
    assert.ok(start >= 0);
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + PHRASE.length));
    await vscode.commands.executeCommand('dossier.tagSelection', { tags: ['influence', 'e2e'] });
    const parsed = await waitFor(readSidecar, (r) => !!r && r.ok && r.sidecar.annotations.length === 1, {
      what: `a valid ${path.basename(sidecar)}`,
    });
    assert.ok(parsed?.ok);
    const [a] = parsed.sidecar.annotations;
    assert.strictEqual(a.target.quote.exact, PHRASE);
    assert.deepStrictEqual(a.body.tags, ['influence', 'e2e']);
    assert.strictEqual(a.target.position.start, start);
    assert.ok(fs.readFileSync(sidecar, 'utf8').endsWith('}\n'));
  });

  it('after a paragraph is inserted above, the annotation still covers the same words', async () => {
    const editor = await openSeed(SEED);
    const doc = editor.document;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), 'An editor added this paragraph at the top.\n\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      () => covered(doc),
      (c) => c.length === 1 && c[0] === PHRASE,
      { what: 'the annotation to follow the edit' },
    );
    const start = doc.getText().indexOf(PHRASE);
    assert.strictEqual(api.annotations.annotationsOf(uri)[0].range?.start, start);
    // Reverting (a reload from disk) keeps it on the same words too.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => !doc.isDirty && covered(doc)[0] === PHRASE, Boolean, { what: 'the annotation after reverting' });
  });

  it('a corrupt sidecar is reported and its bytes stay unchanged; new annotations are refused', async () => {
    await api.annotations.flush();
    const good = fs.readFileSync(sidecar);
    const garbage = Buffer.from('{ "version": 1, "annotations": [ this is not JSON');
    const errorsBefore = api.annotations.shownErrors.length;
    fs.writeFileSync(sidecar, garbage);
    await waitFor(
      () => api.annotations.statusOf(uri).status,
      (s) => s === 'corrupt',
      { what: 'the store to notice the damaged sidecar' },
    );
    const shown = await waitFor(
      () => api.annotations.shownErrors.slice(errorsBefore),
      (e) => e.some((m) => m.includes(path.basename(sidecar))),
      { what: 'an error naming the file' },
    );
    assert.ok(shown.length >= 1);

    const editor = await openSeed(SEED);
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), new vscode.Position(0, 4));
    await vscode.commands.executeCommand('dossier.tagSelection', { tags: ['refused'] });
    await waitFor(
      () => api.annotations.shownErrors.slice(errorsBefore),
      (e) => e.some((m) => /not accepted/.test(m)),
      { what: 'the refusal to be shown' },
    );
    await api.annotations.flush();
    assert.deepStrictEqual(fs.readFileSync(sidecar), garbage, 'the damaged file was not touched');

    // Fixing the file by hand brings the annotations back.
    fs.writeFileSync(sidecar, good);
    await waitFor(() => api.annotations.statusOf(uri).status === 'ok' && api.annotations.annotationsOf(uri).length === 1, Boolean, {
      what: 'the repaired sidecar to be read',
    });
  });

  it('an exported W3C file imports back to the same annotations', async () => {
    await openSeed(SEED);
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-w3c-')), 'export.jsonld');
    await vscode.commands.executeCommand('dossier.exportAnnotations', {
      format: 'w3c',
      target: vscode.Uri.file(target),
      scope: 'document',
    });
    const exported = await waitFor(
      () => (fs.existsSync(target) ? (JSON.parse(fs.readFileSync(target, 'utf8')) as Record<string, unknown>) : null),
      Boolean,
      { what: 'the export file' },
    );
    assert.ok(exported);
    assert.strictEqual(exported['@context'], 'http://www.w3.org/ns/anno.jsonld');
    const before = api.annotations
      .annotationsOf(uri)
      .map((a) => ({ id: a.annotation.id, tags: a.annotation.body.tags, quote: a.annotation.target.quote.exact, range: a.range }));
    assert.strictEqual(before.length, 1);

    await vscode.commands.executeCommand('dossier.removeAnnotation', uri.toString(), before[0].id);
    await waitFor(
      () => api.annotations.annotationsOf(uri).length,
      (n) => n === 0,
      { what: 'the annotation to be removed' },
    );
    await vscode.commands.executeCommand('dossier.importAnnotations', { file: vscode.Uri.file(target) });
    const after = await waitFor(
      () =>
        api.annotations
          .annotationsOf(uri)
          .map((a) => ({ id: a.annotation.id, tags: a.annotation.body.tags, quote: a.annotation.target.quote.exact, range: a.range })),
      (a) => a.length === 1,
      { what: 'the imported annotation' },
    );
    assert.deepStrictEqual(after, before);
    await api.annotations.flush();
    const onDisk = readSidecar();
    assert.ok(onDisk?.ok && onDisk.sidecar.annotations[0].id === before[0].id);
  });

  it('"Tag Entity" tags the entity wherever it appears: a hover on its other mention shows the tag', async () => {
    const editor = await openSeed(SEED);
    const doc = editor.document;
    const first = positionOf(doc, 'Putin', { occurrence: 0 });
    await waitForHover(uri, first, (t) => /Putin/.test(t), 'a hover on Putin');
    editor.selection = new vscode.Selection(first, first);
    await vscode.commands.executeCommand('dossier.tagEntity', { tags: ['kremlin-watch'] });
    const tagged = await waitFor(() => api.annotations.annotationsOf(uri).find((a) => a.annotation.kind === 'entity-tag'), Boolean, {
      what: 'an entity-tag annotation',
    });
    await waitForHover(
      uri,
      positionOf(doc, 'Putin', { occurrence: 1 }),
      (t) => t.includes('kremlin-watch'),
      'the tag in the hover of the other mention',
    );
    await vscode.commands.executeCommand('dossier.removeAnnotation', uri.toString(), tagged!.annotation.id);
    await waitForHover(
      uri,
      positionOf(doc, 'Putin', { occurrence: 1 }),
      (t) => /Putin/.test(t) && !t.includes('kremlin-watch'),
      'the hover without the removed tag',
    );
  });

  it('"Correct Detection" (not an entity) takes the name out of the outline and hovers, and removing the correction brings it back', async () => {
    const editor = await openSeed(SEED);
    const doc = editor.document;
    const places = async () => {
      const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
      return (symbols.find((s) => s.name.startsWith('Places'))?.children ?? []).map((c) => c.name);
    };
    const at = positionOf(doc, 'Latakia');
    await waitFor(places, (names) => names.includes('Latakia'), { what: 'Latakia among the places' });
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('dossier.correctDetection', { action: 'not-entity' });
    const correction = await waitFor(() => api.annotations.annotationsOf(uri).find((a) => a.annotation.kind === 'correction'), Boolean, {
      what: 'the correction stored as an annotation',
    });
    // No edit happens: the Outline must still follow the server's corrected analysis.
    await waitFor(places, (names) => names.length > 0 && !names.includes('Latakia'), { what: 'Latakia gone from the outline' });
    assert.ok(!/Latakia/.test(markdownOf(await hoverAt(uri, at))), 'no hover on a name the user said is none');
    await api.annotations.flush();
    assert.ok(readSidecar()?.ok, 'the sidecar with the correction is valid');
    await vscode.commands.executeCommand('dossier.removeAnnotation', uri.toString(), correction!.annotation.id);
    await waitFor(places, (names) => names.includes('Latakia'), { what: 'Latakia back after the correction is removed' });
  });
});
