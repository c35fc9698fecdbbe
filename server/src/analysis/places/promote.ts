import type { RawMention } from '../entities/rawMention';
import type { Gazetteer } from '../gazetteer';
import type { DocumentStructure, EntityType, Token } from '../types';
import { divisionAbbreviation } from './abbreviations';
import { datelineSpan } from './evidence';
import { candidatesOf, liesIn, type Referent } from './referents';

/*
 * Place or not. A known place name in a place context is a place, whatever
 * the tagger made of it: "officials in Atlanta and Savannah", "residents of
 * Sidon", "Paris, Texas", "ATLANTA (AP) —". A name the tagger typed as a
 * person or organisation is retyped (with every other mention of the same
 * words, when most are in such a context); one it left out is added when the
 * context is one of the strong ones (containment, dateline, a list with a place).
 */

/** Words after which a name is a location: "in Savannah", "across Georgia". */
const LOCATIVE = new Set([
  'in',
  'near',
  'outside',
  'across',
  'throughout',
  'around',
  'into',
  'toward',
  'towards',
  'via',
  'inside',
  'downtown',
]);
/** "residents of X", "officials in X": people and things that belong to a place. */
const OF_PLACE = new Set(
  (
    'residents resident people citizens inhabitants mayor officials police streets outskirts suburbs suburb city town village ' +
    'voters protesters families hospitals schools neighborhoods neighbourhoods centre center heart governor authorities ' +
    'airport port harbor harbour university ruins province state county district region areas area parts part north south east west'
  ).split(' '),
);
const PLACE_TYPES = new Set<EntityType>(['country', 'city', 'region']);
const MIN_POPULATION = 10000;
const PERSON_MIN_POPULATION = 50000;

interface Ctx {
  text: string;
  tokens: Token[];
  /** The mentions as they stand, sorted by start. */
  raw: RawMention[];
  /** Index of the first token of each mention of `raw`. */
  firstToken: Int32Array;
  gazetteer: Gazetteer;
  dateline: { start: number; end: number } | null;
}

export function promotePlaces(
  raw: RawMention[],
  text: string,
  tokens: Token[],
  structure: DocumentStructure,
  gazetteer: Gazetteer,
): RawMention[] {
  if (tokens.length === 0 || raw.length === 0) return raw;
  const sorted = isSorted(raw) ? raw : [...raw].sort((a, b) => a.start - b.start || b.end - a.end);
  const ctx: Ctx = {
    text,
    tokens,
    raw: sorted,
    firstToken: firstTokens(sorted, tokens),
    gazetteer,
    dateline: datelineSpan(text, structure),
  };

  // 1. Actor-typed known place names in a place context. The words are a place everywhere in the document
  //    when most of their mentions are in such a context; otherwise only those mentions ("Clinton" the
  //    candidate stays a person when one sentence lists "Florida, Clinton"). A second round sees the
  //    first one's places ("around Córdoba and Rosario" when the tagger took both for actors).
  let out = sorted;
  for (let round = 0; round < 2; round++) {
    const view: Ctx = round === 0 ? ctx : { ...ctx, raw: out };
    const next = retype(view);
    if (next === out) break;
    out = next;
  }

  // 2. Known place names the tagger left out, in the strong contexts only, and the divisions
  //    abbreviated after a place ("Portland, Ore.", "Athens, GA").
  const view: Ctx = out === sorted ? ctx : { ...ctx, raw: out };
  const added = [...untagged(view), ...abbreviations(view)];
  if (added.length === 0) return out;
  // A few additions into a long sorted list: merge, do not sort it all again.
  added.sort((a, b) => a.start - b.start);
  const merged: RawMention[] = [];
  let j = 0;
  for (const m of out) {
    while (j < added.length && added[j].start < m.start) merged.push(added[j++]);
    merged.push(m);
  }
  while (j < added.length) merged.push(added[j++]);
  return merged;
}

