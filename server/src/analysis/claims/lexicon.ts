/*
 * The words that signal an attribution, kept as data so they can be read and
 * extended without touching the detector. Verbs are listed by lemma; the
 * inflections are generated (with explicit forms for irregular verbs) so a
 * reader sees one line per verb, not four.
 */

export type CueClass = 'speech' | 'belief' | 'intention' | 'allegation' | 'report';

export interface CueVerb {
  lemma: string;
  cls: CueClass;
  /**
   * What follows the verb before its content:
   *  - 'clause': a that-clause or direct speech (`said (that) ...`);
   *  - 'object': a person addressed first (`told Sputnik (that) ...`, `urged Ankara to ...`);
   *  - 'np': the content is the verb's object (`criticized the plan`, `called Turkey "a terrorist state"`);
   *  - 'to': an infinitive (`threatened to attack`, `vowed to ...`).
   * Every verb also accepts a that-clause or a quote.
   */
  frame: 'clause' | 'object' | 'np' | 'to';
  /** Particles that belong to the cue when they follow the verb (`call on`, `point out`). */
  particles?: string[];
  /** The verb counts only with one of its particles ("point out", not "the point"). */
  needsParticle?: boolean;
  /** The verb counts only before a quote, colon or comma ("he continued, “…”"). */
  quoteOnly?: boolean;
  /** From the data-derived list of further forms, not a hand-described verb. */
  generic?: boolean;
  /** Irregular forms: [3rd person singular, past, past participle, -ing]. */
  forms?: [string, string, string, string];
}

const V = (lemma: string, cls: CueClass, frame: CueVerb['frame'], extra: Partial<CueVerb> = {}): CueVerb => ({
  lemma,
  cls,
  frame,
  ...extra,
});

const lists: Record<string, readonly string[]> = {};

/** The word lists below as written, by name: a Set hides a repeated word, so the test that each word is listed once reads these. */
export const LEXICON_LISTS: Readonly<Record<string, readonly string[]>> = lists;

function wordSet(name: string, words: readonly string[]): Set<string> {
  lists[name] = words;
  return new Set(words);
}

