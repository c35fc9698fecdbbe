import type { Gazetteer } from '../gazetteer';
import type { NerLabel, NerSpan } from '../ner';
import type { AnalysisResources } from '../resources';
import type { Sentence, Token } from '../types';
import { type Candidate, hasLower, isCapitalised, isPossessiveOrPunct, type MentionDoc, wordBefore } from './candidates';
import { nameSized } from './mentionBounds';
import { BoundedCache } from '../boundedCache';
import {
  CLUB_WORDS,
  COMPOUND_TAILS,
  DIRECTIONS,
  LEGAL_FORMS,
  MEDIA_NOUNS,
  NEWSPAPER_TITLES,
  ORG_CUES,
  PLACE_ORG_CUES,
  PLACE_PREPOSITIONS,
  PREFIXES,
  REGION_CUES,
  SPEECH_VERBS,
} from './nameWords';
import { isGroupWord, placeType, typeOf } from './placeTypes';
import type { RawMention } from './rawMention';
import { LabelVotes } from './labelVotes';
import { keepNamePossessives } from './possessiveNames';
import { joinNames } from './nameJoins';
import { markVessels } from './vessels';
import { aliases, isAcronym } from './textAliases';
import {
  ADMIN_AREAS,
  HEADLINE_VERBS,
  ORG_NOUNS,
  PERSON_ROLES,
  REFLEXIVES,
  REGNAL,
  WORLD_REGIONS,
  beforeGeoNoun,
  hyphenatedGivenName,
  namedWithThe,
  personOfEmployer,
  titledNewspaper,
} from './spanContext';
import { addRepeats, sentenceCaseless } from './repeats';
import { KEPT_IN_PERSON_SPANS, TITLES } from './titles';

/*
 * Tagger spans -> typed entity mentions, following shared/spec/annotation-guidelines.md:
 *  - span hygiene: no leading "the", titles or possessive 's; "Iran-backed" -> "Iran";
 *  - nationality / religious adjectives and group nouns are not entities;
 *  - LOC is split into country / city / region / facility (gazetteer first, then cue words);
 *  - document consistency: one name keeps one type, and untagged repeats of a tagged
 *    name (or of a tagged person's surname) are added.
 */

export function detectMentions(text: string, tokens: Token[], sentences: Sentence[], res: AnalysisResources): RawMention[] {
  const spans = res.tagger.tag(text, tokens, sentences);
  const sentenceOf = new Int32Array(tokens.length);
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    for (let i = s.tokenStart; i < s.tokenEnd; i++) sentenceOf[i] = si;
  }
  // Whether each sentence is caseless, computed on demand (only repeats of known names ask): -1 not yet known.
  const shouting = new Int8Array(sentences.length).fill(-1);
  const d: MentionDoc = { text, tokens, sentences, sentenceOf, shouting, covered: new Uint8Array(tokens.length), gazetteer: res.gazetteer };
  // The passes are functions of their own, not one: V8 compiles each when it is hot, and a pass's loop over every
  // token no longer has the optimising compiler compile (twice per thread, mid-loop and again) the whole of this.
  const cands = spanCandidates(d, spans);
  hyphenCandidates(d, cands);
  // "at Lord's, London": a name that is a possessive form keeps its 's (possessiveNames.ts).
  keepNamePossessives(cands, tokens, text);
  // "Douglas & Lomason", "Mladost ( L )": names the tagger cut in two (nameJoins.ts).
  joinNames(cands, tokens, text, d.covered);
  // Each candidate's name, sliced once for the passes below (forcedLabels adds those of the aliases it adds).
  const names = cands.map((c) => spanText(text, tokens, c.ts, c.start, c.end));
  const forced = forcedLabels(d, cands, names);
  settleLabels(d, cands, names, spans, forced);
  markVessels(cands, names, tokens);
  // 4. Untagged repeats of tagged names (and bare surnames of tagged people).
  addRepeats(cands, d);
  return typedMentions(d, cands);
}

