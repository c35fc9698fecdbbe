import * as assert from 'assert';
import {
  mergeSidecars,
  parseSidecar,
  pruneTombstones,
  serializeSidecar,
  textHash,
  type Annotation,
  type Sidecar,
} from '../../common/annotations';

const ID1 = '11111111-1111-4111-8111-111111111111';
const ID2 = '22222222-2222-4222-8222-222222222222';
const ID3 = '33333333-3333-4333-8333-333333333333';

function passage(id: string, tags: string[], modified = '2024-05-01T10:00:00.000Z', note?: string): Annotation {
  return {
    id,
    created: '2024-05-01T10:00:00.000Z',
    modified,
    kind: 'passage',
    target: {
      position: { type: 'TextPositionSelector', start: 4, end: 12 },
      quote: { type: 'TextQuoteSelector', exact: 'minister', prefix: 'The ', suffix: ' said' },
      hash: textHash('The minister said'),
    },
    body: { tags, ...(note ? { note } : {}) },
  };
}

function sidecar(annotations: Annotation[], deleted: Sidecar['deleted'] = []): Sidecar {
  return { version: 1, document: 'doc.txt', annotations, deleted };
}

describe('sidecar schema', () => {
  it('round-trips through serialize and parse', () => {
    const s = sidecar([passage(ID1, ['disputed'], undefined, 'check this')]);
    const parsed = parseSidecar(serializeSidecar(s), 'doc.txt');
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.sidecar, s);
  });

  it('reads a file saved with a UTF-8 byte order mark (as some Windows editors save JSON)', () => {
    const s = sidecar([passage(ID1, ['disputed'])]);
    const parsed = parseSidecar('\ufeff' + serializeSidecar(s), 'doc.txt');
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    assert.deepStrictEqual(parsed.sidecar, s);
  });

  it('keeps the document hash, written after the document name', () => {
    const s = { ...sidecar([passage(ID1, ['x'])]), documentHash: textHash('The minister said') };
    const text = serializeSidecar(s);
    assert.ok(text.startsWith(`{\n  "version": 1,\n  "document": "doc.txt",\n  "documentHash": "${s.documentHash}",\n  "annotations": [`));
    const parsed = parseSidecar(text, 'doc.txt');
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.sidecar, s);
  });

  it('writes stable key order, 2-space indent and a trailing newline', () => {
    // Keys given in a scrambled order come out in the canonical one.
    const a = passage(ID1, ['x']);
    const scrambled = {
      body: a.body,
      target: { hash: a.target.hash, quote: a.target.quote, position: a.target.position },
      kind: a.kind,
      modified: a.modified,
      id: a.id,
      created: a.created,
    } as Annotation;
    const text = serializeSidecar(sidecar([scrambled]));
    assert.ok(text.endsWith('}\n'));
    assert.ok(text.startsWith('{\n  "version": 1,\n  "document": "doc.txt",\n  "annotations": [\n    {\n      "id": '));
    const keys = Object.keys(JSON.parse(text).annotations[0]);
    assert.deepStrictEqual(keys, ['id', 'created', 'modified', 'kind', 'target', 'body']);
    assert.strictEqual(text, serializeSidecar(sidecar([a])));
  });

  it('sorts annotations by creation so that moving a passage does not move its block', () => {
    const early = { ...passage(ID2, ['a']), created: '2024-01-01T00:00:00.000Z' };
    const late = { ...passage(ID1, ['b']), created: '2024-02-01T00:00:00.000Z' };
    const parsed = JSON.parse(serializeSidecar(sidecar([late, early])));
    assert.deepStrictEqual(
      parsed.annotations.map((a: { id: string }) => a.id),
      [ID2, ID1],
    );
  });

  it('rejects invalid JSON, wrong shapes, bad ids, duplicate ids and newer versions', () => {
    const bad = [
      '{ not json',
      '[]',
      JSON.stringify({ version: 1, document: 'd', annotations: [{ ...passage(ID1, []), id: 'nope' }] }),
      JSON.stringify({ version: 1, document: 'd', annotations: [{ ...passage(ID1, []), kind: 'mystery' }] }),
      JSON.stringify({
        version: 1,
        document: 'd',
        annotations: [
          {
            ...passage(ID1, []),
            target: { position: { type: 'TextPositionSelector', start: 5, end: 2 }, quote: passage(ID1, []).target.quote, hash: '' },
          },
        ],
      }),
      JSON.stringify({ version: 1, document: 'd', annotations: [passage(ID1, []), passage(ID1, [])] }),
      JSON.stringify({ version: 2, document: 'd', annotations: [] }),
      JSON.stringify({
        version: 1,
        document: 'd',
        annotations: [
          {
            ...passage(ID1, []),
            kind: 'correction',
            entity: { id: 'x', name: 'X' },
            correction: { action: 'change-type', type: 'planet' },
          },
        ],
      }),
    ];
    for (const text of bad) {
      const r = parseSidecar(text, 'doc.txt');
      assert.strictEqual(r.ok, false, text);
      assert.ok(!r.ok && r.error.length > 0);
    }
    const newer = parseSidecar(JSON.stringify({ version: 2, document: 'd', annotations: [] }), 'doc.txt');
    assert.ok(!newer.ok && /newer Dossier/.test(newer.error));
  });

  it('accepts entity tags and every kind of correction', () => {
    const base = passage(ID1, []);
    const entity = { id: 'hakim-al-zamili', name: 'Hakim al-Zamili', type: 'person' as const };
    const items: Annotation[] = [
      { ...base, id: ID1, kind: 'entity-tag', entity, body: { tags: ['politician'] } },
      { ...base, id: ID2, kind: 'correction', entity, correction: { action: 'merge', into: { id: 'zamili', name: 'Zamili' } } },
      { ...base, id: ID3, kind: 'correction', entity, correction: { action: 'not-entity' } },
    ];
    const r = parseSidecar(serializeSidecar(sidecar(items)), 'doc.txt');
    assert.ok(r.ok);
    assert.deepStrictEqual(
      r.sidecar.annotations.map((a) => a.kind),
      ['entity-tag', 'correction', 'correction'],
    );
  });

  it('trims tags and drops duplicates', () => {
    const r = parseSidecar(JSON.stringify(sidecar([{ ...passage(ID1, []), body: { tags: [' a ', 'a', 'b'] } }])), 'doc.txt');
    assert.ok(r.ok);
    assert.deepStrictEqual(r.sidecar.annotations[0].body.tags, ['a', 'b']);
  });
});

