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
 * words); one it left out is added, when the context is one of the strong
 * ones (containment, dateline, "residents of", a list with a place).
 */

/** Words after which a name is a location: "in Savannah", "across Georgia". */
const LOCATIVE = new Set(['in', 'near', 'outside', 'across', 'throughout', 'around', 'into', 'toward', 'towards', 'via', 'inside', 'downtown']);
/** "residents of X", "officials in X": people and things that belong to a place. */
const OF_PLACE = new Set(
  ('residents resident people citizens inhabitants mayor officials police streets outskirts suburbs suburb city town village ' +
    'voters protesters families hospitals schools neighborhoods neighbourhoods centre center heart governor authorities ' +
    'airport port harbor harbour university ruins province state county district region areas area parts part north south east west')
    .split(' '),
);
const PLACE_TYPES = new Set<EntityType>(['country', 'city', 'region']);
const MIN_POPULATION = 10000;
const PERSON_MIN_POPULATION = 50000;

interface Ctx {
  text: string;
  tokens: Token[];
  tokenAt: Map<number, number>;
  raw: RawMention[];
  byStart: Map<number, RawMention>;
  byEnd: Map<number, RawMention>;
  gazetteer: Gazetteer;
  dateline: { start: number; end: number } | null;
}

export function promotePlaces(raw: RawMention[], text: string, tokens: Token[], structure: DocumentStructure, gazetteer: Gazetteer): RawMention[] {
  if (tokens.length === 0) return raw;
  const tokenAt = new Map<number, number>();
  tokens.forEach((t, i) => tokenAt.set(t.start, i));
  const ctx: Ctx = { text, tokens, tokenAt, raw, ...indexed(raw), gazetteer, dateline: datelineSpan(text, structure) };

  // 1. Actor-typed known place names in a place context. The words are a place everywhere in the document
  //    when most of their mentions are in such a context; otherwise only those mentions ("Clinton" the
  //    candidate stays a person when one sentence lists "Florida, Clinton").
  const inContext = new Map<string, number>();
  const total = new Map<string, number>();
  const hits = new Set<RawMention>();
  for (const m of raw) {
    if (PLACE_TYPES.has(m.type) || m.type === 'facility') continue;
    total.set(m.text, (total.get(m.text) ?? 0) + 1);
    // The tagger's "person" is firmer evidence than its "organisation" (datelines, teams): only well-known places overrule it.
    if (!knownPlace(m.text, gazetteer, m.type === 'person' ? PERSON_MIN_POPULATION : MIN_POPULATION) || !placeContext(ctx, m.start, m.end, true, m.type === 'organization')) continue;
    hits.add(m);
    inContext.set(m.text, (inContext.get(m.text) ?? 0) + 1);
  }
  let out = raw;
  if (hits.size > 0) {
    const everywhere = (t: string) => 2 * (inContext.get(t) ?? 0) >= (total.get(t) ?? 0);
    out = raw.map((m) => (hits.has(m) || (inContext.has(m.text) && everywhere(m.text) && !PLACE_TYPES.has(m.type) && m.type !== 'facility') ? asPlace(m, gazetteer) : m));
  }

  // 2. Known place names the tagger left out, in the strong contexts only, and the divisions
  //    abbreviated after a place ("Portland, Ore.", "Athens, GA").
  const added = [...untagged(ctx, out), ...abbreviations(ctx, out)];
  if (added.length === 0) return out;
  return [...out, ...added].sort((a, b) => a.start - b.start || b.end - a.end);
}

function indexed(raw: RawMention[]): { byStart: Map<number, RawMention>; byEnd: Map<number, RawMention> } {
  const byStart = new Map<number, RawMention>();
  const byEnd = new Map<number, RawMention>();
  for (const m of raw) {
    byStart.set(m.start, m);
    if (PLACE_TYPES.has(m.type)) byEnd.set(m.end, m);
  }
  return { byStart, byEnd };
}

function asPlace(m: RawMention, gazetteer: Gazetteer): RawMention {
  const hit = gazetteer.lookup(m.text);
  return { start: m.start, end: m.end, text: m.text, type: hit?.type ?? 'city', placeId: hit?.id };
}

/** A name of a country, a division or a city of some size. */
function knownPlace(name: string, gazetteer: Gazetteer, minPopulation = MIN_POPULATION): Referent[] | null {
  const c = candidatesOf(name, gazetteer).filter((r) => r.kind !== 'city' || (r.population ?? 0) >= minPopulation);
  return c.length > 0 ? c : null;
}

/**
 * Whether the words around [start, end) make it a place. `weak` admits the
 * locative prepositions ("in X"), which need the tagger's word that X is a name; `org` also
 * "from X" ("fans travelled from Liverpool"), which for a person is as often a source.
 */
