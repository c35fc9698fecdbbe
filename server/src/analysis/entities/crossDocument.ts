import type { EntityCluster, EntityKind } from '../types';
import { addTo, BucketIndex, ReadTracker, removeFrom, type Deps } from './buckets';
import { isAbbreviation } from './names';
import { Entry, makeEntry, Templates, type CountedEntity, type RegistryEntity, type Template, type TemplateBuckets } from './registryEntry';

/*
 * Workspace-wide entity identity. Each document clusters its own mentions
 * (clusters.ts) into local ids; this module decides which local entities of
 * different documents are one entity, so "Abadi" in one article joins
 * "Haider al-Abadi" in another.
 *
 * Two kinds of evidence:
 *  - strong keys join unconditionally: the same local id, the same spelling
 *    key of the canonical name, the same given name + surname key;
 *  - a short form (bare surname, acronym, a name another entity lists as an
 *    alias) "seeks" entities that "provide" it, and joins only when all of
 *    them form one entity — "Nujaifi" stays alone in a workspace that has
 *    both Atheel and Osama al-Nujaifi.
 *
 * Pure: no I/O. Updates touch only the changed document's entries and the
 * key buckets they sit in; resolution is lazy, and its answers are memoised
 * while the buckets they read are unchanged (buckets.ts).
 */

export type { CountedEntity, PlaceIdentity, RegistryEntity } from './registryEntry';

export interface DocumentEntities {
  doc: string;
  entities: EntityCluster[];
}

interface Component extends Deps {
  entries: Entry[];
  /**
   * Entries per template, first seen first: what the best name, the short
   * forms and the groups are read from, so that they cost the entity's few
   * names, not its thousands of entries.
   */
  templates: Template[];
  /** How many entries each template has. */
  counts: number[];
  /**
   * The strong keys whose buckets were walked, and how many entries each had
   * then: a bucket that only grew is read from there on. (Arrays, not maps:
   * a workspace has hundreds of thousands of components, mostly of one entry.)
   */
  walked: string[];
  lengths: number[];
  id: string;
  /** Rank of the best name, so links only ever point to a more complete entity (no cycles). */
  rank: number[];
}

interface Target extends Deps {
  id: string;
}

interface Groups extends Deps {
  groups: readonly string[];
}

const MAX_ATTACH_DEPTH = 4;
/** Entities whose groups are memoised, at most: past it the memo starts again (it is only a shortcut). */
const MAX_GROUPS = 10_000;

export class EntityRegistry {
  /**
   * `nicknames` maps a given name to its full form ("bill" → "william"), from
   * the alias data of AnalysisResources (`res.aliases.nicknames`).
   */
  constructor(nicknames: ReadonlyMap<string, string>) {
    this.templates = new Templates(nicknames);
  }

  private readonly docs = new Map<string, DocumentEntries>();
  /** Keys of entities already seen, shared by their entries (see makeEntry). */
  private readonly templates: Templates;
  private readonly reads = new ReadTracker();
  private readonly strongIndex = new BucketIndex<Entry>(this.reads);
  private readonly provideIndex = new BucketIndex<Entry>(this.reads);
  private readonly seekIndex = new BucketIndex<Entry>(this.reads);
  private readonly byLocalId = new BucketIndex<Entry>(this.reads);
  /** Memoised while the buckets they read are unchanged (see Deps); a dead entry's is dropped with it. */
  private readonly components = new Map<Entry, Component>();
  /** Where a component's short forms lead, once per component: a hub such as Iraq has thousands of entries. */
  private readonly targets = new WeakMap<Component, Target>();
  private readonly groups = new Map<string, Groups>();

  /** Replaces the entities of `doc`. */
  update(doc: string, entities: readonly RegistryEntity[]): void {
    this.fill(doc, entities, (e) => e.mentions.length);
  }

  /** As update, from a summary's entities (their count as a number): no copy of each entity made to file it. */
  updateCounted(doc: string, entities: readonly CountedEntity[]): void {
    this.fill(doc, entities, (e) => e.n);
  }

