import { WORD_CLASSES as words } from './words';

/*
 * Closed word classes the claim patterns consult (auxiliaries, determiners,
 * prepositions, subordinators, time words, punctuation), kept as data in
 * words.ts with a note on each class. Lowercase, with a straight
 * apostrophe (as ClaimContext.lower has them). The cue verbs and nouns are in
 * lexicon.ts.
 */

type WordClass = keyof typeof words;
const set = (name: WordClass): Set<string> => new Set<string>(words[name]);

export const AUX = set('AUX');
export const FRAME_PRONOUNS = set('FRAME_PRONOUNS');
export const NOUN_MARKERS = set('NOUN_MARKERS');
export const ADJUNCT_START = set('ADJUNCT_START');
export const OBJECT_ENDERS = set('OBJECT_ENDERS');
export const EVENT_NOUNS = set('EVENT_NOUNS');
export const ADJUNCT_PREPS = set('ADJUNCT_PREPS');
export const WH_WORDS = set('WH_WORDS');
export const STRICT_INFINITIVE = set('STRICT_INFINITIVE');
export const CUE_PREPS = set('CUE_PREPS');
export const MODALS = set('MODALS');
export const BE = set('BE');
export const DAYS = set('DAYS');
export const NP_STOP = set('NP_STOP');
export const PRONOUN_SOURCES = set('PRONOUN_SOURCES');
export const AUTHOR_PRONOUNS = set('AUTHOR_PRONOUNS');
export const DETERMINERS = set('DETERMINERS');
export const TIME_WORDS = set('TIME_WORDS');
export const PREPOSITIONS = set('PREPOSITIONS');
export const SUBORDINATORS = set('SUBORDINATORS');
export const CLOSE_PUNCT = set('CLOSE_PUNCT');
export const DASHES = set('DASHES');
export const QUANTITY_WORDS = set('QUANTITY_WORDS');
export const FRACTIONS = set('FRACTIONS');
export const ADDRESSEES = set('ADDRESSEES');
export const SUBJECT_PRONOUNS = set('SUBJECT_PRONOUNS');
export const ING_PREPOSITIONS = set('ING_PREPOSITIONS');
export const QUANTIFIER_SOURCES = set('QUANTIFIER_SOURCES');
export const CLOSING_MARKS = set('CLOSING_MARKS');
export const OPENING_MARKS = set('OPENING_MARKS');
export const NP_BREAK = set('NP_BREAK');
export const DEFINITE = set('DEFINITE');
export const GOVERNMENT_HEADS = set('GOVERNMENT_HEADS');
export const FRONT_SUBORDINATORS = set('FRONT_SUBORDINATORS');
export const RELATIVES = set('RELATIVES');
export const SENTENCE_LINKS = set('SENTENCE_LINKS');
export const COMMA_CONTRASTS = set('COMMA_CONTRASTS');
export const GERUND_PREPS = set('GERUND_PREPS');
export const QUOTE_OPENERS = set('QUOTE_OPENERS');
export const QUOTE_CLOSERS = set('QUOTE_CLOSERS');
export const PREDICATE_AUX = set('PREDICATE_AUX');
export const VP_ADVERBS = set('VP_ADVERBS');
export const TIME_MEASURES = set('TIME_MEASURES');
export const TIMED_SUBORDINATORS = set('TIMED_SUBORDINATORS');
export const CUE_PARTICLES = set('CUE_PARTICLES');
export const FOCUS_ADVERBS = set('FOCUS_ADVERBS');
export const EVIDENTIAL_VERBS = set('EVIDENTIAL_VERBS');
