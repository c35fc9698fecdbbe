import * as assert from 'assert';
import type { Claim, EntityCluster, EntityKind, EntityMention, EntityType } from '../../../server/src/analysis/types';
import { TOP_CLAIMS, TOP_DOCUMENTS, type EntityStats } from '../../../server/src/workspace/aggregates';
import { DocumentIndex } from '../../../server/src/workspace/documentIndex';
import { workspaceEntities, type WorkspaceEntities } from '../../../server/src/workspace/workspaceEntities';
import { hover } from '../../../server/src/lsp/features/hover';
import { rng } from '../../../server/src/analysis/ner/perceptron';
import { context, emptyAnalysis, indexedDocument, PreparedAnalyses } from '../features/synthetic';

/*
 * The aggregates are kept incrementally; these tests hold them to a full
 * recomputation from the documents after random sequences of additions,
 * changes and removals, and check that a hover on a name in many documents
 * stays the same size however many there are.
 */

interface Name {
  canonical: string;
  kind: EntityKind;
  type: EntityType;
}

const NAMES: Name[] = [
  { canonical: 'Hakim al-Zamili', kind: 'actor', type: 'person' },
  { canonical: 'Zamili', kind: 'actor', type: 'person' },
  { canonical: 'Haider al-Abadi', kind: 'actor', type: 'person' },
  { canonical: 'Abadi', kind: 'actor', type: 'person' },
  { canonical: 'Ministry of Oil', kind: 'actor', type: 'organization' },
  { canonical: 'Baghdad', kind: 'place', type: 'city' },
  { canonical: 'Osama al-Nujaifi', kind: 'actor', type: 'person' },
  { canonical: 'Atheel al-Nujaifi', kind: 'actor', type: 'person' },
  { canonical: 'Nujaifi', kind: 'actor', type: 'person' },
];

const idOf = (n: Name) => n.canonical.toLowerCase().replace(/\s+/g, '-');

/** The engine's deterministic generator (mulberry32), so that a failure can be replayed from its seed. */
const random = rng;

/** A document naming a few of NAMES, each mention on its own line, with claims by some of them. */
function randomDocument(uri: string, version: number, rnd: () => number, names: readonly Name[] = NAMES) {
  const lines = [`${uri} v${version}`];
  const mentions: EntityMention[] = [];
  const entities: EntityCluster[] = [];
  let offset = lines[0].length + 1;
  for (const name of names) {
    if (rnd() < 0.5) continue;
    const count = 1 + Math.floor(rnd() * 4);
    const entity: EntityCluster = {
      id: idOf(name),
      canonical: name.canonical,
      kind: name.kind,
      type: name.type,
      aliases: [name.canonical],
      mentions: [],
      descriptions: [],
    };
    for (let i = 0; i < count; i++) {
      entity.mentions.push(mentions.length);
      mentions.push({
        start: offset,
        end: offset + name.canonical.length,
        text: name.canonical,
        kind: name.kind,
        type: name.type,
        id: entity.id,
      });
      lines.push(name.canonical);
      offset += name.canonical.length + 1;
    }
    entities.push(entity);
  }
  mentions.sort((a, b) => a.start - b.start);
  const claims: Claim[] = [];
  const text = lines.join('\n');
  const claimCount = Math.floor(rnd() * 6);
  for (let i = 0; i < claimCount; i++) {
    const speaker = entities.length && rnd() < 0.8 ? entities[Math.floor(rnd() * entities.length)] : null;
    const start = Math.floor(rnd() * Math.max(1, text.length - 5));
    claims.push({
      start,
      end: start + 3,
      text: `“claim ${i} of ${uri}”`,
      cue: rnd() < 0.7 ? { start, end: start + 1, text: 'said' } : null,
      source: null,
      speaker: speaker?.id ?? null,
      hedges: [],
      section: 'article',
      form: 'direct',
    });
  }
  claims.sort((a, b) => a.start - b.start);
  return indexedDocument(uri, text, { ...emptyAnalysis(text), mentions, entities, claims });
}