/** 1. The candidates of the tagger's spans (marking their tokens covered). */
function spanCandidates(d: MentionDoc, spans: NerSpan[]): Candidate[] {
  const { text, tokens, sentences, sentenceOf, shouting, covered, gazetteer } = d;
  // 1. Span hygiene on tagger output; MISC spans are kept aside only to block the consistency pass,
  //    except "Islamic State" (an adjective the tagger calls MISC before an organisation head noun) and
  //    "Massoud Barzani-led" (a name inside a hyphen compound).
  const cands: Candidate[] = [];
  for (const sp of spans) covered.fill(1, sp.tokenStart, sp.tokenEnd);
  for (const sp of spans) {
    // "Massoud Barzani-led Kurdistan Regional Government": a name-led compound inside one span is two
    // names (the guidelines' reading); the part after the compound keeps the tagger's label.
    const k = innerCompound(sp, tokens);
    const rest = k >= 0 ? { ...sp, start: tokens[k + 1].start, tokenStart: k + 1 } : { ...sp };
    if (k >= 0) {
      const left = compoundName(sp.tokenStart, k + 1, tokens, gazetteer);
      if (left) cands.push(left);
    }
    if (rest.label === 'MISC') {
      const c = fromMisc(rest, tokens, covered, gazetteer);
      if (c) cands.push(c);
      continue;
    }
    // Title-case headlines run names together ("Iraq Could Ask Russia for Help"): a place span unknown as a whole
    // that starts and ends with a country is two countries (the words between are the headline's verbs).
    if ((rest.label === 'LOC' || rest.label === 'ORG') && runOnCountries(rest.tokenStart, rest.tokenEnd, tokens, text, gazetteer)) {
      for (const i of [rest.tokenStart, rest.tokenEnd - 1])
        cands.push({ ts: i, te: i + 1, label: 'LOC', start: tokens[i].start, end: tokens[i].end });
      continue;
    }
    // "economist Lynn Reaser of Barnett Banks Inc.": a role, a person's name, "of" and the employer, run into one span.
    const employed = rest.label === 'ORG' ? personOfEmployer(rest, tokens) : null;
    if (employed) {
      for (const c of employed) cands.push(c);
      continue;
    }
    // "CUNNINGHAM RETIRES", "HENKE TAKES LEAD": a shouted headline's verb is not part of the name before it.
    const si = sentenceOf[rest.tokenStart];
    const last = tokens[rest.tokenEnd - 1].text;
    // A capital last letter first: it rules out almost every span without lowercasing a string.
    const lastCode = last.charCodeAt(last.length - 1);
    if (
      rest.tokenEnd - rest.tokenStart > 1 &&
      lastCode >= 65 &&
      lastCode <= 90 &&
      HEADLINE_VERBS.has(last.toLowerCase()) &&
      last.toUpperCase() === last
    ) {
      if (shouting[si] < 0) shouting[si] = sentenceCaseless(tokens, sentences[si]);
      if (shouting[si]) rest.tokenEnd--;
    }
    const c = clean(rest, tokens, text, gazetteer, sentences[si].tokenStart === rest.tokenStart);
    if (c) cands.push(c);
  }
  return cands;
}