  private fill<E extends Omit<RegistryEntity, 'mentions'>>(doc: string, entities: readonly E[], mentions: (e: E) => number): void {
    this.detach(doc);
    const list = new Array<Entry>(entities.length);
    for (let i = 0; i < entities.length; i++) {
      const cluster = entities[i];
      const e = makeEntry(doc, cluster, mentions(cluster), this.templates);
      list[i] = e;
      for (const b of this.filed(e.template)) addTo(this.reads, b, e);
    }
    this.docs.set(doc, new DocumentEntries(list));
  }

  /** The buckets of a template's keys (templates are this registry's own: see Templates). */
  private filed(t: Template): TemplateBuckets {
    return (t.filed ??= [
      ...t.strong.map((k) => this.strongIndex.slot(k)),
      ...t.provide.map((k) => this.provideIndex.slot(k)),
      ...t.seek.map((s) => this.seekIndex.slot(s.key)),
      this.byLocalId.slot(t.localId),
    ]);
  }

  remove(doc: string): void {
    this.detach(doc);
  }

  has(doc: string): boolean {
    return this.docs.has(doc);
  }

  /** The workspace id of a document's local entity id (the local id itself when unknown). */
  resolve(doc: string, localId: string): string {
    const e = this.docs.get(doc)?.byId().get(localId);
    if (!e) return localId;
    const comp = this.component(e);
    let target = this.targets.get(comp);
    if (target && this.reads.valid(target)) this.reads.reuse(target);
    else {
      const outer = this.reads.begin();
      const id = this.target(comp).id;
      target = { id, ...this.reads.end(outer) };
      this.targets.set(comp, target);
    }
    return target.id;
  }

  /**
   * The local entities that make up the workspace entity, by document: its
   * strongly joined component and every component whose short forms lead to
   * it (followed transitively, as resolve() does). Touches only that entity's
   * key buckets, so a hover stays cheap while the index is being rebuilt.
   */
  membersOf(workspaceId: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    this.walk(workspaceId, (c) => {
      for (const m of c.entries) {
        let ids = out.get(m.doc);
        if (!ids) out.set(m.doc, (ids = []));
        ids.push(m.localId);
      }
    });
    return out;
  }

  /**
   * The (kind, local id) groups that make up the workspace entity, as
   * `groupKey` strings: every entry with one kind and local id is in one
   * component (the `id:` strong key), so these groups partition the entity's
   * members. Memoised while the buckets read are unchanged: a hover on a
   * name in 8,000 documents then costs a few checks, not a walk of 8,000 entries.
   */
  groupsOf(workspaceId: string): readonly string[] {
    let cached = this.groups.get(workspaceId);
    if (cached && this.reads.valid(cached)) return cached.groups;
    const outer = this.reads.begin();
    const seen = new Set<string>();
    this.walk(workspaceId, (c) => {
      for (const t of c.templates) seen.add(groupKey(t.kind, t.localId));
    });
    const groups = [...seen].sort();
    cached = { groups: cached && sameList(cached.groups, groups) ? cached.groups : groups, ...this.reads.end(outer) };
    if (this.groups.size >= MAX_GROUPS) this.groups.clear();
    this.groups.set(workspaceId, cached);
    return cached.groups;
  }

