import type { EntityCluster, EntityKind } from '../types';
import { BucketIndex, ReadTracker, type Deps } from './buckets';
import { abbreviates, abbreviationKey, compatibleGiven, initialsKeys, isAbbreviation, nameKey, parsePersonName } from './names';

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

/** What the registry reads of a document's entity (a summary of one is enough). */
export type RegistryEntity = Pick<EntityCluster, 'id' | 'canonical' | 'kind' | 'type' | 'aliases'> & {
  mentions: { readonly length: number };
  /** Which place a place name was resolved to: places join across documents only when it is the same. */
  place?: PlaceIdentity;
};

export type PlaceIdentity = Pick<NonNullable<EntityCluster['place']>, 'name' | 'country' | 'admin1'>;

export interface DocumentEntities {
  doc: string;
  entities: EntityCluster[];
}

interface Seek {
  key: string;
  /** Seeks with equal key and signature accept the same providers: one is enough per component. */
  sig: string;
  accepts(provider: Entry): boolean;
}

/** What an entity's keys are, derived once from its names and shared by every document that has it. */
interface Template {
  localId: string;
  kind: EntityKind;
  canonical: string;
  /** Person name parts of the canonical name, for people. */
  given: string | null;
  givenKey: string | null;
  surnameKey: string;
  personWords: number;
  strong: string[];
  provide: string[];
  seek: Seek[];
}

/*
 * One document's entity: its document and count over a shared template. One
 * class, so every entry has one shape and the hot loops over buckets stay
 * monomorphic (entries made with Object.create(template) had one hidden class
 * per template, and each read went through a megamorphic prototype lookup).
 */
class Entry {
  constructor(
    readonly doc: string,
    readonly mentions: number,
    private readonly t: Template,
  ) {}
  /** False once its document is replaced or removed: it is then skipped until its buckets are compacted. */
  alive = true;
  get localId(): string {
    return this.t.localId;
  }
  get kind(): EntityKind {
    return this.t.kind;
  }
  get canonical(): string {
    return this.t.canonical;
  }
  get given(): string | null {
    return this.t.given;
  }
  get givenKey(): string | null {
    return this.t.givenKey;
  }
  get personWords(): number {
    return this.t.personWords;
  }
  get strong(): readonly string[] {
    return this.t.strong;
  }
  get provide(): readonly string[] {
    return this.t.provide;
  }
  get seek(): readonly Seek[] {
    return this.t.seek;
  }
}

interface Component extends Deps {
  entries: Entry[];
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
  constructor(private readonly nicknames: ReadonlyMap<string, string>) {}