/** 2. Candidates from names the tagger left alone: hyphen compounds, and places such as "US". */
function hyphenCandidates(d: MentionDoc, cands: Candidate[]): void {
  const { text, tokens, sentences, sentenceOf, shouting, covered, gazetteer } = d;
  // 2. Hyphen compounds the tagger left alone: "U.S.-led", "Iran-backed" name a known place.
  // The first hyphen at or after the token's start (text.length when there is none), found with indexOf as the tokens
  // come in order: a token with none has no hyphen head, and its characters are not read one by one to look for one.
  let hyphen = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue;
    // "more US SpecOps", "Agreement With US", "as Mid-East superpower": places the tagger left out, except where capitals say nothing.
    // "U" or "M" first: a Set probe hashes the token, and this runs on every uncovered token. The first character is
    // read from the document's text (a token's text is its slice): one flat string read in order, where reading the
    // tokens' own strings (shared ones, of several representations) cost several times as much.
    const tok = tokens[i];
    const c0 = text.charCodeAt(tok.start);
    if ((c0 === 85 || c0 === 77) && UNTAGGED_PLACES.has(tok.text)) {
      const si = sentenceOf[i];
      if (shouting[si] < 0) shouting[si] = sentenceCaseless(tokens, sentences[si]);
      if (!shouting[si]) cands.push({ ts: i, te: i + 1, label: 'LOC', start: tokens[i].start, end: tokens[i].end });
      continue;
    }
    // An ASCII word that does not start with a capital has no capitalised head: no hyphen scan for it.
    if (c0 < 128 && (c0 < 65 || c0 > 90)) continue;
    if (hyphen < tok.start) {
      const at = text.indexOf('-', tok.start);
      hyphen = at < 0 ? text.length : at;
    }
    if (hyphen >= tok.end) continue;
    const head = hyphenHead(tok);
    if (!head) continue;
    const name = head.text;
    if (placeType(name, gazetteer)) cands.push({ ts: i, te: i + 1, label: 'LOC', start: head.start, end: head.end });
  }
}

/** 3. The labels that evidence forces on names; `names` gets the names of the candidates the aliases add. */
function forcedLabels(d: MentionDoc, cands: Candidate[], names: string[]): Map<string, NerLabel> {
  const { text, tokens, covered, gazetteer } = d;
  // 3. One name, one label. Evidence beats the tagger's majority: an organisation head noun in the name,
  //    an alias of an acronym-named organisation ("Daesh (ISIS, ISIL)", "Daesh, also known as ISIL"),
  //    the surname of a person named in full; otherwise the majority label of the exact name wins.
  const forced = new Map<string, NerLabel>();
  const people = new Set<string>();
  for (const c of cands) {
    if (c.label !== 'PER' || c.te - c.ts < 2 || c.end !== tokens[c.te - 1].end) continue;
    people.add(bareName(tokens[c.te - 1].text));
  }
  // "Magna" after "Magna International Inc": the first word of a company's full name, alone, is that company.
  const firms = new Set<string>();
  for (const c of cands) {
    if (c.label !== 'ORG' || c.te - c.ts < 2 || c.start !== tokens[c.ts].start) continue;
    if (LEGAL_FORMS.has(tokens[c.te - 1].text.toLowerCase().replace(/\.$/, ''))) firms.add(tokens[c.ts].text);
  }
  for (let k = 0; k < cands.length; k++) {
    const c = cands[k];
    const name = names[k];
    if (c.label !== 'ORG' && hasOrgCue(tokens, c.ts, c.te, c.label === 'LOC') && !(c.label === 'LOC' && placeType(name, gazetteer)))
      forced.set(name, 'ORG');
    else if (c.label !== 'ORG' && c.te - c.ts === 1 && firms.has(name) && !(c.label === 'LOC' && placeType(name, gazetteer)))
      forced.set(name, 'ORG');
    // "the weekly Der Spiegel", "Zycie Warszawy newspaper", "the Tass news agency": a name in apposition to a media noun.
    else if (c.label !== 'ORG' && besideMediaNoun(tokens, c.ts, c.te) && !placeType(name, gazetteer)) forced.set(name, 'ORG');
    else if (c.label === 'ORG' && c.te - c.ts === 1 && hasLower(name) && people.has(bareName(name)) && !placeType(name, gazetteer))
      forced.set(name, 'PER');
    // "Indonesian president Suharto", "Air France chairman Christian Blanc": a name after a lowercase role word is a person.
    else if (
      c.label !== 'PER' &&
      PERSON_ROLES.has(wordBefore(c, tokens)) &&
      hasLower(name) &&
      !hasOrgCue(tokens, c.ts, c.te, false) &&
      !placeType(name, gazetteer)
    )
      forced.set(name, 'PER');
    // "mineral water firm Multico", "serie A club Atalanta": a name right after a lowercase organisation noun is that organisation.
    else if (c.label !== 'ORG' && ORG_NOUNS.has(wordBefore(c, tokens)) && !placeType(name, gazetteer)) forced.set(name, 'ORG');
    // "Khamenei himself": a name a personal reflexive pronoun refers back to is a person.
    else if (c.label !== 'PER' && c.end === tokens[c.te - 1].end && REFLEXIVES.has(tokens[c.te]?.text ?? '') && hasLower(name))
      forced.set(name, 'PER');
    // "Mr. Trump", "Dr. Oz", "President George W. Bush": a name after an honorific is a person, wherever else it stands.
    else if (HONORIFICS.has(wordBefore(c, tokens)) && isCapitalised(tokens[c.ts].text) && hasLower(name))
      // A place name after "Mr." is a person too ("Mr. Obama", and Obama is a city in Japan); after "President" it may not be.
      if (!hasOrgCue(tokens, c.ts, c.te, false) && (PERSON_HONORIFICS.has(wordBefore(c, tokens)) || !placeType(name, gazetteer)))
        forced.set(name, 'PER');
  }
  aliases(cands, tokens, text, covered, forced);
  for (let k = names.length; k < cands.length; k++) names.push(spanText(text, tokens, cands[k].ts, cands[k].start, cands[k].end));
  return forced;
}

