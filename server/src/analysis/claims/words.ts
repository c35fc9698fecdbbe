/*
 * Closed word classes the claim patterns consult (auxiliaries, determiners,
 * prepositions, subordinators, time words, punctuation): data, one list per
 * class with a note on it, each word once. Lowercase, with a straight
 * apostrophe (as ClaimContext.lower has them). The cue verbs and nouns are in
 * lexicon.ts.
 */
// prettier-ignore
export const WORD_CLASSES = {
  /** Pronouns that stand as the subject of a learned cue frame ("she wants to …", data/cue-frames.json). */
  FRAME_PRONOUNS: ["he", "she", "they", "we", "i"],
  AUX: ["ca", "wo", "has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "must", "shall", "did", "does", "do", "n't", "not", "never", "to", "also", "later", "then", "previously", "repeatedly", "recently", "once", "again", "still", "already", "even", "just", "further", "first", "now", "often", "merely", "simply", "only", "all", "both", "publicly", "privately", "flatly", "generally", "been", "being", "apparently", "reportedly", "allegedly", "clearly", "strongly", "quickly", "widely", "long", "since", "yet", "ever", "actually", "openly", "last", "subsequently", "however", "meanwhile", "instead", "himself", "herself", "themselves", "itself"],
  NOUN_MARKERS: ["'s", "'", "the", "a", "an", "his", "her", "their", "its", "my", "our", "your", "this", "these", "those", "that", "whose", "no", "any", "every", "each"],
  /** Words that open an adjunct, not reported content ("she said several months after …"). */
  ADJUNCT_START: ["several", "in", "on", "at", "after", "before", "during", "while", "when", "as", "last", "earlier", "later", "of", "to", "about", "from", "with", "without", "recently", "afterwards", "afterward", "then", "outside", "inside", "via", "through", "following", "among", "over", "under", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "and", "but", "adding", "noting", "again", "repeatedly", "twice", "once", "quietly", "simply", "flatly", "by", "for", "into", "upon", "shortly"],
  /** Words after which an object no longer continues. */
  OBJECT_ENDERS: ["during", "since", "when", "after", "before", "while", "because", "but", "although", "though", "whereas", "until", "amid", "despite"],
  /** Nouns of occasions and times: "in a statement", "at a rally", "on Monday night". */
  EVENT_NOUNS: ["statement", "interview", "speech", "rally", "tweet", "tweets", "post", "debate", "hearing", "conference", "briefing", "letter", "email", "op-ed", "appearance", "event", "meeting", "address", "radio", "television", "broadcast", "video", "program", "show", "town", "stop", "remarks", "forum", "call", "session", "early", "late", "recent"],
  /** Prepositions that open an adjunct between a cue and its content ("said via email that"). */
  ADJUNCT_PREPS: ["on", "in", "at", "during", "earlier", "to", "of", "about", "via", "through", "from", "after", "before", "while", "when", "with", "by", "over", "under", "outside", "inside", "following"],
  WH_WORDS: ["how", "what", "why", "whether", "if", "where", "when", "who", "which"],
  STRICT_INFINITIVE: ["want", "plan", "aim", "intend", "refuse", "seek"],
  /** Prepositions that belong to a generic cue ("spoke about", "apologized for", "responded with"). */
  CUE_PREPS: ["about", "of", "for", "to", "on", "with", "against", "at", "into"],
  /** Particles between a generic cue and its preposition ("lashed out at"); manner adverbs in -ly go there too ("talked openly about"). */
  CUE_PARTICLES: ["out"],
  /** Adverbs in -ly that focus what follows, not manner ("said only to …"). */
  FOCUS_ADVERBS: ["only"],
  MODALS: ["could", "would", "will", "can", "may", "might", "should", "must", "has", "have", "had", "does", "do", "did"],
  BE: ["is", "are", "was", "were", "be", "been", "being", "'s", "'re"],
  DAYS: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight", "earlier", "later"],
  /** Function words that end a noun phrase when met walking left from a cue. */
  NP_STOP: ["despite", "amid", "amidst", "notwithstanding", "that", "which", "who", "whom", "whose", "when", "where", "while", "after", "before", "because", "since", "although", "though", "if", "unless", "as", "than", "but", "or", "nor", "so", "yet", "in", "on", "at", "with", "by", "from", "into", "onto", "about", "over", "under", "against", "between", "through", "during", "without", "within", "upon", "via", "like", "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "may", "might", "must", "should", "not", "n't", "what", "how", "why", "whether", "there", "here", "also", "then", "now", "even", "just", "to", "and", "said", "says", "told", "it", "him", "them", "us", "me", "this", "these", "those", "once", "until", "whereby", "wherein", "thus", "however", "therefore", "meanwhile", "instead", "indeed", "still", "already"],
  PRONOUN_SOURCES: ["he", "she", "they", "it", "i", "we", "you", "who"],
  /** The writer and the reader: their statements are the article's own. */
  AUTHOR_PRONOUNS: ["i", "we", "you", "us", "you're", "we're", "i'm", "we've", "i've", "you've", "we'd", "i'd", "you'd"],
  DETERMINERS: ["the", "a", "an", "this", "these", "those", "another", "some", "many", "most", "all", "several", "numerous", "few", "each", "every", "any", "no", "both", "other", "such"],
  TIME_WORDS: ["week", "month", "year", "morning", "afternoon", "evening", "night", "weekend", "ago", "time", "summer", "spring", "fall", "autumn", "winter", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "days", "weeks", "months", "years"],
  PREPOSITIONS: ["of", "to", "with", "from", "by", "for", "in", "on", "at", "against", "about", "into", "over", "than", "like"],
  SUBORDINATORS: ["that", "after", "because", "if", "when", "while", "since", "although", "though", "whether", "as", "unless", "before", "until", "where"],
  CLOSE_PUNCT: [".", "!", "?", "…"],
  DASHES: ["—", "–", "--", "-"],
  QUANTITY_WORDS: ["half", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundreds", "thousands", "millions", "billions", "$", "%"],
  FRACTIONS: ["third", "quarter", "fifth", "dozen", "hundred", "thousand", "million", "billion"],
  ADDRESSEES: ["reporters", "me", "us", "him", "her", "them", "journalists", "supporters", "lawmakers", "voters", "colleagues", "investigators", "listeners", "viewers", "audiences", "donors", "students", "members"],
  SUBJECT_PRONOUNS: ["he", "she", "they", "it", "we", "i", "you", "there", "he's", "she's", "it's", "they're", "we're", "i'm"],
  /** Words in -ing that are prepositions, not participles. */
  ING_PREPOSITIONS: ["during", "including", "regarding", "concerning", "following", "according", "notwithstanding", "excluding"],
  QUANTIFIER_SOURCES: ["several", "many", "most", "some", "both", "all", "few", "others"],
  CLOSING_MARKS: ["”", "\"", "''", "’"],
  OPENING_MARKS: ["“", "\"", "``", "‘"],
  /** Words that end the noun chunk of a source description ("the minister of …", "an official who …"). */
  NP_BREAK: ["of", "for", "to", ",", "(", "who", "which", "that", "at", "in", "with", "from"],
  /** Determiners that make a description definite: it then refers back to an entity named before. */
  DEFINITE: ["the", "this", "that", "these", "those", "his", "her", "its", "their"],
  /** Heads of a description that speaks for a country's government ("the ministry said"). */
  GOVERNMENT_HEADS: ["government", "ministry", "parliament", "cabinet", "authorities", "administration", "military", "army", "leadership", "foreign", "state"],
  /** Words that open an adverbial clause at the start of a sentence ("While X has said …, his administration …"; "Even though", "Even as" by their second word; "Having announced that …, the judge …"). */
  FRONT_SUBORDINATORS: ["while", "although", "though", "whereas", "if", "when", "because", "since", "after", "before", "once", "until", "unless", "as", "having", "despite", "notwithstanding"],
  /** Words of a measure of time before "after", "before" or "since" ("a few weeks after", "moments before"); numbers, determiners and time nouns count too. */
  TIME_MEASURES: ["few", "hours", "minutes", "moments", "days", "shortly", "just", "long", "soon"],
  TIMED_SUBORDINATORS: ["after", "before", "since"],
  /** Verbs of seeming whose subject belongs to the content ("the politician seemed to be shrinking"). */
  EVIDENTIAL_VERBS: ["seem", "seems", "seemed", "appear", "appears", "appeared"],
  /** Relative pronouns that can stand for a gap in the content ("a plan which Lopez said was unworkable"). */
  RELATIVES: ["which", "who", "whom"],
  /** Sentence-initial words after which the speaker's statement may go on in a quote ("But “…”"). */
  SENTENCE_LINKS: ["but", "and", "still", "yet", "so", "then", "now", "also"],
  /** After a comma, words that open what is no longer the reported content (", but", ", according to", ", while"); "but that" excepted in content.ts. */
  COMMA_CONTRASTS: ["but", "according", "while", "whereas", "although", "though"],
  /** Prepositions before a gerund of speech that make it no cue of its own ("by saying", "for claiming"). */
  GERUND_PREPS: ["by", "for", "from", "after", "before"],
  /** Token texts that may open a quote (straight, curly, low and angle marks). */
  QUOTE_OPENERS: ["\"", "“", "„", "«", "'", "‘"],
  /** Token texts that may close a quote. */
  QUOTE_CLOSERS: ["\"", "”", "»", "'", "’"],
  /** Finite auxiliaries that open a second predicate after "and" ("asked X and has repeatedly characterized …"). */
  PREDICATE_AUX: ["has", "had", "have", "was", "is"],
  /** Adverbs between "and" and a second predicate ("and even questioned", "and then said"). */
  VP_ADVERBS: ["also", "even", "then"],
} as const;