describe('sidecar migration (v0 → v1)', () => {
  const v0 = JSON.stringify({
    annotations: [
      { start: 4, end: 12, text: 'minister', tags: ['official'], note: 'who?' },
      { start: 20, end: 26, text: 'Monday', created: '2023-12-24T08:00:00Z' },
    ],
  });

  it('reads the unversioned prototype format and migrates it', () => {
    const r = parseSidecar(v0, 'doc.txt', '2024-05-01T00:00:00.000Z');
    assert.ok(r.ok);
    assert.strictEqual(r.migratedFrom, 0);
    const [a, b] = r.sidecar.annotations;
    assert.strictEqual(r.sidecar.version, 1);
    assert.strictEqual(r.sidecar.document, 'doc.txt');
    assert.deepStrictEqual(a.target.position, { type: 'TextPositionSelector', start: 4, end: 12 });
    assert.deepStrictEqual(a.target.quote, { type: 'TextQuoteSelector', exact: 'minister', prefix: '', suffix: '' });
    assert.deepStrictEqual(a.body, { tags: ['official'], note: 'who?' });
    assert.strictEqual(a.created, '2024-05-01T00:00:00.000Z');
    assert.strictEqual(b.created, '2023-12-24T08:00:00Z');
    assert.match(a.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // The migrated result is valid v1.
    assert.ok(parseSidecar(serializeSidecar(r.sidecar), 'doc.txt').ok);
  });

  it('gives the same ids on every migration, so two windows migrating one file agree', () => {
    const x = parseSidecar(v0, 'doc.txt');
    const y = parseSidecar(v0, 'doc.txt');
    assert.ok(x.ok && y.ok);
    assert.deepStrictEqual(
      x.sidecar.annotations.map((a) => a.id),
      y.sidecar.annotations.map((a) => a.id),
    );
    assert.notStrictEqual(x.sidecar.annotations[0].id, x.sidecar.annotations[1].id);
  });

  it('rejects a v0 file with a broken entry', () => {
    assert.strictEqual(parseSidecar(JSON.stringify({ annotations: [{ start: -1, end: 2, text: 'x' }] }), 'doc.txt').ok, false);
  });
});

describe('merging sidecars', () => {
  const t = (m: number) => `2024-05-01T10:${String(m).padStart(2, '0')}:00.000Z`;

  it('per annotation, the newer modified wins, whichever side it is on', () => {
    const base = sidecar([passage(ID1, ['a'], t(0)), passage(ID2, ['b'], t(0))]);
    const local = sidecar([passage(ID1, ['a', 'local'], t(5)), passage(ID2, ['b'], t(0))]);
    const remote = sidecar([passage(ID1, ['a'], t(0)), passage(ID2, ['b', 'remote'], t(7))]);
    const merged = mergeSidecars(base, local, remote);
    const byId = new Map(merged.annotations.map((a) => [a.id, a.body.tags]));
    assert.deepStrictEqual(byId.get(ID1), ['a', 'local']);
    assert.deepStrictEqual(byId.get(ID2), ['b', 'remote']);
  });

  it('on a tie, disk wins so that every window converges', () => {
    const merged = mergeSidecars(null, sidecar([passage(ID1, ['mine'], t(1))]), sidecar([passage(ID1, ['disk'], t(1))]));
    assert.deepStrictEqual(merged.annotations[0].body.tags, ['disk']);
  });

  it('keeps annotations added on either side', () => {
    const merged = mergeSidecars(sidecar([]), sidecar([passage(ID1, ['new here'], t(1))]), sidecar([passage(ID2, ['new there'], t(2))]));
    assert.deepStrictEqual(merged.annotations.map((a) => a.id).sort(), [ID1, ID2]);
  });

  it('an annotation absent on disk but unchanged since the last load was deleted outside', () => {
    const base = sidecar([passage(ID1, ['a'], t(0)), passage(ID2, ['b'], t(0))]);
    const local = sidecar([passage(ID1, ['a'], t(0)), passage(ID2, ['b', 'edited'], t(3))]);
    const merged = mergeSidecars(base, local, sidecar([]));
    assert.deepStrictEqual(
      merged.annotations.map((a) => a.id),
      [ID2],
      'the unchanged one goes, the edited one stays',
    );
  });

  it('tombstones delete older copies and survive the merge', () => {
    const local = sidecar([], [{ id: ID1, deleted: t(5) }]);
    const remote = sidecar([passage(ID1, ['a'], t(2))]);
    const merged = mergeSidecars(sidecar([passage(ID1, ['a'], t(2))]), local, remote);
    assert.deepStrictEqual(merged.annotations, []);
    assert.deepStrictEqual(merged.deleted, [{ id: ID1, deleted: t(5) }]);
    // An edit made after the deletion elsewhere wins over the tombstone.
    const revived = mergeSidecars(null, local, sidecar([passage(ID1, ['a', 'later'], t(9))]));
    assert.deepStrictEqual(
      revived.annotations.map((a) => a.id),
      [ID1],
    );
  });

  it('forgets deletions older than the tombstone period, keeps recent ones', () => {
    const now = new Date('2026-06-01T00:00:00.000Z');
    const old = { id: ID1, deleted: '2026-01-01T00:00:00.000Z' };
    const recent = { id: ID2, deleted: '2026-05-01T00:00:00.000Z' };
    const pruned = pruneTombstones(sidecar([], [old, recent]), now);
    assert.deepStrictEqual(pruned.deleted, [recent]);
    const untouched = sidecar([], [recent]);
    assert.strictEqual(pruneTombstones(untouched, now), untouched);
  });
});
