import { groupKey, type EntityRegistry } from '../analysis/entities/crossDocument';
import type { EntityKind, Section } from '../analysis/types';
import { PooledEntity, type DocumentSummary, type SummaryClaim, type SummaryEntity } from './cache/summary';
import { Postings } from './postings';

/*
 * What workspace-wide answers need of an entity (its document and mention
 * counts, the documents that name it most, the first claims it makes),
 * maintained as documents are indexed, changed and removed, so that a hover,
 * a lens or a sidebar node costs the same whether the entity is named in 5
 * documents or in 8,000.
 *
 * Counts are kept per group: the entities of one kind and one document-local
 * id across documents (EntityRegistry.groupsOf). A workspace entity is a few
 * groups ("Hakim al-Zamili", "Zamili"), whatever its number of documents; its
 * answer merges its groups' bounded summaries.
 */

/** Documents and claims kept in order per group: enough for the hover's five documents besides its own, and three claims. */
export const TOP_DOCUMENTS = 8;
export const TOP_CLAIMS = 3;
/** Up to this many postings, an entity of several groups is merged exactly; above, from its groups' top documents. */
const EXACT_MERGE = 256;
/** Documents each group remembers as added last: an entity of several groups counts its documents on from its last answer while fewer came. */
const RECENT = 64;

/** A claim as the hover shows it, without its document's analysis. */
export interface ClaimSummary {
  uri: string;
  /** Its position among the document's claims: claims are listed in document order. */
  index: number;
  start: number;
  /** 0-based line of `start`. */
  line: number;
  cue: string | null;
  /** The claim's text, cut to GLIMPSE_TEXT characters. */
  text: string;
}

/** Which claims count: the editor's confidence thresholds. */
export type ClaimFilter = (claim: { score?: number; section: Section }) => boolean;
const ALL_CLAIMS: ClaimFilter = () => true;

/**
 * One group's part in one document: the document's entity itself (its
 * summary's, already in memory), so that filing a document makes no object
 * per entity; what its claims add is kept apart, for the few that speak.
 */
type Posting = SummaryEntity;

/** A posting's claims, when it has any the filter keeps. */
interface Claims {
  count: number;
  /**
   * The indices of the first TOP_CLAIMS claims of the document whose speaker
   * is in the group (shown ones only): the claims themselves are read from the
   * document's summary when a hover asks, not copied into every posting.
   */
  shown: number[];
}

const NO_CLAIMS: readonly number[] = Object.freeze([]);

/** Where the first mention is, as a number that sorts like positions (line and character). */
function firstOf(p: Posting): number {
  // Lines of a document never reach 2^20 characters' worth of this key.
  return lineOf(p) * 1048576 + Math.min(p instanceof PooledEntity ? p.firstCharacter : p.first[1], 1048575);
}

/** The first mention's line (a pooled entity's without making its `first` tuple). */
function lineOf(p: Posting): number {
  return p instanceof PooledEntity ? p.firstLine : p.first[0];
}

function countOf(p: Posting, uri: string): DocumentCount {
  return { uri, mentions: p.n, first: firstOf(p), line: lineOf(p) };
}

export interface DocumentCount {
  uri: string;
  mentions: number;
  /** Where the first mention is: line × 2^20 + character, so that it sorts like positions. */
  first: number;
  line: number;
}

/** A workspace entity's bounded summary. */
export interface EntityStats {
  documentCount: number;
  mentionCount: number;
  /** The documents with the most mentions (ties by uri), at most TOP_DOCUMENTS. */
  topDocuments: DocumentCount[];
  claimCount: number;
  /** The first claims in (uri, document order), at most TOP_CLAIMS. */
  topClaims: ClaimSummary[];
  /** Whether the document mentions the entity. */
  has(uri: string): boolean;
}

const byMentions = (a: DocumentCount, b: DocumentCount) => b.mentions - a.mentions || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0);

class Group {
  constructor(
    readonly key: string,
    readonly kind: EntityKind,
    readonly id: string,
  ) {}

  readonly postings = new Postings<Posting>();
  /** The filing (WorkspaceAggregates.set) that last gave the group a posting, and the index of that entity in its summary. */
  filing = 0;
  filingIndex = 0;
  /** The claims of postings that have some (most have none). */
  readonly claimed = new Map<string, Claims>();
  /** Counts the group's changes, so that a memoised answer knows whether what it read is still so. */
  version = 0;
  mentions = 0;
  claims = 0;
  /** How many documents were ever added, the last RECENT of them, and the version of the last removal (before it, the group only grew). */
  added = 0;
  /** A ring of the last RECENT uris added (shifting an array of 64 for each of 880,000 postings was a part of a warm start). */
  private readonly ring: string[] = [];
  removedAt = 0;
  /** The exact top documents, or null when a removal may have let another in: recomputed when read. */
  private top: DocumentCount[] | null = [];
  /** The smallest uris among documents with claims, or null as above. */
  private claimDocs: string[] | null = [];