/** 3, continued: each candidate's label, forced, from its context, or by its name's majority. */
function settleLabels(d: MentionDoc, cands: Candidate[], names: string[], spans: NerSpan[], forced: Map<string, NerLabel>): void {
  const { tokens } = d;
  // One tally per distinct name (four counters, not a Map per name); forced labels win, then a unique majority.
  const votes = new Map<string, LabelVotes>();
  for (let k = 0; k < cands.length; k++) {
    let v = votes.get(names[k]);
    if (!v) votes.set(names[k], (v = new LabelVotes()));
    v.add(cands[k].label);
  }
  // A dateline's place ("NEW YORK 1996-08-30") keeps the type its line gives it, whatever the name's other occurrences
  // are, unless the name itself has an organisation head noun ("UNITED NATIONS 1996-08-29").
  const datelines = spans.some((sp) => sp.dateline) ? new Set(spans.filter((sp) => sp.dateline).map((sp) => sp.tokenStart)) : null;
  for (let k = 0; k < cands.length; k++) {
    const c = cands[k];
    if (datelines?.has(c.ts) && !forced.has(names[k])) continue;
    // "In Montreal , Sanders allowed one hit" in a report that names the Montreal club everywhere else: the context keeps the place.
    if (c.label === 'LOC' && !forced.has(names[k]) && afterPlacePreposition(c, tokens)) continue;
    // "the nearby Pamir mountains", "Jakarta 's Tanjung Priok port": a name before a lowercase geographic noun is that place.
    if (
      c.label !== 'LOC' &&
      !forced.has(names[k]) &&
      beforeGeoNoun(c, tokens) &&
      !isAcronym(tokens[c.ts].text) &&
      !hasOrgCue(tokens, c.ts, c.te)
    ) {
      c.label = 'LOC';
      continue;
    }
    // "in eastern Salah al-Din": a preposition and a compass adjective before a name make it an area, whatever the name's other uses.
    if (DIRECTIONS.has(wordBefore(c, tokens)) && PLACE_PREPOSITIONS.has(tokens[c.ts - 2]?.text ?? '')) {
      c.label = 'LOC';
      continue;
    }
    c.label = forced.get(names[k]) ?? (votes.get(names[k]) as LabelVotes).winner() ?? c.label;
  }
}

/**
 * `text.slice(start, end)`, given as the token's own string when the span is exactly token ts: no new copy, and once a
 * cache or map has hashed that string for one look-up, the next finds its hash computed. Most names are one word.
 */
function spanText(text: string, tokens: Token[], ts: number, start: number, end: number): string {
  const t = tokens[ts];
  return t !== undefined && t.start === start && t.end === end ? t.text : text.slice(start, end);
}

