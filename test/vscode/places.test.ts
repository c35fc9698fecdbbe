import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateDossier, openSeed, positionOf, seedUri, waitForHover } from './helpers';

// A sample that names Washington: the city of the District of Columbia, one of many places of that name.
const SEED = '002_0417190cefb8240d.txt';

/** Issue 17: the place a name resolves to, in the hover and in "Correct Detection". */
describe('Places', () => {
  const uri = () => seedUri(SEED);
  let doc: vscode.TextDocument;

  before(async () => {
    await activateDossier();
    await openSeed(SEED);
    doc = await vscode.workspace.openTextDocument(uri());
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
});
