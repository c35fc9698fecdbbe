import { tokenText } from './tokenText';
import type { Sentence, Token } from './types';

/*
 * A single-pass scanner. Tokens follow the CoNLL-2003 conventions the tagger
 * was trained on: punctuation stands alone, possessive 's / ’s is split off,
 * hyphenated words ("al-Zamili", "Iran-backed") and dotted abbreviations
 * ("U.S.", "Gen.") stay whole.
 */

const MAX_TOKEN = 200;

/**
 * Per-code-unit class, one load per character on the scanner's hot path: 0 not yet known (non-ASCII,
 * filled on first sight), WORD letters / digits / marks, SPACE white space, OTHER the rest.
 */
const CHAR_CLASS = new Uint8Array(65536);
const WORD = 1;
const SPACE = 2;
const OTHER = 3;
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
const SPACES = [32, 9, 10, 13, 0xa0, 0x2009, 0x202f, 0x200b, 0xfeff, 12, 11];
for (let c = 0; c < 128; c++) CHAR_CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? WORD : OTHER;
for (const c of SPACES) CHAR_CLASS[c] = SPACE;

function charClass(code: number): number {
  const v = CHAR_CLASS[code];
  return v === 0 ? learnClass(code) : v;
}

function learnClass(code: number): number {
  // Surrogate halves count as word characters so that astral letters stay inside words.
  const v = (code >= 0xd800 && code <= 0xdfff) || WORD_RE.test(String.fromCharCode(code)) ? WORD : OTHER;
  CHAR_CLASS[code] = v;
  return v;
}

function isLetterOrDigit(code: number): boolean {
  return charClass(code) === WORD;
}

function isSpace(code: number): boolean {
  return CHAR_CLASS[code] === SPACE;
}

// Comparisons, not Set look-ups: they run once per token and character class.
const isApostrophe = (code: number) => code === 39 || code === 0x2019;
/** Hyphens and '&' inside words (AT&T). */
const isJoiner = (code: number) => code === 45 || code === 38 || code === 0x2010 || code === 0x2011;

/** Abbreviations that keep their final period. */
export const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof gen lt col maj capt sgt sen rep gov pres st jr sr inc corp ltd co bros vs etc ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec fig adm cmdr rev hon dept est approx u.s u.k u.n e.g i.e a.m p.m'
  ).split(' '),
);

/**
 * AP-style state abbreviations ("Springfield, Va., said"): the period stays on
 * the word when it is capitalised, but unlike titles they may end a sentence.
 */
const STATE_ABBREVIATIONS = new Set(
  'ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex vt va wash wis wyo'.split(
    ' ',
  ),
);

/** The longest word of ABBREVIATIONS and STATE_ABBREVIATIONS: a longer word is in neither. */
const MAX_ABBREVIATION = Math.max(...[...ABBREVIATIONS, ...STATE_ABBREVIATIONS].map((w) => w.length));

/**
 * Whether the word text[start, end), followed by a period, keeps it: a dotted form ("U.S."), an abbreviation ("Gen."),
 * an initial ("J.") or a capitalised state abbreviation ("Va."). Every sentence's last word asks; one longer than any
 * abbreviation (lowercasing never shortens a word) is answered from its characters, with no string made for it.
 */
