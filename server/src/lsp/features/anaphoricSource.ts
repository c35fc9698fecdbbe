/*
 * Whether a claim's written source only points at someone named elsewhere:
 * a pronoun ("they", "he") or a definite description built from a generic
 * role noun ("the company", "the ministry", "officials", "the senior
 * official"). The engine resolves such sources to an entity where it can;
 * when it cannot, the editor groups the claim as "unresolved" instead of
 * inventing a speaker named "they". A source with a name in it ("the
 * Foreign Ministry", "US officials", "Mr Abadi") is a named source and keeps
 * its written text.
 */

const PRONOUNS = new Set([
  'he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me',
  'his', 'hers', 'its', 'their', 'theirs', 'our', 'ours', 'one',
  'this', 'that', 'these', 'those', 'who', 'which',
]); // prettier-ignore

/** Words that may open a definite or possessive description. */
const DETERMINERS = new Set(['the', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'such']);

/** Role nouns that, without a name, stand for an actor mentioned elsewhere. */
const ROLE_NOUNS = new Set([
  'company', 'firm', 'group', 'ministry', 'department', 'agency', 'government', 'administration', 'office',
  'official', 'officials', 'spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'minister', 'president',
  'leader', 'leaders', 'chief', 'authorities', 'authority', 'police', 'army', 'military', 'party',
  'organisation', 'organization', 'council', 'committee', 'commission', 'court', 'board', 'campaign', 'team',
  'parliamentarian', 'lawmaker', 'lawmakers', 'senator', 'governor', 'mayor', 'director', 'executive',
  'ceo', 'chairman', 'chairwoman', 'statement', 'report', 'country', 'state', 'city', 'regime', 'embassy',
  'man', 'woman', 'couple', 'family', 'critics', 'experts', 'analysts', 'researchers',
  'investigators', 'prosecutors', 'prosecutor', 'judge', 'witnesses', 'residents', 'activists', 'protesters',
]); // prettier-ignore

/**
 * Plurals that stand for a known body even without "the" ("officials said").
 * Other bare plurals ("critics", "experts", "sources") are generic or
 * anonymous sources, not references back: they keep their written text.
 */
const BARE_PLURALS = new Set(['officials', 'authorities', 'lawmakers', 'leaders', 'prosecutors', 'investigators']);

/** Lower-case words that may stand between the determiner and the role noun ("the senior official"). */
const MODIFIER = /^[a-z][a-z'-]*$/;

export function isAnaphoricSource(source: string): boolean {
  const words = source
    .trim()
    .replace(/[.,;:!?"“”‘’]+$/u, '')
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length || words.length > 5) return false;
  if (words.length === 1) {
    const w = words[0];
    const lower = w.toLowerCase();
    // A single word: a pronoun whatever its case ("They said"), or a bare plural role noun ("officials", "Officials").
    return PRONOUNS.has(lower) || (BARE_PLURALS.has(lower) && w.slice(1) === w.slice(1).toLowerCase());
  }
  const [first, ...rest] = words;
  const head = rest[rest.length - 1];
  // The first word may be capitalised by the sentence ("The company said"); any other capital is a name.
  if (!rest.every((w) => MODIFIER.test(w))) return false;
  if (DETERMINERS.has(first.toLowerCase())) return ROLE_NOUNS.has(head);
  // No determiner: only a plural role noun after lower-case modifiers ("senior officials", "Senior officials").
  return MODIFIER.test(first.toLowerCase()) && first.slice(1) === first.slice(1).toLowerCase() && BARE_PLURALS.has(head);
}
