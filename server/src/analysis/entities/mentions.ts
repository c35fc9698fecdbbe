import type { Gazetteer } from '../gazetteer';
import type { NerLabel, NerSpan } from '../ner';
import type { AnalysisResources } from '../resources';
import type { EntityType, Sentence, Token } from '../types';
import type { RawMention } from './rawMention';
import { KEPT_IN_PERSON_SPANS, TITLES } from './titles';

/*
 * Tagger spans -> typed entity mentions, following shared/spec/annotation-guidelines.md:
 *  - span hygiene: no leading "the", titles or possessive 's; "Iran-backed" -> "Iran";
 *  - nationality / religious adjectives and group nouns are not entities;
 *  - LOC is split into country / city / region / facility (gazetteer first, then cue words);
 *  - document consistency: one name keeps one type, and untagged repeats of a tagged
 *    name (or of a tagged person's surname) are added.
 */

interface Candidate {
  /** Token range [ts, te). */
  ts: number;
  te: number;
  label: NerLabel;
  /** The span came from a hyphen compound head ("Iran" of "Iran-backed"); offsets are inside one token. */
  start: number;
  end: number;
}

// "Said Dorothy Poynter, …": a verb of saying that opens the sentence is not part of the name.
const SPEECH_VERBS = new Set(['Said', 'Says', 'Asked', 'Added', 'Told', 'Wrote', 'Writes']);

// Group nouns and adjectives of religion and ethnicity; the gold never marks them (guidelines: "Shiite", "Kurds").
const GROUP_WORDS = new Set(
  ('shiite shiites shia shias shi\'a shi\'ite shi\'ites shii sunni sunnis kurd kurds kurdish arab arabs arabic muslim muslims ' +
    'christian christians jew jews jewish yazidi yazidis alawite alawites druze turkmen turkoman sufi salafi salafis ' +
    'wahhabi wahhabis islamist islamists islamic catholic catholics protestant protestants orthodox hindu hindus sikh sikhs ' +
    'buddhist buddhists persian persians pashtun pashtuns baluch hazara hazaras maronite copts coptic assyrian assyrians ' +
    'chaldean chaldeans bedouin bedouins latino latinos hispanic hispanics democrat democrats republican republicans')
    .split(' '),
);

// Lowercase hyphen heads that are prefixes, not names ("anti-ISIS" -> "ISIS").
// Not "mid": "Mid-East" is a name of its own.
const PREFIXES = new Set(['anti', 'pro', 'non', 'post', 'pre', 'pan', 'neo', 'ex']);

