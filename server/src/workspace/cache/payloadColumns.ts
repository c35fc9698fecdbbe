import type {
  Block,
  BlockKind,
  Claim,
  DemonymMention,
  Description,
  EntityCluster,
  EntityMention,
  EntityType,
  Section,
} from '../../analysis/types';
import { kindOf } from '../../analysis/types';
import { ByteReader, ByteWriter, isSmallInt } from './varints';

/*
 * The shard payload's columns (payload.ts says what goes where): each list of
 * the analysis written as varints by an Encoder and read back by a Decoder,
 * in the same order. An element the columns have no place for is kept whole,
 * in the head's JSON.
 */

const TYPES: readonly EntityType[] = ['person', 'organization', 'country', 'city', 'region', 'facility'];
const typeIndex = new Map<string, number>(TYPES.map((t, i) => [t, i]));
const KINDS: readonly BlockKind[] = ['headline', 'byline', 'paragraph', 'blockquote-intro', 'blockquote', 'comments-header', 'comment'];
const kindIndex = new Map<string, number>(KINDS.map((k, i) => [k, i]));
const SECTIONS: readonly Section[] = ['article', 'comments'];
const sectionIndex = new Map<string, number>(SECTIONS.map((k, i) => [k, i]));

const ENTITY_KEYS = new Set(['id', 'canonical', 'kind', 'type', 'aliases', 'mentions', 'descriptions']);
const CLAIM_KEYS = new Set(['start', 'end', 'text', 'cue', 'source']);

/** In a column, the first number of an element kept whole (the next one in the head's `whole`). */
const WHOLE = 0;

/** Each element writes itself and says where it starts (the next one's offset is a step from there), or -1 when kept whole. */
type Write<T> = (item: T, previous: number) => number;

/** Writes the columns, and gathers what goes to the head (strings, elements kept whole, other fields). */
export class Encoder {
  readonly out = new ByteWriter();
  readonly strings: string[] = [];
  readonly whole: unknown[] = [];
  readonly others: Array<Record<string, unknown>> = [];
  private readonly indices = new Map<string, number>();

  constructor(private readonly text: string) {}

  list<T>(items: readonly T[], write: Write<T>): void {
    this.out.unsigned(items.length);
    let previous = 0;
    for (const item of items) {
      const start = write(item, previous);
      if (start >= 0) previous = start;
    }
  }

  /** Integers as steps from the previous one. */
  steps(values: readonly number[]): void {
    this.out.unsigned(values.length);
    let previous = 0;
    for (const v of values) {
      this.out.signed(v - previous);
      previous = v;
    }
  }

  keep(item: unknown): number {
    this.out.unsigned(WHOLE);
    this.whole.push(item);
    return -1;
  }

  /** The fields beyond `known`, when there are any: a flag in the columns, the fields in the head. */
  more(item: object, known: ReadonlySet<string>): void {
    const others = restOf(item, known);
    this.out.unsigned(others ? 1 : 0);
    if (others) this.others.push(others);
  }

