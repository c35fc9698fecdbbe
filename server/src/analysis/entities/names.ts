import { BoundedCache } from '../boundedCache';
import { normalizeName } from '../gazetteer';
import { TITLES } from './titles';

/*
 * Name keys shared by in-document clustering (clusters.ts) and workspace
 * resolution (crossDocument.ts). Everything here is pure string work so both
 * sides agree on what "the same name" means.
 */

/**
 * `normalizeName` with a fast path: most names are plain ASCII and need no
 * Unicode decomposition, which dominates the cost otherwise.
 */
export function foldName(s: string): string {
  if (/^[\x20-\x5f\x61-\x7e]*$/.test(s)) {
    const lower = s.toLowerCase();
    return lower.includes('  ') || lower.startsWith(' ') || lower.endsWith(' ') ? lower.replace(/\s+/g, ' ').trim() : lower;
  }
  return normalizeName(s);
}

const ARTICLE_PREFIX = /^(?:al|el|ad|ar|as|ash|at|ath|az|an|adh|ul)[-‐‑](?=\p{L})/u;
const APOSTROPHE_LIKE = /['’‘`ʿʾʼʻ´]/g;

/** Tokens that join a name without being a given name or surname on their own. */
export const NAME_PARTICLES = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'bint',
  'abu',
  'abd',
  'van',
  'von',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'der',
  'den',
  'la',
  'le',
  'dos',
  'das',
  'ter',
  'ten',
  'st',
  'st.',
]);

const NAME_SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);

/**
 * A transliteration-tolerant key for one word: vowels collapse into two
 * classes (a/e/i/y and o/u), doubled letters and apostrophes vanish and a few
 * consonant spellings of the same Arabic/Persian sound coincide, so
 * Haider/Haydar/Haidar, Masum/Masoum, Saad/Sa'ad, Zamili/Zimili share a key.
 */
export function phoneticWord(word: string): string {
  let w = foldName(word).replace(APOSTROPHE_LIKE, '');
  w = w.replace(ARTICLE_PREFIX, '');
  w = w.replace(/[^a-z]/g, '');
  if (!w) return '';
  w = w
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/dh/g, 'd')
    .replace(/th/g, 's')
    .replace(/v/g, 'w')
    .replace(/([aeiouy])h$/, '$1');
  let out = '';
  let inVowels = false;
  for (let i = 0; i < w.length; i++) {
    const c = w[i];
    // A leading y is a consonant ("Yusuf"); elsewhere it spells a vowel ("Haydar").
    const vowel = c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || (c === 'y' && i > 0);
    if (vowel) {
      if (!inVowels) out += c === 'o' || c === 'u' ? 'u' : 'a';
      inVowels = true;
    } else {
      if (out[out.length - 1] !== c || inVowels) out += c;
      inVowels = false;
    }
  }
  return out;
}

/** Phonetic key of a multi-word name, word by word. */
export function phoneticName(name: string): string {
  return name
    .split(/[\s]+/)
    .map(phoneticWord)
    .filter((w) => w.length > 0)
    .join(' ');
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Two surname keys spell the same name: equal, or one edit apart when both are long. */
export function similarSurnameKeys(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 6 || b.length < 6 || a[0] !== b[0]) return false;
  return editDistance(a, b, 1) <= 1;
}