// Cue words: a place name followed or ended by one of these is a region or a facility.
const REGION_CUES = new Set([
  'province', 'district', 'region', 'governorate', 'county', 'state', 'territory', 'valley', 'river', 'sea', 'ocean',
  'gulf', 'bay', 'lake', 'strait', 'straits', 'peninsula', 'desert', 'mountains', 'mountain', 'mount', 'hills', 'island',
  'islands', 'coast', 'basin', 'plain', 'plains', 'delta', 'canal', 'heights', 'highlands', 'corridor', 'belt',
]);
const FACILITY_CUES = new Set([
  'pipeline', 'airport', 'airbase', 'base', 'crossing', 'dam', 'bridge', 'port', 'palace', 'square', 'stadium', 'hospital',
  'embassy', 'consulate', 'building', 'tower', 'towers', 'mosque', 'church', 'cathedral', 'shrine', 'prison', 'refinery',
  'plant', 'camp', 'checkpoint', 'terminal', 'station', 'harbour', 'harbor', 'field', 'airfield', 'compound',
]);
const CITY_CUES = new Set(['city', 'town', 'village']);
// Participles after a hyphen that make a compound of a name: "Massoud Barzani-led", "Iran-backed".
const COMPOUND_TAILS = new Set(
  'led backed based born controlled held allied funded supported run sponsored linked affiliated aligned dominated occupied owned made trained armed'.split(' '),
);
// Organisation head nouns that also end place names ("West Bank", "Soviet Union", "Russian Federation", "Gaza Strip").
const PLACE_ORG_CUES = new Set(['bank', 'union', 'federation', 'front', 'state', 'states', 'press', 'guard', 'college', 'nations']);
// Head nouns of organisation names, English and transliterated Arabic ("Kata'ib" brigades, "Harakat" movement,
// "Hizb" party, "Jaish" army, "Liwa" brigade, "Saraya" companies, "Asa'ib" leagues, "Jabhat" front, "Majlis" council).
// A name containing one is an organisation whatever the tagger said ("Kata'ib Hezbollah", "Sadr Bloc").
const ORG_CUES = new Set(
  ('brigade brigades battalion battalions regiment army armies party parties movement council committee ministry ' +
    'organisation organization organisations organizations front union league bloc group institute agency corps guard guards ' +
    'militia militias coalition congress parliament assembly commission authority bank company corporation corp. corp inc. inc ' +
    'ltd ltd. university college tv television news times journal network radio press foundation association federation ' +
    'government department bureau court tribunal police navy cabinet senate administration forces mobilization mobilisation ' +
    'kataib kata\'ib hezbollah hizbollah hizballah hizb harakat harakah haraka jaish jaysh liwa saraya asaib asa\'ib ' +
    'jabhat jabha majlis tanzim hashd ansar nations')
    .split(' '),
);
// Region names no gazetteer of countries, cities and first-level divisions contains.
const MACRO_REGIONS = new Set(
  ('middle east|mid-east|mideast|near east|far east|west|east|europe|asia|africa|north america|south america|latin america|' +
    'central america|central asia|southeast asia|south asia|east asia|caucasus|balkans|levant|maghreb|sahel|scandinavia|' +
    'caribbean|pacific|atlantic|mediterranean|caspian|arctic|antarctica|antarctic|eurasia|oceania|persian gulf|arabian peninsula|' +
    'horn of africa|sub-saharan africa|western europe|eastern europe|gulf|north africa|west africa|east africa|middle-east')
    .split('|'),
);
// English short forms of countries that a name-based country list may lack; resolved through the gazetteer's codes.
const COUNTRY_FORMS = new Map<string, string>([
  ['us', 'US'], ['u.s', 'US'], ['u.s.', 'US'], ['u.s.a', 'US'], ['u.s.a.', 'US'], ['america', 'US'], ['turkey', 'TR'],
  ['britain', 'GB'], ['great britain', 'GB'], ['u.k', 'GB'], ['u.k.', 'GB'], ['england', 'GB'], ['holland', 'NL'],
  ['burma', 'MM'], ['ivory coast', 'CI'], ['czech republic', 'CZ'], ['russia', 'RU'], ['syria', 'SY'], ['iran', 'IR'],
  ['south korea', 'KR'], ['north korea', 'KP'], ['vatican', 'VA'], ['palestine', 'PS'], ['macedonia', 'MK'],
]);
const DIRECTIONS = new Set(['northern', 'southern', 'eastern', 'western', 'central', 'north', 'south', 'east', 'west', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'upper', 'lower', 'greater']);

function isCapitalised(s: string): boolean {
  const c = s.charAt(0);
  return c.toLowerCase() !== c;
}

function hasLower(s: string): boolean {
  return s.toUpperCase() !== s;
}

function isPossessiveOrPunct(t: string): boolean {
  return t === "'s" || t === '’s' || t === "'S" || t === "'" || t === '’' || !/[\p{L}\p{N}]/u.test(t);
}