  /** Visits every component of the workspace entity: its own and those whose short forms lead to it. */
  private walk(workspaceId: string, visit: (c: Component) => void): void {
    const visited = new Set<Component>();
    // Entries of one template are in one component: a bucket of thousands is skimmed, not resolved entry by entry.
    const skimmed = new Set<Template>();
    const queue: Component[] = [];
    for (const e of this.byLocalId.entries(workspaceId)) {
      if (!e.alive || skimmed.has(e.template)) continue;
      skimmed.add(e.template);
      const comp = this.component(e);
      if (visited.has(comp)) continue;
      visited.add(comp);
      if (this.resolve(e.doc, e.localId) === workspaceId) queue.push(comp);
    }
    const keys = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      visit(queue[i]);
      for (const m of queue[i].templates) {
        for (const k of m.provide) {
          if (keys.has(k)) continue;
          keys.add(k);
          for (const s of this.seekIndex.entries(k)) {
            if (!s.alive || skimmed.has(s.template)) continue;
            skimmed.add(s.template);
            const sc = this.component(s);
            if (visited.has(sc)) continue;
            visited.add(sc);
            if (this.resolve(s.doc, s.localId) === workspaceId) queue.push(sc);
          }
        }
      }
    }
  }

  /** Documents that mention the workspace entity, sorted. */
  documentsOf(workspaceId: string): string[] {
    return [...this.membersOf(workspaceId).keys()].sort();
  }

  /** Workspace ids of every entity of `doc`, by local id. */
  mapping(doc: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const localId of this.docs.get(doc)?.byId().keys() ?? []) out.set(localId, this.resolve(doc, localId));
    return out;
  }

  private detach(doc: string): boolean {
    const old = this.docs.get(doc)?.byId();
    if (!old) return false;
    for (const e of old.values()) e.alive = false;
    for (const e of old.values()) {
      for (const b of this.filed(e.template)) removeFrom(this.reads, b);
      this.components.delete(e);
    }
    this.docs.delete(doc);
    return true;
  }

  /** Entries joined to `start` by strong keys. */
  private component(start: Entry): Component {
    const cached = this.components.get(start);
    if (cached && this.reads.valid(cached)) {
      this.reads.reuse(cached);
      return cached;
    }
    // While documents are only added (a folder being indexed), a component grows: only its new entries are read.
    if (cached && this.reads.onlyGrew(cached)) return this.grow(cached);
    // Arrays made to size: grown from empty, each would reserve room for 17 (most components have one entry).
    const comp: Component = {
      entries: [start],
      templates: [start.template],
      counts: [1],
      walked: [...start.strong],
      lengths: start.strong.map(() => 0),
      id: '',
      rank: [],
      read: [],
      at: 0,
    };
    this.components.set(start, comp);
    return this.grow(comp);
  }

  /**
   * Adds to `comp` what its strong keys' buckets gained since they were
   * walked (everything, for keys not walked yet), following the keys of
   * what it adds, and ranks its names again. Each bucket is walked once:
   * thousands of entries share "iraq".
   */
  private grow(comp: Component): Component {
    const outer = this.reads.begin();
    // The keys to walk are comp.walked itself: those walked before (from where they were), then new ones (from 0).
    const queued = new Set(comp.walked);
    const templateAt = new Map(comp.templates.map((t, i) => [t, i]));
    const add = (e: Entry) => {
      this.components.set(e, comp);
      comp.entries.push(e);
      const at = templateAt.get(e.template);
      if (at !== undefined) comp.counts[at]++;
      else {
        templateAt.set(e.template, comp.templates.length);
        comp.templates.push(e.template);
        comp.counts.push(1);
      }
      for (const k of e.strong) {
        if (queued.has(k)) continue;
        queued.add(k);
        comp.walked.push(k);
        comp.lengths.push(0);
      }
    };
    for (let i = 0; i < comp.walked.length; i++) {
      const list = this.strongIndex.entries(comp.walked[i]);
      const known = comp.lengths[i];
      comp.lengths[i] = list.length;
      // An entry already counted maps to this component: the buckets' old parts hold nothing new (no entry left them).
      for (let j = known; j < list.length; j++) if (list[j].alive && this.components.get(list[j]) !== comp) add(list[j]);
    }
    const best = bestEntry(comp.templates, comp.counts);
    comp.id = best.localId;
    comp.rank = [...best.score, 0];
    const deps = this.reads.end(outer);
    comp.read = deps.read;
    comp.at = deps.at;
    return comp;
  }

  /** Follows unambiguous short-form links from a component to the entity it abbreviates. */
  private target(comp: Component): Component {
    let current = comp;
    const visited = new Set<Component>([comp]);
    for (let depth = 0; depth < MAX_ATTACH_DEPTH; depth++) {
      const next = this.attachment(current);
      if (!next || visited.has(next)) break;
      visited.add(next);
      current = next;
    }
    return current;
  }

  private attachment(comp: Component): Component | undefined {
    let found: Component | undefined;
    const tried = new Set<string>();
    for (const e of comp.templates) {
      for (const seek of e.seek) {
        const sig = `${seek.key}\u0000${seek.sig}`;
        if (tried.has(sig)) continue;
        tried.add(sig);
        let only: Component | undefined;
        let ambiguous = false;
        const asked = new Set<Template>();
        for (const p of this.provideIndex.entries(seek.key)) {
          if (!p.alive || asked.has(p.template)) continue;
          asked.add(p.template);
          if (!seek.accepts(p)) continue;
          const pc = this.component(p);
          if (pc === comp) continue;
          if (only && only !== pc) {
            ambiguous = true;
            break;
          }
          only = pc;
        }
        if (ambiguous || !only || !outranks(only, comp)) continue;
        if (found && found !== only) return undefined;
        found = only;
      }
    }
    return found;
  }
}