  /**
   * Adds the posting of a document the group does not hold (a document's
   * old postings are removed before its new ones are added, and it has one
   * per group): no old posting looked for, no top list searched for it.
   */
  add(uri: string, p: Posting): void {
    this.version++;
    this.postings.add(uri, p);
    this.mentions += p.n;
    this.added++;
    if (this.ring.length < RECENT) this.ring.push(uri);
    else this.ring[(this.added - 1) % RECENT] = uri;
    const top = this.top;
    // The top holds every posting while there are fewer than TOP_DOCUMENTS (compared before an entry is made: most never get in).
    if (top) {
      const last = top[top.length - 1];
      if (top.length < TOP_DOCUMENTS || p.n > last.mentions || (p.n === last.mentions && uri < last.uri)) {
        top.push(countOf(p, uri));
        top.sort(byMentions);
        if (top.length > TOP_DOCUMENTS) top.pop();
      }
    }
  }

  /** Gives the claims of a document the group has just gained (add, then this, before anything else changes it). */
  addClaims(uri: string, c: Claims): void {
    this.claimed.set(uri, c);
    this.claims += c.count;
    const docs = this.claimDocs;
    if (docs && (docs.length < TOP_CLAIMS || uri < docs[docs.length - 1])) {
      docs.push(uri);
      docs.sort();
      if (docs.length > TOP_CLAIMS) docs.pop();
    }
  }

  /** The last n uris added, oldest first (n at most RECENT). */
  lastAdded(n: number): string[] {
    const out: string[] = [];
    for (let k = this.added - n; k < this.added; k++) out.push(this.ring[k % RECENT]);
    return out;
  }

  /** How many of the uris added last the group remembers. */
  get remembered(): number {
    return this.ring.length;
  }

  /** Takes the document's posting out, if the group holds one. */
  remove(uri: string): void {
    const old = this.postings.delete(uri);
    if (!old) return;
    this.version++;
    this.mentions -= old.n;
    const c = this.claimed.get(uri);
    if (c) {
      this.claims -= c.count;
      this.claimed.delete(uri);
    }
    this.removedAt = this.version;
    // A document of a top list that leaves may let one from outside in: only a full pass knows which.
    if (this.top?.some((d) => d.uri === uri)) this.top = null;
    if (this.claimDocs?.includes(uri)) this.claimDocs = null;
  }

  topDocuments(): DocumentCount[] {
    if (!this.top) {
      const all: DocumentCount[] = [];
      this.postings.forEach((p, uri) => all.push(countOf(p, uri)));
      this.top = all.sort(byMentions).slice(0, TOP_DOCUMENTS);
    }
    return this.top;
  }

  claimDocuments(): string[] {
    if (!this.claimDocs) {
      const all: string[] = [];
      for (const uri of this.claimed.keys()) all.push(uri);
      this.claimDocs = all.sort().slice(0, TOP_CLAIMS);
    }
    return this.claimDocs;
  }
}

export class WorkspaceAggregates {
  private readonly groups = new Map<string, Group>();
  /** The same groups by kind and local id: filing a document looks them up without making a key string per entity. */
  private readonly byKind: Record<EntityKind, Map<string, Group>> = { actor: new Map(), place: new Map() };
  /** The groups each document contributes to, so that a removal touches only those (the groups, not their keys: no string per document). */
  private readonly byDocument = new Map<string, Group[]>();
  /**
   * Memoised answers, right while the entity's groups (the registry's answer,
   * the same array while it holds) and their versions are unchanged: indexing
   * a document then costs only the answers of the entities it names.
   */
  private readonly memo = new Map<string, Memo<EntityStats>>();
  private readonly listMemo = new Map<string, Memo<DocumentCount[]>>();
  /** Each document's summary, to count again when the claim filter changes (the index holds them anyway). */
  private readonly summaries = new Map<string, DocumentSummary>();
  private filter: ClaimFilter = ALL_CLAIMS;
  /** Counts the calls of `set` that filed a document: each group remembers the last one that gave it a posting. */
  private filings = 0;

  constructor(private readonly registry: EntityRegistry) {}

  /** Counts only the claims the filter keeps from now on; recounts every document (in memory, no analysis read). */
  setClaimFilter(filter: ClaimFilter): void {
    this.filter = filter;
    for (const [uri, summary] of [...this.summaries]) this.set(uri, summary);
  }