/** The mentions with the actor-typed place names in place contexts retyped, or the same array when none is. */
function retype(ctx: Ctx): RawMention[] {
  const { raw, tokens, gazetteer } = ctx;
  let hits: Set<RawMention> | undefined;
  for (let i = 0; i < raw.length; i++) {
    const m = raw[i];
    if (m.type !== 'person' && m.type !== 'organization') continue;
    const ti = ctx.firstToken[i];
    if (ti < 0 || tokens[ti].start !== m.start) continue;
    if (!knownPlace(m.text, gazetteer)) continue;
    // The tagger's "person" is firmer evidence than its "organisation" (datelines, teams): a smaller town
    // overrules it only between two places of a list ("Springfield, Branson and Kansas City").
    const placed =
      m.type === 'organization' || knownPlace(m.text, gazetteer, PERSON_MIN_POPULATION)
        ? placeContext(ctx, ti, m.end, true, m.type === 'organization')
        : betweenPlaces(ctx, ti);
    if (placed) (hits ??= new Set()).add(m);
  }
  if (!hits) return raw;
  const inContext = new Map<string, number>();
  for (const m of hits) inContext.set(m.text, (inContext.get(m.text) ?? 0) + 1);
  const total = new Map<string, number>();
  for (const m of raw)
    if ((m.type === 'person' || m.type === 'organization') && inContext.has(m.text)) total.set(m.text, (total.get(m.text) ?? 0) + 1);
  const everywhere = (t: string) => 2 * (inContext.get(t) ?? 0) >= (total.get(t) ?? 0);
  const found = hits;
  return raw.map((m) =>
    found.has(m) || ((m.type === 'person' || m.type === 'organization') && inContext.has(m.text) && everywhere(m.text))
      ? asPlace(m, gazetteer)
      : m,
  );
}

function isSorted(raw: RawMention[]): boolean {
  for (let i = 1; i < raw.length; i++) if (raw[i].start < raw[i - 1].start) return false;
  return true;
}

/** The first token of each mention (sorted by start), by one walk over both lists. */
function firstTokens(raw: RawMention[], tokens: Token[]): Int32Array {
  const out = new Int32Array(raw.length).fill(-1);
  let t = 0;
  for (let i = 0; i < raw.length; i++) {
    while (t < tokens.length && tokens[t].end <= raw[i].start) t++;
    if (t < tokens.length) out[i] = t;
  }
  return out;
}

function tokenAt(tokens: Token[], offset: number): number | undefined {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < tokens.length && tokens[lo].start === offset ? lo : undefined;
}