function placeContext(ctx: Ctx, start: number, end: number, weak: boolean, org = false): boolean {
  const { text, tokens } = ctx;
  if (ctx.dateline && ctx.dateline.start === start && ctx.dateline.end === end) return true;
  const ti = ctx.tokenAt.get(start);
  if (ti === undefined) return false;
  const prev = ti > 0 ? tokens[ti - 1].text.toLowerCase() : '';
  const prev2 = ti > 1 ? tokens[ti - 2].text.toLowerCase() : '';
  // "in Clinton's campaign": a possessive after the name makes it an owner, not a location.
  const possessive = /^['’](?:s\b|\s)/.test(text.slice(end, end + 3));
  if (weak && (LOCATIVE.has(prev) || (org && prev === 'from')) && !possessive) return true;
  if ((prev === 'of' || prev === 'in') && OF_PLACE.has(prev2)) return true;
  if (containedIn(ctx, start, end)) return true;
  // "in Atlanta and Savannah", "residents of Beirut, Sidon and Tyre": a list of places after a locative word
  // (not "in Iraq, Obama and Clinton withdrew": the list goes on with a person).
  const next = tokens[ti + 1]?.text ?? '';
  if (prev === 'and' || prev === 'or' || (prev === ',' && /^(?:,|and|or)$/.test(next))) {
    const before = placeEndingAt(ctx, ti - 1);
    const after = /^(?:,|and|or)$/.test(next) ? ctx.byStart.get(tokens[ti + 2]?.start ?? -1) : undefined;
    if (before && listIsLocative(ctx, before) && (!after || PLACE_TYPES.has(after.type))) return true;
  }
  return false;
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
    const y = ctx.byStart.get(at);
    const name = y ? y.text : /^[\p{Lu}][\p{L}]+(?:[ \t]+[\p{Lu}][\p{L}]+)?/u.exec(text.slice(at, at + 40))?.[0];
    if (name) containers = candidatesOf(name, gazetteer).filter((r) => r.kind === 'country' || r.kind === 'division');
  }
  return own.some((r) => containers.some((c) => liesIn(r, c)));
}

/** The place mention whose last token is token i. */
function placeEndingAt(ctx: Ctx, i: number): RawMention | undefined {
  if (i <= 0) return undefined;
  return ctx.byEnd.get(ctx.tokens[i - 1].end);
}

function listIsLocative(ctx: Ctx, last: RawMention): boolean {
  let first = last;
  // Walk back over the list: "in Beirut, Sidon and Tyre".
  for (let steps = 0; steps < 8; steps++) {
    const ti = ctx.tokenAt.get(first.start);
    if (ti === undefined || ti < 2) break;
    const sep = ctx.tokens[ti - 1].text;
    const before = sep === ',' || sep === 'and' || sep === 'or' ? placeEndingAt(ctx, ti - 1) : undefined;
    if (!before) break;
    first = before;
  }
  const ti = ctx.tokenAt.get(first.start);
  if (ti === undefined || ti === 0) return false;
  const prev = ctx.tokens[ti - 1].text.toLowerCase();
  return LOCATIVE.has(prev) || ((prev === 'of' || prev === 'in') && OF_PLACE.has(ctx.tokens[ti - 2]?.text.toLowerCase() ?? ''));
}

/** "Portland, Ore.": the abbreviation is a mention of the division, where no mention covers it yet. */
function abbreviations(ctx: Ctx, mentions: RawMention[]): RawMention[] {
  const { text, gazetteer } = ctx;
  const out: RawMention[] = [];
  const starts = new Set(mentions.map((m) => m.start));
  for (const m of mentions) {
    if (!PLACE_TYPES.has(m.type)) continue;
    const sep = /^,[ \t]*/.exec(text.slice(m.end, m.end + 4));
    if (!sep) continue;
    const at = m.end + sep[0].length;
    if (starts.has(at)) continue;
    const abbr = divisionAbbreviation(text.slice(at, at + 8));
    if (!abbr) continue;
    const division = candidatesOf(abbr.name, gazetteer).filter((r) => r.kind === 'division' && r.cc === abbr.cc);
    // A bare postal code ("GA") only where the place before it has a namesake in that division.
    if (!abbr.dotted && !candidatesOf(m.text, gazetteer).some((r) => division.some((d) => liesIn(r, d)))) continue;
    const hit = gazetteer.lookup(abbr.name);
    out.push({ start: at, end: at + abbr.length, text: text.slice(at, at + abbr.length), type: 'region', placeId: hit?.type === 'region' ? hit.id : undefined });
  }
  return out;
}

const MAX_WORDS = 3;

function untagged(ctx: Ctx, mentions: RawMention[]): RawMention[] {
  const { tokens, gazetteer } = ctx;
  const covered = new Uint8Array(tokens.length);
  for (const m of mentions) {
    let i = ctx.tokenAt.get(m.start);
    if (i === undefined) continue;
    for (; i < tokens.length && tokens[i].start < m.end; i++) covered[i] = 1;
  }
  const out: RawMention[] = [];
  const view: Ctx = { ...ctx, raw: mentions, ...indexed(mentions) };
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || !isNameWord(tokens[i].text)) continue;
    // Longest known name first: "San Jose" before "San".
    for (let n = Math.min(MAX_WORDS, tokens.length - i); n >= 1; n--) {
      let ok = true;
      for (let k = i; k < i + n && ok; k++) ok = !covered[k] && isNameWord(tokens[k].text) && (k === i || tokens[k].start - tokens[k - 1].end <= 1);
      if (!ok) continue;
      const start = tokens[i].start;
      const end = tokens[i + n - 1].end;
      const name = ctx.text.slice(start, end);
      if (!gazetteer.firstWords.has(tokens[i].text.toLowerCase()) || !knownPlace(name, gazetteer)) continue;
      // A capitalised word opening a sentence is weak evidence of a name; a dateline is the exception.
      const dateline = ctx.dateline !== null && ctx.dateline.start === start && ctx.dateline.end === end;
      if (!dateline && (i === 0 || /^[.!?:;"“”\n]$/.test(tokens[i - 1].text) || ctx.text.slice(tokens[i - 1].end, start).includes('\n'))) continue;
      if (i + n < tokens.length && isNameWord(tokens[i + n].text) && tokens[i + n].start - end <= 1) continue;
      if (!placeContext(view, start, end, false)) continue;
      const hit = gazetteer.lookup(name);
      out.push({ start, end, text: name, type: hit?.type ?? 'city', placeId: hit?.id });
      for (let k = i; k < i + n; k++) covered[k] = 1;
      i += n - 1;
      break;
    }
  }
  return out;
}

function isNameWord(t: string): boolean {
  const c = t.charAt(0);
  return c.toLowerCase() !== c && /\p{L}/u.test(c);
}
