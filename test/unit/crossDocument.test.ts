import * as assert from 'assert';
import { EntityRegistry, resolveWorkspaceIds } from '../../server/src/analysis/entities/crossDocument';
import { kindOf, type EntityCluster, type EntityType } from '../../server/src/analysis/types';
import { engineData } from '../../server/src/workspace/resources';

const nicknames = engineData().aliases.nicknames;

function entity(id: string, canonical: string, type: EntityType, aliases: string[] = [canonical]): EntityCluster {
  return { id, canonical, type, kind: kindOf(type), aliases, mentions: aliases.map((_, i) => i), descriptions: [] };
}

describe('crossDocument', () => {
  it('joins a bare surname to the one full name of the workspace', () => {
    const ws = resolveWorkspaceIds(
      [
        { doc: 'a', entities: [entity('karim-al-rubaie', 'Karim al-Rubaie', 'person', ['Karim al-Rubaie', 'Rubaie'])] },
        { doc: 'b', entities: [entity('rubaie', 'Rubaie', 'person')] },
        { doc: 'c', entities: [entity('karim-rubaie', 'Karim Rubaie', 'person')] },
      ],
      nicknames,
    );
    assert.strictEqual(ws.get('b')?.get('rubaie'), 'karim-al-rubaie');
    assert.strictEqual(ws.get('c')?.get('karim-rubaie'), 'karim-al-rubaie');
  });

  it('leaves a surname alone when two people of the workspace bear it', () => {
    const ws = resolveWorkspaceIds(
      [
        { doc: 'a', entities: [entity('ahmed-al-tamimi', 'Ahmed al-Tamimi', 'person')] },
        { doc: 'b', entities: [entity('salim-al-tamimi', 'Salim al-Tamimi', 'person')] },
        { doc: 'c', entities: [entity('tamimi', 'Tamimi', 'person')] },
      ],
      nicknames,
    );
    assert.strictEqual(ws.get('c')?.get('tamimi'), 'tamimi');
    assert.strictEqual(ws.get('a')?.get('ahmed-al-tamimi'), 'ahmed-al-tamimi');
    assert.strictEqual(ws.get('b')?.get('salim-al-tamimi'), 'salim-al-tamimi');
  });

  it('joins transliterations, acronyms, word-order variants and shortened given names', () => {
    const ws = resolveWorkspaceIds(
      [
        {
          doc: 'a',
          entities: [
            entity('haider-al-obeidi', 'Haider al-Obeidi', 'person'),
            entity('northern-water-authority', 'Northern Water Authority', 'organization'),
          ],
        },
        { doc: 'b', entities: [entity('haydar-al-obeidi', 'Haydar al-Obeidi', 'person'), entity('nwa', 'NWA', 'organization')] },
        {
          doc: 'c',
          entities: [
            entity('energy-and-water-committee', 'Energy and Water Committee', 'organization'),
            entity('ash-barker', 'Ash Barker', 'person'),
          ],
        },
        {
          doc: 'd',
          entities: [
            entity('water-and-energy-committee', 'Water and Energy Committee', 'organization'),
            entity('ashton-barker', 'Ashton Barker', 'person'),
          ],
        },
      ],
      nicknames,
    );
    assert.strictEqual(ws.get('a')?.get('haider-al-obeidi'), ws.get('b')?.get('haydar-al-obeidi'));
    assert.strictEqual(ws.get('b')?.get('nwa'), 'northern-water-authority');
    assert.strictEqual(ws.get('c')?.get('energy-and-water-committee'), ws.get('d')?.get('water-and-energy-committee'));
    assert.strictEqual(ws.get('c')?.get('ash-barker'), 'ashton-barker');
  });

  it('updates and removes documents incrementally', () => {
    const r = new EntityRegistry(nicknames);
    r.update('a', [entity('rubaie', 'Rubaie', 'person'), entity('iraq', 'Iraq', 'country')]);
    assert.strictEqual(r.resolve('a', 'rubaie'), 'rubaie');
    r.update('b', [entity('karim-al-rubaie', 'Karim al-Rubaie', 'person'), entity('iraq', 'Iraq', 'country')]);
    assert.strictEqual(r.resolve('a', 'rubaie'), 'karim-al-rubaie');
    assert.deepStrictEqual(r.documentsOf('karim-al-rubaie'), ['a', 'b']);
    assert.deepStrictEqual(r.documentsOf('iraq'), ['a', 'b']);
    // A second Rubaie makes the bare surname ambiguous again.
    r.update('c', [entity('nadia-al-rubaie', 'Nadia al-Rubaie', 'person')]);
    assert.strictEqual(r.resolve('a', 'rubaie'), 'rubaie');
    r.remove('c');
    assert.strictEqual(r.resolve('a', 'rubaie'), 'karim-al-rubaie');
    r.update('b', [entity('iraq', 'Iraq', 'country')]);
    assert.strictEqual(r.resolve('a', 'rubaie'), 'rubaie');
    assert.deepStrictEqual(r.documentsOf('karim-al-rubaie'), []);
    assert.strictEqual(r.resolve('zzz', 'unknown'), 'unknown');
  });

  it('after many replacements and removals in shared buckets, answers as a registry built from the final documents', () => {
    const live = new EntityRegistry(nicknames);
    const docs = (i: number, round: number): EntityCluster[] => {
      const out = [entity('iraq', 'Iraq', 'country'), entity('zamili', 'Zamili', 'person')];
      // Half the documents name the full name in some rounds: the bare surname joins it only then.
      if ((i + round) % 2 === 0) out.push(entity('hakim-al-zamili', 'Hakim al-Zamili', 'person'));
      if (round === 2 && i === 3) out.push(entity('ali-al-zamili', 'Ali al-Zamili', 'person'));
      return out;
    };
    const names = Array.from({ length: 12 }, (_, i) => `d${i}`);
    for (let round = 0; round < 3; round++) for (const [i, d] of names.entries()) live.update(d, docs(i, round));
    for (const d of names.slice(0, 9)) live.remove(d);
    const fresh = new EntityRegistry(nicknames);
    for (const [i, d] of names.entries()) if (i >= 9) fresh.update(d, docs(i, 2));
    for (const d of names.slice(9)) assert.deepStrictEqual([...live.mapping(d)], [...fresh.mapping(d)]);
    for (const id of ['iraq', 'zamili', 'hakim-al-zamili']) {
      assert.deepStrictEqual(live.documentsOf(id), fresh.documentsOf(id));
      assert.deepStrictEqual(live.groupsOf(id), fresh.groupsOf(id));
    }
    assert.deepStrictEqual(live.documentsOf('iraq'), ['d10', 'd11', 'd9']);
    assert.strictEqual(live.has('d0'), false);
  });

  it('with queries between interleaved updates and removals, answers after each as a registry built from scratch', () => {
    // Each step may change what a query cached earlier read: a join appears ("Zamili" once a full name is
    // there), turns ambiguous (a second Zamili), or goes with a removal; a stale memo would answer as before.
    const pool: EntityCluster[] = [
      entity('iraq', 'Iraq', 'country'),
      entity('zamili', 'Zamili', 'person'),
      entity('hakim-al-zamili', 'Hakim al-Zamili', 'person', ['Hakim al-Zamili', 'Zamili']),
      entity('ali-al-zamili', 'Ali al-Zamili', 'person'),
      entity('kurdistan-regional-government', 'Kurdistan Regional Government', 'organization', ['Kurdistan Regional Government', 'KRG']),
      entity('krg', 'KRG', 'organization'),
      entity('hakim', 'Hakim Zamili', 'person'),
    ];
    const ids = ['iraq', 'zamili', 'hakim-al-zamili', 'ali-al-zamili', 'kurdistan-regional-government', 'krg', 'hakim'];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const live = new EntityRegistry(nicknames);
    const current = new Map<string, EntityCluster[]>();
    for (let step = 0; step < 150; step++) {
      const doc = `d${next(8)}`;
      if (next(4) === 0) {
        live.remove(doc);
        current.delete(doc);
      } else {
        const entities = pool.filter(() => next(3) === 0);
        live.update(doc, entities);
        current.set(doc, entities);
      }
      const fresh = new EntityRegistry(nicknames);
      for (const [d, entities] of current) fresh.update(d, entities);
      // Ask in a varying order, so that some answers are cached before others are computed.
      for (let i = 0; i < ids.length; i++) {
        const id = ids[(i + step) % ids.length];
        assert.deepStrictEqual(live.groupsOf(id), fresh.groupsOf(id), `groups of ${id} at step ${step}`);
        assert.deepStrictEqual(live.documentsOf(id), fresh.documentsOf(id), `documents of ${id} at step ${step}`);
      }
      for (const d of current.keys()) assert.deepStrictEqual([...live.mapping(d)], [...fresh.mapping(d)], `${d} at step ${step}`);
    }
  });

  it('while documents are only added, answers after each as a registry built from scratch (components that grow and merge)', () => {
    // A folder being indexed: no removal, so cached components grow from their buckets' new ends; a
    // newcomer may join two components ("Hakim Zamili" shares a key with each spelling) or tip the best name.
    const pool: EntityCluster[] = [
      entity('zamili', 'Zamili', 'person'),
      entity('hakim-al-zamili', 'Hakim al-Zamili', 'person', ['Hakim al-Zamili', 'Zamili']),
      entity('hakim', 'Hakim Zamili', 'person'),
      entity('al-zamili', 'Hakim al-Zamili', 'person'),
      entity('ali-al-zamili', 'Ali al-Zamili', 'person'),
      entity('krg', 'KRG', 'organization'),
      entity('kurdistan-regional-government', 'Kurdistan Regional Government', 'organization', ['Kurdistan Regional Government', 'KRG']),
    ];
    const ids = ['zamili', 'hakim-al-zamili', 'hakim', 'al-zamili', 'ali-al-zamili', 'krg', 'kurdistan-regional-government'];
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const live = new EntityRegistry(nicknames);
    const current = new Map<string, EntityCluster[]>();
    for (let step = 0; step < 60; step++) {
      const entities = pool.filter(() => next(4) === 0);
      live.update(`d${step}`, entities);
      current.set(`d${step}`, entities);
      const fresh = new EntityRegistry(nicknames);
      for (const [d, e] of current) fresh.update(d, e);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[(i * 3 + step) % ids.length];
        assert.deepStrictEqual(live.groupsOf(id), fresh.groupsOf(id), `groups of ${id} at step ${step}`);
        assert.deepStrictEqual(live.documentsOf(id), fresh.documentsOf(id), `documents of ${id} at step ${step}`);
      }
      for (const d of current.keys()) assert.deepStrictEqual([...live.mapping(d)], [...fresh.mapping(d)], `${d} at step ${step}`);
    }
  });

  it('lists as members exactly the local entities that resolve to a workspace id, short-form chains included', () => {
    const r = new EntityRegistry(nicknames);
    r.update('a', [
      entity('kurdistan-regional-government', 'Kurdistan Regional Government', 'organization', ['Kurdistan Regional Government', 'KRG']),
    ]);
    r.update('b', [entity('krg', 'KRG', 'organization'), entity('iraq', 'Iraq', 'country')]);
    r.update('c', [
      entity('haider-al-abadi', 'Haider al-Abadi', 'person', ['Haider al-Abadi', 'Abadi']),
      entity('iraq', 'Iraq', 'country'),
    ]);
    r.update('d', [entity('abadi', 'Abadi', 'person'), entity('haidar-abadi', 'Haidar Abadi', 'person')]);
    const docs = ['a', 'b', 'c', 'd'];
    const locals: Record<string, string[]> = {
      a: ['kurdistan-regional-government'],
      b: ['krg', 'iraq'],
      c: ['haider-al-abadi', 'iraq'],
      d: ['abadi', 'haidar-abadi'],
    };
    for (const doc of docs) {
      for (const local of locals[doc]) {
        const id = r.resolve(doc, local);
        const members = r.membersOf(id);
        assert.ok(members.get(doc)?.includes(local), `${doc}/${local} is a member of ${id}`);
        for (const [d, ids] of members) for (const l of ids) assert.strictEqual(r.resolve(d, l), id, `${d}/${l} resolves to ${id}`);
      }
    }
    assert.deepStrictEqual([...r.membersOf('kurdistan-regional-government').keys()].sort(), ['a', 'b']);
    assert.deepStrictEqual(r.membersOf(r.resolve('d', 'abadi')).get('d')?.sort(), ['abadi', 'haidar-abadi']);
  });
});