/** Index of the first mention of `raw` (sorted, not overlapping) ending after `offset`. */
function firstEndingAfter(raw: RawMention[], offset: number): number {
  let lo = 0;
  let hi = raw.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (raw[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The mention starting exactly at an offset. */
function startingAt(ctx: Ctx, offset: number): RawMention | undefined {
  const m = ctx.raw[firstEndingAfter(ctx.raw, offset)];
  return m && m.start === offset ? m : undefined;
}

/** The place mention ending exactly at an offset. */
function placeEndingAtOffset(ctx: Ctx, offset: number): RawMention | undefined {
  const m = ctx.raw[firstEndingAfter(ctx.raw, offset - 1)];
  return m && m.end === offset && PLACE_TYPES.has(m.type) ? m : undefined;
}

/** Whether some mention covers the character at an offset. */
function coveredAt(ctx: Ctx, offset: number): boolean {
  const m = ctx.raw[firstEndingAfter(ctx.raw, offset)];
  return m !== undefined && m.start <= offset;
}

function asPlace(m: RawMention, gazetteer: Gazetteer): RawMention {
  const hit = gazetteer.lookup(m.text);
  return { start: m.start, end: m.end, text: m.text, type: hit?.type ?? 'city', placeId: hit?.id };
}

/** A name of a country, a division or a city of some size. */
function knownPlace(name: string, gazetteer: Gazetteer, minPopulation = MIN_POPULATION): boolean {
  return candidatesOf(name, gazetteer).some((r) => r.kind !== 'city' || (r.population ?? 0) >= minPopulation);
}

/**
 * Whether the words around [start, end) make it a place. `weak` admits the
 * locative prepositions ("in X"), which need the tagger's word that X is a name; `org` also
 * "from X" ("fans travelled from Liverpool"), which for a person is as often a source.
 */
function placeContext(ctx: Ctx, ti: number, end: number, weak: boolean, org = false): boolean {
  const { text, tokens } = ctx;
  const start = tokens[ti].start;
  if (ctx.dateline && ctx.dateline.start === start && ctx.dateline.end === end) return true;
  const prev = ti > 0 ? tokens[ti - 1].text.toLowerCase() : '';
  const prev2 = ti > 1 ? tokens[ti - 2].text.toLowerCase() : '';
  // "in Clinton's campaign": a possessive after the name makes it an owner, not a location.
  const possessive = /^['’](?:s\b|\s)/.test(text.slice(end, end + 3));
  if (weak && (LOCATIVE.has(prev) || (org && prev === 'from')) && !possessive) return true;
  if ((prev === 'of' || prev === 'in') && OF_PLACE.has(prev2)) return true;
  if (containedIn(ctx, start, end) || containsPrevious(ctx, ti, start, end)) return true;
  // "in Atlanta and Savannah", "residents of Beirut, Sidon and Tyre": a list of places after a locative word
  // (not "in Iraq, Obama and Clinton withdrew": the list goes on with a person).
  const next = tokens[ti + 1]?.text ?? '';
  if (prev === 'and' || prev === 'or' || (prev === ',' && /^(?:,|and|or)$/.test(next))) {
    const before = placeEndingAt(ctx, ti - 1);
    const after = /^(?:,|and|or)$/.test(next) ? startingAt(ctx, tokens[ti + 2]?.start ?? -1) : undefined;
    if (before && listIsLocative(ctx, before) && (!after || PLACE_TYPES.has(after.type))) return true;
  }
  return false;
}

/** "Sydney, Nova Scotia": a division or country right after a place, holding a place of that name. */
function containsPrevious(ctx: Ctx, ti: number, start: number, end: number): boolean {
  if (ti < 2 || ctx.tokens[ti - 1].text !== ',') return false;
  const place = placeEndingAtOffset(ctx, ctx.tokens[ti - 2].end);
  if (!place) return false;
  const containers = candidatesOf(ctx.text.slice(start, end), ctx.gazetteer).filter((r) => r.kind === 'country' || r.kind === 'division');
  return containers.length > 0 && candidatesOf(place.text, ctx.gazetteer).some((r) => containers.some((c) => liesIn(r, c)));
}

/** A list item with places on both sides: "Springfield, Branson and Kansas City". */
function betweenPlaces(ctx: Ctx, ti: number): boolean {
  const { tokens } = ctx;
  const prev = tokens[ti - 1]?.text;
  const next = tokens[ti + 1]?.text;
  if (!(prev === ',' || prev === 'and' || prev === 'or') || !(next === ',' || next === 'and' || next === 'or')) return false;
  const after = startingAt(ctx, tokens[ti + (tokens[ti + 2]?.text === 'and' ? 3 : 2)]?.start ?? -1);
  return placeEndingAt(ctx, ti - 1) !== undefined && after !== undefined && PLACE_TYPES.has(after.type);
}

/** "X, Y" where Y is a division or country (or its abbreviation) holding some place called X. */
function containedIn(ctx: Ctx, start: number, end: number): boolean {
  const { text, gazetteer } = ctx;
  const m = /^,[ \t]*/.exec(text.slice(end, end + 4));
  if (!m) return false;
  const at = end + m[0].length;
  const own = candidatesOf(text.slice(start, end), gazetteer);
  if (own.length === 0) return false;
  let containers: Referent[] = [];
  const abbr = divisionAbbreviation(text.slice(at, at + 8));
  if (abbr) containers = candidatesOf(abbr.name, gazetteer).filter((r) => r.kind === 'division' && r.cc === abbr.cc);
  else {
    const y = startingAt(ctx, at);
    const name = y ? y.text : /^[\p{Lu}][\p{L}]+(?:[ \t]+[\p{Lu}][\p{L}]+)?/u.exec(text.slice(at, at + 40))?.[0];
    if (name) containers = candidatesOf(name, gazetteer).filter((r) => r.kind === 'country' || r.kind === 'division');
  }
  return own.some((r) => containers.some((c) => liesIn(r, c)));
}

/** The place mention whose last token is token i. */
function placeEndingAt(ctx: Ctx, i: number): RawMention | undefined {
  if (i <= 0) return undefined;
  return placeEndingAtOffset(ctx, ctx.tokens[i - 1].end);
}

function listIsLocative(ctx: Ctx, last: RawMention): boolean {
  let first = last;
  // Walk back over the list: "in Beirut, Sidon and Tyre".
  for (let steps = 0; steps < 8; steps++) {
    const ti = tokenAt(ctx.tokens, first.start);
    if (ti === undefined || ti < 2) break;
    const sep = ctx.tokens[ti - 1].text;
    const before = sep === ',' || sep === 'and' || sep === 'or' ? placeEndingAt(ctx, ti - 1) : undefined;
    if (!before) break;
    first = before;
  }
  const ti = tokenAt(ctx.tokens, first.start);
  if (ti === undefined || ti === 0) return false;
  const prev = ctx.tokens[ti - 1].text.toLowerCase();
  return LOCATIVE.has(prev) || ((prev === 'of' || prev === 'in') && OF_PLACE.has(ctx.tokens[ti - 2]?.text.toLowerCase() ?? ''));
}

/** "Portland, Ore.": the abbreviation is a mention of the division, where no mention covers it yet. */
function abbreviations(ctx: Ctx): RawMention[] {
  const { text, gazetteer, raw: mentions } = ctx;
  const out: RawMention[] = [];
  for (const m of mentions) {
    if (!PLACE_TYPES.has(m.type)) continue;
    const sep = /^,[ \t]*/.exec(text.slice(m.end, m.end + 4));
    if (!sep) continue;
    const at = m.end + sep[0].length;
    if (startingAt(ctx, at)) continue;
    const abbr = divisionAbbreviation(text.slice(at, at + 8));
    if (!abbr) continue;
    const division = candidatesOf(abbr.name, gazetteer).filter((r) => r.kind === 'division' && r.cc === abbr.cc);
    // A bare postal code ("GA") only where the place before it has a namesake in that division.
    if (!abbr.dotted && !candidatesOf(m.text, gazetteer).some((r) => division.some((d) => liesIn(r, d)))) continue;
    const hit = gazetteer.lookup(abbr.name);
    out.push({
      start: at,
      end: at + abbr.length,
      text: text.slice(at, at + abbr.length),
      type: 'region',
      placeId: hit?.type === 'region' ? hit.id : undefined,
    });
  }
  return out;
}

const MAX_WORDS = 3;

function untagged(ctx: Ctx): RawMention[] {
  const { tokens, gazetteer } = ctx;
  const out: RawMention[] = [];
  const taken = new Set<number>();
  const free = (k: number) => !taken.has(k) && !coveredAt(ctx, tokens[k].start);
  for (const i of contextStarts(ctx)) {
    if (!isNameWord(tokens[i].text) || !beginsPlaceName(tokens[i].text, gazetteer) || !free(i)) continue;
    // Longest known name first: "San Jose" before "San".
    for (let n = Math.min(MAX_WORDS, tokens.length - i); n >= 1; n--) {
      let ok = true;
      for (let k = i; k < i + n && ok; k++)
        ok = isNameWord(tokens[k].text) && (k === i || (tokens[k].start - tokens[k - 1].end <= 1 && free(k)));
      if (!ok) continue;
      const start = tokens[i].start;
      const end = tokens[i + n - 1].end;
      const name = ctx.text.slice(start, end);
      if (!gazetteer.knows(name) || !knownPlace(name, gazetteer)) continue;
      // A capitalised word opening a sentence is weak evidence of a name; a dateline is the exception.
      const dateline = ctx.dateline !== null && ctx.dateline.start === start && ctx.dateline.end === end;
      if (!dateline && (i === 0 || /^[.!?:;"“”\n]$/.test(tokens[i - 1].text) || ctx.text.slice(tokens[i - 1].end, start).includes('\n')))
        continue;
      if (i + n < tokens.length && isNameWord(tokens[i + n].text) && tokens[i + n].start - end <= 1) continue;
      if (!placeContext(ctx, i, end, false)) continue;
      const hit = gazetteer.lookup(name);
      out.push({ start, end, text: name, type: hit?.type ?? 'city', placeId: hit?.id });
      for (let k = i; k < i + n; k++) taken.add(k);
      break;
    }
  }
  return out;
}

const LIST_AFTER = /^(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+)/;

/**
 * Tokens where an untagged place name could start in one of the strong contexts: the dateline,
 * before ", <place>", and after a place in a list. Found from the mentions that make those
 * contexts, never by walking every token: this runs on documents of many megabytes too.
 */
function contextStarts(ctx: Ctx): number[] {
  const { tokens, text } = ctx;
  const starts: number[] = [];
  const push = (offset: number) => {
    const t = tokenAt(tokens, offset);
    if (t !== undefined) starts.push(t);
  };
  const beforeComma = (comma: number) => {
    const c = tokenAt(tokens, comma);
    if (c !== undefined) for (let n = 1; n <= MAX_WORDS && c - n >= 0; n++) starts.push(c - n);
  };
  if (ctx.dateline) push(ctx.dateline.start);
  for (const p of ctx.raw) {
    if (!PLACE_TYPES.has(p.type)) continue;
    // "in Atlanta, Savannah and Macon", "Atlanta and Savannah": a list goes on after a place.
    const c0 = text.charCodeAt(p.end);
    // After a space the list needs more white space or "and" / "or": the next code rules out most places without a slice.
    const c1 = c0 === 32 ? text.charCodeAt(p.end + 1) : 0;
    if (c0 === 44 || (c0 === 32 && (c1 === 32 || c1 === 9 || c1 === 97 || c1 === 111))) {
      const m = LIST_AFTER.exec(text.slice(p.end, p.end + 12));
      if (m) push(p.end + m[0].length);
    }
    // "Smallville, Texas": the name ends before the comma.
    let k = p.start - 1;
    while (k > 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
    if (k > 0 && k < p.start - 1 && text.charCodeAt(k) === 44) beforeComma(k);
  }
  return [...new Set(starts)].sort((a, b) => a - b);
}

/**
 * Whether a word as written begins some place name. Not remembered by spelling: a cache look-up
 * costs what the set look-up does, and on text new to the process each word also cost an insertion.
 */
function beginsPlaceName(word: string, gazetteer: Gazetteer): boolean {
  return gazetteer.firstWords.has(word.toLowerCase());
}

function isNameWord(t: string): boolean {
  const code = t.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  const c = t.charAt(0);
  return c.toLowerCase() !== c && /\p{L}/u.test(c);
}
