import type { Gazetteer } from '../gazetteer';
import type { NerLabel, NerSpan } from '../ner';
import type { AnalysisResources } from '../resources';
import type { EntityType, Sentence, Token } from '../types';
import type { RawMention } from './rawMention';

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

// Titles and roles the guidelines keep out of person spans.
const TITLES = new Set(
  ('mr mr. mrs mrs. ms ms. dr dr. prof prof. gen gen. general lt lt. col col. colonel maj maj. major capt capt. captain ' +
    'sgt sgt. sen sen. senator rep rep. representative gov gov. governor president pres. vice prime minister premier pm ' +
    'chancellor king queen prince princess sheikh sheik ayatollah grand imam pope cardinal bishop rev rev. reverend father ' +
    'judge justice mayor secretary adm adm. admiral lord sir dame deputy chairman commander spokesman ambassador envoy ' +
    'lawmaker mp mps minister-president ex-president former late')
    .split(' '),
);

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
  sentences.forEach((s, si) => sentenceOf.fill(si, s.tokenStart, s.tokenEnd));
  const shouting = sentenceCaseless(tokens, sentences);

  // 1. Span hygiene on tagger output; MISC spans are kept aside only to block the consistency pass.
  const cands: Candidate[] = [];
  const covered = new Uint8Array(tokens.length);
  for (const sp of spans) {
    covered.fill(1, sp.tokenStart, sp.tokenEnd);
    if (sp.label === 'MISC') continue;
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

  // 3. One name, one label: the majority label of an exact name wins within the document.
  const votes = new Map<string, Map<NerLabel, number>>();
  for (const c of cands) {
    const name = text.slice(c.start, c.end);
    let v = votes.get(name);
    if (!v) votes.set(name, (v = new Map()));
    v.set(c.label, (v.get(c.label) ?? 0) + 1);
  }
  const labelOf = new Map<string, NerLabel>();
  for (const [name, v] of votes) {
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
    if (!typed) continue;
    out.push({ start: typed.start, end: typed.end, text: text.slice(typed.start, typed.end), type: typed.type, placeId: typed.placeId });
    lastEnd = typed.end;
  }
  return out;
}

/** Sentences whose case carries no evidence (all caps or all lowercase). */
function sentenceCaseless(tokens: Token[], sentences: Sentence[]): Uint8Array {
  const out = new Uint8Array(sentences.length);
  sentences.forEach((s, si) => {
    let letters = 0;
    let upper = 0;
    let lower = 0;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = tokens[i].text;
      if (!/\p{L}/u.test(t)) continue;
      letters++;
      if (!hasLower(t)) upper++;
      else if (t.toLowerCase() === t) lower++;
    }
    out[si] = letters >= 3 && (upper >= 0.8 * letters || lower === letters) ? 1 : 0;
  });
  return out;
}

function hyphenHead(tok: Token): { start: number; end: number; text: string } | null {
  const t = tok.text;
  const dash = t.lastIndexOf('-');
  if (dash <= 0 || dash >= t.length - 1) return null;
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
  if (label === 'PER') while (ts < te - 1 && TITLES.has(tokens[ts].text.toLowerCase())) ts++;
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

function isGroupWord(name: string, gazetteer: Gazetteer): boolean {
  const lower = name.toLowerCase().replace(/[’‘`]/g, "'");
  if (GROUP_WORDS.has(lower)) return true;
  if (gazetteer.demonym(name)) return true;
  // Plural demonyms: "Iraqis", "Americans".
  return lower.endsWith('s') && gazetteer.demonym(name.slice(0, -1)) !== undefined;
}

function placeType(name: string, gazetteer: Gazetteer): { type: EntityType; id?: string } | null {
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
  caseless: Uint8Array,
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
    const list = byFirst.get(tokens[i].text);
    if (!list) continue;
    const si = sentenceOf[i];
    if (caseless[si]) continue;
    const s = sentences[si];
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