export function keepsPeriod(text: string, start: number, end: number): boolean {
  // A dotted form, at any length.
  for (let k = start; k < end; k++) if (text.charCodeAt(k) === 46) return true;
  if (end - start > MAX_ABBREVIATION) return false;
  // An initial, or a capitalised word (by its ASCII capital, as /[A-Z]/ tests) that may be a state's abbreviation.
  const c = text.charCodeAt(start);
  const capital = c >= 65 && c <= 90;
  if (end - start === 1 && capital) return true;
  const lower = text.slice(start, end).toLowerCase();
  return ABBREVIATIONS.has(lower) || (capital && end - start > 1 && STATE_ABBREVIATIONS.has(lower));
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (!isLetterOrDigit(c)) {
      // A long run of marks ("!?!?…" over megabytes of a hostile file) is cut into tokens of up to MAX_TOKEN
      // characters, not one token per mark: a token costs ~150 bytes through the pipeline, so 12 MB of
      // punctuation took 2.4 GB and 53 s. News has no such runs (none of 16 marks in PolNeAR or the seeds).
      const run = punctuationRun(text, i, to);
      if (run >= PUNCTUATION_RUN) {
        const end = i + run;
        tokens.push({ start: i, end, text: tokenText(text, i, end) });
        i = end;
        continue;
      }
      // Surrogate pairs (emoji) stay together so tokens never split a code point.
      const len = c >= 0xd800 && c <= 0xdbff && i + 1 < to ? 2 : 1;
      tokens.push({ start: i, end: i + len, text: tokenText(text, i, i + len) });
      i += len;
      continue;
    }
    const start = i;
    i++;
    while (i < to && i - start < MAX_TOKEN) {
      const d = text.charCodeAt(i);
      if (isLetterOrDigit(d)) {
        i++;
        continue;
      }
      const next = i + 1 < to ? text.charCodeAt(i + 1) : 0;
      if (d === 46 && isLetterOrDigit(next) && missingSpace(text, start, i, to)) break;
      if ((isJoiner(d) || d === 46 || d === 44) && isLetterOrDigit(next)) {
        // "1,000" and "3.5" only between digits; "U.S" style dots between letters.
        if (d === 44 && !(isDigit(text.charCodeAt(i - 1)) && isDigit(next))) break;
        i += 2;
        continue;
      }
      if (isApostrophe(d) && isLetterOrDigit(next)) {
        // Possessive 's and contractions n't split off; "Kata'ib", "O'Brien" stay whole.
        const after = i + 2 < to ? text.charCodeAt(i + 2) : 0;
        const isS = (next === 115 || next === 83) && !isLetterOrDigit(after);
        if (isS) break;
        // Only after a word: a bare "n't" (after a space) stays one token rather than leaving an empty one before it.
        const isNt = (next === 116 || next === 84) && text.charCodeAt(i - 1) === 110 && i - 1 > start && !isLetterOrDigit(after);
        if (isNt) {
          i--; // "don't" -> "do" + "n't"
          break;
        }
        i += 2;
        continue;
      }
      break;
    }
    // A word cut at MAX_TOKEN keeps the second half of a surrogate pair: a token never splits a code point.
    if (i < to && i - start >= MAX_TOKEN && isHighSurrogate(text.charCodeAt(i - 1)) && isLowSurrogate(text.charCodeAt(i))) i++;
    // A trailing period belongs to dotted abbreviations ("U.S.", "Gen.").
    if (i < to && text.charCodeAt(i) === 46 && keepsPeriod(text, start, i)) i++;
    tokens.push({ start, end: i, text: tokenText(text, start, i) });
    // Split-off clitics: 's / ’s / n't.
    if (i < to && isApostrophe(text.charCodeAt(i))) {
      const n1 = text.charCodeAt(i + 1);
      if ((n1 === 115 || n1 === 83) && !isLetterOrDigit(text.charCodeAt(i + 2) || 0)) {
        tokens.push({ start: i, end: i + 2, text: tokenText(text, i, i + 2) });
        i += 2;
      }
    } else if (i + 2 < to && (text.charCodeAt(i) === 110 || text.charCodeAt(i) === 78) && isApostrophe(text.charCodeAt(i + 1))) {
      const n2 = text.charCodeAt(i + 2);
      if ((n2 === 116 || n2 === 84) && !isLetterOrDigit(text.charCodeAt(i + 3) || 0)) {
        tokens.push({ start: i, end: i + 3, text: tokenText(text, i, i + 3) });
        i += 3;
      }
    }
  }
  return tokens;
}

/** Endings after a dot that make a domain or file name ("reuters.com", "report.pdf"), not a new sentence. */
const DOMAIN_ENDINGS = new Set(
  (
    'com org net edu gov mil int info biz io co uk us eu de fr es nl ru cn jp au ca ch se ie nz za br mx pl ' +
    'tv fm ly ai gl app dev news html htm php asp aspx pdf jpg jpeg png gif txt doc docx xls xlsx csv js'
  ).split(' '),
);

/**
 * Whether the dot at `dot`, inside the word that began at `start`, ends a sentence written
 * without its space ("Tribune.Or", "Iraq.Plus", "Turkey.turkey" in reader comments) rather
 * than joining a dotted form: "U.S.", "p.m.", initials, decimals, "example.com", "www.bbc.co.uk".
 * The part before must be a plain word of two or more letters with a lowercase letter
 * (not an abbreviation, not already dotted); the part after a word of two or more letters,
 * capitalised ("Or"), or lowercase after a capitalised word unless it is a domain ending.
 */
function missingSpace(text: string, start: number, dot: number, to: number): boolean {
  if (dot - start < 2) return false;
  let lower = 0;
  for (let k = start; k < dot; k++) {
    const c = text.charCodeAt(k);
    if (c === 46 || isDigit(c)) return false;
    if (c >= 97 && c <= 122) lower++;
  }
  if (lower === 0) return false;
  let end = dot + 1;
  while (end < to && end - dot < MAX_TOKEN && isLetterOrDigit(text.charCodeAt(end))) end++;
  if (end - dot - 1 < 2) return false;
  const after = text.slice(dot + 1, end);
  if (/\d/.test(after)) return false;
  // "www.bbc.co.uk", "example.com/path": more dots or a path after the part.
  const follow = end < to ? text.charCodeAt(end) : 0;
  if ((follow === 46 && end + 1 < to && isLetterOrDigit(text.charCodeAt(end + 1))) || follow === 47) return false;
  const word = text.slice(start, dot);
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  const first = after.charAt(0);
  if (first !== first.toLowerCase()) return /\p{Ll}/u.test(after);
  const capitalised = word.charAt(0) !== word.charAt(0).toLowerCase();
  return capitalised && !DOMAIN_ENDINGS.has(after.toLowerCase());
}

