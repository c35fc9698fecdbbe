import * as assert from 'assert';
import { parseSidecar, serializeSidecar, type Annotation } from '../../../common/annotations';
import { contractPlaces } from '../../../server/src/cli/output';
import { inMemoryWorkspace, NEVER, withCursor } from '../lsp/inMemory';
import { passage } from './synthetic';

const URI = 'file:///ws/washington.txt';
const MARKED = 'Officials in Wash$$CURSOR$$ington said the talks would resume on Monday. Washington wants a deal.\n';

/** "Choose the place…": the chosen candidate is stored as a correction and applied after every analysis. */
describe('choose the place (in memory)', function () {
  this.timeout(30_000);

  it('entityAt lists the candidates of a place name; the chosen one changes hover, JSON place and id, and survives re-analysis', async () => {
    const { text, position } = withCursor(MARKED);
    const ws = await inMemoryWorkspace({ [URI]: text });
    const hit = await ws.service.entityAt({ uri: URI, position }, NEVER);
    assert.ok(hit?.places, 'a place name with several places has candidates');
    const { candidates, current } = hit.places;
    assert.ok(candidates.length > 1);
    assert.strictEqual(candidates[current].name, 'Washington, D.C.');
    const state = candidates.find((c) => c.type === 'region' && c.country === 'US' && c.name === 'Washington');
    assert.ok(state, candidates.map((c) => `${c.name} ${c.type} ${c.admin1 ?? ''}`).join('; '));

    const at = text.indexOf('Washington');
    const correction: Annotation = {
      ...passage(1, text, at, at + 'Washington'.length),
      kind: 'correction',
      entity: { id: hit.entity.id, name: hit.entity.name, type: hit.entity.type },
      correction: { action: 'choose-place', place: state },
    };
    // Stored like any correction: the sidecar round-trips it through the schema.
    const sidecar = parseSidecar(serializeSidecar({ version: 1, document: 'washington.txt', annotations: [correction], deleted: [] }), 'w');
    assert.ok(sidecar.ok);
    ws.annotations.set(URI, sidecar.sidecar.annotations);
    ws.index.reapply(URI);

    const check = async () => {
      const doc = await ws.service.document(URI);
      assert.ok(doc);
      const entity = doc.analysis.entities.find((e) => e.canonical === 'Washington');
      assert.ok(entity);
      assert.strictEqual(entity.type, 'region');
      assert.strictEqual(entity.id, state.id);
      assert.notStrictEqual(entity.id, hit.entity.id);
      // Both mentions follow the entity.
      assert.deepStrictEqual(
        doc.analysis.mentions.filter((m) => m.text === 'Washington').map((m) => [m.id, m.type]),
        [
          [state.id, 'region'],
          [state.id, 'region'],
        ],
      );
      const json = contractPlaces(doc.analysis).get(entity.id);
      assert.deepStrictEqual(
        { country: json?.country, admin1: json?.admin1, lat: json?.lat, lon: json?.lon },
        { country: 'US', admin1: 'Washington', lat: state.lat, lon: state.lon },
      );
      const h = await ws.service.hover({ textDocument: { uri: URI }, position }, NEVER);
      const value = (h?.contents as { value: string }).value;
      assert.match(value, /^\*\*Washington\*\* · Region$/m);
      assert.match(value, /^Place: \*\*Washington\*\*$/m);
      assert.match(value, /^Country: United States$/m);
      assert.match(value, new RegExp(`^Coordinates: ${state.lat!.toFixed(4)}, ${state.lon!.toFixed(4)} `, 'm'));
      const again = await ws.service.entityAt({ uri: URI, position }, NEVER);
      assert.strictEqual(again?.places?.candidates[again.places.current]?.id, state.id);
    };
    await check();
    // An edit re-analyses the document: the stored choice is applied again.
    ws.documents.open(URI, text.replace('Monday', 'Tuesday'));
    await check();
  });

  it('a sidecar without the new action still parses, and a choice with a bad country code is refused', () => {
    const base = passage(2, 'Paris', 0, 5);
    const ok = parseSidecar(JSON.stringify({ version: 1, document: 'd', annotations: [base], deleted: [] }), 'd');
    assert.ok(ok.ok);
    const bad: unknown = {
      ...base,
      kind: 'correction',
      entity: { id: 'paris', name: 'Paris' },
      correction: { action: 'choose-place', place: { type: 'city', name: 'Paris', country: 'texas' } },
    };
    const refused = parseSidecar(JSON.stringify({ version: 1, document: 'd', annotations: [bad], deleted: [] }), 'd');
    assert.strictEqual(refused.ok, false);
  });
});