export function detectMentions(text: string, tokens: Token[], sentences: Sentence[], res: AnalysisResources): RawMention[] {
  const spans = res.tagger.tag(text, tokens, sentences);
  const sentenceOf = new Int32Array(tokens.length);
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    for (let i = s.tokenStart; i < s.tokenEnd; i++) sentenceOf[i] = si;
  }
  // Whether each sentence is caseless, computed on demand (only repeats of known names ask): -1 not yet known.
  const shouting = new Int8Array(sentences.length).fill(-1);

  // 1. Span hygiene on tagger output; MISC spans are kept aside only to block the consistency pass,
  //    except "Islamic State" (an adjective the tagger calls MISC before an organisation head noun) and
  //    "Massoud Barzani-led" (a name inside a hyphen compound).
  const cands: Candidate[] = [];
  const covered = new Uint8Array(tokens.length);
  for (const sp of spans) covered.fill(1, sp.tokenStart, sp.tokenEnd);
  for (const sp of spans) {
    if (sp.label === 'MISC') {
      const c = fromMisc(sp, tokens, covered, res.gazetteer);
      if (c) cands.push(c);
      continue;
    }
    const c = clean(sp, tokens, text, res.gazetteer);
    if (c) cands.push(c);
  }

  // 2. Hyphen compounds the tagger left alone: "U.S.-led", "Iran-backed" name a known place.
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue;
    const head = hyphenHead(tokens[i]);
    if (!head) continue;
    const name = head.text;
    if (placeType(name, res.gazetteer)) cands.push({ ts: i, te: i + 1, label: 'LOC', start: head.start, end: head.end });
  }

  // 3. One name, one label. Evidence beats the tagger's majority: an organisation head noun in the name,
  //    an alias of an acronym-named organisation ("Daesh (ISIS, ISIL)", "Daesh, also known as ISIL"),
  //    the surname of a person named in full; otherwise the majority label of the exact name wins.
  const forced = new Map<string, NerLabel>();
  const people = new Set<string>();
  for (const c of cands) {
    if (c.label !== 'PER' || c.te - c.ts < 2 || c.end !== tokens[c.te - 1].end) continue;
    people.add(bareName(tokens[c.te - 1].text));
  }
  for (const c of cands) {
    const name = text.slice(c.start, c.end);
    if (c.label !== 'ORG' && hasOrgCue(tokens, c.ts, c.te, c.label === 'LOC') && !(c.label === 'LOC' && placeType(name, res.gazetteer))) forced.set(name, 'ORG');
    else if (c.label === 'ORG' && c.te - c.ts === 1 && hasLower(name) && people.has(bareName(name)) && !placeType(name, res.gazetteer)) forced.set(name, 'PER');
  }
  aliases(cands, tokens, text, covered, forced);
  const votes = new Map<string, Map<NerLabel, number>>();
  for (const c of cands) {
    const name = text.slice(c.start, c.end);
    let v = votes.get(name);
    if (!v) votes.set(name, (v = new Map()));
    v.set(c.label, (v.get(c.label) ?? 0) + 1);
  }
  const labelOf = new Map<string, NerLabel>();
  for (const [name, v] of votes) {
    const f = forced.get(name);
    if (f) {
      labelOf.set(name, f);
      continue;
    }
    let best: NerLabel | null = null;
    let bestN = 0;
    let tie = false;
    for (const [l, n] of v) {
      if (n > bestN) {
        best = l;
        bestN = n;
        tie = false;
      } else if (n === bestN) tie = true;
    }
    if (best && !tie) labelOf.set(name, best);
  }
  for (const c of cands) c.label = labelOf.get(text.slice(c.start, c.end)) ?? c.label;

  // 4. Untagged repeats of tagged names (and bare surnames of tagged people).
  addRepeats(cands, covered, tokens, sentences, sentenceOf, shouting, res.gazetteer);

  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RawMention[] = [];
  let lastEnd = -1;
  for (const c of cands) {
    if (c.start < lastEnd) continue;
    const name = text.slice(c.start, c.end);
    const typed = typeOf(c, name, tokens, res.gazetteer);
    if (!typed || !nameSized(text, typed, c.te - c.ts + (typed.end > tokens[c.te - 1].end ? 1 : 0))) continue;
    out.push({ start: typed.start, end: typed.end, text: text.slice(typed.start, typed.end), type: typed.type, placeId: typed.placeId });
    lastEnd = typed.end;
  }
  return out;
}

