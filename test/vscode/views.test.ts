import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AnnotationsApi } from '../../client/src/annotations';
import type { ViewsApi } from '../../client/src/webviews';
import { activateDossier, openSeed, SEED_001, seedUri, type DossierTestApi } from './helpers';
import { waitFor } from './waitFor';

type Api = DossierTestApi & { views: ViewsApi; annotations: AnnotationsApi };

const REPORT_SEED = '004_e53c0ad875243b71.txt';
const PASSAGE = 'Leaders of the Iraqi Shiite militias visited Moscow this week';

/** Issue 13: the map, the network and the report, on the seeds. */
describe('Views: map, network and report', () => {
  let api: Api;

  before(async () => {
    api = (await activateDossier()) as Api;
    assert.ok(api.views, 'activate() should expose `views` for the tests');
    await openSeed(SEED_001);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Map draws at least 30 place markers for the workspace, each focusable and labelled', async () => {
    await vscode.commands.executeCommand('dossier.showMap', { scope: 'workspace' });
    const probe = await waitFor(
      () => api.views.probe('map', '.marker[data-entity-id]'),
      (p) => p.rendered && p.count >= 30,
      { what: 'at least 30 markers on the map', timeout: 60_000 },
    );
    const labelled = await api.views.probe('map', '.marker[data-entity-id][tabindex="0"][aria-label]');
    assert.strictEqual(labelled.count, probe.count);
    assert.ok(
      probe.labels.some((l) => /^Mosul, city in Iraq, \d+ mentions$/.test(l)),
      probe.labels.join(' | '),
    );
  });

  it("choosing one of a marker's mentions opens 001 at that mention", async () => {
    await vscode.commands.executeCommand('dossier.showMap', { scope: 'workspace' });
    await waitFor(
      () => api.views.probe('map', '.marker[aria-label^="Mosul,"]'),
      (p) => p.count === 1,
      { what: 'the Mosul marker' },
    );
    assert.ok(await api.views.click('map', '.marker[aria-label^="Mosul,"]'));
    const inSeed = `.mentions button[data-uri$="/${SEED_001}"]`;
    await waitFor(
      () => api.views.probe('map', inSeed),
      (p) => p.count >= 1,
      { what: `a mention of Mosul in ${SEED_001} listed` },
    );
    assert.ok(await api.views.click('map', inSeed));
    const editor = await waitFor(
      () => vscode.window.activeTextEditor,
      (e) => e?.document.uri.fsPath.endsWith(SEED_001) === true,
      { what: `${SEED_001} opened` },
    );
    const doc = editor!.document;
    const at = doc.getText().indexOf('Mosul');
    assert.deepStrictEqual(
      [editor!.selection.start, editor!.selection.end].map((p) => doc.offsetAt(p)),
      [at, at + 'Mosul'.length],
    );
  });

  it('Show Network draws at least 20 actor nodes with links, each focusable and labelled', async () => {
    await vscode.commands.executeCommand('dossier.showNetwork', { scope: 'workspace' });
    const probe = await waitFor(
      () => api.views.probe('network', '.node[data-entity-id]'),
      (p) => p.rendered && p.count >= 20,
      { what: 'at least 20 actors in the network', timeout: 60_000 },
    );
    assert.strictEqual((await api.views.probe('network', '.node[data-entity-id][tabindex="0"][aria-label]')).count, probe.count);
    assert.ok((await api.views.probe('network', '.edge.co')).count > 0, 'co-occurrence links');
    assert.ok((await api.views.probe('network', '.edge.claim')).count > 0, 'claim links');
    assert.ok(
      probe.labels.some((l) => /^Hakim al-Zamili, person, \d+ mentions$/.test(l)),
      probe.labels.join(' | '),
    );
  });

  it('Write Report writes a report holding a tagged passage, its tag, its note and its document', async () => {
    const uri = seedUri(REPORT_SEED);
    const sidecar = `${uri.fsPath}.annotations.json`;
    const editor = await openSeed(REPORT_SEED);
    const start = editor.document.getText().indexOf(PASSAGE);
    assert.ok(start >= 0);
    try {
      editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + PASSAGE.length));
      await vscode.commands.executeCommand('dossier.tagSelection', { tags: ['e2e *report*'], note: 'Which [leaders]? <none named>' });
      await api.annotations.flush();
      const line = editor.document.positionAt(start).line + 1;
      // The server learns the annotation shortly after it is saved.
      const report = await waitFor(
        () => vscode.commands.executeCommand<{ uri: string; markdown: string }>('dossier.writeReport'),
        (r) => r?.markdown.includes('### e2e \\*report\\*') === true,
        { what: 'a report with the new tag', timeout: 20_000, interval: 500 },
      );
      const md = report.markdown;
      assert.ok(md.includes(`> ${PASSAGE}`), md);
      assert.ok(md.includes('**Note:** Which \\[leaders\\]? \\<none named\\>'), md);
      assert.match(md, new RegExp(`\\[004\\\\_e53c0ad875243b71\\.txt, line ${line}\\]\\([^)]*004_e53c0ad875243b71\\.txt#L${line}\\)`));
      // The link leads from the report's folder to the document.
      const link = new RegExp(`\\]\\(([^)]*004_e53c0ad875243b71\\.txt)#L${line}\\)`).exec(md)?.[1] ?? '';
      const reportFile = vscode.Uri.parse(report.uri).fsPath;
      assert.strictEqual(path.resolve(path.dirname(reportFile), decodeURIComponent(link)), uri.fsPath);
      assert.strictEqual(fs.readFileSync(reportFile, 'utf8'), md);
    } finally {
      await openSeed(REPORT_SEED);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await api.annotations.flush();
      if (fs.existsSync(sidecar)) fs.unlinkSync(sidecar);
    }
  });
});