/** What the aggregates must equal: computed from every member document, as features did before the aggregates. */
function recompute(entities: WorkspaceEntities, workspaceId: string) {
  const perDoc = entities.membersOf(workspaceId).map(([doc, members]) => {
    let mentions = 0;
    let first = Infinity;
    for (const e of members) {
      mentions += e.mentions.length;
      first = Math.min(first, doc.analysis.mentions[e.mentions[0]]?.start ?? Infinity);
    }
    // `first` sorts like positions: line, then character.
    const at = doc.document.positionAt(Number.isFinite(first) ? first : 0);
    return { uri: doc.uri, mentions, first: at.line * 1048576 + at.character, line: at.line };
  });
  const claims = entities.membersOf(workspaceId).flatMap(([doc, members]) => {
    const ids = new Set(members.map((e) => e.id));
    return doc.analysis.claims
      .map((claim, index) => ({ claim, index }))
      .filter(({ claim }) => claim.speaker !== null && ids.has(claim.speaker))
      .map(({ claim, index }) => ({
        uri: doc.uri,
        index,
        start: claim.start,
        line: doc.document.positionAt(claim.start).line,
        cue: claim.cue?.text ?? null,
        text: claim.text,
      }));
  });
  return {
    documentCount: perDoc.length,
    mentionCount: perDoc.reduce((n, d) => n + d.mentions, 0),
    documents: [...perDoc].sort((a, b) => b.mentions - a.mentions),
    claimCount: claims.length,
    topClaims: claims.slice(0, TOP_CLAIMS),
  };
}

function plain(s: EntityStats) {
  return {
    documentCount: s.documentCount,
    mentionCount: s.mentionCount,
    topDocuments: s.topDocuments,
    claimCount: s.claimCount,
    topClaims: s.topClaims,
  };
}

/** Checks every workspace entity; returns how many are made of several groups ("Zamili" joined to "Hakim al-Zamili"). */
function checkAll(index: DocumentIndex): number {
  const entities = workspaceEntities(index);
  const ids = new Set<string>();
  let merged = 0;
  for (const doc of index.all()) for (const e of doc.analysis.entities) ids.add(entities.workspaceId(doc.uri, e.id));
  for (const id of ids) {
    const stats = entities.stats(id);
    const full = recompute(entities, id);
    const { documents, ...summary } = full;
    assert.deepStrictEqual(plain(stats), { ...summary, topDocuments: documents.slice(0, TOP_DOCUMENTS) }, `entity ${id}`);
    assert.deepStrictEqual(entities.documentCounts(id), documents, `documents of ${id}`);
    for (const [doc] of entities.membersOf(id)) assert.ok(stats.has(doc.uri));
    if (index.registry.groupsOf(id).length > 1) merged++;
  }
  return merged;
}