/** Strips a leading "the" and a trailing possessive or punctuation from a mention's text. */
export function cleanSurface(text: string): string {
  let t = text.trim().replace(/^the\s+/i, '');
  t = t.replace(/\s*['’]s$/u, '');
  t = t.replace(/[,;:!?"“”)\]]+$/u, '');
  // Keep the final dot of "U.S." but not a sentence period.
  if (t.endsWith('.') && !/(?:^|[\s.])\p{L}\.$/u.test(t)) t = t.slice(0, -1);
  return t.trim();
}

const OPENERS = new Set([
  'a',
  'an',
  'as',
  'at',
  'after',
  'also',
  'and',
  'but',
  'by',
  'for',
  'from',
  'if',
  'in',
  'of',
  'on',
  'or',
  'so',
  'since',
  'that',
  'the',
  'then',
  'this',
  'to',
  'when',
  'where',
  'while',
  'with',
  'yet',
  'why',
  'how',
  'what',
  'who',
  'meanwhile',
  'however',
  'although',
  'because',
]);

export interface PersonName {
  /** First given name as written (lowercased), or null for a surname-only form. */
  given: string | null;
  /** Phonetic key of the given name. */
  givenKey: string | null;
  /** Phonetic key of the surname (article stripped), '' when there is none. */
  surnameKey: string;
  /** Number of name words, particles and initials excluded. */
  words: number;
  /** The name without titles, as written. */
  display: string;
}

/**
 * Splits a person's name into given name and surname. "Hakim al-Zamili",
 * "al-Zamili" and "Zamili" all have surname key "zamala"; only the first has
 * a given name.
 */
export function parsePersonName(text: string): PersonName {
  let parts = cleanSurface(text)
    .split(/\s+/)
    .filter((p) => p.length > 0);
  while (parts.length > 1 && NAME_SUFFIXES.has(parts[parts.length - 1].toLowerCase().replace(/,$/, ''))) parts.pop();
  // Everything up to the last title is the title ("Iraqi Prime Minister Haider Abadi"); a final title word is a surname ("John King").
  for (let k = parts.length - 2; k >= 0; k--) {
    if (TITLES.has(parts[k].toLowerCase())) {
      parts = parts.slice(k + 1);
      break;
    }
  }
  const display = parts.join(' ');
  const core = parts.filter((p) => !NAME_PARTICLES.has(p.toLowerCase()));
  if (core.length === 0) return { given: null, givenKey: null, surnameKey: phoneticWord(display), words: 0, display };
  // A capitalised sentence opener swept into the span ("As Zamili's warning") is no given name.
  while (core.length > 1 && OPENERS.has(core[0].toLowerCase())) core.shift();
  const surname = core[core.length - 1];
  const words = core.filter((p) => !/^\p{L}\.?$/u.test(p)).length;
  if (core.length === 1) return { given: null, givenKey: null, surnameKey: phoneticWord(surname), words, display };
  const given = core[0].toLowerCase().replace(/\.$/, '');
  return { given, givenKey: phoneticWord(given), surnameKey: phoneticWord(surname), words, display };
}

/**
 * Whether two given names can name the same person: same spelling key, an
 * initial ("J."), a shortened form of at least three letters ("Ash" for
 * "Ashton") or a listed nickname ("Joe" for "Joseph").
 */
export function compatibleGiven(a: string, b: string, nicknames: ReadonlyMap<string, string>): boolean {
  if (a === b) return true;
  if (phoneticWord(a) === phoneticWord(b)) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short)) return true;
  const ca = nicknames.get(a) ?? a;
  const cb = nicknames.get(b) ?? b;
  return ca === cb;
}

const FUNCTION_WORDS = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'at', 'to', 'de', 'du', 'des', 'la', 'le', 'al', 'el', '&']);

/** True for forms that look like an abbreviation: "KRG", "U.S.", "CoR", "DIBs", "WaPo". */
export function isAbbreviation(text: string): boolean {
  if (text.length < 2 || text.length > 10 || /\s/.test(text)) return false;
  if (!/^[\p{Lu}][\p{L}.&-]*$/u.test(text)) return false;
  const upper = (text.match(/\p{Lu}/gu) ?? []).length;
  return upper >= 2 && upper * 2 >= text.replace(/[.&-]/g, '').length - 1;
}

/** Abbreviation segments: one per capital ("WaPo" → wa, po), after dropping dots and a plural s. */
function abbreviationSegments(abbr: string): string[] {
  let a = abbr.replace(/[.&-]/g, '');
  if (/^\p{Lu}{2,}s$/u.test(a)) a = a.slice(0, -1);
  const segments: string[] = [];
  for (const ch of a) {
    if (/\p{Lu}/u.test(ch) || segments.length === 0) segments.push(ch.toLowerCase());
    else segments[segments.length - 1] += ch.toLowerCase();
  }
  return segments;
}

