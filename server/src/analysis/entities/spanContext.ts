import type { Gazetteer } from '../gazetteer';
import type { NerSpan } from '../ner';
import type { Token } from '../types';
import { type Candidate, hasLower, isCapitalised } from './candidates';
import { COMPOUND_TAILS, NEWSPAPER_TITLES } from './nameWords';
import { placeType } from './placeTypes';

/*
 * Word lists and span tests of the mention stage's context rules (mentions.ts): where a name's own
 * words or its neighbours say what it is ("the Pamir mountains", "president Suharto", "Khamenei himself")
 * or where its span ends ("at The Oval", "Li Song-ho", "Queen Elizabeth I"). Each list is small and
 * closed: a rule fires only on the words that made it.
 */

/** Lowercase nouns of places and facilities after a name (not "territory" or "base": "ISIS territory", "PUK base"). */
export const GEO_NOUNS = new Set(
  'mountains mountain region province provinces district valley river desert island islands peninsula coast lake port stadium airport square'.split(
    ' ',
  ),
);

/** Whether a lowercase geographic noun follows the candidate's name (the caller rules out acronyms and organisation words). */
export function beforeGeoNoun(c: Candidate, tokens: Token[]): boolean {
  return c.end === tokens[c.te - 1].end && GEO_NOUNS.has(tokens[c.te]?.text ?? '');
}

/**
 * "at The Oval", "at The Curragh": a capitalised "The" inside a sentence (after a lowercase word or a bracket) is
 * part of a place's name when the rest is no gazetteer place ("the Netherlands" stays "Netherlands").
 */
export function namedWithThe(tokens: Token[], ts: number, te: number, gazetteer: Gazetteer): boolean {
  if (ts === 0 || te - ts < 2) return false;
  const prev = tokens[ts - 1].text;
  if (!(prev === '(' || /^\p{Ll}/u.test(prev))) return false;
  const rest = tokens
    .slice(ts + 1, te)
    .map((t) => t.text)
    .join(' ');
  return placeType(rest, gazetteer) === null;
}

/**
 * "reported The New York Times": a newspaper's title after a capitalised "The" inside a sentence takes the "The"
 * (the title is "The New York Times"; a sentence-initial "The" says nothing).
 */
export function titledNewspaper(tokens: Token[], ts: number, te: number, text: string): boolean {
  if (!NEWSPAPER_TITLES.has(tokens[te - 1].text.toLowerCase()) || !isCapitalised(tokens[te - 1].text)) return false;
  let k = ts - 2;
  if (/\n\s*\n/.test(text.slice(tokens[k].end, tokens[ts - 1].start))) return false;
  // A closing quote may stand between the sentence and the title: look past it.
  while (k > 0 && /^["”’']$/.test(tokens[k].text)) k--;
  return !/^[.!?:;]$/.test(tokens[k].text) && !/[.!?]$/.test(tokens[k].text);
}

/**
 * An organisation span that is a person's name and employer ("Lynn Reaser of Barnett Banks Inc."), when a role
 * says it is a person: a lowercase one before the span or a capitalised one opening it ("Economist Joel Naroff
 * of First Union"); the name is two or three capitalised words. The person and the organisation, or null.
 */
export function personOfEmployer(sp: NerSpan, tokens: Token[]): Candidate[] | null {
  let ts = sp.tokenStart;
  const opener = tokens[ts].text;
  const roleBefore = ts > 0 && ROLE_WORDS.has(tokens[ts - 1].text);
  if (isCapitalised(opener) && ROLE_WORDS.has(opener.toLowerCase())) ts++;
  else if (!roleBefore) return null;
  for (let k = ts + 2; k <= ts + 3 && k < sp.tokenEnd - 1; k++) {
    if (tokens[k].text !== 'of') continue;
    for (let i = ts; i < k; i++) if (!isCapitalised(tokens[i].text) || !hasLower(tokens[i].text)) return null;
    const te = sp.tokenEnd;
    return [
      { ts, te: k, label: 'PER', start: tokens[ts].start, end: tokens[k - 1].end },
      { ts: k + 1, te, label: 'ORG', start: tokens[k + 1].start, end: tokens[te - 1].end },
    ];
  }
  return null;
}

/** "Song-ho", "Chun-yeh": a capitalised syllable, a hyphen and a short lowercase one that is no compound tail. */
export function hyphenatedGivenName(t: string): boolean {
  const m = /^\p{Lu}\p{Ll}{1,4}-(\p{Ll}{1,4})$/u.exec(t);
  return m !== null && !COMPOUND_TAILS.has(m[1]);
}

/** Capitalised heads of administrative areas' names (not "State", which heads "Islamic State", nor "County", which heads clubs: "Notts County"). */
export const ADMIN_AREAS = new Set(['Province', 'District', 'Governorate', 'Region', 'Territory', 'Prefecture']);

/** World regions whose name the tagger reads as an adjective before a noun; not "West" / "East", which also qualify peoples and blocs. */
export const WORLD_REGIONS = new Set(['middle east', 'mid-east', 'mideast', 'middle-east', 'near east', 'far east']);

export const REFLEXIVES = new Set(['himself', 'herself']);
/** Roles of people who are quoted with their employer ("economist Lynn Reaser of Barnett Banks"). */
export const ROLE_WORDS = new Set([
  'economist',
  'analyst',
  'strategist',
  'spokesman',
  'spokeswoman',
  'chairman',
  'president',
  'director',
  'trader',
  'dealer',
  'broker',
]);
export const REGNAL = /^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI)$/;
/** Verbs of shouted headlines that the tagger runs into the name before them ("PARNEVIK TAKES ONE-SHOT LEAD"). */
export const HEADLINE_VERBS = new Set(
  (
    'takes take retires retire wins win beats beat made makes leads lead signs sign says say hits keeps gets joins quits moves ' +
    'seals retains scrape scrapes draws draw holds falls rises sees sets faces face rejects urges warns plans denies backs'
  ).split(' '),
);
/** Lowercase nouns of organisations that stand right before the organisation's name ("the firm Multico"). */
export const ORG_NOUNS = new Set(
  'firm company club group bank airline insurer carmaker automaker conglomerate retailer brokerage'.split(' '),
);
/** Lowercase roles that stand right before a person's name, never before a body's ("president Suharto"). */
export const PERSON_ROLES = new Set(
  'president chairman chairwoman minister premier governor spokesman spokeswoman ambassador envoy senator mayor adviser coach economist analyst broker'.split(
    ' ',
  ),
);