/** The mentions of the candidates, first come first served where they overlap, typed. */
function typedMentions(d: MentionDoc, cands: Candidate[]): RawMention[] {
  const { text, tokens, gazetteer } = d;
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RawMention[] = [];
  let lastEnd = -1;
  for (const c of cands) {
    if (c.start < lastEnd) continue;
    const name = spanText(text, tokens, c.ts, c.start, c.end);
    const typed = typeOf(c, name, tokens, gazetteer);
    if (!typed || !nameSized(text, typed, c.te - c.ts + (typed.end > tokens[c.te - 1].end ? 1 : 0))) continue;
    out.push({
      start: typed.start,
      end: typed.end,
      text: spanText(text, tokens, c.ts, typed.start, typed.end),
      type: typed.type,
      placeId: typed.placeId,
    });
    lastEnd = typed.end;
  }
  return out;
}

/** Whether the candidate's name starts right after "in", "at" or "near" (PLACE_PREPOSITIONS). */
function afterPlacePreposition(c: Candidate, tokens: Token[]): boolean {
  return PLACE_PREPOSITIONS.has(wordBefore(c, tokens).toLowerCase());
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

function clean(sp: NerSpan, tokens: Token[], text: string, gazetteer: Gazetteer, opensSentence: boolean): Candidate | null {
  let ts = sp.tokenStart;
  let te = sp.tokenEnd;
  const label = sp.label;
  while (
    ts < te &&
    (tokens[ts].text === 'the' || (tokens[ts].text === 'The' && label !== 'ORG' && !namedWithThe(tokens, ts, te, gazetteer)))
  )
    ts++;
  // "The Party of Democratic Action ( SDA ) had called": an organisation's name takes a capitalised "The" inside a sentence
  // ("at The Times") but not the one that opens it (CoNLL-2003 train: 112 sentence-initial ones left out, 5 kept).
  if (
    label === 'ORG' &&
    opensSentence &&
    ts < te - 1 &&
    tokens[ts].text === 'The' &&
    !NEWSPAPER_TITLES.has(tokens[te - 1].text.toLowerCase())
  )
    ts++;
  if (label === 'ORG' && ts > 1 && tokens[ts - 1].text === 'The' && titledNewspaper(tokens, ts, te, text)) ts--;
  if (label === 'PER') while (ts < te - 1 && (isSpanTitle(tokens[ts].text.toLowerCase()) || SPEECH_VERBS.has(tokens[ts].text))) ts++;
  // "Queen Elizabeth I", "Charles VI": a regnal number after a single name is part of it.
  if (label === 'PER' && te - ts === 1 && te < tokens.length && REGNAL.test(tokens[te].text) && tokens[te].start === tokens[te - 1].end + 1)
    te++;
  // "Mladost ( L )": a one-token parenthesis the tagger kept inside the name closes with it (CoNLL's club tables).
  while (te > ts && isPossessiveOrPunct(tokens[te - 1].text) && !closesShortParen(tokens, ts, te)) te--;
  while (ts < te && isPossessiveOrPunct(tokens[ts].text)) ts++;
  if (ts >= te) return null;
  let start = tokens[ts].start;
  let end = tokens[te - 1].end;
  // "anti-ISIS" -> "ISIS".
  const first = tokens[ts].text;
  const dash = first.indexOf('-');
  if (dash > 0 && PREFIXES.has(first.slice(0, dash).toLowerCase()) && isCapitalised(first.slice(dash + 1))) start += dash + 1;
  // "Iran-backed", "Massoud Barzani-led" -> the name part.
  // Not "Li Song-ho", "Kang Young-hoon": a person's hyphenated given name ends in a short syllable, not a participle.
  const head = label === 'PER' && te - ts > 1 && hyphenatedGivenName(tokens[te - 1].text) ? null : hyphenHead(tokens[te - 1]);
  if (head && (te - ts > 1 || tokens[te - 1].start === start)) end = head.end;
  if (head && te - ts === 1 && tokens[ts].start !== start) return null;
  const name = spanText(text, tokens, ts, start, end);
  // "Sinjar district": a known place before a lowercase region word is that place, whatever the tagger's label.
  const next = tokens[te]?.text ?? '';
  if (label === 'ORG' && te - ts === 1 && REGION_CUES.has(next) && placeType(name, gazetteer)) return { ts, te, label: 'LOC', start, end };
  // "Ninewa Province", "Anbar Governorate": a name headed by an administrative area word is that area.
  if (label === 'ORG' && te - ts > 1 && ADMIN_AREAS.has(tokens[te - 1].text) && !hasOrgCue(tokens, ts, te - 1))
    return { ts, te, label: 'LOC', start, end };
  // "Iraqi", "Shiite", "Sunni Arabs": adjectives and group nouns, not entities.
  let allGroup = true;
  for (let i = ts; i < te && allGroup; i++) allGroup = isGroupWord(tokens[i].text, gazetteer);
  if (allGroup) return null;
  // An ASCII letter or digit first answers the test below without the Unicode regex (most names start with one).
  const c0 = name.charCodeAt(0);
  const alnum = (c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || (c0 >= 48 && c0 <= 57);
  if (!alnum && !/[\p{L}\p{N}]/u.test(name)) return null;
  return { ts, te, label, start, end };
}

function closesShortParen(tokens: Token[], ts: number, te: number): boolean {
  return tokens[te - 1].text === ')' && te - 3 > ts && tokens[te - 3].text === '(';
}

function runOnCountries(ts: number, te: number, tokens: Token[], text: string, gazetteer: Gazetteer): boolean {
  if (te - ts < 3 || placeType(text.slice(tokens[ts].start, tokens[te - 1].end), gazetteer)) return false;
  return placeType(tokens[ts].text, gazetteer)?.type === 'country' && placeType(tokens[te - 1].text, gazetteer)?.type === 'country';
}

/** Place names that are never anything else in mixed case: the US, and the Mid-East as a modifier. */
const UNTAGGED_PLACES = new Set(['US', 'U.S.', 'Mid-East', 'Mideast']);

/** Honorifics that only ever stand before a person's name (not "Secretary", which also heads offices). */
const HONORIFICS = new Set(['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Mr', 'Mrs', 'Ms', 'Dr', 'President', 'Sen.', 'Rep.', 'Gov.', 'Prof.']);
/** The honorifics of HONORIFICS that never head anything but a person ("President" heads "President Bush" but also a country's office). */
const PERSON_HONORIFICS = new Set(['Mr.', 'Mrs.', 'Ms.', 'Mr', 'Mrs', 'Ms']);

function isSpanTitle(lower: string): boolean {
  return TITLES.has(lower) && !KEPT_IN_PERSON_SPANS.has(lower);
}

/** Words recur within and across documents (every name word of every candidate asks): remembered by spelling. */
const bareNames = new BoundedCache<string>(50000);

/** Lowercase form of a name word without an Arabic article or apostrophes: "Al-Zimili" / "al-Zimili" -> "zimili". */
function bareName(w: string): string {
  return bareNames.get(w) ?? bareNames.remember(w, bareNameUncached);
}

function bareNameUncached(w: string): string {
  return w
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/^(?:al|el|ad|as|ash|at|an|ar|az)-/, '');
}

function besideMediaNoun(tokens: Token[], ts: number, te: number): boolean {
  const before = ts > 0 ? tokens[ts - 1].text : '';
  const after = te < tokens.length ? tokens[te].text : '';
  return MEDIA_NOUNS.has(before) || MEDIA_NOUNS.has(after) || (after === 'news' && tokens[te + 1]?.text === 'agency');
}

function hasOrgCue(tokens: Token[], ts: number, te: number, place = false): boolean {
  for (let i = ts; i < te; i++) {
    const t = tokens[i].text;
    // Lowercase, only "al-" / "el-" can follow: the regex runs only on words that start with a or e.
    if (!isCapitalised(t)) {
      const c0 = t.charCodeAt(0);
      if ((c0 !== 97 && c0 !== 101) || !/^(?:al|el)-/i.test(t)) continue;
    }
    const w = bareName(t);
    if ((ORG_CUES.has(w) || CLUB_WORDS.has(w)) && !(place && PLACE_ORG_CUES.has(w))) return true;
  }
  return false;
}

/** MISC spans that hide an entity: "Islamic" + "State", "Massoud Barzani-led". */
function fromMisc(sp: NerSpan, tokens: Token[], covered: Uint8Array, gazetteer: Gazetteer): Candidate | null {
  const te = sp.tokenEnd;
  // "interested Mid-East governments": a world region's name before a noun is still the region (the tagger reads it as an adjective).
  if (
    WORLD_REGIONS.has(
      tokens
        .slice(sp.tokenStart, te)
        .map((t) => t.text.toLowerCase())
        .join(' '),
    ) &&
    isCapitalised(tokens[sp.tokenStart].text)
  )
    return { ts: sp.tokenStart, te, label: 'LOC', start: sp.start, end: sp.end };
  const next = tokens[te]?.text ?? '';
  if (
    te < tokens.length &&
    !covered[te] &&
    isCapitalised(next) &&
    hasLower(next) &&
    (ORG_CUES.has(next.toLowerCase()) || next === 'State')
  ) {
    covered[te] = 1;
    return { ts: sp.tokenStart, te: te + 1, label: 'ORG', start: tokens[sp.tokenStart].start, end: tokens[te].end };
  }
  // "pro-Maliki CoR member": after a prefix compound, an acronym is an organisation of its own.
  const first = tokens[sp.tokenStart].text;
  const dash = first.indexOf('-');
  if (te - sp.tokenStart === 2 && dash > 0 && PREFIXES.has(first.slice(0, dash).toLowerCase()) && isAcronym(tokens[te - 1].text))
    return { ts: te - 1, te, label: 'ORG', start: tokens[te - 1].start, end: tokens[te - 1].end };
  return compoundName(sp.tokenStart, te, tokens, gazetteer);
}

/** The name before a participle compound ending at token te - 1 ("Iran-backed", "Massoud Barzani-led"), typed from its own words. */
function compoundName(ts: number, te: number, tokens: Token[], gazetteer: Gazetteer): Candidate | null {
  const head = hyphenHead(tokens[te - 1]);
  if (!head || !isCapitalised(tokens[ts].text)) return null;
  if (!COMPOUND_TAILS.has(tokens[te - 1].text.slice(head.end - tokens[te - 1].start + 1).toLowerCase())) return null;
  for (let i = ts; i < te - 1; i++) if (!isCapitalised(tokens[i].text)) return null;
  const start = tokens[ts].start;
  const name =
    te - ts > 1
      ? `${tokens
          .slice(ts, te - 1)
          .map((t) => t.text)
          .join(' ')} ${head.text}`
      : head.text;
  let label: NerLabel | null;
  if (placeType(name, gazetteer)) label = 'LOC';
  else if (hasOrgCue(tokens, ts, te - 1) || ORG_CUES.has(head.text.toLowerCase())) label = 'ORG';
  else if (te - ts > 1) label = 'PER';
  else label = isAcronym(head.text) ? 'ORG' : null;
  if (!label || isGroupWord(head.text, gazetteer)) return null;
  return { ts, te, label, start, end: head.end };
}

/** The last token inside a span (not its final token) that is a name-participle compound ("Barzani-led"), or -1. */
function innerCompound(sp: NerSpan, tokens: Token[]): number {
  for (let k = sp.tokenEnd - 2; k >= sp.tokenStart; k--) {
    const t = tokens[k].text;
    const dash = t.lastIndexOf('-');
    if (dash > 0 && COMPOUND_TAILS.has(t.slice(dash + 1)) && hyphenHead(tokens[k])) return k;
  }
  return -1;
}