// prettier-ignore
export const CUE_VERBS: CueVerb[] = [
  // Saying.
  V('say', 'speech', 'clause', { forms: ['says', 'said', 'said', 'saying'] }),
  V('tell', 'speech', 'object', { forms: ['tells', 'told', 'told', 'telling'] }),
  V('add', 'speech', 'clause'),
  V('note', 'speech', 'clause'),
  V('state', 'speech', 'clause'),
  V('declare', 'speech', 'clause'),
  V('announce', 'speech', 'clause'),
  V('explain', 'speech', 'clause'),
  V('argue', 'speech', 'clause'),
  V('insist', 'speech', 'clause'),
  V('assert', 'speech', 'clause'),
  V('maintain', 'speech', 'clause'),
  V('contend', 'speech', 'clause'),
  V('suggest', 'speech', 'clause'),
  V('warn', 'speech', 'clause'),
  V('write', 'speech', 'clause', { forms: ['writes', 'wrote', 'written', 'writing'] }),
  V('tweet', 'speech', 'clause'),
  V('post', 'speech', 'np'),
  V('reveal', 'speech', 'clause'),
  V('confirm', 'speech', 'clause'),
  V('deny', 'speech', 'clause'),
  V('acknowledge', 'speech', 'clause'),
  V('admit', 'speech', 'clause', { forms: ['admits', 'admitted', 'admitted', 'admitting'] }),
  V('concede', 'speech', 'clause'),
  V('reiterate', 'speech', 'clause'),
  V('repeat', 'speech', 'clause'),
  V('stress', 'speech', 'clause'),
  V('emphasize', 'speech', 'clause'),
  V('emphasise', 'speech', 'clause'),
  V('point', 'speech', 'clause', { particles: ['out', 'to'], needsParticle: true }),
  V('predict', 'speech', 'clause'),
  V('reply', 'speech', 'clause'),
  V('respond', 'speech', 'clause'),
  V('answer', 'speech', 'clause'),
  V('recall', 'speech', 'clause', { forms: ['recalls', 'recalled', 'recalled', 'recalling'] }),
  V('observe', 'speech', 'clause'),
  V('remark', 'speech', 'clause'),
  V('comment', 'speech', 'clause'),
  V('complain', 'speech', 'clause'),
  V('testify', 'speech', 'clause'),
  V('indicate', 'speech', 'clause'),
  V('disclose', 'speech', 'clause'),
  V('conclude', 'speech', 'clause'),
  V('propose', 'speech', 'np'),
  V('mention', 'speech', 'clause'),
  V('boast', 'speech', 'clause'),
  V('joke', 'speech', 'clause'),
  V('quip', 'speech', 'clause', { forms: ['quips', 'quipped', 'quipped', 'quipping'] }),
  V('caution', 'speech', 'clause'),
  V('retort', 'speech', 'clause'),
  V('lament', 'speech', 'clause'),
  V('continue', 'speech', 'clause', { quoteOnly: true }),
  V('ask', 'speech', 'object'),
  V('assure', 'speech', 'object'),
  V('remind', 'speech', 'object'),
  V('inform', 'speech', 'object'),
  V('estimate', 'report', 'clause'),
  V('report', 'report', 'clause'),
  V('show', 'report', 'clause', { forms: ['shows', 'showed', 'shown', 'showing'] }),
  V('find', 'report', 'clause', { forms: ['finds', 'found', 'found', 'finding'] }),
  V('describe', 'speech', 'np'),
  V('refer', 'speech', 'np', { particles: ['to'], needsParticle: true, forms: ['refers', 'referred', 'referred', 'referring'] }),
  V('call', 'speech', 'np', { particles: ['on', 'for', 'upon'] }),
  V('urge', 'speech', 'object'),
  V('demand', 'speech', 'clause'),
  V('criticize', 'speech', 'np'),
  V('criticise', 'speech', 'np'),
  V('praise', 'speech', 'np'),
  V('condemn', 'speech', 'np'),
  V('denounce', 'speech', 'np'),
  V('blast', 'speech', 'np'),
  V('slam', 'speech', 'np', { forms: ['slams', 'slammed', 'slammed', 'slamming'] }),
  V('reject', 'speech', 'np'),
  V('dismiss', 'speech', 'np'),
  V('endorse', 'speech', 'np'),
  V('object', 'speech', 'np', { particles: ['to'], needsParticle: true }),
  // Alleging.
  V('claim', 'allegation', 'clause'),
  V('allege', 'allegation', 'clause'),
  // "accused him of sexism": PolNeAR takes the accused with the charge as the content.
  V('accuse', 'allegation', 'np'),
  V('charge', 'allegation', 'object'),
  // Believing and knowing.
  V('believe', 'belief', 'clause'),
  V('think', 'belief', 'clause', { forms: ['thinks', 'thought', 'thought', 'thinking'] }),
  V('know', 'belief', 'clause', { forms: ['knows', 'knew', 'known', 'knowing'] }),
  V('feel', 'belief', 'clause', { forms: ['feels', 'felt', 'felt', 'feeling'] }),
  V('fear', 'belief', 'clause'),
  V('hope', 'belief', 'clause'),
  V('expect', 'belief', 'clause'),
  V('doubt', 'belief', 'clause'),
  V('suspect', 'belief', 'np'),
  V('worry', 'belief', 'clause'),
  V('assume', 'belief', 'clause'),
  V('understand', 'belief', 'clause', { forms: ['understands', 'understood', 'understood', 'understanding'] }),
  V('realize', 'belief', 'clause'),
  V('recognize', 'belief', 'clause'),
  V('agree', 'belief', 'clause', { forms: ['agrees', 'agreed', 'agreed', 'agreeing'] }),
  // Intending.
  V('intend', 'intention', 'to'),
  V('plan', 'intention', 'to', { forms: ['plans', 'planned', 'planned', 'planning'] }),
  V('want', 'intention', 'to'),
  V('seek', 'intention', 'to', { forms: ['seeks', 'sought', 'sought', 'seeking'] }),
  V('vow', 'intention', 'to'),
  V('pledge', 'intention', 'to'),
  V('promise', 'intention', 'to'),
  V('threaten', 'intention', 'np'),
  V('refuse', 'intention', 'to'),
  V('aim', 'intention', 'to'),
];

