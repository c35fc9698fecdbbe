import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { AnnotationsApi } from '../../client/src/annotations';
import type { Annotation } from '../../common/annotations';
import { activateDossier, openSeed, positionOf, seedUri, waitForHover, type DossierTestApi } from './helpers';

// A sample that names Washington: the city of the District of Columbia, one of many places of that name.
const SEED = '002_0417190cefb8240d.txt';

/** Issue 17: the place a name resolves to, in the hover and in "Correct Detection". */
describe('Places', () => {
  const uri = () => seedUri(SEED);
  const sidecar = () => `${uri().fsPath}.annotations.json`;
  const washington = () => positionOf(doc, 'Washington’s unwillingness', { into: 3 });
  let doc: vscode.TextDocument;
  let api: DossierTestApi & { annotations: AnnotationsApi };

  before(async () => {
    api = (await activateDossier()) as typeof api;
    if (fs.existsSync(sidecar())) fs.unlinkSync(sidecar());
    await openSeed(SEED);
    doc = await vscode.workspace.openTextDocument(uri());
  });

  after(async () => {
    // Later suites see the sample as shipped: no sidecar.
    await api.annotations.flush();
    if (fs.existsSync(sidecar())) fs.unlinkSync(sidecar());
  });

  it('the place hover shows the resolved place, its division and country, coordinates with an OpenStreetMap link, and the other places of the name', async () => {
    const text = await waitForHover(
      uri(),
      positionOf(doc, 'Washington’s unwillingness', { into: 3 }),
      (t) => /^Place:/m.test(t),
      'a place hover',
    );
    assert.match(text, /^Place: \*\*Washington, D\.C\.\*\* · District of Columbia$/m);
    assert.match(text, /^Country: United States$/m);
    assert.match(
      text,
      /\[OpenStreetMap\]\(https:\/\/www\.openstreetmap\.org\/\?mlat=38\.\d{4}&mlon=-77\.\d{4}#map=10\/38\.\d{4}\/-77\.\d{4}\)/,
    );
    assert.match(text, /^\d+ other places with this name$/m);
  });

  it('"Correct Detection" → choose the place: stored in the sidecar, the hover then shows the chosen place; removing it restores the resolved one', async () => {
    const editor = await openSeed(SEED);
    editor.selection = new vscode.Selection(washington(), washington());
    const annotation = await vscode.commands.executeCommand<Annotation | undefined>('dossier.correctDetection', {
      action: 'choose-place',
      place: 'Washington, England',
    });
    assert.ok(annotation?.kind === 'correction' && annotation.correction.action === 'choose-place', 'the command returns the correction');
    assert.deepStrictEqual(
      { name: annotation.correction.place.name, admin1: annotation.correction.place.admin1, country: annotation.correction.place.country },
      { name: 'Washington', admin1: 'England', country: 'GB' },
    );
    await api.annotations.flush();
    const stored = fs.readFileSync(sidecar(), 'utf8');
    assert.match(stored, /"action": "choose-place"/);

    const text = await waitForHover(
      uri(),
      washington(),
      (t) => /^Place: \*\*Washington\*\* · England$/m.test(t),
      'the hover of the chosen place',
    );
    assert.match(text, /^Country: United Kingdom$/m);
    assert.match(text, /openstreetmap\.org\/\?mlat=54\.\d{4}&mlon=-1\.\d{4}/);

    assert.strictEqual(await vscode.commands.executeCommand('dossier.removeAnnotation', uri(), annotation.id), true);
    await waitForHover(uri(), washington(), (t) => /^Place: \*\*Washington, D\.C\.\*\*/m.test(t), 'the resolved place again');
  });
});