  string(s: string): void {
    let i = this.indices.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.indices.set(s, i);
    }
    this.out.unsigned(i);
  }

  /** kind + 1 (+ the number of kinds for a comment's handle), section, start step, length; the handle and its span from the start. */
  block(b: Block, previous: number): number {
    const kind = kindIndex.get(b.kind);
    const section = sectionIndex.get(b.section);
    const keys = keyCount(b);
    const handled = keys === 6 && typeof b.handle === 'string' && isBareSpan(b.handleSpan);
    if (kind === undefined || section === undefined || !(keys === 4 || handled) || !isSmallInt(b.start) || !isSmallInt(b.end))
      return this.keep(b);
    this.out.unsigned(kind + 1 + (handled ? KINDS.length : 0));
    this.out.unsigned(section);
    this.out.signed(b.start - previous);
    this.out.signed(b.end - b.start);
    if (handled && b.handleSpan) {
      this.string(b.handle as string);
      this.out.signed(b.handleSpan.start - b.start);
      this.out.signed(b.handleSpan.end - b.handleSpan.start);
    }
    return b.start;
  }

  /** length + 1, start step, type, id. */
  mention(m: EntityMention, previous: number): number {
    const type = typeIndex.get(m.type);
    if (keyCount(m) !== 6 || !isSpanText(m, this.text) || type === undefined || typeof m.id !== 'string' || m.kind !== kindOf(m.type))
      return this.keep(m);
    this.span(m, previous);
    this.out.unsigned(type);
    this.string(m.id);
    return m.start;
  }

  /** length + 1, start step, countryId, country. */
  demonym(d: DemonymMention, previous: number): number {
    if (keyCount(d) !== 5 || !isSpanText(d, this.text) || typeof d.countryId !== 'string' || typeof d.country !== 'string')
      return this.keep(d);
    this.span(d, previous);
    this.string(d.countryId);
    this.string(d.country);
    return d.start;
  }

  /** type + 1, id, canonical, aliases, mention indices (steps), descriptions (start, length, sentence from start, its length), more. */
  entity(e: EntityCluster): number {
    const type = typeIndex.get(e.type);
    if (type === undefined || e.kind !== kindOf(e.type) || typeof e.id !== 'string' || typeof e.canonical !== 'string') return this.keep(e);
    if (!Array.isArray(e.aliases) || !e.aliases.every((a) => typeof a === 'string')) return this.keep(e);
    if (!Array.isArray(e.mentions) || !e.mentions.every(isSmallInt) || !Array.isArray(e.descriptions)) return this.keep(e);
    for (const d of e.descriptions) if (keyCount(d) !== 4 || !isSpanText(d, this.text) || !isBareSpan(d.sentence)) return this.keep(e);
    this.out.unsigned(type + 1);
    this.string(e.id);
    this.string(e.canonical);
    this.out.unsigned(e.aliases.length);
    for (const a of e.aliases) this.string(a);
    this.steps(e.mentions);
    this.out.unsigned(e.descriptions.length);
    for (const d of e.descriptions) {
      this.out.unsigned(d.start);
      this.out.unsigned(d.end - d.start);
      this.out.signed(d.sentence.start - d.start);
      this.out.signed(d.sentence.end - d.sentence.start);
    }
    this.more(e, ENTITY_KEYS);
    return 0;
  }

  /** length + 1, start step, cue and source (0 for null, else 1, start from the claim's, length), more. */
  claim(c: Claim, previous: number): number {
    if (!isSpanText(c, this.text) || !optionalSpan(c.cue, this.text) || !optionalSpan(c.source, this.text)) return this.keep(c);
    this.span(c, previous);
    for (const s of [c.cue, c.source]) {
      this.out.unsigned(s ? 1 : 0);
      if (!s) continue;
      this.out.signed(s.start - c.start);
      this.out.unsigned(s.end - s.start);
    }
    this.more(c, CLAIM_KEYS);
    return c.start;
  }

  private span(s: { start: number; end: number }, previous: number): void {
    this.out.unsigned(s.end - s.start + 1);
    this.out.signed(s.start - previous);
  }
}

/** Reads the columns, given the text and the head's lists; any inconsistency throws. */
export class Decoder {
  private nextWhole = 0;
  private nextOthers = 0;

  constructor(
    private readonly text: string,
    readonly input: ByteReader,
    private readonly strings: string[],
    private readonly whole: unknown[],
    private readonly others: unknown[],
  ) {}

  /** The start of the list's last element read in the columns (the next one's start is a step from it). */
  private previous = 0;

  list<T>(read: () => T): T[] {
    const n = this.input.count();
    const out: T[] = [];
    this.previous = 0;
    for (let i = 0; i < n; i++) out.push(read());
    return out;
  }

  steps(): number[] {
    const n = this.input.count();
    const out: number[] = [];
    let previous = 0;
    for (let i = 0; i < n; i++) out.push((previous += this.input.signed()));
    return out;
  }

  /** Everything read, nothing left over: a payload with more in it is not one this encoder made. */
  finish(): void {
    if (!this.input.done || this.nextWhole !== this.whole.length || this.nextOthers !== this.others.length) throw new Error('left over');
  }

  block(): Block {
    const marker = this.input.unsigned();
    if (marker === WHOLE) return this.takeWhole() as Block;
    if (marker > 2 * KINDS.length) throw new Error('bad block');
    const handled = marker > KINDS.length;
    const kind = KINDS[(marker - 1) % KINDS.length];
    const section = SECTIONS[this.input.unsigned()];
    if (kind === undefined || section === undefined) throw new Error('bad block');
    const start = (this.previous += this.input.signed());
    const block: Block = { kind, section, start, end: start + this.input.signed() };
    if (handled) {
      block.handle = this.string();
      const handleStart = start + this.input.signed();
      block.handleSpan = { start: handleStart, end: handleStart + this.input.signed() };
    }
    return block;
  }

  mention(): EntityMention {
    const length = this.input.unsigned();
    if (length === WHOLE) return this.takeWhole() as EntityMention;
    const start = this.start();
    const end = this.end(start, length);
    const type = TYPES[this.input.unsigned()];
    if (type === undefined) throw new Error('bad type');
    return { start, end, text: this.text.slice(start, end), kind: kindOf(type), type, id: this.string() };
  }

  demonym(): DemonymMention {
    const length = this.input.unsigned();
    if (length === WHOLE) return this.takeWhole() as DemonymMention;
    const start = this.start();
    const end = this.end(start, length);
    return { start, end, text: this.text.slice(start, end), countryId: this.string(), country: this.string() };
  }