/** Participles that, after `is/are/was`, report something with no named source (`are said to`). */
export const PASSIVE_REPORT = wordSet('PASSIVE_REPORT', [
  'said',
  'reported',
  'believed',
  'thought',
  'alleged',
  'rumored',
  'rumoured',
  'understood',
  'known',
  'expected',
  'feared',
]);

/** `X was accused of ...`, `X was charged with ...`: an allegation whose accuser is unnamed. */
export const PASSIVE_ALLEGATION: Record<string, string> = { accused: 'of', charged: 'with', suspected: 'of' };

/** Adverbs that attribute the rest of their clause to an unnamed source. */
export const SOURCELESS_ADVERBS = wordSet('SOURCELESS_ADVERBS', ['allegedly', 'reportedly', 'purportedly', 'supposedly', 'ostensibly']);

/** Nouns that introduce reported content: `reports that ...`, `the claim that ...`. */
// prettier-ignore
export const CUE_NOUNS = wordSet('CUE_NOUNS', [
  'report', 'reports', 'claim', 'claims', 'allegation', 'allegations', 'contention', 'assertion', 'belief', 'warning', 'suggestion', 'accusation', 'accusations', 'rumor', 'rumors', 'rumour', 'rumours', 'statement', 'argument', 'insistence', 'promise', 'pledge', 'threat', 'fears', 'hopes',
]);

/** Hedges recorded on a claim when they appear in its cue or content. */
// prettier-ignore
export const HEDGES = wordSet('HEDGES', [
  'allegedly', 'reportedly', 'purportedly', 'supposedly', 'apparently', 'possibly', 'probably', 'perhaps', 'likely', 'unlikely', 'may', 'might', 'could', 'unconfirmed', 'unverified', 'rumored', 'rumoured', 'seemingly', 'seems', 'seem', 'appears', 'appear', 'suggests', 'suggest', 'presumably', 'maybe', 'claimed', 'alleged',
]);

/** Person-denoting head nouns: a definite description with one of these refers to a person. */
// prettier-ignore
export const PERSON_NOUNS = wordSet('PERSON_NOUNS', [
  'spokesman', 'spokeswoman', 'spokesperson', 'parliamentarian', 'lawmaker', 'legislator', 'minister', 'president', 'premier', 'senator', 'congressman', 'congresswoman', 'governor', 'mayor', 'official', 'leader', 'chief', 'commander', 'general', 'ambassador', 'envoy', 'diplomat', 'adviser', 'advisor', 'aide', 'candidate', 'nominee', 'secretary', 'director', 'chairman', 'chairwoman', 'head', 'member', 'cleric', 'man', 'woman', 'politician', 'analyst', 'expert', 'professor', 'author', 'writer', 'reporter', 'journalist', 'correspondent', 'businessman', 'billionaire', 'mogul', 'veteran', 'representative', 'lawyer', 'attorney', 'judge', 'prosecutor', 'investigator', 'activist', 'founder', 'ceo', 'pollster', 'strategist', 'operative', 'manager', 'chair', 'deputy', 'speaker', 'king', 'prince', 'sheikh', 'ayatollah', 'colonel', 'commentator', 'columnist', 'editor', 'economist', 'historian', 'source', 'officer', 'host', 'businesswoman', 'republican', 'democrat',
]);

/**
 * Roles whose words are their principal's: "Iraq's ambassador said" speaks
 * for Iraq, while "Iran's most powerful general vowed" is a person of Iran
 * speaking for himself (unknown unless named).
 */
