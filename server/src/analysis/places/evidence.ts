import type { Gazetteer } from '../gazetteer';
import type { DocumentStructure, Span } from '../types';
import { divisionAbbreviation } from './abbreviations';
import { candidatesOf, type Referent } from './referents';

/*
 * What the words around a place name say about which place it is, as a
 * careful reader takes it: explicit containment ("Paris, Texas", "Tripoli,
 * in northern Lebanon", "Perth, the Scottish city", "the Lebanese city of
 * Sidon", "Chile's capital, Santiago"), cue words ("the state of Georgia",
 * "the country of Georgia") and datelines ("ATLANTA (AP) —").
 */

/** A name occurrence in the text and the places its words could name. */
export interface NameSpan extends Span {
  text: string;
}

/** A demonym occurrence and its country code. */
export interface DemonymSpan extends Span {
  cc: string;
}

/** Something the text says contains the place: a named place (several readings) or a country by demonym. */
export interface Container {
  /** Index of the containing name in the sorted name list, or -1 (a demonym or an abbreviation). */
  name: number;
  places: Referent[];
  /** Written right after the name ("Paris, Texas"), where a list of names could look the same. */
  immediate?: boolean;
}

export type KindCue = 'division' | 'country' | 'city';

const DIRECTION =
  '(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|' +
  'far|upstate|downstate|rural|coastal|northernmost|southernmost|mountainous|neighbou?ring)';