const expansionCache = new BoundedCache<readonly string[]>(20000);

/** The words an expansion is matched on; cached by name (the same names are compared in every document). Callers only read the array. */
function expansionWords(name: string): readonly string[] {
  return expansionCache.get(name) ?? expansionCache.remember(name, splitExpansion);
}

function splitExpansion(name: string): string[] {
  return foldName(cleanSurface(name))
    .split(/[\s-]+/)
    .map((w) => w.replace(/^(?:al|el)-/, '').replace(/[^a-z0-9&]/g, ''))
    .filter((w) => w.length > 0);
}

/**
 * Whether `abbr` abbreviates the multi-word `name`: its segments are prefixes
 * of the name's words in order, either of every word or of content words only
 * ("CoR" = Council of Representatives, "ISW" = Institute for the Study of War).
 */
export function abbreviates(abbr: string, name: string): boolean {
  const segments = abbreviationSegments(abbr);
  if (segments.length < 2) return false;
  const all = expansionWords(name);
  if (all.length < 2) return false;
  const content = all.filter((w) => !FUNCTION_WORDS.has(w));
  const fits = (words: readonly string[]) => words.length === segments.length && words.every((w, i) => w.startsWith(segments[i]));
  if (fits(all) || fits(content)) return true;
  // Lowercase letters may stand for function words ("CoR": Co-uncil o-f R-epresentatives).
  const letters = abbr.replace(/[.&-]/g, '');
  if (letters.length === all.length && /\p{Ll}/u.test(letters)) {
    return all.every((w, i) => w[0] === letters[i].toLowerCase());
  }
  return false;
}

/** Initials keys under which an expansion can be found by its all-caps acronym. */
const initialsCache = new BoundedCache<readonly string[]>(20000);

/** Initials keys of a multi-word name (see `abbreviationKey`); cached by name, and the array is shared: callers only read it. */
export function initialsKeys(name: string): readonly string[] {
  return initialsCache.get(name) ?? initialsCache.remember(name, computeInitialsKeys);
}

function computeInitialsKeys(name: string): string[] {
  const all = expansionWords(name);
  if (all.length < 2) return [];
  const content = all.filter((w) => !FUNCTION_WORDS.has(w));
  const keys = new Set<string>([all.map((w) => w[0]).join(''), content.map((w) => w[0]).join('')]);
  return [...keys].filter((k) => k.length >= 2);
}

/** Key under which an abbreviation is looked up in `initialsKeys`, when it is all capitals. */
export function abbreviationKey(abbr: string): string | null {
  const segments = abbreviationSegments(abbr);
  if (segments.length < 2 || segments.some((s) => s.length !== 1)) return null;
  return segments.join('');
}

/**
 * A spelling-insensitive key for organisation and place names: British and
 * American spellings meet, word order is ignored around "and" ("Security and
 * Defense Committee" = "Defense and Security Committee"), transliterations
 * meet through `phoneticWord`.
 */
export function nameKey(name: string): string {
  const surface = cleanSurface(name);
  if (isAbbreviation(surface)) return `=${surface.replace(/[.]/g, '')}`;
  let n = foldName(cleanSurface(name))
    .replace(/isation/g, 'ization')
    .replace(/\bdefence\b/g, 'defense')
    .replace(/\bcentre\b/g, 'center')
    .replace(/\bmid-east\b/g, 'middle east');
  n = n.replace(/[-‐‑]/g, ' ');
  let words = n.split(/\s+/).filter((w) => w.length > 0);
  if (words.includes('and') || words.includes('&')) {
    words = words.filter((w) => w !== 'and' && w !== '&').sort();
  }
  // Short words are too easily confused phonetically (ISIL / Atheel); keep them as written.
  return words
    .map((w) => (w.replace(/[^a-z]/g, '').length < 5 ? w : phoneticWord(w)))
    .filter((w) => w.length > 0)
    .join(' ');
}