// prettier-ignore
export const REPRESENTATIVE_NOUNS = wordSet('REPRESENTATIVE_NOUNS', [
  'spokesman', 'spokeswoman', 'spokesperson', 'ambassador', 'envoy', 'representative', 'delegate', 'emissary', 'mouthpiece',
]);

/** Organisation-denoting head nouns: `the newspaper said` refers to a preceding organisation. */
// prettier-ignore
export const ORG_NOUNS = wordSet('ORG_NOUNS', [
  'newspaper', 'paper', 'daily', 'agency', 'ministry', 'government', 'administration', 'department', 'group', 'militia', 'organization', 'organisation', 'committee', 'company', 'firm', 'network', 'channel', 'outlet', 'broadcaster', 'party', 'campaign', 'council', 'parliament', 'office', 'army', 'military', 'movement', 'coalition', 'alliance', 'bloc', 'union', 'court', 'station', 'website', 'site', 'magazine', 'publication', 'institute', 'center', 'centre', 'bank', 'corporation', 'board', 'commission', 'cabinet', 'regime', 'kremlin', 'pentagon', 'team', 'faction', 'service', 'authority', 'authorities', 'police', 'force', 'forces',
]);

/** Heads that make a description a group or an anonymous source; their speaker stays unknown. */
// prettier-ignore
export const ANONYMOUS_HEADS = wordSet('ANONYMOUS_HEADS', [
  'sources', 'officials', 'reports', 'people', 'critics', 'analysts', 'experts', 'observers', 'residents', 'witnesses', 'supporters', 'others', 'many', 'some', 'media', 'voters', 'members', 'lawmakers', 'parliamentarians', 'militias', 'parties', 'everyone', 'someone', 'polls', 'surveys', 'studies', 'intelligence',
]);

/**
 * Further inflected forms that PolNeAR's training split marks as attribution
 * cues often enough to be worth a rule — first those cue in at least 40% of
 * their lowercase occurrences (seen at least four times), then verbs at 30%
 * (seen at least three times): the long tail of reporting verbs ("endorsed",
 * "blasted", "likened"). They take the generic frame: subject as source, the
 * rest of the clause as content, a following preposition joining the cue
 * ("spoke about"). Adverbs, nouns and adjectives from those counts are left out.
 */