/**
 * A document's entries in the order filed, and by local id (the last of an
 * id wins) once asked: a map made for each of 10,000 documents as they were
 * filed was a part of a warm start, and most are never asked.
 */
class DocumentEntries {
  private map: Map<string, Entry> | undefined;
  constructor(private readonly list: readonly Entry[]) {}

  byId(): Map<string, Entry> {
    if (!this.map) {
      this.map = new Map();
      for (const e of this.list) this.map.set(e.localId, e);
    }
    return this.map;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The key of the group of a document-local entity: its kind and local id (see EntityRegistry.groupsOf). */
export function groupKey(kind: EntityKind, localId: string): string {
  return `${kind}\u0000${localId}`;
}

/** Workspace ids for a batch of documents: (doc → local id → workspace id). */
export function resolveWorkspaceIds(
  documents: readonly DocumentEntities[],
  nicknames: ReadonlyMap<string, string>,
): Map<string, Map<string, string>> {
  const registry = new EntityRegistry(nicknames);
  for (const d of documents) registry.update(d.doc, d.entities);
  const out = new Map<string, Map<string, string>>();
  for (const d of documents) out.set(d.doc, registry.mapping(d.doc));
  return out;
}

function outranks(a: Component, b: Component): boolean {
  const c = compare(a.rank, b.rank);
  return c > 0 || (c === 0 && a.id < b.id);
}

/**
 * The most complete name: full personal names, then more words, longer
 * names, more documents. Read per template (its entries share the names),
 * with the documents per local id counted from the templates' entries: a
 * document has one entry per local id.
 */
function bestEntry(templates: readonly Template[], counts: readonly number[]): { localId: string; score: number[] } {
  const docsPerId = new Map<string, number>();
  templates.forEach((t, i) => docsPerId.set(t.localId, (docsPerId.get(t.localId) ?? 0) + counts[i]));
  let best: Template | undefined;
  let bestScore: number[] = [];
  for (const t of templates) {
    const s = score(t, docsPerId);
    if (!best || compare(s, bestScore) > 0 || (compare(s, bestScore) === 0 && t.localId < best.localId)) {
      best = t;
      bestScore = s;
    }
  }
  return { localId: best?.localId ?? '', score: bestScore };
}

function score(t: Template, docsPerId: ReadonlyMap<string, number>): number[] {
  return [
    t.personWords >= 2 ? 1 : 0,
    isAbbreviation(t.canonical) ? 0 : 1,
    t.canonical.split(/\s+/).length,
    t.canonical.length,
    docsPerId.get(t.localId) ?? 0,
  ];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