/** Marks in a row from which they are cut into long tokens (see tokenize). */
const PUNCTUATION_RUN = 16;

/** How many characters from `i`, at most MAX_TOKEN, are neither word characters nor white space; a run shorter than PUNCTUATION_RUN is only counted. */
function punctuationRun(text: string, i: number, to: number): number {
  let k = i;
  while (k < to && k - i < PUNCTUATION_RUN && charClass(text.charCodeAt(k)) === OTHER) k++;
  if (k - i < PUNCTUATION_RUN) return k - i;
  while (k < to && k - i < MAX_TOKEN && charClass(text.charCodeAt(k)) === OTHER) k++;
  return k - i;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);

/**
 * A sentence is cut after this many tokens, so that every stage that works
 * per sentence (tagging, descriptions, claims) does bounded work on run-on
 * text with no sentence end ("according to " repeated over 100 KB). News
 * sentences stay far below it: the longest of 929 PolNeAR and seed documents
 * has 220 tokens.
 */
export const MAX_SENTENCE_TOKENS = 400;

/**
 * Sentences end at line breaks (every line of these documents is a paragraph,
 * headline or comment line) and at ., ! or ? followed by a space and a capital,
 * digit or opening quote, unless the period belongs to an abbreviation.
 */
export function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (last: number) => {
    if (last < first) return;
    sentences.push({ start: tokens[first].start, end: tokens[last].end, tokenStart: first, tokenEnd: last + 1 });
    first = last + 1;
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    const next = tokens[k + 1];
    if (!next) {
      close(k);
      break;
    }
    if (hasNewline(text, tok.end, next.start) || k + 1 - first >= MAX_SENTENCE_TOKENS) {
      close(k);
      continue;
    }
    // By the last character's code, not four string comparisons and endsWith: this runs on every token. Read from the
    // document's text (a token's text is its slice): one flat string read in order, where the tokens' own strings are
    // scattered over the heap (some shared), of several representations, and reading a character of theirs cost about
    // five times as much (20 against 4 ns a token on generated documents). The passes over every token do the same.
    const lastCode = text.charCodeAt(tok.end - 1);
    const end =
      tok.end - tok.start === 1
        ? lastCode === 46 || lastCode === 33 || lastCode === 63 || lastCode === 0x2026
        : lastCode === 46 && !isAbbreviation(tok.text);
    if (!end) continue;
    const t = tok.text;
    // Absorb closing quotes and brackets into the ending sentence.
    let last = k;
    while (
      tokens[last + 1] &&
      CLOSERS.has(tokens[last + 1].text) &&
      tokens[last + 1].start === tokens[last].end &&
      last + 1 - first < MAX_SENTENCE_TOKENS
    )
      last++;
    const after = tokens[last + 1];
    if (!after) {
      close(last);
      break;
    }
    // "3.5" and "...x" continue the sentence; a period glued to a word on both sides was split off by tokenize (missing space).
    if (
      after.start === tokens[last].end &&
      !(t === '.' && last === k && k > first && tokens[k - 1].end === tok.start && /^\p{L}{2}/u.test(after.text))
    )
      continue;
    // "the No. 2 Republican", "Vol. 3": a number sign's period before a number ends nothing.
    if (t === '.' && last === k && k > first && isDigit(after.text.charCodeAt(0)) && isNumberSign(tokens[k - 1], tok)) continue;
    const ch = after.text.charAt(0);
    if (/[\p{Lu}\p{N}"“‘'([]/u.test(ch)) {
      close(last);
      k = last;
    }
  }
  if (first < tokens.length) close(tokens.length - 1);
  return sentences;
}

/** Words that abbreviate "number", "volume", "article"... and stand before one. */
const NUMBER_SIGNS = new Set(['no', 'nos', 'vol', 'vols', 'art', 'sec', 'pp', 'ch', 'para']);

/** Is `word` (glued to the period `dot`) a number sign such as "No" in "No. 2"? Capitalised, as news style writes it: "the answer was no. 2016 …" ends a sentence. */
function isNumberSign(word: Token, dot: Token): boolean {
  const c = word.text.charCodeAt(0);
  return word.end === dot.start && c >= 65 && c <= 90 && word.end - word.start <= 4 && NUMBER_SIGNS.has(word.text.toLowerCase());
}

function isAbbreviation(token: string): boolean {
  const w = token.slice(0, -1).toLowerCase();
  if (ABBREVIATIONS.has(w)) return true;
  // Initials ("J.") and dotted acronyms ("U.S.") rarely end sentences in news.
  return /^\p{L}$/u.test(w) || /^(\p{L}\.)+\p{L}$/u.test(w);
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}