  /** Replaces what `uri` contributes (nothing when it is removed). Call after the registry has the document's entities. */
  set(uri: string, doc: DocumentSummary | undefined): void {
    for (const g of this.byDocument.get(uri) ?? []) {
      g.remove(uri);
      if (g.postings.size === 0 && this.groups.get(g.key) === g) {
        this.groups.delete(g.key);
        this.byKind[g.kind].delete(g.id);
      }
    }
    this.byDocument.delete(uri);
    this.summaries.delete(uri);
    if (!doc) return;
    this.summaries.set(uri, doc);
    const stamp = ++this.filings;
    const mine: Group[] = [];
    const entities = doc.entities;
    for (let i = 0; i < entities.length; i++) {
      const e = entities[i];
      const kind = e.kind === 'actor' ? 'actor' : 'place';
      // Named, not indexed by `kind`: a keyed load per entity was a part of filing a document.
      const byId = kind === 'actor' ? this.byKind.actor : this.byKind.place;
      let g = byId.get(e.id);
      if (!g) {
        g = new Group(groupKey(kind, e.id), kind, e.id);
        byId.set(e.id, g);
        this.groups.set(g.key, g);
      }
      // A local id twice in one summary: its last entity counts (as a map by id kept it).
      if (g.filing === stamp) g.remove(uri);
      else mine.push(g);
      g.filing = stamp;
      g.filingIndex = i;
      // The document left every group above: each group gains it anew, with no search for an old posting.
      g.add(uri, e);
    }
    if (doc.claims.length) this.fileClaims(uri, doc, stamp);
    this.byDocument.set(uri, mine);
  }

  /**
   * Counts the document's claims (those the filter keeps) for their
   * speakers' groups: the speaker is a local id, and the group of its last
   * entity in the summary (of either kind) gets the claim.
   */
  private fileClaims(uri: string, doc: DocumentSummary, stamp: number): void {
    let found: Map<Group, Claims> | undefined;
    doc.claims.forEach((c: SummaryClaim, index) => {
      if (!c.speaker) return;
      const a = this.byKind.actor.get(c.speaker);
      const p = this.byKind.place.get(c.speaker);
      const ga = a?.filing === stamp ? a : undefined;
      const gp = p?.filing === stamp ? p : undefined;
      const g = ga && gp ? (ga.filingIndex > gp.filingIndex ? ga : gp) : (ga ?? gp);
      if (!g || !this.filter(c)) return;
      found ??= new Map();
      let k = found.get(g);
      if (!k) found.set(g, (k = { count: 0, shown: NO_CLAIMS as number[] }));
      k.count++;
      if (k.shown.length < TOP_CLAIMS && c.shown) k.shown = k.shown === NO_CLAIMS ? [index] : [...k.shown, index];
    });
    if (found) for (const [g, k] of found) g.addClaims(uri, k);
  }

  /** The workspace entity's summary; memoised while its groups are unchanged. */
  stats(workspaceId: string): EntityStats {
    const keys = this.registry.groupsOf(workspaceId);
    const cached = this.memo.get(workspaceId);
    if (cached && this.fresh(cached, keys)) return cached.value;
    const groups = this.groupsFor(keys);
    const value = merge(groups, this.summaries, cached && grownCount(cached, keys, groups));
    if (this.memo.size >= MAX_MEMO) this.memo.clear();
    this.memo.set(workspaceId, { keys, groups, versions: groups.map((g) => g.version), added: groups.map((g) => g.added), value });
    return value;
  }

  private groupsFor(keys: readonly string[]): Group[] {
    const groups: Group[] = [];
    for (const key of keys) {
      const g = this.groups.get(key);
      if (g) groups.push(g);
    }
    return groups;
  }

  /** Whether a memoised answer read the same groups, unchanged since (a group emptied and made again is another object). */
  private fresh<T>(m: Memo<T>, keys: readonly string[]): boolean {
    if (m.keys !== keys) return false;
    const now = this.groupsFor(keys);
    if (now.length !== m.groups.length) return false;
    for (let i = 0; i < now.length; i++) if (now[i] !== m.groups[i] || now[i].version !== m.versions[i]) return false;
    return true;
  }

  /**
   * Every document of the workspace entity with its mentions, most first (ties
   * by uri): the sidebar's pages. The whole list, built from the postings
   * without touching any analysis, once per change and entity.
   */
  documents(workspaceId: string): DocumentCount[] {
    const keys = this.registry.groupsOf(workspaceId);
    const cached = this.listMemo.get(workspaceId);
    if (cached && this.fresh(cached, keys)) return cached.value;
    const groups = this.groupsFor(keys);
    const sums = new Map<string, DocumentCount>();
    for (const g of groups) {
      g.postings.forEach((p, uri) => {
        const d = sums.get(uri);
        if (!d) sums.set(uri, countOf(p, uri));
        else {
          d.mentions += p.n;
          const first = firstOf(p);
          if (first < d.first) [d.first, d.line] = [first, lineOf(p)];
        }
      });
    }
    const value = [...sums.values()].sort(byMentions);
    if (this.listMemo.size >= MAX_MEMO) this.listMemo.clear();
    this.listMemo.set(workspaceId, { keys, groups, versions: groups.map((g) => g.version), added: groups.map((g) => g.added), value });
    return value;
  }
}

