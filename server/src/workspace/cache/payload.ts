import { gunzipSync, gzipSync } from 'zlib';
import type {
  Block,
  BlockKind,
  Claim,
  DemonymMention,
  Description,
  DocumentAnalysis,
  EntityCluster,
  EntityMention,
  EntityType,
  Section,
} from '../../analysis/types';
import { kindOf } from '../../analysis/types';

/*
 * A shard's payload: gzip (level 1: most of the size for a fraction of the
 * time) of a compact JSON form of the analysis, without the document's text.
 * The shard is keyed by the text's hash, so whoever reads it has the text (an
 * editor's, or the file's) and checks it against that hash first
 * (shardStore.ts, checkPayload): a copy of the text in every shard was most
 * of the bytes gzip went through. Making the payload was a sixth of an
 * analysis thread's time: most of an analysis's JSON was key names repeated
 * on every mention, and the text of every span, a copy of what the
 * document's text already holds. So:
 *
 *   - mentions and demonyms are flat columns of numbers (start as a step from
 *     the previous one, length, and indices into a table of strings);
 *   - entities and claims are tuples, their spans' texts left out;
 *   - the text of a span is put back from the document's text on reading.
 *
 * An element that does not have the expected shape (a text that is not its
 * span's, an unknown type, a missing field) is kept whole, so decoding gives
 * back exactly what JSON gave before, whatever the engine puts in an analysis.
 */

/** 3: without the text (2 held it). */
const VERSION = 3;

const TYPES: readonly EntityType[] = ['person', 'organization', 'country', 'city', 'region', 'facility'];
const typeIndex = new Map<string, number>(TYPES.map((t, i) => [t, i]));
const KINDS: readonly BlockKind[] = ['headline', 'byline', 'paragraph', 'blockquote-intro', 'blockquote', 'comments-header', 'comment'];
const kindIndex = new Map<string, number>(KINDS.map((k, i) => [k, i]));
const SECTIONS: readonly Section[] = ['article', 'comments'];
const sectionIndex = new Map<string, number>(SECTIONS.map((k, i) => [k, i]));

/** In a column of spans, this length says that the element is kept whole (in the list of exceptions). */
const WHOLE = -1;

interface Encoded {
  v: typeof VERSION;
  /** The length of the text it was made from: a payload read against another text of another length is refused at once. */
  length: number;
  /** The analysis without the lists below (and its structure without its blocks, when they are in `blocks`). */
  rest: Record<string, unknown>;
  /** The structure's blocks: [start, end, kind, section], or the block whole (an object). */
  blocks?: unknown[];
  /** Strings the columns refer to by index. */
  strings: string[];
  /** Mentions: 4 numbers each (start step, length, type, id). */
  mentions: number[];
  /** Demonyms: 4 numbers each (start step, length, countryId, country). */
  demonyms: number[];
  /** Mentions and demonyms kept whole, in order. */
  whole: unknown[];
  /** Entities and claims: a tuple, or the element whole (an object). */
  entities: unknown[];
  claims: unknown[];
}