/**
 * Longest mention kept. Real names are far shorter (the longest of 929 news
 * documents, a title-case headline the tagger took whole, has 13 tokens and
 * 90 characters); a run of capitalised words would otherwise be one entity,
 * and its id, as long as the run.
 */
export const MAX_MENTION_TOKENS = 12;
export const MAX_MENTION_CHARS = 200;

/**
 * A mention is short enough and starts and ends at word boundaries: the
 * tokenizer cuts a word longer than its token limit into pieces, and a piece
 * is no name. Only a split-off "n't" may follow a name directly ("Can’t").
 */
function nameSized(text: string, span: { start: number; end: number }, tokenCount: number): boolean {
  if (tokenCount > MAX_MENTION_TOKENS || span.end - span.start > MAX_MENTION_CHARS) return false;
  if (insideWord(text, span.start)) return false;
  return !insideWord(text, span.end) || /^n['’]t/i.test(text.slice(span.end, span.end + 3));
}

/** Whether offset i falls between two letters or digits of one word. */
function insideWord(text: string, i: number): boolean {
  return i > 0 && i < text.length && WORD_CHAR_RE.test(text.charAt(i - 1)) && WORD_CHAR_RE.test(text.charAt(i));
}

const WORD_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;

/** Whether a sentence's case carries no evidence (all caps or all lowercase): 1 or 0. */
function sentenceCaseless(tokens: Token[], s: Sentence): number {
  let letters = 0;
  let upper = 0;
  let lower = 0;
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const c = caseBits(tokens[i].text);
    if ((c & HAS_LETTER) === 0) continue;
    letters++;
    if ((c & HAS_LOWER) === 0) upper++;
    else if ((c & HAS_UPPER) === 0) lower++;
  }
  return letters >= 3 && (upper >= 0.8 * letters || lower === letters) ? 1 : 0;
}

const HAS_LETTER = 1;
const HAS_UPPER = 2;
const HAS_LOWER = 4;
const LETTER_RE = /\p{L}/u;

/** Letter / uppercase / lowercase bits of a token; ASCII by char codes, the rest through the case mappings. */
function caseBits(t: string): number {
  let bits = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 65 && c <= 90) bits |= HAS_LETTER | HAS_UPPER;
    else if (c >= 97 && c <= 122) bits |= HAS_LETTER | HAS_LOWER;
    else if (c >= 128) {
      const ch = t.charAt(i);
      if (LETTER_RE.test(ch)) bits |= HAS_LETTER;
      if (ch.toLowerCase() !== ch) bits |= HAS_UPPER;
      else if (ch.toUpperCase() !== ch) bits |= HAS_LOWER;
    }
  }
  return bits;
}

function hyphenHead(tok: Token): { start: number; end: number; text: string } | null {
  const t = tok.text;
  // A plain loop: this runs on every token, and most have no hyphen.
  let dash = -1;
  for (let k = t.length - 2; k > 0; k--) {
    if (t.charCodeAt(k) === 45) {
      dash = k;
      break;
    }
  }
  if (dash <= 0 || t.charCodeAt(t.length - 1) === 45) return null;
  const tail = t.slice(dash + 1);
  const head = t.slice(0, dash);
  // "Iran-backed", "U.S.-led", "Baghdad-based": a capitalised head and a lowercase word after the last hyphen.
  if (tail.toLowerCase() !== tail || !isCapitalised(head) || /^al$/i.test(head)) return null;
  return { start: tok.start, end: tok.start + dash, text: head };
}

