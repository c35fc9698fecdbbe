import * as assert from 'assert';
import { buildMapData } from '../../server/src/lsp/features/mapData';
import { entityIds } from '../../server/src/lsp/features/viewData';
import { InlineAnalysisService } from '../../server/src/workspace/analysisService';
import { DocumentIndex } from '../../server/src/workspace/documentIndex';
import { loadResources } from '../../server/src/workspace/resources';
import { workspaceEntities } from '../../server/src/workspace/workspaceEntities';

/*
 * The map draws each place where the document's place resolution put it, not where the most
 * populous place of that name is: "Paris, Texas" is a dot in Texas, "Paris, France" one in France.
 */
describe('map data uses the resolved places', function () {
  this.timeout(60_000);
  let index: DocumentIndex;
  const texas = 'file:///ws/texas.txt';
  const france = 'file:///ws/france.txt';

  before(async () => {
    index = new DocumentIndex(new InlineAnalysisService(loadResources));
    await index.update(texas, 'Officials in Paris, Texas, said the storm damaged dozens of homes near the town square.\n', 1);
    await index.update(france, 'Officials in Paris, France, said the museum would reopen next week.\n', 1);
  });

  it('puts each Paris at the coordinates of the place its document means', () => {
    const resolve = (uri: string, id: string) => workspaceEntities(index).workspaceId(uri, id);
    const map = buildMapData(index.all(), entityIds(resolve));
    const parisOf = (uri: string) => {
      const e = index.get(uri)?.analysis.entities.find((x) => x.canonical === 'Paris');
      assert.ok(e?.place, `Paris is resolved in ${uri}`);
      return e;
    };
    const inTexas = parisOf(texas);
    const inFrance = parisOf(france);
    assert.strictEqual(inTexas.place?.country, 'US');
    assert.strictEqual(inFrance.place?.country, 'FR');
    const dots = map.places.filter((p) => p.name === 'Paris');
    assert.strictEqual(dots.length, 2, 'two places named Paris, two dots');
    const near = (lat: number, lon: number) => dots.some((d) => Math.abs(d.lat - lat) < 1e-9 && Math.abs(d.lon - lon) < 1e-9);
    assert.ok(near(inTexas.place!.lat!, inTexas.place!.lon!), 'the Texas dot is at the resolved place');
    assert.ok(near(inFrance.place!.lat!, inFrance.place!.lon!), 'the France dot is at the resolved place');
    assert.ok(
      dots.some((d) => d.lat > 33 && d.lat < 34.5 && d.lon < -94),
      'one dot in northeast Texas',
    );
  });
});