describe('workspace aggregates', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equal a full recomputation after random additions, changes and removals (seed ${seed})`, async () => {
      const rnd = random(seed);
      const prepared = new PreparedAnalyses();
      const index = new DocumentIndex(prepared);
      const versions = new Map<string, number>();
      let merged = 0;
      for (let step = 0; step < 150; step++) {
        const uri = `file:///ws/doc${String(Math.floor(rnd() * 30)).padStart(2, '0')}.txt`;
        if (versions.has(uri) && rnd() < 0.3) {
          index.remove(uri);
          versions.delete(uri);
        } else {
          const version = (versions.get(uri) ?? 0) + 1;
          versions.set(uri, version);
          const doc = randomDocument(uri, version, rnd);
          prepared.add(doc);
          await index.update(uri, doc.document.getText(), version);
        }
        // Reading between changes exercises the memo and the top lists' repair.
        if (step % 7 === 0) merged += checkAll(index);
      }
      merged += checkAll(index);
      assert.ok(merged > 0, 'some entities have several groups');
    });
  }

  it('forget a removed document entirely', async () => {
    const prepared = new PreparedAnalyses();
    const index = new DocumentIndex(prepared);
    const doc = randomDocument('file:///ws/a.txt', 1, () => 0.9);
    prepared.add(doc);
    await index.update(doc.uri, doc.document.getText(), 1);
    const entities = workspaceEntities(index);
    const id = entities.workspaceId(doc.uri, 'hakim-al-zamili');
    assert.strictEqual(entities.stats(id).documentCount, 1);
    index.remove(doc.uri);
    const after = entities.stats(id);
    assert.deepStrictEqual([after.documentCount, after.mentionCount, after.claimCount, after.topDocuments.length], [0, 0, 0, 0]);
  });

  it('count only the claims the claim filter keeps, and count again when it changes', async () => {
    const prepared = new PreparedAnalyses();
    const index = new DocumentIndex(prepared);
    const doc = randomDocument('file:///ws/a.txt', 1, () => 0.9);
    const speaker = doc.analysis.entities[0];
    assert.ok(speaker);
    const claim = (start: number, score: number, section: 'article' | 'comments'): Claim => ({
      start,
      end: start + 3,
      text: `claim at ${start}`,
      cue: null,
      source: null,
      speaker: speaker.id,
      hedges: [],
      section,
      form: 'direct',
      score,
    });
    const scored = {
      ...doc,
      analysis: { ...doc.analysis, claims: [claim(0, 0.3, 'article'), claim(5, 0.9, 'article'), claim(9, 0.6, 'comments')] },
    };
    prepared.add(scored);
    await index.update(doc.uri, doc.document.getText(), 1);
    const entities = workspaceEntities(index);
    const id = entities.workspaceId(doc.uri, speaker.id);
    assert.strictEqual(entities.stats(id).claimCount, 3);
    index.aggregates.setClaimFilter((c) => (c.score ?? 1) >= (c.section === 'comments' ? 0.7 : 0.5));
    const shown = entities.stats(id);
    assert.strictEqual(shown.claimCount, 1);
    assert.deepStrictEqual(
      shown.topClaims.map((c) => c.text),
      ['claim at 5'],
    );
    index.aggregates.setClaimFilter(() => true);
    assert.strictEqual(entities.stats(id).claimCount, 3);
  });
});

describe('hover on a name in many documents', () => {
  /** The hover on the first mention of Hakim al-Zamili in the first of `n` documents that all name him. */
  async function hoverOver(n: number): Promise<string> {
    const rnd = random(n);
    const prepared = new PreparedAnalyses();
    const index = new DocumentIndex(prepared);
    const docs = [];
    for (let i = 0; i < n; i++) {
      const doc = randomDocument(`file:///ws/doc${String(i).padStart(4, '0')}.txt`, 1, rnd, [NAMES[0], NAMES[2], NAMES[5]]);
      // Every document names him and gives him a claim, whatever the dice said.
      if (!doc.analysis.entities.some((e) => e.id === 'hakim-al-zamili')) continue;
      prepared.add(doc);
      docs.push(doc);
      await index.update(doc.uri, doc.document.getText(), 1);
    }
    const first = docs[0];
    const at = first.analysis.mentions.find((m) => m.id === 'hakim-al-zamili');
    assert.ok(at);
    const h = hover(first, first.document.positionAt(at.start), context({ index }));
    assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents);
    return h.contents.value;
  }

  it('lists at most five other documents and three claims, and says how many more', async () => {
    const value = await hoverOver(400);
    const also = /Also in: (.*)/.exec(value);
    assert.ok(also, value);
    assert.strictEqual((also[1].match(/\]\(file:/g) ?? []).length, 5);
    const more = /· and (\d+) more/.exec(also[1]);
    assert.ok(more, also[1]);
    const total = /in (\d+) documents/.exec(value);
    assert.ok(total);
    assert.strictEqual(Number(more[1]), Number(total[1]) - 1 - 5);
    const claims = /Claims \((\d+)\):/.exec(value);
    assert.ok(claims, value);
    assert.strictEqual((value.match(/^- \[/gm) ?? []).length, 3);
    assert.ok(value.includes(`and ${Number(claims[1]) - 3} more`));
  });

  it('is no longer for 400 documents than for 40', async () => {
    const small = await hoverOver(40);
    const big = await hoverOver(400);
    assert.strictEqual(big.split('\n').length, small.split('\n').length);
    assert.ok(big.length < small.length * 1.2, `${big.length} vs ${small.length}`);
  });
});