function clean(sp: NerSpan, tokens: Token[], text: string, gazetteer: Gazetteer): Candidate | null {
  let ts = sp.tokenStart;
  let te = sp.tokenEnd;
  const label = sp.label;
  while (ts < te && (tokens[ts].text === 'the' || (tokens[ts].text === 'The' && label !== 'ORG'))) ts++;
  if (label === 'PER') while (ts < te - 1 && (isSpanTitle(tokens[ts].text.toLowerCase()) || SPEECH_VERBS.has(tokens[ts].text))) ts++;
  while (te > ts && isPossessiveOrPunct(tokens[te - 1].text)) te--;
  while (ts < te && isPossessiveOrPunct(tokens[ts].text)) ts++;
  if (ts >= te) return null;
  let start = tokens[ts].start;
  let end = tokens[te - 1].end;
  // "anti-ISIS" -> "ISIS".
  const first = tokens[ts].text;
  const dash = first.indexOf('-');
  if (dash > 0 && PREFIXES.has(first.slice(0, dash).toLowerCase()) && isCapitalised(first.slice(dash + 1))) start += dash + 1;
  // "Iran-backed", "Massoud Barzani-led" -> the name part.
  const head = hyphenHead(tokens[te - 1]);
  if (head && (te - ts > 1 || tokens[te - 1].start === start)) end = head.end;
  if (head && te - ts === 1 && tokens[ts].start !== start) return null;
  const name = text.slice(start, end);
  // "Iraqi", "Shiite", "Sunni Arabs": adjectives and group nouns, not entities.
  let allGroup = true;
  for (let i = ts; i < te && allGroup; i++) allGroup = isGroupWord(tokens[i].text, gazetteer);
  if (allGroup) return null;
  if (!/[\p{L}\p{N}]/u.test(name)) return null;
  return { ts, te, label, start, end };
}

function isSpanTitle(lower: string): boolean {
  return TITLES.has(lower) && !KEPT_IN_PERSON_SPANS.has(lower);
}

function isGroupWord(name: string, gazetteer: Gazetteer): boolean {
  return memoByGazetteer(groupCache, gazetteer, name, isGroupWordUncached);
}

function isGroupWordUncached(name: string, gazetteer: Gazetteer): boolean {
  const lower = name.toLowerCase().replace(/[’‘`]/g, "'");
  if (GROUP_WORDS.has(lower)) return true;
  if (gazetteer.demonym(name)) return true;
  // Plural demonyms: "Iraqis", "Americans".
  return lower.endsWith('s') && gazetteer.demonym(name.slice(0, -1)) !== undefined;
}

/** Lowercase form of a name word without an Arabic article or apostrophes: "Al-Zimili" / "al-Zimili" -> "zimili". */
function bareName(w: string): string {
  return w.toLowerCase().replace(/[’‘`]/g, "'").replace(/^(?:al|el|ad|as|ash|at|an|ar|az)-/, '');
}

function hasOrgCue(tokens: Token[], ts: number, te: number, place = false): boolean {
  for (let i = ts; i < te; i++) {
    const t = tokens[i].text;
    if (!isCapitalised(t) && !/^(?:al|el)-/i.test(t)) continue;
    const w = bareName(t);
    if (ORG_CUES.has(w) && !(place && PLACE_ORG_CUES.has(w))) return true;
  }
  return false;
}

/** "ISIS", "CoR", "KRG": two or more capitals, no lowercase run longer than one letter. */
function isAcronym(t: string): boolean {
  let upper = 0;
  let run = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      run = 0;
    } else if (c >= 97 && c <= 122) {
      if (++run > 1 && !(i === t.length - 1 && c === 115)) return false;
    } else if (c !== 46 && c !== 38) return false;
  }
  return upper >= 2 && t.length <= 8;
}

/**
 * Aliases given in the text: "Daesh (ISIS, ISIL)", "Council of Representatives (CoR)", "Daesh, also known as ISIL".
 * When one of the names is an acronym tagged as an organisation, all of them are organisations; an untagged
 * acronym in brackets after a tagged name whose initial it shares is a mention with the name's label.
 */
