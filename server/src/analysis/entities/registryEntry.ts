import type { EntityCluster, EntityKind } from '../types';
import type { Bucket } from './buckets';
import { abbreviates, abbreviationKey, compatibleGiven, initialsKeys, isAbbreviation, nameKey, parsePersonName } from './names';

/*
 * The registry's entries (crossDocument.ts): one per entity of each document,
 * over a template of keys derived once per distinct entity.
 */

/** What the registry reads of a document's entity (a summary of one is enough). */
export type RegistryEntity = Pick<EntityCluster, 'id' | 'canonical' | 'kind' | 'type' | 'aliases'> & {
  mentions: { readonly length: number };
  /** Which place a place name was resolved to: places join across documents only when it is the same. */
  place?: PlaceIdentity;
};

/** A document's entity with its mention count as a number (a workspace summary's entity): filed without a copy. */
export type CountedEntity = Omit<RegistryEntity, 'mentions'> & { n: number };

export type PlaceIdentity = Pick<NonNullable<EntityCluster['place']>, 'name' | 'country' | 'admin1'>;

export interface Seek {
  key: string;
  /** Seeks with equal key and signature accept the same providers: one is enough per component. */
  sig: string;
  accepts(provider: Entry): boolean;
}

/** What an entity's keys are, derived once from its names and shared by every document that has it. */
export interface Template {
  localId: string;
  kind: EntityKind;
  type: string;
  canonical: string;
  /** Person name parts of the canonical name, for people. */
  given: string | null;
  givenKey: string | null;
  surnameKey: string;
  personWords: number;
  strong: string[];
  provide: string[];
  seek: Seek[];
  /**
   * The buckets of its keys in the registry that made it, found once: its
   * thousands of entries are filed without looking a key up each.
   */
  filed: TemplateBuckets | undefined;
}

/**
 * A template's buckets, in the order of its keys (strong, provide, seek) and its local id's, in one
 * array: filing and removing an entry do the same to each (the indexes share one clock), in one loop.
 */
export type TemplateBuckets = ReadonlyArray<Bucket<Entry>>;

/*
 * One document's entity: its document and count over a shared template. One
 * class, so every entry has one shape and the hot loops over buckets stay
 * monomorphic (entries made with Object.create(template) had one hidden class
 * per template, and each read went through a megamorphic prototype lookup).
 */
export class Entry {
  constructor(
    readonly doc: string,
    readonly mentions: number,
    private readonly t: Template,
  ) {}
  /** False once its document is replaced or removed: it is then skipped until its buckets are compacted. */
  alive = true;
  /** Entries of one template have the same keys, so they are in one component and answer every seek alike. */
  get template(): Template {
    return this.t;
  }
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

/** Distinct entities whose keys are remembered, at most; past it the memo starts again (it is only a shortcut). */
const MAX_TEMPLATES = 200_000;

/**
 * An entry for the document's entity. The same entity (same id, names and
 * type) recurs across thousands of documents of a workspace: its keys are
 * derived once and their arrays shared by every entry (nothing changes them
 * after they are made), which keeps a large workspace's registry small.
 */
export function makeEntry(doc: string, cluster: Omit<RegistryEntity, 'mentions'>, mentions: number, templates: Templates): Entry {
  // Only what differs per document is the entry's own (a copy of the template's fields for every
  // entity of every document was most of a large registry).
  return new Entry(doc, mentions, templates.of(cluster));
}

/**
 * The templates already made, by the entity's names. Summaries share one
 * array per distinct alias list (the shard store's StringPool): the array
 * itself finds its few templates without making a key string per entity
 * of every document (a warm start files half a million); other lists go by
 * a key of all the names.
 */
export class Templates {
  private readonly byKey = new Map<string, Template>();
  private byList = new WeakMap<readonly string[], Template[]>();

  constructor(private readonly nicknames: ReadonlyMap<string, string>) {}

  of(cluster: Omit<RegistryEntity, 'mentions'>): Template {
    const known = this.byList.get(cluster.aliases);
    if (known) {
      for (const t of known) {
        if (t.localId === cluster.id && t.canonical === cluster.canonical && t.kind === cluster.kind && t.type === cluster.type) return t;
      }
    }
    const sig = `${cluster.kind}\u0000${cluster.type}\u0000${cluster.id}\u0000${cluster.canonical}\u0000${cluster.aliases.join('\u0001')}`;
    let template = this.byKey.get(sig);
    if (!template) {
      if (this.byKey.size >= MAX_TEMPLATES) {
        this.byKey.clear();
        this.byList = new WeakMap();
      }
      template = buildTemplate(cluster, this.nicknames);
      this.byKey.set(sig, template);
    }
    if (known) known.push(template);
    else this.byList.set(cluster.aliases, [template]);
    return template;
  }
}

function buildTemplate(cluster: Omit<RegistryEntity, 'mentions'>, nicknames: ReadonlyMap<string, string>): Template {
  const e: Template = {
    localId: cluster.id,
    kind: cluster.kind,
    type: cluster.type,
    canonical: cluster.canonical,
    given: null,
    givenKey: null,
    surnameKey: '',
    personWords: 0,
    strong: [`id:${cluster.kind}:${cluster.id}`],
    provide: [],
    seek: [],
    filed: undefined,
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