/** Entities whose answers are memoised, at most: past it the memo starts again (it is only a shortcut). */
const MAX_MEMO = 10_000;

interface Memo<T> {
  keys: readonly string[];
  groups: Group[];
  versions: number[];
  /** Each group's `added` then. */
  added: number[];
  value: T;
}

/**
 * The document count of an entity of several groups, from its last answer,
 * when the groups are the same and only gained a few documents since (a
 * folder being indexed): counting the union again walked every document of
 * all but the largest group for each document indexed. Else undefined.
 */
function grownCount(m: Memo<EntityStats>, keys: readonly string[], groups: Group[]): number | undefined {
  if (m.keys !== keys || groups.length !== m.groups.length || groups.length < 2) return undefined;
  const added: Array<Set<string>> = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    const n = g.added - m.added[i];
    if (g !== m.groups[i] || g.removedAt > m.versions[i] || n > g.remembered) return undefined;
    added.push(new Set(g.lastAdded(n)));
  }
  let count = m.value.documentCount;
  const seen = new Set<string>();
  for (const uris of added) {
    for (const uri of uris) {
      if (seen.has(uri)) continue;
      seen.add(uri);
      // New to the entity unless a group had it already: holds it, and not among what it gained.
      if (!groups.some((g, i) => g.postings.has(uri) && !added[i].has(uri))) count++;
    }
  }
  return count;
}

function merge(groups: Group[], summaries: ReadonlyMap<string, DocumentSummary>, documents?: number): EntityStats {
  if (groups.length === 1) {
    const g = groups[0];
    return {
      documentCount: g.postings.size,
      mentionCount: g.mentions,
      topDocuments: g.topDocuments(),
      claimCount: g.claims,
      topClaims: firstClaims(groups, g.claimDocuments(), summaries),
      has: (uri) => g.postings.has(uri),
    };
  }
  let mentionCount = 0;
  let claimCount = 0;
  let postings = 0;
  for (const g of groups) {
    mentionCount += g.mentions;
    claimCount += g.claims;
    postings += g.postings.size;
  }
  const has = (uri: string) => groups.some((g) => g.postings.has(uri));
  const documentCount = documents ?? unionSize(groups);
  // Per-document sums: exact over all postings when they are few, else over each group's top documents.
  const candidates = new Set<string>();
  for (const g of groups) {
    if (postings <= EXACT_MERGE) for (const uri of g.postings.keys()) candidates.add(uri);
    else for (const d of g.topDocuments()) candidates.add(d.uri);
  }
  const sums: DocumentCount[] = [];
  for (const uri of candidates) {
    let mentions = 0;
    let first = Infinity;
    let line = 0;
    for (const g of groups) {
      const p = g.postings.get(uri);
      if (!p) continue;
      mentions += p.n;
      const at = firstOf(p);
      if (at < first) {
        first = at;
        line = lineOf(p);
      }
    }
    sums.push({ uri, mentions, first: Number.isFinite(first) ? first : 0, line });
  }
  const claimDocs = new Set<string>();
  for (const g of groups) for (const uri of g.claimDocuments()) claimDocs.add(uri);
  return {
    documentCount,
    mentionCount,
    topDocuments: sums.sort(byMentions).slice(0, TOP_DOCUMENTS),
    claimCount,
    topClaims: firstClaims(groups, [...claimDocs].sort().slice(0, TOP_CLAIMS), summaries),
    has,
  };
}

/** Documents in several groups count once: all but the largest group are walked. */
function unionSize(groups: Group[]): number {
  const largest = groups.reduce((a, b) => (b.postings.size > a.postings.size ? b : a), groups[0] ?? new Group('', 'actor', ''));
  const counted = new Set<string>();
  for (const g of groups) {
    if (g === largest) continue;
    for (const uri of g.postings.keys()) if (!largest.postings.has(uri)) counted.add(uri);
  }
  return largest.postings.size + counted.size;
}

/** The first claims of the groups in the documents given (sorted by uri), in document order. */
function firstClaims(groups: Group[], uris: readonly string[], summaries: ReadonlyMap<string, DocumentSummary>): ClaimSummary[] {
  const out: ClaimSummary[] = [];
  for (const uri of uris) {
    const here: number[] = [];
    for (const g of groups) for (const i of g.claimed.get(uri)?.shown ?? NO_CLAIMS) here.push(i);
    here.sort((a, b) => a - b);
    const claims = summaries.get(uri)?.claims;
    for (const index of here) {
      if (out.length >= TOP_CLAIMS) return out;
      const shown = claims?.[index]?.shown;
      if (shown) out.push({ uri, index, ...shown });
    }
  }
  return out;
}
