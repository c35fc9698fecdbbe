import * as assert from 'assert';
import { EntityRegistry } from '../../server/src/analysis/entities/crossDocument';
import { kindOf, type EntityType } from '../../server/src/analysis/types';
import { registryEntities, type DocumentSummary, type SummaryEntity } from '../../server/src/workspace/cache/summary';
import { WorkspaceAggregates, type EntityStats } from '../../server/src/workspace/aggregates';
import { engineData } from '../../server/src/workspace/resources';

const nicknames = engineData().aliases.nicknames;

function entity(id: string, canonical: string, type: EntityType, n: number, line: number, aliases: string[] = [canonical]): SummaryEntity {
  return { id, canonical, kind: kindOf(type), type, aliases, n, first: [line, 2, line, 9] };
}

/** What a stats answer says, without its `has` closure. */
function plain(s: EntityStats): Omit<EntityStats, 'has'> {
  const { documentCount, mentionCount, topDocuments, claimCount, topClaims } = s;
  return { documentCount, mentionCount, topDocuments, claimCount, topClaims };
}

describe('workspace aggregates', () => {
  it('with queries between interleaved updates and removals, answers after each as aggregates built from scratch', () => {
    // A stale memo would keep an entity's counts, top documents or claims from before a change to one of
    // its groups, or its old groups after a join ("Zamili" joining "Hakim al-Zamili", then turning ambiguous).
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const summary = (): DocumentSummary => {
      const pool = [
        entity('iraq', 'Iraq', 'country', 1 + next(5), next(4)),
        entity('zamili', 'Zamili', 'person', 1 + next(3), next(4)),
        entity('hakim-al-zamili', 'Hakim al-Zamili', 'person', 1 + next(4), next(4), ['Hakim al-Zamili', 'Zamili']),
        entity('ali-al-zamili', 'Ali al-Zamili', 'person', 1 + next(2), next(4)),
      ];
      const entities = pool.filter(() => next(2) === 0);
      const claims = Array.from({ length: next(4) }, (_, i) => {
        const speaker = entities.length > 0 ? entities[next(entities.length)].id : null;
        return {
          speaker,
          source: speaker,
          section: 'article' as const,
          shown: { start: i * 10, line: i, cue: 'said', text: `claim ${i}` },
        };
      });
      return { length: 100, entities, claims };
    };
    const registry = new EntityRegistry(nicknames);
    const live = new WorkspaceAggregates(registry);
    const current = new Map<string, DocumentSummary>();
    const ids = ['iraq', 'zamili', 'hakim-al-zamili', 'ali-al-zamili'];
    for (let step = 0; step < 120; step++) {
      const uri = `file:///d${next(10)}.txt`;
      if (next(5) === 0) {
        registry.remove(uri);
        live.set(uri, undefined);
        current.delete(uri);
      } else {
        const s = summary();
        registry.update(
          uri,
          s.entities.map((e) => ({ ...e, mentions: { length: e.n } })),
        );
        live.set(uri, s);
        current.set(uri, s);
      }
      const freshRegistry = new EntityRegistry(nicknames);
      const fresh = new WorkspaceAggregates(freshRegistry);
      for (const [u, s] of current) {
        freshRegistry.update(
          u,
          s.entities.map((e) => ({ ...e, mentions: { length: e.n } })),
        );
        fresh.set(u, s);
      }
      for (let i = 0; i < ids.length; i++) {
        const id = ids[(i + step) % ids.length];
        assert.deepStrictEqual(plain(live.stats(id)), plain(fresh.stats(id)), `stats of ${id} at step ${step}`);
        assert.deepStrictEqual(live.documents(id), fresh.documents(id), `documents of ${id} at step ${step}`);
      }
    }
  });

  it('while a folder is indexed, counts the documents of an entity of several groups as aggregates built from scratch', () => {
    // "Hakim al-Zamili" and "Zamili" are two groups of one entity: its count goes on from its last answer
    // while documents are only added (a few or many between two questions), and is counted again after a removal.
    let seed = 5;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const summary = (): DocumentSummary => {
      const entities = [entity('iraq', 'Iraq', 'country', 1, 0)];
      if (next(3) > 0) entities.push(entity('hakim-al-zamili', 'Hakim al-Zamili', 'person', 1 + next(3), 1, ['Hakim al-Zamili', 'Zamili']));
      if (next(3) > 0) entities.push(entity('zamili', 'Zamili', 'person', 1 + next(3), 2));
      return { length: 100, entities, claims: [] };
    };
    const registry = new EntityRegistry(nicknames);
    const live = new WorkspaceAggregates(registry);
    const current = new Map<string, DocumentSummary>();
    const put = (uri: string, s: DocumentSummary | undefined) => {
      if (s) registry.update(uri, registryEntities(s));
      else registry.remove(uri);
      live.set(uri, s);
      if (s) current.set(uri, s);
      else current.delete(uri);
    };
    let added = 0;
    for (let step = 0; step < 60; step++) {
      // Mostly new documents, at times over a hundred at once (more than a group remembers), a changed one, or a removal.
      const burst = step % 17 === 16 ? 120 : 1 + next(4);
      for (let i = 0; i < burst; i++) put(`file:///d${added++}.txt`, summary());
      // A document indexed again may name one more group of the entity: it was counted already.
      if (step % 2 === 1) put(`file:///d${next(added)}.txt`, summary());
      if (step % 11 === 5) put(`file:///d${next(added)}.txt`, undefined);
      const freshRegistry = new EntityRegistry(nicknames);
      const fresh = new WorkspaceAggregates(freshRegistry);
      for (const [u, s] of current) {
        freshRegistry.update(u, registryEntities(s));
        fresh.set(u, s);
      }
      assert.strictEqual(registry.groupsOf('hakim-al-zamili').length, 2);
      for (const id of ['hakim-al-zamili', 'iraq']) {
        assert.deepStrictEqual(plain(live.stats(id)), plain(fresh.stats(id)), `stats of ${id} at step ${step}`);
      }
    }
  });
});