function aliases(cands: Candidate[], tokens: Token[], text: string, covered: Uint8Array, forced: Map<string, NerLabel>): void {
  const byStart = new Map<number, Candidate>();
  for (const c of cands) if (c.start === tokens[c.ts].start) byStart.set(c.ts, c);
  const added: Candidate[] = [];
  for (const a of cands) {
    if (a.end !== tokens[a.te - 1].end) continue;
    let i = a.te;
    const group: Candidate[] = [a];
    let untagged: number[] = [];
    if (tokens[i]?.text === '(') {
      i++;
      while (i < tokens.length && tokens[i].text !== ')' && i - a.te < 8) {
        const b = byStart.get(i);
        if (b) {
          group.push(b);
          i = b.te;
        } else if (tokens[i].text === ',' || tokens[i].text === '/') i++;
        else if (!covered[i] && isAcronym(tokens[i].text)) untagged.push(i++);
        else break;
      }
      if (tokens[i]?.text !== ')') continue;
    } else if (tokens[i]?.text === ',' && /^(?:also|or)$/.test(tokens[i + 1]?.text ?? '') && tokens[i + 2]?.text === 'known' && tokens[i + 3]?.text === 'as') {
      const b = byStart.get(i + 4);
      if (b) group.push(b);
      untagged = [];
    } else continue;
    if (group.some((c) => c.label === 'ORG' && c.te - c.ts === 1 && isAcronym(tokens[c.ts].text))) {
      // Not a place: "WASHINGTON (AP)" is a dateline.
      for (const c of group) if (c.label === 'PER') forced.set(text.slice(c.start, c.end), 'ORG');
    }
    const initial = tokens[a.ts].text.charAt(0).toUpperCase();
    for (const k of untagged) {
      if (a.te - a.ts < 2 || tokens[k].text.charAt(0) !== initial) continue;
      covered[k] = 1;
      added.push({ ts: k, te: k + 1, label: a.label, start: tokens[k].start, end: tokens[k].end });
    }
  }
  for (const c of added) cands.push(c); // not push(...added): one per bracketed acronym, unbounded
}

/** MISC spans that hide an entity: "Islamic" + "State", "Massoud Barzani-led". */
function fromMisc(sp: NerSpan, tokens: Token[], covered: Uint8Array, gazetteer: Gazetteer): Candidate | null {
  const te = sp.tokenEnd;
  const next = tokens[te]?.text ?? '';
  if (te < tokens.length && !covered[te] && isCapitalised(next) && hasLower(next) && (ORG_CUES.has(next.toLowerCase()) || next === 'State')) {
    covered[te] = 1;
    return { ts: sp.tokenStart, te: te + 1, label: 'ORG', start: tokens[sp.tokenStart].start, end: tokens[te].end };
  }
  const head = hyphenHead(tokens[te - 1]);
  if (!head || !isCapitalised(tokens[sp.tokenStart].text)) return null;
  if (!COMPOUND_TAILS.has(tokens[te - 1].text.slice(head.end - tokens[te - 1].start + 1).toLowerCase())) return null;
  for (let i = sp.tokenStart; i < te - 1; i++) if (!isCapitalised(tokens[i].text)) return null;
  const start = tokens[sp.tokenStart].start;
  const name = te - sp.tokenStart > 1 ? `${tokens.slice(sp.tokenStart, te - 1).map((t) => t.text).join(' ')} ${head.text}` : head.text;
  let label: NerLabel | null;
  if (placeType(name, gazetteer)) label = 'LOC';
  else if (hasOrgCue(tokens, sp.tokenStart, te - 1) || ORG_CUES.has(head.text.toLowerCase())) label = 'ORG';
  else if (te - sp.tokenStart > 1) label = 'PER';
  else label = isAcronym(head.text) ? 'ORG' : null;
  if (!label || isGroupWord(head.text, gazetteer)) return null;
  return { ts: sp.tokenStart, te, label, start, end: head.end };
}

type PlaceHit = { type: EntityType; id?: string } | null;
/** placeType answers per gazetteer and name: names recur across documents and the gazetteer look-up normalises each time. */
const placeCache = new WeakMap<Gazetteer, Map<string, PlaceHit>>();
const groupCache = new WeakMap<Gazetteer, Map<string, boolean>>();
const CACHE_LIMIT = 100000;