/** The payload of a shard: the analysis of `text`, encoded and compressed (the text itself is not in it). */
export function shardPayload(text: string, analysis: DocumentAnalysis): Uint8Array {
  const bytes = gzipSync(JSON.stringify(encodePayload(text, analysis)), { level: 1 });
  // Its own buffer (not a slice of Node's pool), so that it can be transferred between threads.
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * The analysis a payload holds, its spans' texts put back from `text`, or
 * undefined when unreadable. `text` must be the one the payload was made
 * from: the caller checks it against the shard's hash (see checkPayload).
 */
export function readPayload(payload: Uint8Array, text: string): DocumentAnalysis | undefined {
  try {
    return decodePayload(JSON.parse(gunzipSync(payload).toString('utf8')), text);
  } catch {
    return undefined;
  }
}

export function encodePayload(text: string, analysis: DocumentAnalysis): Encoded {
  const strings = new StringTable();
  const whole: unknown[] = [];
  const rest: Record<string, unknown> = {};
  for (const key in analysis) {
    if (key !== 'mentions' && key !== 'demonyms' && key !== 'entities' && key !== 'claims')
      rest[key] = (analysis as unknown as Record<string, unknown>)[key];
  }
  const mentions = spanColumns(analysis.mentions, text, whole, 6, (m: EntityMention, out) => {
    const type = typeIndex.get(m.type);
    if (type === undefined || typeof m.id !== 'string' || m.kind !== kindOf(m.type)) return false;
    out.push(type, strings.index(m.id));
    return true;
  });
  const demonyms = spanColumns(analysis.demonyms, text, whole, 5, (d: DemonymMention, out) => {
    if (typeof d.countryId !== 'string' || typeof d.country !== 'string') return false;
    out.push(strings.index(d.countryId), strings.index(d.country));
    return true;
  });
  const structure = analysis.structure as unknown;
  let blocks: unknown[] | undefined;
  if (isRecord(structure) && Array.isArray(structure.blocks)) {
    blocks = (structure.blocks as Block[]).map(encodeBlock);
    rest.structure = { ...structure, blocks: undefined };
  }
  return {
    v: VERSION,
    length: text.length,
    rest,
    blocks,
    strings: strings.list,
    mentions,
    demonyms,
    whole,
    entities: analysis.entities.map((e) => encodeEntity(e, text) ?? e),
    claims: analysis.claims.map((c) => encodeClaim(c, text) ?? c),
  };
}

export function decodePayload(data: unknown, text: string): DocumentAnalysis {
  if (!isRecord(data) || data.v !== VERSION || !isRecord(data.rest)) throw new Error('not a payload');
  if (data.length !== text.length) throw new Error('made from another text');
  const strings = stringList(data.strings);
  const whole = list(data.whole);
  let next = 0;
  const takeWhole = () => {
    if (next >= whole.length) throw new Error('missing element');
    return whole[next++];
  };
  const mentions = readSpans(list(data.mentions), text, takeWhole, (start, end, type, id): EntityMention => {
    const t = TYPES[type];
    if (t === undefined) throw new Error('bad type');
    return { start, end, text: text.slice(start, end), kind: kindOf(t), type: t, id: at(strings, id) };
  });
  const demonyms = readSpans(list(data.demonyms), text, takeWhole, (start, end, countryId, country): DemonymMention => ({
    start,
    end,
    text: text.slice(start, end),
    countryId: at(strings, countryId),
    country: at(strings, country),
  }));
  const entities = list(data.entities).map((e) => (Array.isArray(e) ? decodeEntity(e, text) : e));
  const claims = list(data.claims).map((c) => (Array.isArray(c) ? decodeClaim(c, text) : c));
  const rest =
    data.blocks === undefined
      ? data.rest
      : { ...data.rest, structure: { ...record(data.rest.structure), blocks: list(data.blocks).map(decodeBlock) } };
  return { ...rest, mentions, entities, demonyms, claims } as unknown as DocumentAnalysis;
}

/**
 * Spans as columns: start (a step from the previous start), length and what
 * `more` pushes; an element with other keys than `keys` of them, or whose
 * text is not its span's, is kept whole.
 */
function spanColumns<T extends { start: number; end: number; text: string }>(
  items: readonly T[],
  text: string,
  whole: unknown[],
  keys: number,
  more: (item: T, out: number[]) => boolean,
): number[] {
  const out: number[] = [];
  let previous = 0;
  for (const item of items) {
    const at = out.length;
    out.push(item.start - previous, item.end - item.start);
    if (keyCount(item) === keys && isSpanText(item, text) && more(item, out)) {
      previous = item.start;
      continue;
    }
    out.length = at;
    out.push(0, WHOLE, 0, 0);
    whole.push(item);
  }
  return out;
}

function readSpans<T>(
  columns: unknown[],
  text: string,
  takeWhole: () => unknown,
  make: (start: number, end: number, a: number, b: number) => T,
): T[] {
  if (columns.length % 4) throw new Error('bad columns');
  const out: T[] = [];
  let previous = 0;
  for (let i = 0; i < columns.length; i += 4) {
    const length = integer(columns[i + 1]);
    if (length === WHOLE) {
      out.push(takeWhole() as T);
      continue;
    }
    const start = previous + integer(columns[i]);
    const end = start + length;
    checkSpan(start, end, text);
    out.push(make(start, end, integer(columns[i + 2]), integer(columns[i + 3])));
    previous = start;
  }
  return out;
}

function encodeBlock(b: Block): unknown {
  const kind = kindIndex.get(b.kind);
  const section = sectionIndex.get(b.section);
  if (kind === undefined || section === undefined || keyCount(b) !== 4 || !Number.isInteger(b.start) || !Number.isInteger(b.end)) return b;
  return [b.start, b.end, kind, section];
}

function decodeBlock(b: unknown): unknown {
  if (!Array.isArray(b)) return b;
  if (b.length !== 4) throw new Error('bad block');
  const [start, end, kind, section] = b.map(integer);
  const k = KINDS[kind];
  const s = SECTIONS[section];
  if (k === undefined || s === undefined) throw new Error('bad block');
  return { kind: k, section: s, start, end };
}

const ENTITY_KEYS = new Set(['id', 'canonical', 'kind', 'type', 'aliases', 'mentions', 'descriptions']);

/** [id, canonical, type, aliases, mentions, descriptions (4 numbers each), other fields], or undefined to keep it whole. */
function encodeEntity(e: EntityCluster, text: string): unknown[] | undefined {
  const type = typeIndex.get(e.type);
  if (type === undefined || e.kind !== kindOf(e.type) || typeof e.id !== 'string' || typeof e.canonical !== 'string') return undefined;
  if (!Array.isArray(e.aliases) || !Array.isArray(e.mentions) || !Array.isArray(e.descriptions)) return undefined;
  const descriptions: number[] = [];
  for (const d of e.descriptions) {
    if (keyCount(d) !== 4 || !isSpanText(d, text) || !isBareSpan(d.sentence)) return undefined;
    descriptions.push(d.start, d.end, d.sentence.start, d.sentence.end);
  }
  const tuple: unknown[] = [e.id, e.canonical, type, e.aliases, e.mentions, descriptions];
  const others = restOf(e, ENTITY_KEYS);
  if (others) tuple.push(others);
  return tuple;
}

function decodeEntity(t: unknown[], text: string): EntityCluster {
  const [id, canonical, type, aliases, mentions, descriptions, others] = t;
  const entityType = TYPES[integer(type)];
  if (typeof id !== 'string' || typeof canonical !== 'string' || entityType === undefined) throw new Error('bad entity');
  const spans = list(descriptions);
  if (spans.length % 4) throw new Error('bad descriptions');
  const described: Description[] = [];
  for (let i = 0; i < spans.length; i += 4) {
    const [start, end, sentenceStart, sentenceEnd] = [0, 1, 2, 3].map((k) => integer(spans[i + k]));
    checkSpan(start, end, text);
    described.push({ start, end, text: text.slice(start, end), sentence: { start: sentenceStart, end: sentenceEnd } });
  }
  const entity: EntityCluster = {
    id,
    canonical,
    kind: kindOf(entityType),
    type: entityType,
    aliases: list(aliases) as string[],
    mentions: list(mentions) as number[],
    descriptions: described,
  };
  return others === undefined ? entity : { ...entity, ...record(others) };
}

const CLAIM_KEYS = new Set(['start', 'end', 'text', 'cue', 'source']);

/** [start, end, cue start, cue end, source start, source end, other fields] (-1 for no cue or source), or undefined to keep it whole. */
function encodeClaim(c: Claim, text: string): unknown[] | undefined {
  if (!isSpanText(c, text)) return undefined;
  const cue = optionalSpan(c.cue, text);
  const source = optionalSpan(c.source, text);
  if (!cue || !source) return undefined;
  return [c.start, c.end, ...cue, ...source, restOf(c, CLAIM_KEYS) ?? {}];
}

function decodeClaim(t: unknown[], text: string): Claim {
  if (t.length !== 7) throw new Error('bad claim');
  const [start, end, cueStart, cueEnd, sourceStart, sourceEnd] = t.slice(0, 6).map(integer);
  checkSpan(start, end, text);
  const span = (s: number, e: number) => {
    if (s === -1) return null;
    checkSpan(s, e, text);
    return { start: s, end: e, text: text.slice(s, e) };
  };
  return {
    start,
    end,
    text: text.slice(start, end),
    cue: span(cueStart, cueEnd),
    source: span(sourceStart, sourceEnd),
    ...record(t[6]),
  } as Claim;
}

/** A span with its text as [start, end], null as [-1, -1]; undefined when it has other keys or another text. */
function optionalSpan(s: unknown, text: string): [number, number] | undefined {
  if (s === null) return [-1, -1];
  if (!isRecord(s) || keyCount(s) !== 3 || !isSpanText(s, text)) return undefined;
  return [s.start as number, s.end as number];
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
  return isRecord(s) && keyCount(s) === 2 && Number.isInteger(s.start) && Number.isInteger(s.end);
}

function keyCount(o: object): number {
  let n = 0;
  for (const key in o) if ((o as Record<string, unknown>)[key] !== undefined) n++;
  return n;
}

class StringTable {
  readonly list: string[] = [];
  private readonly indices = new Map<string, number>();
  index(s: string): number {
    let i = this.indices.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.indices.set(s, i);
    }
    return i;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function record(v: unknown): Record<string, unknown> {
  if (!isRecord(v)) throw new Error('not an object');
  return v;
}

function list(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new Error('not a list');
  return v;
}

function stringList(v: unknown): string[] {
  const l = list(v);
  if (!l.every((s) => typeof s === 'string')) throw new Error('not strings');
  return l as string[];
}

function at(strings: string[], i: number): string {
  const s = strings[i];
  if (s === undefined) throw new Error('no such string');
  return s;
}

function integer(v: unknown): number {
  if (!Number.isInteger(v)) throw new Error('not an integer');
  return v as number;
}

function checkSpan(start: number, end: number, text: string): void {
  if (start < 0 || end < start || end > text.length) throw new Error('span outside the text');
}