// prettier-ignore
export const EXTRA_CUE_FORMS: string[] = [
  'said', 'says', 'told', 'say', 'wrote', 'called', 'saying', 'added', 'asked', 'reported', 'noted',
  'announced', 'suggested', 'calling', 'expected', 'argued', 'tweeted', 'described', 'found', 'continued',
  'showed', 'endorsed', 'declined', 'seemed', 'accused', 'shows', 'criticized', 'adding', 'declared',
  'responded', 'telling', 'explained', 'appeared', 'acknowledged', 'agreed', 'expressed', 'pointed',
  'referring', 'offered', 'urged', 'supported', 'sought', 'claimed', 'warned', 'refused', 'cited',
  'proposed', 'defended', 'concluded', 'stated', 'praised', 'revealed', 'promised', 'vowed', 'opposed',
  'recalled', 'hopes', 'suggesting', 'asking', 'noting', 'insisted', 'arguing', 'rejected', 'mention',
  'tells', 'attacked', 'posted', 'issued', 'argue', 'questioned', 'citing', 'talked', 'suggest', 'discuss',
  'replied', 'named', 'mentioned', 'denied', 'writes', 'hoping', 'indicated', 'blasted', 'suggests',
  'denounced', 'predicted', 'dismissed', 'pushed', 'shown', 'confirmed', 'pointing', 'charged', 'admitted',
  'blamed', 'learned', 'claiming', 'ordered', 'worried', 'sees', 'referred', 'complained', 'assured',
  'insist', 'hoped', 'oppose', 'promising', 'echoed', 'criticizing', 'describing', 'reiterated', 'discussed',
  'finds', 'tweeting', 'warning', 'mocked', 'urging', 'questioning', 'identified', 'explaining',
  'acknowledge', 'repeated', 'explain', 'praise', 'seeks', 'listed', 'denouncing', 'stating', 'condemned',
  'announcing', 'deemed', 'asserted', 'defending', 'argues', 'joked', 'declaring', 'reminded', 'challenged',
  'voiced', 'sounded', 'recalling', 'requested', 'stressed', 'nominated', 'portrayed', 'conceded', 'prefer',
  'accusing', 'asks', 'decried', 'highlighted', 'touted', 'describes', 'railed', 'encouraged', 'slammed',
  'emphasized', 'express', 'boasted', 'estimates', 'emailed', 'discussing', 'pleaded', 'announce',
  'expecting', 'thanked', 'adds', 'accuses', 'refusing', 'titled', 'threatened', 'vows', 'projected',
  'acknowledging', 'remarked', 'preferred', 'convince', 'answered', 'shouted', 'highlighting', 'praising',
  'predicting', 'touting', 'insisting', 'lamented', 'promote', 'remembered', 'signaled', 'approved', 'ruled',
  'repeating', 'proposing', 'disclosed', 'indicate', 'portray', 'retweeted', 'quoted', 'vowing', 'explains',
  'chanted', 'reminding', 'cites', 'insists', 'assailed', 'angered', 'applauded', 'referenced', 'forecast',
  'presented', 'rattled', 'criticize', 'recommended', 'cautioned', 'dismissing', 'declare', 'alleging',
  'blasting', 'championed', 'mentioning', 'slams', 'thanking', 'pledging', 'bemoaned', 'apologized',
  'predict', 'attributed', 'slamming', 'implied', 'believing', 'threatening', 'likened', 'warn', 'praises',
  'mocking', 'restricting', 'wondered', 'sided', 'invoked', 'admits', 'focuses', 'documented', 'commented',
  'indicates', 'mentions', 'detailing', 'echoing', 'concludes', 'emphasize', 'yelled', 'weighed', 'avoided',
  'lambasted', 'refuses', 'considers', 'distanced', 'balked', 'rebuked', 'reveal', 'referencing',
  'interjected', 'implying', 'derided', 'realized', 'lashed', 'persuaded', 'recounted', 'regarded',
  'speculated', 'blasts', 'blaming', 'pressing', 'labeled', 'pledges', 'knocked', 'unveiled', 'remarking',
  'testified', 'suspected', 'aiming', 'asserting', 'emphasizing', 'congratulated', 'portraying', 'dubbed',
  'imagined', 'refers', 'declares', 'articulated', 'cite', 'debated', 'responds', 'outlining', 'hailed',
  'vow', 'complain', 'sparred', 'reacted', 'negotiated', 'condemning', 'conclude', 'opted', 'rejecting',
  'pivoted', 'advocated', 'cry', 'brushed', 'rebut', 'threaten', 'alluding', 'acquiesced', 'proclaimed',
  'fearing', 'singled', 'prefers', 'rebuffed', 'introducing', 'remembers', 'wondering', 'outlined', 'boasts',
  'contends', 'lays', 'expressing', 'inclined', 'justify', 'credited', 'mused', 'dismisses', 'chanting',
  'blames', 'alleges',
  // Seen as cues in at least 30% of occurrences, at least three times (verbs only).
  'talking', 'spoke', 'voted', 'supporting', 'pledged', 'seeking', 'thinks', 'considered', 'backing',
  'respond', 'endorse', 'backed', 'believes', 'seem', 'promises', 'pushing', 'offering', 'writing',
  'favored', 'describe', 'viewed', 'pressed', 'estimated', 'addressed', 'endorsing', 'recognized',
  'welcomed', 'wonder', 'embraced', 'persuade', 'encourage', 'celebrated', 'admit', 'opposes', 'agrees',
  'refuse', 'noticed', 'highlight', 'repeat', 'naming', 'demanded', 'informed', 'admitting', 'observed',
  'recall', 'accuse', 'reveals', 'disclose', 'answering', 'coined', 'blast', 'protesting', 'stressing',
  'mulling', 'unleashed', 'underscore', 'congratulating', 'predicts', 'billed', 'trumpeting', 'decrying',
  'disavow', 'downplayed', 'joking', 'apologize', 'boast', 'promotes', 'concede', 'recommend', 'commenting',
  'ripped', 'interpreted', 'affirm', 'worrying', 'recognizes', 'paints', 'laments', 'clarified', 'envision',
  'reaffirmed', 'confirming', 'denies', 'chiding', 'criticizes', 'assumed', 'hinted', 'bragged', 'foresee',
  'mock', 'uttered', 'opined', 'disputed', 'disavowed', 'characterized', 'disliked', 'envisioned', 'quoting',
  'tout', 'pronounced', 'vouched', 'remind', 'underscored', 'chided', 'crediting', 'touts', 'speculate',
  'lamenting', 'contradicted', 'contemplate', 'acknowledges', 'elaborated',
];

