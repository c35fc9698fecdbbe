/*
 * The type of a gold claim's cue, for recall per cue type in `npm run eval`.
 * The types come from the cues of PolNeAR dev (2,192 attributions, 1,101
 * distinct cue texts): "said"/"says"/"told" alone are a third of them, then
 * "according to", punctuation (a colon, a dash before a quote), and a long
 * tail of verbs and phrases ("called for", "shows", "plans", "has faced
 * ridicule online") that the rule detector mostly missed. Each cue gets the
 * first type that fits, in this order:
 *
 *  - punctuation: no letter at all (":", "―", "--");
 *  - according to: the phrase "according to";
 *  - say/tell: a form of say or tell, with auxiliaries, adverbs or a time
 *    ("has said", "also said", "said monday", "said in a phone interview");
 *  - noun: a nominal cue, opened by a determiner or ending in a noun suffix
 *    that is not a listed verb ("an agreement", "the outlook", "decision";
 *    "mentions" is a verb);
 *  - speech act: another verb of saying or arguing (add, note, write, call,
 *    announce, ask, warn, claim, argue, urge, accuse, deny, criticize …);
 *  - belief, intention: a verb of thinking, wanting or planning (believe,
 *    think, know, want, plan, expect, hope, fear, seem, support, agree …);
 *  - evidence, report: a verb of showing or reporting (show, find, report,
 *    reveal, cite, estimate, indicate, publish …);
 *  - other: the long tail (rarer verbs such as "unleashed", "offered",
 *    prepositions such as "in", idioms such as "has faced ridicule online");
 *  - no cue: the gold claim has none.
 * Verbs are told apart by stem, so "plans", "planned" and "planning" are one
 * group: the lemma group of the cue's first known verb.
 */

export const CUE_TYPES = [
  'say/tell',
  'according to',
  'punctuation',
  'noun',
  'speech act',
  'belief, intention',
  'evidence, report',
  'other',
  'no cue',
] as const;

export type CueType = (typeof CUE_TYPES)[number];

const SAY = /^(say|says|said|saying|tell|tells|told|telling)$/;

const SPEECH = [
  'add', 'note', 'writ', 'wrote', 'written', 'call', 'announc', 'ask', 'warn', 'claim', 'argu', 'stat', 'explain', 'repl', 'respond',
  'insist', 'declar', 'emphasiz', 'emphasis', 'mention', 'recall', 'continu', 'acknowledg', 'describ', 'urg', 'accus', 'deni',
  'deny', 'admit', 'complain', 'prais', 'criticiz', 'criticis', 'condemn', 'blast', 'attack', 'question', 'comment', 'conced', 'confirm',
  'promis', 'pledg', 'threaten', 'vow', 'demand', 'propos', 'echo', 'point', 'declin', 'refus', 'reject', 'mock', 'joke',
  'tweet', 'post', 'speak', 'spoke', 'discuss', 'predict', 'sing', 'sang', 'encourag', 'liken', 'compar', 'object', 'assert',
  'charg', 'testif', 'recount', 'boast', 'brag', 'quip', 'lament', 'decr', 'label', 'dismiss', 'defend', 'counter',
  'referenc', 'referr', 'disput', 'caution', 'protest', 'implor', 'chastis', 'denounc', 'slam', 'hit', 'outlin', 'advocat',
  'champion', 'articulat', 'observ', 'highlight', 'stress', 'talk', 'signal', 'deride', 'derid',
]; // prettier-ignore

const BELIEF = [
  'believ', 'think', 'thought', 'know', 'knew', 'want', 'plan', 'expect', 'hope', 'fear', 'worr', 'feel', 'felt', 'seem',
  'see', 'saw', 'seen', 'understand', 'understood', 'support', 'oppos', 'agre', 'intend', 'decid', 'view', 'consider',
  'doubt', 'assum', 'wonder', 'endors', 'favor', 'favour', 'prefer', 'wish', 'appear', 'suspect', 'regard',
  'aim', 'seek', 'sought', 'tri', 'try', 'vote', 'back', 'welcome', 'like', 'love', 'hate', 'rat', 'judg', 'figur',
  'admir', 'resent', 'accept', 'realiz', 'need', 'resist', 'debat',
]; // prettier-ignore

const EVIDENCE = [
  'show', 'found', 'find', 'indicat', 'reveal', 'estimat', 'report', 'cite', 'citing', 'document', 'publish', 'releas',
  'disclos', 'learn', 'conclud', 'detail', 'reckon', 'calculat', 'measur', 'survey', 'poll', 'record',
  'demonstrat', 'prov', 'suggest', 'rul', 'illustrat', 'chronicl', 'examin', 'explor', 'investigat', 'discover', 'identif',
  'read', 'feature',
]; // prettier-ignore

const DETERMINERS = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'its', 'our', 'my', 'this', 'that', 'these', 'those']);
const NOUN_SUFFIX = /(ment|ion|ance|ence|ity|ness|ism)s?$/;

/** Whether a word is a form of one of the stems: the stem plus a short inflection ("plan" → "plans", "planned", "planning"). */
function ofStem(word: string, stems: readonly string[]): boolean {
  return stems.some(
    (s) =>
      word.startsWith(s) &&
      word.length - s.length <= 4 &&
      /^(|s|es|d|ed|ing|y|e|ied|ies|([bdglmnprt])\2?(ed|ing))$/.test(word.slice(s.length)),
  );
}

export function cueType(cue: string | null | undefined): CueType {
  if (cue === null || cue === undefined || !cue.trim()) return 'no cue';
  const text = cue.toLowerCase().replace(/[’']s\b/g, ' ');
  if (!/\p{L}/u.test(text)) return 'punctuation';
  if (/\baccording\s+to\b/.test(text)) return 'according to';
  const words = text.split(/[^\p{L}]+/u).filter(Boolean);
  if (words.some((w) => SAY.test(w))) return 'say/tell';
  const last = words[words.length - 1];
  // "mentions" and "documents" end like nouns but are the verbs of the lists below.
  const verbForm = (w: string) => ofStem(w, SPEECH) || ofStem(w, BELIEF) || ofStem(w, EVIDENCE);
  if (DETERMINERS.has(words[0]) || (NOUN_SUFFIX.test(last) && !/(ed|ing)$/.test(last) && !verbForm(last))) return 'noun';
  for (const w of words) {
    if (ofStem(w, SPEECH)) return 'speech act';
    if (ofStem(w, BELIEF)) return 'belief, intention';
    if (ofStem(w, EVIDENCE)) return 'evidence, report';
  }
  return 'other';
}