  private readonly docs = new Map<string, Map<string, Entry>>();
  /** Keys of entities already seen, shared by their entries (see makeEntry). */
  private readonly templates = new Map<string, Template>();
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
    this.detach(doc);
    const map = new Map<string, Entry>();
    for (const cluster of entities) {
      const e = makeEntry(doc, cluster, this.nicknames, this.templates);
      map.set(e.localId, e);
      for (const k of e.strong) this.strongIndex.add(k, e);
      for (const k of e.provide) this.provideIndex.add(k, e);
      for (const s of e.seek) this.seekIndex.add(s.key, e);
      this.byLocalId.add(e.localId, e);
    }
    this.docs.set(doc, map);
  }

  remove(doc: string): void {
    this.detach(doc);
  }

  has(doc: string): boolean {
    return this.docs.has(doc);
  }

  /** The workspace id of a document's local entity id (the local id itself when unknown). */
  resolve(doc: string, localId: string): string {
    const e = this.docs.get(doc)?.get(localId);
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
    this.walk(workspaceId, (m) => {
      let ids = out.get(m.doc);
      if (!ids) out.set(m.doc, (ids = []));
      ids.push(m.localId);
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
    this.walk(workspaceId, (m) => seen.add(groupKey(m.kind, m.localId)));
    const groups = [...seen].sort();
    cached = { groups: cached && sameList(cached.groups, groups) ? cached.groups : groups, ...this.reads.end(outer) };
    if (this.groups.size >= MAX_GROUPS) this.groups.clear();
    this.groups.set(workspaceId, cached);
    return cached.groups;
  }

  /** Visits every entry of the workspace entity: its component and the components whose short forms lead to it. */
  private walk(workspaceId: string, visit: (m: Entry) => void): void {
    const visited = new Set<Component>();
    const queue: Component[] = [];
    for (const e of this.byLocalId.entries(workspaceId)) {
      if (!e.alive) continue;
      const comp = this.component(e);
      if (visited.has(comp)) continue;
      visited.add(comp);
      if (this.resolve(e.doc, e.localId) === workspaceId) queue.push(comp);
    }
    const keys = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      for (const m of queue[i].entries) {
        visit(m);
        for (const k of m.provide) {
          if (keys.has(k)) continue;
          keys.add(k);
          for (const s of this.seekIndex.entries(k)) {
            if (!s.alive) continue;
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
    for (const localId of this.docs.get(doc)?.keys() ?? []) out.set(localId, this.resolve(doc, localId));
    return out;
  }

  private detach(doc: string): boolean {
    const old = this.docs.get(doc);
    if (!old) return false;
    for (const e of old.values()) e.alive = false;
    for (const e of old.values()) {
      for (const k of e.strong) this.strongIndex.remove(k);
      for (const k of e.provide) this.provideIndex.remove(k);
      for (const s of e.seek) this.seekIndex.remove(s.key);
      this.byLocalId.remove(e.localId);
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
    const outer = this.reads.begin();
    const entries: Entry[] = [start];
    const seen = new Set<Entry>([start]);
    // Each key's bucket is walked once: thousands of entries share "iraq".
    const keys = new Set<string>();
    for (let i = 0; i < entries.length; i++) {
      for (const k of entries[i].strong) {
        if (keys.has(k)) continue;
        keys.add(k);
        for (const other of this.strongIndex.entries(k)) {
          if (other.alive && !seen.has(other)) {
            seen.add(other);
            entries.push(other);
          }
        }
      }
    }
    const best = bestEntry(entries);
    const comp: Component = { entries, id: best.entry.localId, rank: [...best.score, 0], ...this.reads.end(outer) };
    for (const e of entries) this.components.set(e, comp);
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
    for (const e of comp.entries) {
      for (const seek of e.seek) {
        const sig = `${seek.key}\u0000${seek.sig}`;
        if (tried.has(sig)) continue;
        tried.add(sig);
        let only: Component | undefined;
        let ambiguous = false;
        for (const p of this.provideIndex.entries(seek.key)) {
          if (!p.alive || !seek.accepts(p)) continue;
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

/** Distinct entities whose keys are remembered, at most; past it the memo starts again (it is only a shortcut). */
const MAX_TEMPLATES = 200_000;

/**
 * An entry for the document's entity. The same entity (same id, names and
 * type) recurs across thousands of documents of a workspace: its keys are
 * derived once and their arrays shared by every entry (nothing changes them
 * after they are made), which keeps a large workspace's registry small.
 */
function makeEntry(doc: string, cluster: RegistryEntity, nicknames: ReadonlyMap<string, string>, templates: Map<string, Template>): Entry {
  const sig = `${cluster.kind}\u0000${cluster.type}\u0000${cluster.id}\u0000${cluster.canonical}\u0000${cluster.aliases.join('\u0001')}`;
  let template = templates.get(sig);
  if (!template) {
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    template = buildTemplate(cluster, nicknames);
    templates.set(sig, template);
  }
  // Only what differs per document is the entry's own (a copy of the template's fields for every
  // entity of every document was most of a large registry).
  return new Entry(doc, cluster.mentions.length, template);
}

function buildTemplate(cluster: RegistryEntity, nicknames: ReadonlyMap<string, string>): Template {
  const e: Template = {
    localId: cluster.id,
    kind: cluster.kind,
    canonical: cluster.canonical,
    given: null,
    givenKey: null,
    surnameKey: '',
    personWords: 0,
    strong: [`id:${cluster.kind}:${cluster.id}`],
    provide: [],
    seek: [],
  };
  if (cluster.type === 'person') {
    const p = parsePersonName(cluster.canonical);
    e.given = p.given;
    e.givenKey = p.givenKey;
    e.surnameKey = p.surnameKey;
    e.personWords = p.words;
    if (!p.surnameKey) return e;
    if (p.given !== null) {
      e.strong.push(`p:${p.surnameKey}:${p.givenKey}`);
      e.provide.push(`s:${p.surnameKey}`);
      // "Ash Carter" joins "Ashton Carter" when no other Carter fits.
      const given = p.given;
      const key = p.givenKey;
      e.seek.push({
        key: `s:${p.surnameKey}`,
        sig: `given:${given}:${key}`,
        accepts: (q) => q.given !== null && q.givenKey !== key && compatibleGiven(given, q.given, nicknames),
      });
    } else {
      e.strong.push(`p:${p.surnameKey}:`);
      e.seek.push({ key: `s:${p.surnameKey}`, sig: 'any-given', accepts: (q) => q.given !== null });
    }
    return e;
  }
  const canonicalKey = nameKey(cluster.canonical);
  // A resolved place joins only the same place by name: "Paris" in a story from Texas is not the Paris
  // of a story from France (their local ids already differ: paris-texas, paris).
  const where =
    cluster.kind === 'place' && cluster.place
      ? `@${cluster.place.country}:${cluster.place.admin1 ?? ''}:${nameKey(cluster.place.name)}`
      : '';
  if (canonicalKey.length >= 3) {
    e.strong.push(`n:${cluster.kind}:${canonicalKey}${where}`);
    e.seek.push({ key: `n:${cluster.kind}:${canonicalKey}${where}`, sig: 'any', accepts: () => true });
  }
  for (const alias of cluster.aliases) {
    const k = nameKey(alias);
    if (k.length >= 3 && k !== canonicalKey) e.provide.push(`n:${cluster.kind}:${k}${where}`);
  }
  if (isAbbreviation(cluster.canonical)) {
    const canonical = cluster.canonical;
    const key = abbreviationKey(canonical);
    if (key !== null) e.seek.push({ key: `a:${key}`, sig: `abbr:${canonical}`, accepts: (q) => abbreviates(canonical, q.canonical) });
  } else {
    for (const k of initialsKeys(cluster.canonical)) e.provide.push(`a:${k}`);
  }
  return e;
}

function outranks(a: Component, b: Component): boolean {
  const c = compare(a.rank, b.rank);
  return c > 0 || (c === 0 && a.id < b.id);
}

/** The most complete name: full personal names, then more words, longer names, more documents. */
function bestEntry(entries: Entry[]): { entry: Entry; score: number[] } {
  const docsPerId = new Map<string, Set<string>>();
  for (const e of entries) {
    let set = docsPerId.get(e.localId);
    if (!set) {
      set = new Set();
      docsPerId.set(e.localId, set);
    }
    set.add(e.doc);
  }
  let best = entries[0];
  let bestScore = score(best, docsPerId);
  for (let i = 1; i < entries.length; i++) {
    const s = score(entries[i], docsPerId);
    if (compare(s, bestScore) > 0 || (compare(s, bestScore) === 0 && entries[i].localId < best.localId)) {
      best = entries[i];
      bestScore = s;
    }
  }
  return { entry: best, score: bestScore };
}

function score(e: Entry, docsPerId: Map<string, Set<string>>): number[] {
  return [
    e.personWords >= 2 ? 1 : 0,
    isAbbreviation(e.canonical) ? 0 : 1,
    e.canonical.split(/\s+/).length,
    e.canonical.length,
    docsPerId.get(e.localId)?.size ?? 0,
  ];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