function placeType(name: string, gazetteer: Gazetteer): PlaceHit {
  return memoByGazetteer(placeCache, gazetteer, name, placeTypeUncached);
}

/** A bounded per-gazetteer cache of a function of (name, gazetteer). */
function memoByGazetteer<T>(caches: WeakMap<Gazetteer, Map<string, T>>, gazetteer: Gazetteer, name: string, compute: (name: string, gazetteer: Gazetteer) => T): T {
  let cache = caches.get(gazetteer);
  if (!cache) caches.set(gazetteer, (cache = new Map()));
  let hit = cache.get(name);
  if (hit === undefined) {
    hit = compute(name, gazetteer);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(name, hit);
  }
  return hit;
}

function placeTypeUncached(name: string, gazetteer: Gazetteer): PlaceHit {
  const lower = name.toLowerCase();
  const code = COUNTRY_FORMS.get(lower);
  if (code) {
    const c = gazetteer.country(code);
    if (c) return { type: 'country', id: c.id };
  }
  if (MACRO_REGIONS.has(lower)) return { type: 'region' };
  const hit = gazetteer.lookup(name);
  if (hit) return { type: hit.type, id: hit.id };
  return null;
}

function addRepeats(
  cands: Candidate[],
  covered: Uint8Array,
  tokens: Token[],
  sentences: Sentence[],
  sentenceOf: Int32Array,
  caseless: Int8Array,
  gazetteer: Gazetteer,
): void {
  const known = new Map<string, { label: NerLabel; words: string[] }>();
  const add = (words: string[], label: NerLabel) => {
    const key = words.join(' ');
    if (!known.has(key)) known.set(key, { label, words });
  };
  for (const c of cands) {
    if (c.start !== tokens[c.ts].start || c.end !== tokens[c.te - 1].end) continue;
    const words = tokens.slice(c.ts, c.te).map((t) => t.text);
    if (!isCapitalised(words[0]) && !/^al-/.test(words[0])) continue;
    if (words.length === 1 && (words[0].length < 2 || isGroupWord(words[0], gazetteer))) continue;
    add(words, c.label);
    // A person named in full is later called by the surname alone ("Hakim al-Zamili" ... "Zamili").
    const last = words[words.length - 1];
    if (c.label === 'PER' && words.length > 1) {
      // Arabic surnames drop the article as often as not: "al-Zamili" -> "Zamili".
      const bare = last.replace(/^(?:al|el|ad|as|ash|at|an|ar|az)-/i, '');
      for (const w of bare === last ? [last] : [last, bare]) {
        if (/^\p{Lu}/u.test(bare) && w.length > 2 && !placeType(w, gazetteer) && !isGroupWord(w, gazetteer)) add([w], 'PER');
      }
    }
  }
  if (known.size === 0) return;
  const byFirst = new Map<string, Array<{ label: NerLabel; words: string[] }>>();
  for (const k of known.values()) {
    const list = byFirst.get(k.words[0]) ?? [];
    list.push(k);
    byFirst.set(k.words[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  const isNameWord = (i: number) => i >= 0 && i < tokens.length && isCapitalised(tokens[i].text) && /\p{L}/u.test(tokens[i].text);
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue;
    // Known names start capitalised or with an Arabic article ("al-", "el-", "as-"...): skip other ASCII lowercase,
    // digits and punctuation without a look-up.
    const c0 = tokens[i].text.charCodeAt(0);
    if (c0 < 65 || (c0 > 90 && c0 < 128 && c0 !== 97 && c0 !== 101)) continue;
    const list = byFirst.get(tokens[i].text);
    if (!list) continue;
    const si = sentenceOf[i];
    const s = sentences[si];
    if (caseless[si] < 0) caseless[si] = sentenceCaseless(tokens, s);
    if (caseless[si]) continue;
    for (const k of list) {
      const n = k.words.length;
      if (i + n > s.tokenEnd) continue;
      let ok = true;
      for (let j = 0; j < n && ok; j++) ok = !covered[i + j] && tokens[i + j].text === k.words[j];
      if (!ok) continue;
      // Part of a longer capitalised name ("Carter Center") is not a repeat of "Carter"; a capitalised
      // sentence-initial word before it is usually just a capitalised ordinary word ("Later Zamili left").
      if ((i > s.tokenStart && isNameWord(i - 1) && i - 1 !== s.tokenStart) || (i + n < s.tokenEnd && isNameWord(i + n))) continue;
      covered.fill(1, i, i + n);
      cands.push({ ts: i, te: i + n, label: k.label, start: tokens[i].start, end: tokens[i + n - 1].end });
      i += n - 1;
      break;
    }
  }
}

function typeOf(
  c: Candidate,
  name: string,
  tokens: Token[],
  gazetteer: Gazetteer,
): { start: number; end: number; type: EntityType; placeId?: string } | null {
  if (c.label === 'PER') return { start: c.start, end: c.end, type: 'person' };
  if (c.label === 'ORG') return { start: c.start, end: c.end, type: 'organization' };
  if (c.label !== 'LOC') return null;
  const whole = c.start === tokens[c.ts].start && c.end === tokens[c.te - 1].end;
  const next = whole && c.te < tokens.length ? tokens[c.te].text : '';
  const nextLower = next.toLowerCase();
  const known = placeType(name, gazetteer);
  // "Kirkuk-Ceyhan pipeline": a lowercase facility word after the name belongs to the facility's name.
  if (FACILITY_CUES.has(next) && next === nextLower && !known) return { start: c.start, end: tokens[c.te].end, type: 'facility' };
  // "Sinjar district" is not the city of Sinjar: the cue is part of the region's name.
  if (REGION_CUES.has(next) && next === nextLower) {
    if (known && known.type === 'city') return { start: c.start, end: tokens[c.te].end, type: 'region' };
    if (!known || known.type === 'region') return { start: c.start, end: c.end, type: 'region', placeId: known?.id };
  }
  if (known) return { start: c.start, end: c.end, type: known.type, placeId: known.id };
  // Unknown names: the last word of a multi-word name usually says what it is ("Ninewa Province", "Sadr City").
  const words = name.split(/\s+/);
  const lastWord = words[words.length - 1].toLowerCase();
  if (words.length > 1 && FACILITY_CUES.has(lastWord)) return { start: c.start, end: c.end, type: 'facility' };
  if (words.length > 1 && REGION_CUES.has(lastWord)) return { start: c.start, end: c.end, type: 'region' };
  if (words.length > 1 && CITY_CUES.has(lastWord)) return { start: c.start, end: c.end, type: 'city' };
  if (DIRECTIONS.has(words[0].toLowerCase()) && words.length > 1) return { start: c.start, end: c.end, type: 'region' };
  if (words.length > 1 && gazetteer.demonym(words[0])) return { start: c.start, end: c.end, type: 'region' };
  // "-stan" names that are not countries are regions (Kurdistan, Waziristan, Dagestan).
  if (/stan$/i.test(name)) return { start: c.start, end: c.end, type: 'region' };
  const prev = c.ts > 0 ? tokens[c.ts - 1].text.toLowerCase() : '';
  const prev2 = c.ts > 1 ? tokens[c.ts - 2].text.toLowerCase() : '';
  if (prev === 'of' && (CITY_CUES.has(prev2) || prev2 === 'towns' || prev2 === 'cities' || prev2 === 'villages')) return { start: c.start, end: c.end, type: 'city' };
  if (prev === 'of' && REGION_CUES.has(prev2)) return { start: c.start, end: c.end, type: 'region' };
  // "in eastern Salah al-Din": a direction word before an unknown name marks an area.
  if (DIRECTIONS.has(prev) && prev === tokens[c.ts - 1].text) return { start: c.start, end: c.end, type: 'region' };
  // Otherwise a city: the gazetteer lists all countries and first-level regions but only the larger
  // cities, so an unknown place is most often a town or village.
  return { start: c.start, end: c.end, type: 'city' };
}