/** After a name: ", Y", " (Y", ", in the north of Y" and the like; the container's name follows the match. */
const AFTER = new RegExp(
  `^(?:,[ \\t]*|[ \\t]*\\([ \\t]*|,?[ \\t]+in[ \\t]+(?:the[ \\t]+)?(?:${DIRECTION}[ \\t]+){0,2}|,?[ \\t]+in[ \\t]+the[ \\t]+${DIRECTION}[ \\t]+(?:part[ \\t]+)?of[ \\t]+)`,
);
/** An appositive that may name the container: ", the Scottish city", ", a port in Georgia", ", on Spain's coast". */
const APPOSITIVE =
  /^,[ \t]+(?:the|a|an|on|in|along|just|near|[\p{Lu}][\p{L}.'’-]*(?:[ \t]+[\p{Lu}][\p{L}.'’-]*)*['’]s)\b[^,.;:()\n—–]{0,90}/u;
const PLACE_NOUNS =
  'city|town|village|port|capital|suburb|municipality|resort|district|province|state|region|enclave|hamlet|commune|county|metropolis|hub|stronghold|neighbou?rhood';
/** Before a name: "the Lebanese city of ", "the Texas town of ". */
const NOUN_OF = new RegExp(`(?:^|[\\s(])((?:[\\p{L}'’.-]+[ \\t]+){0,4}?)(?:[a-z-]+[ \\t]+){0,2}(?:${PLACE_NOUNS})[ \\t]+of[ \\t]+$`, 'u');
/** Before a name: "Lebanon's second city, ", "Spain's ". */
const POSSESSIVE_BEFORE = new RegExp(`['’]s[ \\t]+(?:(?:[a-z-]+[ \\t]+){0,2}(?:${PLACE_NOUNS})(?:,[ \\t]*|[ \\t]+))?$`);

/**
 * Containers the text gives for the name at `i` of `names` (sorted by start):
 * each with the places it could be. A container that cannot hold any reading
 * of the name is still returned; the caller decides ("Paris, London" is a list).
 */
export function containersOf(
  text: string,
  names: readonly NameSpan[],
  i: number,
  demonyms: readonly DemonymSpan[],
  gazetteer: Gazetteer,
): Container[] {
  const n = names[i];
  let out: Container[] = NO_CONTAINERS;
  const push = (c: Container) => {
    if (out === NO_CONTAINERS) out = [];
    out.push(c);
  };
  // Every form below starts with a comma, a bracket, or " in": most names are followed by none.
  const c0 = text.charCodeAt(n.end);
  const c1 = text.charCodeAt(n.end + 1);
  const opens = c0 === 44 || c0 === 40 || ((c0 === 32 || c0 === 9) && (c1 === 40 || c1 === 105));
  const after = opens ? text.slice(n.end, n.end + 120) : '';
  const m = opens ? AFTER.exec(after) : null;
  if (m) {
    const at = n.end + m[0].length;
    const next = names[i + 1];
    if (next && next.start === at) push({ name: i + 1, places: containerPlaces(next.text, gazetteer), immediate: true });
    else if (m[0].startsWith(',')) {
      const abbr = divisionAbbreviation(text.slice(at, at + 8));
      if (abbr) push({ name: -1, places: divisionNamed(abbr.name, abbr.cc, gazetteer) });
    }
  }
  const ap = c0 === 44 ? APPOSITIVE.exec(after) : null;
  if (ap && !(m && out.length > 0 && m[0].startsWith(','))) {
    const a = n.end;
    const b = n.end + ap[0].length;
    for (let k = i + 1; k < names.length && names[k].start < b; k++) {
      if (names[k].start >= a) {
        push({ name: k, places: containerPlaces(names[k].text, gazetteer) });
        break;
      }
    }
    const d = demonyms[firstAtOrAfter(demonyms, a)];
    if (d && d.start < b) push({ name: -1, places: countryPlaces(d.cc, gazetteer) });
  }
  // Both patterns below are costly to try at every offset: cheap tests of their last words first.
  const ofBefore = n.start >= 3 && text.charCodeAt(n.start - 1) === 32 && text.slice(n.start - 3, n.start - 1) === 'of';
  const possBefore = n.start > 3 && i > 0 && possessiveWithin(text, n.start - 50, n.start);
  if (!ofBefore && !possBefore) return out;
  const before = text.slice(Math.max(0, n.start - 80), n.start);
  const of = ofBefore && placeNounBeforeOf(text, n.start - 3) ? NOUN_OF.exec(before) : null;
  if (of) {
    const a = n.start - of[0].length;
    for (let k = firstAtOrAfter(demonyms, a); k < demonyms.length && demonyms[k].end <= n.start; k++)
      push({ name: -1, places: countryPlaces(demonyms[k].cc, gazetteer) });
    for (let k = i - 1; k >= 0 && names[k].end > a; k--) {
      if (names[k].start >= a) push({ name: k, places: containerPlaces(names[k].text, gazetteer) });
    }
  }
  const poss = possBefore ? POSSESSIVE_BEFORE.exec(before) : null;
  if (poss && i > 0) {
    const prev = names[i - 1];
    if (prev.end === n.start - poss[0].length) push({ name: i - 1, places: containerPlaces(prev.text, gazetteer) });
  }
  return out;
}

const NO_CONTAINERS: Container[] = [];

/** Index of the first span starting at or after `offset` in spans sorted by start. */
function firstAtOrAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether "'s" or "’s" occurs in [from, to): a bounded scan (lastIndexOf would search the whole text on a miss). */
function possessiveWithin(text: string, from: number, to: number): boolean {
  const window = text.slice(Math.max(0, from), to);
  return window.includes("'s") || window.includes('’s');
}

const PLACE_NOUN_SET = new Set(PLACE_NOUNS.replace('neighbou?rhood', 'neighborhood|neighbourhood').split('|'));

/** Whether the word before "of" (which ends just before `ofStart`) is a place noun: "city of", "town of". */
function placeNounBeforeOf(text: string, ofStart: number): boolean {
  let end = ofStart;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  // A bounded scan back to the blank before the word: lastIndexOf('\t') would search the whole text when it has no tab.
  let start = end;
  while (start > 0 && end - start < 16) {
    const c = text.charCodeAt(start - 1);
    if (c === 32 || c === 9) break;
    start--;
  }
  return end - start > 2 && end - start < 16 && PLACE_NOUN_SET.has(text.slice(start, end).toLowerCase());
}

/** Readings of a name that can contain other places: countries and first-level divisions. */
function containerPlaces(name: string, gazetteer: Gazetteer): Referent[] {
  return candidatesOf(name, gazetteer).filter((r) => r.kind === 'country' || r.kind === 'division');
}

function divisionNamed(name: string, cc: string, gazetteer: Gazetteer): Referent[] {
  return candidatesOf(name, gazetteer).filter((r) => r.kind === 'division' && r.cc === cc);
}

function countryPlaces(cc: string, gazetteer: Gazetteer): Referent[] {
  const c = gazetteer.country(cc);
  return c ? candidatesOf(c.name, gazetteer).filter((r) => r.kind === 'country' && r.cc === cc) : [];
}

const STATE_AFTER = /^[ \t]+[Ss]tate\b(?![ \t]+(?:[Dd]epartment|[Uu]niversity|[Pp]olice|[Ss]enate|[Hh]ouse|[Ll]egislature|[Cc]apitol))/;
const STATE_BEFORE = /\b(?:state|commonwealth|province)[ \t]+of[ \t]+$|\b(?:upstate|downstate)[ \t]+$/i;
const COUNTRY_BEFORE = /\b(?:country|nation|republic|kingdom)[ \t]+of[ \t]+$/i;
const CITY_BEFORE = /\b(?:city|town|village)[ \t]+of[ \t]+$/i;

/** A word that says which kind of place the name is: "the state of Georgia", "the country of Georgia". */
export function kindCue(text: string, n: Span): KindCue | null {
  // Most names have none of these cues: test the one character each needs before the patterns.
  // (Offsets outside the text read as -1: charCodeAt's NaN there made the optimised code bail out.)
  const after = n.end + 1 < text.length ? text.charCodeAt(n.end + 1) : -1;
  if ((after === 115 || after === 83) && STATE_AFTER.test(text.slice(n.end, n.end + 40))) return 'division';
  // "… of Georgia", "upstate New York": the word before ends in "f" or "e".
  const b1 = n.start >= 1 ? text.charCodeAt(n.start - 1) : -1;
  const b2 = n.start >= 2 ? text.charCodeAt(n.start - 2) | 32 : -1;
  if (!((b1 === 32 || b1 === 9) && (b2 === 102 || b2 === 101))) return null;
  const before = text.slice(Math.max(0, n.start - 40), n.start);
  if (!/(?:of|state)[ \t]+$/i.test(before)) return null;
  if (STATE_BEFORE.test(before)) return 'division';
  if (COUNTRY_BEFORE.test(before)) return 'country';
  if (CITY_BEFORE.test(before)) return 'city';
  return null;
}

/** "ATLANTA (AP) —", "BEIRUT, Lebanon —", "SPRINGFIELD, Ill. (Reuters) -": the rest of the line after the place. */
const DATELINE_REST = /^(?:,[ \t]+[\p{L}.' -]{2,30}?)?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:—|–|--|-|:)[ \t]/u;
const CAPS_NAME = /^[\p{Lu}][\p{Lu}.'’-]*(?:[ \t]+[\p{Lu}][\p{Lu}.'’-]*){0,3}/u;

/** The dateline's place name: an all-capitals name opening one of the first paragraphs, then a dash. */
export function datelineSpan(text: string, structure: DocumentStructure): Span | null {
  // Asked twice per document (place or not, then resolution): found once per structure.
  const known = datelines.get(structure);
  if (known !== undefined && known.text === text) return known.span;
  const span = findDateline(text, structure);
  datelines.set(structure, { text, span });
  return span;
}

const datelines = new WeakMap<DocumentStructure, { text: string; span: Span | null }>();

function findDateline(text: string, structure: DocumentStructure): Span | null {
  let seen = 0;
  for (const b of structure.blocks) {
    if (b.section !== 'article' || (b.kind !== 'paragraph' && b.kind !== 'byline')) continue;
    if (++seen > 3) break;
    let start = b.start;
    while (start < b.end && /\s/.test(text[start])) start++;
    const line = text.slice(start, Math.min(b.end, start + 120));
    const caps = CAPS_NAME.exec(line);
    if (!caps || caps[0].replace(/[^\p{L}]/gu, '').length < 3) continue;
    const end = start + caps[0].length;
    if (!DATELINE_REST.test(text.slice(end, end + 60))) continue;
    return { start, end };
  }
  return null;
}