  entity(): EntityCluster {
    const marker = this.input.unsigned();
    if (marker === WHOLE) return this.takeWhole() as EntityCluster;
    const type = TYPES[marker - 1];
    if (type === undefined) throw new Error('bad entity');
    const id = this.string();
    const canonical = this.string();
    const aliases: string[] = [];
    for (let n = this.input.count(); n > 0; n--) aliases.push(this.string());
    const mentions = this.steps();
    const descriptions: Description[] = [];
    for (let n = this.input.count(); n > 0; n--) {
      const start = this.input.unsigned();
      const end = start + this.input.unsigned();
      this.check(start, end);
      const sentenceStart = start + this.input.signed();
      const sentence = { start: sentenceStart, end: sentenceStart + this.input.signed() };
      descriptions.push({ start, end, text: this.text.slice(start, end), sentence });
    }
    const entity: EntityCluster = { id, canonical, kind: kindOf(type), type, aliases, mentions, descriptions };
    return this.more(entity);
  }

  claim(): Claim {
    const length = this.input.unsigned();
    if (length === WHOLE) return this.takeWhole() as Claim;
    const start = this.start();
    const end = this.end(start, length);
    const cue = this.part(start);
    const source = this.part(start);
    return this.more({ start, end, text: this.text.slice(start, end), cue, source } as Claim);
  }

  /** A claim's cue or source: 0 for null, else 1, its start from the claim's and its length. */
  private part(claimStart: number): { start: number; end: number; text: string } | null {
    if (!this.input.unsigned()) return null;
    const start = claimStart + this.input.signed();
    const end = start + this.input.unsigned();
    this.check(start, end);
    return { start, end, text: this.text.slice(start, end) };
  }

  /** A span's start: a step from the previous one's. */
  private start(): number {
    return (this.previous += this.input.signed());
  }

  /** A span's end from its length + 1 (as the columns hold it), checked against the text. */
  private end(start: number, lengthPlusOne: number): number {
    const end = start + lengthPlusOne - 1;
    this.check(start, end);
    return end;
  }

  /** The element with the head's fields for it, when the columns say it has some (after its own, as the encoder found them). */
  private more<T extends object>(item: T): T {
    if (!this.input.unsigned()) return item;
    if (this.nextOthers >= this.others.length) throw new Error('missing fields');
    const fields = record(this.others[this.nextOthers++]);
    // Set on the new element rather than spread into a copy (a copy per element was a third of reading);
    // a '__proto__' field (JSON may hold one) must stay a field, which only a spread keeps.
    if (Object.prototype.hasOwnProperty.call(fields, '__proto__')) return { ...item, ...fields };
    for (const key in fields) (item as Record<string, unknown>)[key] = fields[key];
    return item;
  }

  private takeWhole(): unknown {
    if (this.nextWhole >= this.whole.length) throw new Error('missing element');
    return this.whole[this.nextWhole++];
  }

  private string(): string {
    const s = this.strings[this.input.unsigned()];
    if (s === undefined) throw new Error('no such string');
    return s;
  }

  private check(start: number, end: number): void {
    if (start < 0 || end < start || end > this.text.length) throw new Error('span outside the text');
  }
}

/** Whether a claim's cue or source can go in the columns: null, or a span with its own text and nothing else. */
function optionalSpan(s: unknown, text: string): boolean {
  return s === null || (isRecord(s) && keyCount(s) === 3 && isSpanText(s, text));
}

/** Fields other than `known`, or undefined when there are none (fields JSON leaves out are left out). */
function restOf(item: object, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  let rest: Record<string, unknown> | undefined;
  // for…in, not Object.entries: no array of pairs per element.
  for (const key in item) {
    const value = (item as Record<string, unknown>)[key];
    if (known.has(key) || value === undefined) continue;
    (rest ??= {})[key] = value;
  }
  return rest;
}

function isSpanText(s: Record<string, unknown> | { start: unknown; end: unknown; text: unknown }, text: string): boolean {
  const { start, end } = s;
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (start as number) <= (end as number) &&
    (end as number) <= text.length &&
    s.text === text.slice(start as number, end as number)
  );
}

function isBareSpan(s: unknown): s is { start: number; end: number } {
  return isRecord(s) && keyCount(s) === 2 && isSmallInt(s.start) && isSmallInt(s.end);
}

function keyCount(o: object): number {
  let n = 0;
  for (const key in o) if ((o as Record<string, unknown>)[key] !== undefined) n++;
  return n;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function record(v: unknown): Record<string, unknown> {
  if (!isRecord(v)) throw new Error('not an object');
  return v;
}

export function list(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new Error('not a list');
  return v;
}

export function stringList(v: unknown): string[] {
  const l = list(v);
  if (!l.every((s) => typeof s === 'string')) throw new Error('not strings');
  return l as string[];
}
