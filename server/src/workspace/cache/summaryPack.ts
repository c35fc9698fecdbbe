import type { EntityKind, EntityType, Section } from '../../analysis/types';
import { PooledEntity, type DocumentSummary, type EntityNames, type StringPool, type SummaryClaim } from './summary';

/*
 * Summaries packed for a trip between threads: a warm start's manifest is
 * read and checked in a thread of its own (manifestReader.ts), which sends
 * the summaries as a few typed arrays and the strings not sent before, not as
 * objects. Structured clones of 10,000 summaries cost the receiving thread
 * as much as parsing their JSON; these cost it the objects it keeps.
 *
 * A packer and its unpacker are a pair: each distinct string and each
 * distinct entity's names travel once, in the batch where they first occur,
 * and later batches refer to them by number.
 *
 *   names: per new entity names: id, canonical, kind (0 actor, 1 place), type, place name or -1, country, admin1 or -1, alias count, ...aliases
 *   ints:  per document: length, entity count, claim count;
 *          per entity:   names, n, start line, start character, end line, end character;
 *          per claim:    speaker or -1, source or -1, 1 in comments else 0, glimpse text or -1, start, line, cue or -1
 *   scores: per claim, -1 without one
 */

export interface PackedSummaries {
  /** Strings first used in this batch, numbered on from those of earlier batches. */
  strings: string[];
  names: Int32Array;
  ints: Int32Array;
  scores: Float64Array;
  /** Claim texts (rarely shared): in order, one per claim with a glimpse. */
  texts: string[];
  count: number;
}

/** Integers appended to one typed array, doubled as needed (a number[] of a batch's hundreds of thousands was slower). */
class Ints {
  private a = new Int32Array(1 << 16);
  private n = 0;

  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }

  /** What was pushed, as an array of its own; empties this one. */
  take(): Int32Array {
    const out = this.a.slice(0, this.n);
    this.n = 0;
    return out;
  }
}

/** Packs summaries (decoded and pooled in the sending thread) batch by batch. */
export class SummaryPacker {
  private readonly stringIds = new Map<string, number>();
  private readonly nameIds = new Map<EntityNames, number>();
  private strings: string[] = [];
  private names: number[] = [];
  private readonly ints = new Ints();
  private scores: number[] = [];
  private texts: string[] = [];
  private count = 0;

  private str(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.stringIds.size;
      this.stringIds.set(s, id);
      this.strings.push(s);
    }
    return id;
  }

  private optional(s: string | null | undefined): number {
    return s === null || s === undefined ? -1 : this.str(s);
  }

  /** The number of an entity's names; the entity must come from a pooled summary (one record per distinct names). */
  private nameId(e: PooledEntity): number {
    let id = this.nameIds.get(e.names);
    if (id !== undefined) return id;
    id = this.nameIds.size;
    this.nameIds.set(e.names, id);
    const { names } = e;
    this.names.push(this.str(names.id), this.str(names.canonical), names.kind === 'actor' ? 0 : 1, this.str(names.type));
    const place = names.place;
    this.names.push(place ? this.str(place.name) : -1, place ? this.str(place.country) : -1, this.optional(place?.admin1));
    this.names.push(names.aliases.length);
    for (const a of names.aliases) this.names.push(this.str(a));
    return id;
  }

  /** Adds a summary whose entities are PooledEntity records (decodeSummaryData's). */
  add(s: DocumentSummary): void {
    this.count++;
    const v = this.ints;
    v.push(s.length);
    v.push(s.entities.length);
    v.push(s.claims.length);
    for (const e of s.entities) {
      if (!(e instanceof PooledEntity)) throw new Error('only pooled summaries are packed');
      v.push(this.nameId(e));
      v.push(e.n);
      v.push(e.l1);
      v.push(e.c1);
      v.push(e.l2);
      v.push(e.c2);
    }
    for (const c of s.claims) {
      const shown = c.shown;
      v.push(this.optional(c.speaker));
      v.push(this.optional(c.source));
      v.push(c.section === 'comments' ? 1 : 0);
      if (shown) this.texts.push(shown.text);
      v.push(shown ? 1 : -1);
      v.push(shown ? shown.start : 0);
      v.push(shown ? shown.line : 0);
      v.push(shown ? this.optional(shown.cue) : -1);
      this.scores.push(c.score ?? -1);
    }
  }

  get pending(): number {
    return this.count;
  }

  /** What was added since the last batch; the arrays' buffers may be transferred. */
  batch(): PackedSummaries {
    const out: PackedSummaries = {
      strings: this.strings,
      names: Int32Array.from(this.names),
      ints: this.ints.take(),
      scores: Float64Array.from(this.scores),
      texts: this.texts,
      count: this.count,
    };
    this.strings = [];
    this.names = [];
    this.scores = [];
    this.texts = [];
    this.count = 0;
    return out;
  }
}

/** Unpacks a packer's batches, in order, into summaries whose names come from the receiving thread's pool. */
export class SummaryUnpacker {
  private readonly strings: string[] = [];
  private readonly names: EntityNames[] = [];

  constructor(private readonly pool: StringPool) {}

  unpack(b: PackedSummaries): DocumentSummary[] {
    for (const s of b.strings) this.strings.push(this.pool.string(s));
    const str = (i: number) => this.strings[i];
    const n = b.names;
    for (let i = 0; i < n.length;) {
      const id = str(n[i]);
      const canonical = str(n[i + 1]);
      const kind: EntityKind = n[i + 2] === 0 ? 'actor' : 'place';
      const type = str(n[i + 3]) as EntityType;
      const place =
        n[i + 4] < 0
          ? undefined
          : n[i + 6] < 0
            ? { name: str(n[i + 4]), country: str(n[i + 5]) }
            : { name: str(n[i + 4]), country: str(n[i + 5]), admin1: str(n[i + 6]) };
      const count = n[i + 7];
      const aliases: string[] = [];
      for (let k = 0; k < count; k++) aliases.push(str(n[i + 8 + k]));
      i += 8 + count;
      this.names.push(this.pool.namesOf({ id, canonical, kind, type, aliases, place }));
    }
    const out: DocumentSummary[] = [];
    const v = b.ints;
    let at = 0;
    let claimAt = 0;
    let textAt = 0;
    for (let d = 0; d < b.count; d++) {
      const length = v[at];
      const entityCount = v[at + 1];
      const claimCount = v[at + 2];
      at += 3;
      const entities: PooledEntity[] = new Array<PooledEntity>(entityCount);
      for (let k = 0; k < entityCount; k++, at += 6)
        entities[k] = new PooledEntity(this.names[v[at]], v[at + 1], v[at + 2], v[at + 3], v[at + 4], v[at + 5]);
      const claims: SummaryClaim[] = new Array<SummaryClaim>(claimCount);
      for (let k = 0; k < claimCount; k++, at += 7, claimAt++) {
        const section: Section = v[at + 2] === 1 ? 'comments' : 'article';
        const claim: SummaryClaim = { speaker: v[at] < 0 ? null : str(v[at]), source: v[at + 1] < 0 ? null : str(v[at + 1]), section };
        const score = b.scores[claimAt];
        if (score !== -1) claim.score = score;
        if (v[at + 3] === 1)
          claim.shown = { start: v[at + 4], line: v[at + 5], cue: v[at + 6] < 0 ? null : str(v[at + 6]), text: b.texts[textAt++] };
        claims[k] = claim;
      }
      out.push({ length, entities, claims });
    }
    return out;
  }
}