// ---------------------------------------------------------------- inflection

function regularForms(lemma: string): [string, string, string, string] {
  const s = /(s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ies` : `${lemma}s`;
  let past: string;
  let ing: string;
  if (lemma.endsWith('e')) {
    past = `${lemma}d`;
    ing = `${lemma.slice(0, -1)}ing`;
  } else if (/[^aeiou]y$/.test(lemma)) {
    past = `${lemma.slice(0, -1)}ied`;
    ing = `${lemma}ing`;
  } else {
    past = `${lemma}ed`;
    ing = `${lemma}ing`;
  }
  return [s, past, past, ing];
}

export interface CueForm {
  verb: CueVerb;
  /** Which form the token is. */
  form: 'base' | 's' | 'past' | 'participle' | 'ing';
}

/** Forms never taken as cues: mostly nouns in news ("Twenty-seven states", "his remarks"), or rarely attributions. */
// prettier-ignore
export const NOUN_FORMS = wordSet('NOUN_FORMS', [
  // Forms PolNeAR's training split seldom marks as cues ("think" 9% of lowercase occurrences, "plans" 20%,
  // "spoke" 34%): as cues they cost more precision than they bring recall.
  'plans', 'planned', 'want', 'wants', 'wanting', 'feel', 'feels', 'felt', 'understand', 'understands', 'seek', 'maintain', 'maintains',
  'maintained', 'expects', 'realize', 'assume', 'reporting', 'finding', 'find', 'spoke', 'considered', 'thought', 'thinking',
  // Nouns.
  'state', 'states', 'remarks', 'comments', 'comment', 'tweets', 'worries', 'answer', 'answers', 'report', 'show', 'post', 'posts', 'charge', 'charges', 'estimate', 'estimates', 'fears', 'hopes', 'plan', 'aims', 'aim', 'claim', 'doubts', 'doubt', 'demands', 'findings', 'feeling']);

/** Every inflected form of every cue verb, lowercase. */
export const CUE_FORMS: Map<string, CueForm> = (() => {
  const map = new Map<string, CueForm>();
  for (const verb of CUE_VERBS) {
    const [s, past, part, ing] = verb.forms ?? regularForms(verb.lemma);
    const add = (w: string, form: CueForm['form']) => {
      if (!map.has(w)) map.set(w, { verb, form });
    };
    add(past, 'past');
    add(s, 's');
    add(ing, 'ing');
    add(part, 'participle');
    add(verb.lemma, 'base');
  }
  const generic: CueVerb = { lemma: '', cls: 'speech', frame: 'np', generic: true };
  for (const w of EXTRA_CUE_FORMS) {
    if (map.has(w)) continue;
    const form: CueForm['form'] = w.endsWith('ing') ? 'ing' : w.endsWith('ed') ? 'past' : w.endsWith('s') ? 's' : 'base';
    map.set(w, { verb: { ...generic, lemma: w }, form });
  }
  for (const w of NOUN_FORMS) map.delete(w);
  return map;
})();
