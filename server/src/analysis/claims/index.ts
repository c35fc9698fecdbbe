import type { Claim, ClaimForm, DocumentStructure, EntityCluster, EntityMention, Section, Sentence, Span, Token } from '../types';
import { buildContext, closesQuote, isCapitalised, isWord, opensQuote, type ClaimContext } from './context';
import { CUE_FORMS, CUE_NOUNS, HEDGES, PASSIVE_ALLEGATION, PASSIVE_REPORT, SOURCELESS_ADVERBS, type CueForm } from './lexicon';
import { resolveSpeaker, type SpeakerHistory } from './speaker';
import { locatesPeople } from '../places/speakers';

export interface ClaimInput {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  structure: DocumentStructure;
  mentions: EntityMention[];
  entities: EntityCluster[];
}

/*
 * Attribution detection after PolNeAR (source, cue, content), by rules over
 * tokens and a cue lexicon. Each rule looks at a bounded window around its
 * cue; content ends come from tables precomputed in linear passes, so the
 * stage stays linear in the document length.
 */

interface Draft {
  content: Span;
  cue: Span | null;
  /** Source token range [a, b), or null. */
  source: [number, number] | null;
  form: ClaimForm;
  /** Token of the cue, for ordering and de-duplication. */
  at: number;
}

const AUX = new Set(['ca', 'wo', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must', 'shall', 'did', 'does', 'do', "n't", 'not', 'never', 'to', 'also', 'later', 'then', 'previously', 'repeatedly', 'recently', 'once', 'again', 'still', 'already', 'even', 'just', 'further', 'first', 'now', 'often', 'merely', 'simply', 'only', 'all', 'both', 'publicly', 'privately', 'flatly', 'generally', 'have', 'been', 'being', 'apparently', 'reportedly', 'allegedly', 'clearly', 'strongly', 'quickly', 'widely', 'long', 'since', 'yet', 'ever', 'actually', 'openly', 'last', 'subsequently', 'however', 'meanwhile', 'instead', 'himself', 'herself', 'themselves', 'itself']);
const NOUN_MARKERS = new Set(["'s", "'", 'the', 'a', 'an', 'his', 'her', 'their', 'its', 'my', 'our', 'your', 'this', 'these', 'those', 'that', 'whose', 'no', 'any', 'every', 'each']);
/** Words that open an adjunct, not reported content ("she said several months after …"). */
const ADJUNCT_START = new Set(['several', 'in', 'on', 'at', 'after', 'before', 'during', 'while', 'when', 'as', 'last', 'earlier', 'later', 'of', 'to', 'about', 'from', 'with', 'without', 'recently', 'afterwards', 'afterward', 'then', 'outside', 'inside', 'via', 'through', 'following', 'among', 'over', 'under', 'yesterday', 'today', 'tonight', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'and', 'but', 'adding', 'noting', 'again', 'repeatedly', 'twice', 'once', 'quietly', 'simply', 'flatly', 'by', 'for', 'into', 'upon', 'shortly'])
/** Words after which an object no longer continues. */
const OBJECT_ENDERS = new Set(['during', 'since', 'when', 'after', 'before', 'while', 'because', 'but', 'although', 'though', 'whereas', 'until', 'amid', 'despite']);
/** Nouns of occasions and times: "in a statement", "at a rally", "on Monday night". */
const EVENT_NOUNS = new Set(['statement', 'interview', 'speech', 'rally', 'tweet', 'tweets', 'post', 'debate', 'hearing', 'conference', 'briefing', 'letter', 'email', 'op-ed', 'appearance', 'event', 'meeting', 'address', 'radio', 'television', 'broadcast', 'video', 'program', 'show', 'town', 'stop', 'remarks', 'forum', 'call', 'session', 'early', 'late', 'recent']);

function adjunctAhead(ctx: ClaimContext, j: number): boolean {
  for (let t = j; t < j + 4 && t < ctx.tokens.length; t++) {
    const w = ctx.lower[t];
    if (EVENT_NOUNS.has(w) || DAYS.has(w) || TIME_WORDS.has(w)) return true;
    if (!isWord(w)) return false;
  }
  return false;
}

/** Prepositions that open an adjunct between a cue and its content ("said via email that"). */
const ADJUNCT_PREPS = new Set(['on', 'in', 'at', 'during', 'earlier', 'to', 'of', 'about', 'via', 'through', 'from', 'after', 'before', 'while', 'when', 'with', 'by', 'over', 'under', 'before', 'outside', 'inside', 'following']);
const WH_WORDS = new Set(['how', 'what', 'why', 'whether', 'if', 'where', 'when', 'who', 'which']);
const STRICT_INFINITIVE = new Set(['want', 'plan', 'aim', 'intend', 'refuse', 'seek']);
/** Prepositions that belong to a generic cue ("spoke about", "apologized for", "responded with"). */
const CUE_PREPS = new Set(['about', 'of', 'for', 'to', 'on', 'with', 'against', 'at', 'into']);
const MODALS = new Set(['could', 'would', 'will', 'can', 'may', 'might', 'should', 'must', 'has', 'have', 'had', 'does', 'do', 'did']);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", "'re"]);
const DAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'earlier', 'later']);
/** Function words that end a noun phrase when met walking left from a cue. */
const NP_STOP = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'when', 'where', 'while', 'after', 'before', 'because', 'since', 'although', 'though', 'if', 'unless', 'as', 'than', 'but', 'or', 'nor', 'so', 'yet', 'in', 'on', 'at', 'with', 'by', 'from', 'into', 'onto', 'about', 'over', 'under', 'against', 'between', 'through', 'during', 'without', 'within', 'upon', 'via', 'like', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'do', 'does', 'did', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'should', 'not', "n't", 'what', 'how', 'why', 'whether', 'there', 'here', 'also', 'then', 'now', 'even', 'just', 'to', 'and', 'said', 'says', 'told', 'says', 'it', 'him', 'them', 'us', 'me', 'this', 'these', 'those', 'once', 'until', 'whereby', 'wherein', 'thus', 'however', 'therefore', 'meanwhile', 'instead', 'indeed', 'still', 'already',
]);
const PRONOUN_SOURCES = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you', 'who']);
/** The writer and the reader: their statements are the article's own. */
const AUTHOR_PRONOUNS = new Set(['i', 'we', 'you', 'us', "you're", "we're", "i'm", "we've", "i've", "you've", "we'd", "i'd", "you'd"]);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'another', 'some', 'many', 'most', 'all', 'several', 'numerous', 'few', 'each', 'every', 'any', 'no', 'both', 'other', 'such']);
const TIME_WORDS = new Set(['week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'weekend', 'ago', 'time', 'summer', 'spring', 'fall', 'autumn', 'winter', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'days', 'weeks', 'months', 'years']);
const PREPOSITIONS = new Set(['of', 'to', 'with', 'from', 'by', 'for', 'in', 'on', 'at', 'against', 'about', 'into', 'over', 'than', 'like']);
const SUBORDINATORS = new Set(['that', 'after', 'because', 'if', 'when', 'while', 'since', 'although', 'though', 'whether', 'as', 'unless', 'before', 'until', 'where']);
const CLOSE_PUNCT = new Set(['.', '!', '?', '…']);
const DASHES = new Set(['—', '–', '--', '-']);

/** Every word that can start a rule: one set lookup per token before any rule runs. */
const TRIGGERS = new Set<string>(['according', ':', '―', 'show', 'hopes', 'hope', 'self-described', 'self-styled', 'self-proclaimed', ...DASHES, ...SOURCELESS_ADVERBS, ...CUE_FORMS.keys(), ...CUE_NOUNS]);

/**
 * "hopes" is mostly a noun ("their hopes"); after a name or a pronoun and
 * before a clause or "to" ("Christie hopes his endorsement will …", "Clinton
 * hopes to …") it reports a belief or an intention.
 */
function hopeVerb(ctx: ClaimContext, k: number): CueForm | undefined {
  const w = ctx.lower[k];
  if (w !== 'hopes' && w !== 'hope') return undefined;
  const before = ctx.lower[k - 1] ?? '';
  const subject = ctx.mentionOf[k - 1] >= 0 || (w === 'hopes' ? before === 'he' || before === 'she' : before === 'they' || before === 'i' || before === 'we');
  if (!subject || NOUN_MARKERS.has(before)) return undefined;
  const next = ctx.lower[k + 1] ?? '';
  if (!(next === 'to' || next === 'that' || SUBJECT_PRONOUNS.has(next) || DETERMINERS.has(next) || NOUN_MARKERS.has(next) || isCapitalised(ctx.tokens[k + 1]?.text ?? ''))) return undefined;
  return { verb: HOPE, form: w === 'hopes' ? 's' : 'base' };
}

const HOPE: CueForm['verb'] = { lemma: 'hope', cls: 'belief', frame: 'clause' };

/** "a self-described democratic socialist": the description is the speaker's own claim about themselves. */
function selfDescribed(ctx: ClaimContext, k: number): Draft | null {
  const s = sentenceOf(ctx, k);
  let e = k + 1;
  while (e < s.tokenEnd && e < k + 8 && (isWord(ctx.lower[e]) || ctx.quoteOf[e] >= 0) && !NP_STOP.has(ctx.lower[e]) && !CUE_FORMS.has(ctx.lower[e])) e++;
  if (e === k + 1) return null;
  return { content: span(ctx, k + 1, e), cue: span(ctx, k, k + 1), source: [k, k + 1], form: 'indirect', at: k };
}

/**
 * "show" is mostly a noun in news ("the show"), so the lexicon leaves it out;
 * after a plural subject and before a clause ("polls show Clinton ahead",
 * "documents show he took …") it reports findings.
 */
function pluralSubjectShow(ctx: ClaimContext, k: number): CueForm | undefined {
  if (ctx.lower[k] !== 'show') return undefined;
  const before = ctx.lower[k - 1] ?? '';
  const after = ctx.tokens[k + 1];
  if (!/^[a-z]{3,}s$/.test(before) || NOUN_MARKERS.has(before) || !after) return undefined;
  const next = ctx.lower[k + 1];
  // "…, fundraising documents show.": the findings come first.
  const endsSentence = CLOSE_PUNCT.has(next) && ctx.sentOf[k + 1] === ctx.sentOf[k];
  if (!(next === 'that' || PRONOUN_SOURCES.has(next) || (isCapitalised(after.text) && ctx.mentionOf[k + 1] >= 0) || endsSentence)) return undefined;
  return SHOWS ? { verb: SHOWS.verb, form: 's' } : undefined;
}

const SHOWS = CUE_FORMS.get('shows');

export function detectClaims(input: ClaimInput): Claim[] {
  const ctx = buildContext(input.text, input.tokens, input.sentences, input.structure, input.mentions, input.entities);
  const drafts: Draft[] = [];
  const cut = contentCuts(ctx);
  const n = ctx.tokens.length;
  for (let k = 0; k < n; k++) {
    // Cues inside quotes belong to the quoted speaker; a colon may still be a transcript turn ("WALLACE: …).
    if (ctx.quoteOf[k] >= 0 && !opensQuote(ctx, k) && !closesQuote(ctx, k) && ctx.lower[k] !== ':') continue;
    const w = ctx.lower[k];
    if (!TRIGGERS.has(w)) continue;
    if (w === 'according' && ctx.lower[k + 1] === 'to') {
      pushAll(drafts, accordingTo(ctx, k, cut));
      continue;
    }
    if (SOURCELESS_ADVERBS.has(w)) {
      pushAll(drafts, sourcelessAdverb(ctx, k, cut));
      continue;
    }
    if (w === ':') {
      pushAll(drafts, colonCue(ctx, k));
      continue;
    }
    if (DASHES.has(w) || w === '―') {
      pushAll(drafts, dashSignature(ctx, k));
      continue;
    }
    if (w === 'self-described' || w === 'self-styled' || w === 'self-proclaimed') {
      pushAll(drafts, selfDescribed(ctx, k));
      continue;
    }
    const form = CUE_FORMS.get(w) ?? pluralSubjectShow(ctx, k) ?? hopeVerb(ctx, k);
    // Title-case headlines capitalise their verbs: "…, Lindsey Graham Says", "Obama Says Museum Will …".
    const headlineEnd =
      inHeadline(ctx, k) && (k + 1 >= n || ctx.blockOf[k + 1] !== ctx.blockOf[k] || CLOSE_PUNCT.has(ctx.lower[k + 1]) || ((form?.form === 's' || form?.form === 'past') && k > 0 && isCapitalised(ctx.tokens[k - 1].text)));
    if (form && (!isCapitalised(ctx.tokens[k].text) || isSentenceInitial(ctx, k) || headlineEnd)) {
      const d = verbCue(ctx, k, form, cut, drafts);
      if (d) {
        pushAll(drafts, d);
        continue;
      }
    }
    if (CUE_NOUNS.has(w) && ctx.lower[k + 1] === 'that' && !isCapitalised(ctx.tokens[k].text)) pushAll(drafts, nounCue(ctx, k, cut));
  }
  pushAll(drafts, blockQuotes(ctx));
  pushAll(drafts, orphanQuotes(ctx, drafts));
  return finish(ctx, drafts);
}

function pushAll(out: Draft[], d: Draft | Draft[] | null): void {
  if (!d) return;
  if (Array.isArray(d)) out.push(...d);
  else out.push(d);
}

function inHeadline(ctx: ClaimContext, k: number): boolean {
  const b = ctx.blockOf[k];
  return b >= 0 && ctx.structure.blocks[b].kind === 'headline';
}

function isSentenceInitial(ctx: ClaimContext, k: number): boolean {
  const si = ctx.sentOf[k];
  return si >= 0 && ctx.firstWord[si] === k;
}

function sentenceOf(ctx: ClaimContext, k: number): Sentence {
  return ctx.sentences[ctx.sentOf[k]];
}

// ------------------------------------------------------------------ content ends

/**
 * Per token, the first token at or after it where reported content stops
 * inside its sentence: "; ", ", but", "and you ...", ", according to",
 * ", saying", "and demanded" (a second cue sharing the subject). Built right
 * to left in one pass.
 */
function contentCuts(ctx: ClaimContext): Int32Array {
  const n = ctx.tokens.length;
  const cut = new Int32Array(n + 1);
  cut[n] = n;
  for (let k = n - 1; k >= 0; k--) {
    const s = ctx.sentences[ctx.sentOf[k]];
    const sentEnd = s ? s.tokenEnd : k + 1;
    let here = false;
    if (ctx.quoteOf[k] < 0) {
      const w = ctx.lower[k];
      const next = ctx.lower[k + 1] ?? '';
      if (w === ';') here = true;
      else if (w === ',' && ((next === 'but' && ctx.lower[k + 2] !== 'that') || next === 'according' || next === 'while' || next === 'whereas' || next === 'with' || next === 'although' || next === 'though')) here = true;
      else if (w === ',' && (next === 'it' || next === 'there') && BE.has(ctx.lower[k + 2] ?? '')) here = true;
      else if (w === ',' && (next === 'a' || next === 'an') && (ctx.lower[k + 3] === 'that' || ctx.lower[k + 3] === 'which')) here = true;
      else if (w === ',' && clauseWithCueFollows(ctx, k + 1)) here = true;
      else if (w === ',' && CUE_FORMS.get(next)?.form === 'ing') here = true;
      else if ((w === 'and' || w === 'but') && (next === 'you' || next === 'i' || next === 'we' || next === 'then')) here = true;
      else if ((w === 'and' || w === 'but') && isFiniteCue(ctx, k + 1)) here = true;
      // "…, and he reiterated his claim …": the narration goes on with a new clause.
      else if (w === 'and' && (next === 'he' || next === 'she' || next === 'they') && /^(?:[a-z]+ed|has|had|was|were|is|are|did|does|also)$/.test(ctx.lower[k + 2] ?? '')) here = true;
    }
    const following = k + 1 < sentEnd ? cut[k + 1] : sentEnd;
    cut[k] = here ? k : Math.min(following, sentEnd);
  }
  return cut;
}

/** ", Kataib Hezbollah threatened …": a new subject and cue start another attribution. */
function clauseWithCueFollows(ctx: ClaimContext, k: number): boolean {
  if (!isCapitalised(ctx.tokens[k]?.text ?? '')) return false;
  for (let j = k + 1; j < k + 7 && j < ctx.tokens.length; j++) {
    const w = ctx.lower[j];
    if (!isWord(w) && w !== "'s") return false;
    const f = CUE_FORMS.get(w);
    if (f && (f.form === 'past' || f.form === 's') && !isCapitalised(ctx.tokens[j].text)) return true;
  }
  return false;
}

function isFiniteCue(ctx: ClaimContext, k: number): boolean {
  let j = k;
  while (j < k + 3 && (ctx.lower[j]?.endsWith('ly') || ctx.lower[j] === 'also')) j++;
  const f = CUE_FORMS.get(ctx.lower[j] ?? '');
  return !!f && (f.form === 'past' || f.form === 's');
}

/** The end of content that starts at token p: its sentence (or clause cut), widened to any quote it opens. */
function contentEnd(ctx: ClaimContext, p: number, cut: Int32Array): number {
  const s = sentenceOf(ctx, p);
  let endTok = Math.max(p + 1, cut[p]);
  let end = ctx.tokens[endTok - 1].end;
  // A quote opened inside the content runs to its closing mark, across sentences.
  // Quotes are contiguous, so only the one holding the last token can reach past it.
  const lastQ = ctx.quoteOf[endTok - 1];
  if (lastQ >= 0 && ctx.quotes[lastQ].end > end) {
    end = ctx.quotes[lastQ].end;
    endTok = ctx.quoteTokEnd[lastQ];
  }
  // Drop a final period (kept inside quotes) and trailing commas.
  let last = endTok - 1;
  while (last > p && ctx.quoteOf[last] < 0 && (ctx.lower[last] === '.' || ctx.lower[last] === ',' || ctx.lower[last] === ':' || DASHES.has(ctx.lower[last]))) last--;
  if (ctx.tokens[last].end < end) end = ctx.tokens[last].end;
  void s;
  return end;
}

// ------------------------------------------------------------------ sources

/** Walks left from token j (inclusive) over a noun phrase; returns its first token or -1 when there is none. */
function nounPhraseLeft(ctx: ClaimContext, j: number, floor: number): number {
  const { lower, tokens } = ctx;
  let a = j + 1;
  for (let k = j, steps = 0; k >= floor && steps < 16; k--, steps++) {
    const w = lower[k];
    if (ctx.quoteOf[k] >= 0) break;
    const cap = isCapitalised(tokens[k].text);
    if (w === "'s" || w === "'" || w === ')' || w === '(' || w === '.' || w === '&' || w === '-') {
      if ((w === '.' || w === "'") && k === j) break;
      a = k;
      continue;
    }
    // "42% say", "53 percent said": a share of a poll.
    if (w === '%' || (/^\d/.test(w) && (lower[k + 1] === '%' || lower[k + 1] === 'percent'))) {
      a = k;
      continue;
    }
    if (!isWord(w)) break;
    if (w === 'of' || w === 'for') {
      if (k === j) break;
      a = k;
      continue;
    }
    if (k < j && locatesPeople(ctx, k)) { a = k; continue; } // "officials in Atlanta said" (places/speakers.ts)
    if (w === 'and' && k > floor && k < j && isCapitalised(tokens[k - 1].text) && isCapitalised(tokens[k + 1].text)) {
      a = k;
      continue;
    }
    if (w === 'to' && k < j && k > floor && !AUX.has(lower[k - 1]) && isCapitalised(tokens[k + 1].text) === false && lower[k + 1] === 'the' && isWord(lower[k - 1])) {
      a = k;
      continue;
    }
    if (cap) {
      // "US", "UN" are names; "But", "And" opening a clause are not.
      const acronym = tokens[k].text.length > 1 && tokens[k].text === tokens[k].text.toUpperCase();
      if (NP_STOP.has(w) && !acronym && (isSentenceInitial(ctx, k) || w.length <= 3)) break;
      a = k;
      continue;
    }
    if (NP_STOP.has(w) || SUBORDINATORS.has(w) || PRONOUN_SOURCES.has(w) || AUTHOR_PRONOUNS.has(w)) break;
    if (CUE_FORMS.has(w) && !CUE_NOUNS.has(w)) break;
    if (w.endsWith('ly') && k === j) break;
    a = k;
    // A determiner opens its noun phrase unless a preposition ties it to a head on the left ("a spokesman for the group").
    if (DETERMINERS.has(w)) {
      const l = lower[k - 1] ?? '';
      if (!(k - 1 >= floor && (l === 'of' || l === 'for' || l === 'and' || l === 'to' || l === "'s"))) break;
    }
  }
  // Trim leading function words the walk may have crossed.
  while (a <= j && (lower[a] === 'of' || lower[a] === 'for' || lower[a] === 'to' || lower[a] === 'and' || lower[a] === "'s" || lower[a] === ')' || lower[a] === '-')) a++;
  return a <= j ? a : -1;
}

interface SourceFound {
  range: [number, number];
  /** Token before the source (where postposed content ends), or -1. */
  before: number;
  /** The cue is an infinitive ("for Ash Carter to tell"). */
  infinitive?: boolean;
}

/**
 * The source of a cue at k, to its left: skips auxiliaries and adverbs, then
 * takes the noun phrase, widening over an appositive ("X, a senior lawmaker,")
 * and hopping back over a parenthetical (", in an interview with Y,").
 */
function sourceLeft(ctx: ClaimContext, k: number): SourceFound | null | 'passive' {
  const { lower } = ctx;
  const s = sentenceOf(ctx, k);
  const floor = s.tokenStart;
  let j = k - 1;
  let sawBe = false;
  let infinitive = false;
  for (let steps = 0; j >= floor && steps < 8; steps++) {
    const w = lower[j];
    if (w === 'to' && steps === 0) infinitive = true;
    if (BE.has(w)) {
      sawBe = true;
      j--;
      continue;
    }
    if (AUX.has(w) || DAYS.has(w) || (w.endsWith('ly') && w.length > 4 && !isCapitalised(ctx.tokens[j].text))) {
      j--;
      continue;
    }
    if (w === 'on' && DAYS.has(lower[j + 1] ?? '')) {
      j--;
      continue;
    }
    // "Cruz said last week …", "X told reporters Thursday night …".
    if (TIME_WORDS.has(w) && j - 1 >= floor && (lower[j - 1] === 'last' || lower[j - 1] === 'this' || lower[j - 1] === 'next' || lower[j - 1] === 'earlier' || DAYS.has(lower[j - 1]))) {
      j -= 2;
      continue;
    }
    break;
  }
  if (sawBe) {
    const f = CUE_FORMS.get(lower[k]);
    if (f && (f.form === 'past' || f.form === 'participle')) return 'passive';
  }
  if (j < floor) return null;
  const found = sourceAt(ctx, j, floor);
  if (found && infinitive) found.infinitive = true;
  return found;
}

function sourceAt(ctx: ClaimContext, j: number, floor: number): SourceFound | null {
  const { lower } = ctx;
  const w = lower[j];
  if (PRONOUN_SOURCES.has(w) && w !== 'who') return { range: [j, j + 1], before: j - 1 };
  if (w === 'who' || (w === 'that' && j > floor && isWord(lower[j - 1]) && !CUE_FORMS.has(lower[j - 1]))) {
    // Relative clause: the antecedent is the speaker.
    let p = j - 1;
    if (lower[p] === ',') p--;
    if (w === 'who') {
      for (let q = p; q >= floor && q > p - 25; q--) {
        const mi = ctx.mentionOf[q];
        if (mi >= 0 && ctx.mentions[mi].type === 'person' && ctx.quoteOf[q] < 0) {
          let a = q;
          while (a > floor && ctx.mentionOf[a - 1] === mi) a--;
          return { range: [a, q + 1], before: a - 1 };
        }
      }
    }
    if (p < floor) return null;
    const a = nounPhraseLeft(ctx, p, floor);
    return a >= 0 ? { range: [a, p + 1], before: a - 1 } : null;
  }
  if (DASHES.has(w) && j > floor) {
    // "Many speakers — including Muslims, Christians — said": hop back over the dashed aside.
    let c = j - 1;
    while (c > floor && c > j - 30 && !DASHES.has(lower[c]) && ctx.quoteOf[c] < 0) c--;
    if (c > floor && c < j - 1 && DASHES.has(lower[c])) {
      const inner = sourceAt(ctx, c - 1, floor);
      if (inner) return { range: [inner.range[0], j], before: inner.before };
    }
    return null;
  }
  if (w === ',') {
    // "Angelique Brunner, a developer and spokeswoman for X, which …, said": a named subject
    // opening the clause (at the sentence start or after a quotation), with its appositives.
    const opener = subjectOpener(ctx, j, floor);
    if (opener >= 0) return { range: [opener, j], before: opener - 1 };
    // "X, in an interview with Y, said": hop over a parenthetical starting with a preposition.
    let c = j - 1;
    while (c >= floor && c > j - 20 && lower[c] !== ',' && ctx.quoteOf[c] < 0) c--;
    // Also a participle: "Mary Susan, clad in a red cape …, said", "X, wearing a T-shirt …, said".
    const participle = /^[a-z]+(?:ed|ing)$/.test(lower[c + 1] ?? '') || lower[c + 1] === 'clad';
    if (c >= floor && lower[c] === ',' && (PREPOSITIONS.has(lower[c + 1]) || lower[c + 1] === 'speaking' || lower[c + 1] === 'who' || lower[c + 1] === 'which' || participle)) {
      const a = nounPhraseLeft(ctx, c - 1, floor);
      if (a >= 0) return { range: [a, c], before: a - 1 };
    }
    // "X, a senior lawmaker, said": the appositive with its name.
    if (c >= floor && c < j - 1) {
      const a = DETERMINERS.has(lower[c + 1]) ? c + 1 : nounPhraseLeft(ctx, j - 1, c + 1);
      if (a === c + 1) {
        const b = nounPhraseLeft(ctx, c - 1, floor);
        if (b >= 0) return { range: [b, j], before: b - 1 };
      }
    }
    return null;
  }
  const a = nounPhraseLeft(ctx, j, floor);
  if (a < 0) return null;
  // Appositive before: "Hamid al-Mutlaq, a senior Sunni lawmaker told".
  if (a - 1 > floor && lower[a - 1] === ',' && !isCapitalised(ctx.tokens[a].text)) {
    const b = nounPhraseLeft(ctx, a - 2, floor);
    // "through the end of August, a new analysis shows": a time phrase, not a name with its appositive.
    const tiedLeft = b > floor && (PREPOSITIONS.has(lower[b - 1]) || ADJUNCT_PREPS.has(lower[b - 1]));
    let named = false;
    for (let t = b; t >= 0 && t < a - 1 && !named; t++) named = hasName(ctx, t, t + 1) && !TIME_WORDS.has(lower[t]) && !DAYS.has(lower[t]);
    // "Jeb Bush, digital consultant Phil Musser says": the right part names its own person.
    let ownPerson = false;
    for (let t = a; t <= j && !ownPerson; t++) ownPerson = ctx.mentionOf[t] >= 0 && ctx.mentions[ctx.mentionOf[t]].type === 'person';
    if (b >= 0 && b < a - 1 && named && !tiedLeft && !ownPerson) return { range: [b, j + 1], before: b - 1 };
  }
  return { range: [a, j + 1], before: a - 1 };
}

function subjectOpener(ctx: ClaimContext, j: number, floor: number): number {
  let t = j - 1;
  for (; t >= floor && t > j - 45; t--) {
    if (ctx.quoteOf[t] >= 0) break;
    const w = ctx.lower[t];
    // "the No. 2 Republican": a period before a number ends nothing.
    if (w === 'that' || w === ';' || w === ':' || (CLOSE_PUNCT.has(w) && !(w === '.' && /^\d/.test(ctx.lower[t + 1] ?? '')))) return -1;
    const f = CUE_FORMS.get(w);
    if (f && (f.form === 'past' || f.form === 's') && !isCapitalised(ctx.tokens[t].text)) return -1;
  }
  const start = t + 1;
  if (start >= j || !(t < floor || closesQuote(ctx, t) || (ctx.lower[t] === ',' && closesQuote(ctx, t - 1)))) return -1;
  let a = start;
  while (a < j && (ctx.lower[a] === ',' || !isWord(ctx.lower[a]))) a++;
  if (a >= j || !isCapitalised(ctx.tokens[a].text) || NP_STOP.has(ctx.lower[a]) || SUBORDINATORS.has(ctx.lower[a]) || ADJUNCT_START.has(ctx.lower[a])) return -1;
  // The opener itself must be a name, not the start of a clause: a comma follows it shortly.
  let c = a;
  while (c < j && c < a + 8 && ctx.lower[c] !== ',') c++;
  if (ctx.lower[c] !== ',' || c >= j) return -1;
  for (let q = a; q < c; q++) if (!isCapitalised(ctx.tokens[q].text) && isWord(ctx.lower[q]) && !DETERMINERS.has(ctx.lower[q]) && ctx.lower[q] !== 'of') return -1;
  return a;
}

function hasName(ctx: ClaimContext, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (ctx.mentionOf[k] >= 0 || (isCapitalised(ctx.tokens[k].text) && !isSentenceInitial(ctx, k))) return true;
  return false;
}

/** A source after an inverted cue ("…," said Rep. Smith, head of …). */
function sourceRight(ctx: ClaimContext, p: number, maxLen = 30): [number, number] | null {
  const s = sentenceOf(ctx, p);
  if (p >= s.tokenEnd) return null;
  const w = ctx.lower[p];
  // "said former Obama adviser David Axelrod": a lowercase title before the name.
  let titled = false;
  for (let t = p; t < p + 4 && t < s.tokenEnd && !titled && isWord(ctx.lower[t]) && !CUE_FORMS.has(ctx.lower[t]) && !MODALS.has(ctx.lower[t]) && !BE.has(ctx.lower[t]); t++) {
    titled = t > p && isCapitalised(ctx.tokens[t].text);
  }
  if (!(isCapitalised(ctx.tokens[p].text) || PRONOUN_SOURCES.has(w) || w === 'the' || w === 'a' || w === 'an' || w === 'another' || w === 'one' || titled)) return null;
  if (w === 'i' || w === 'we' || w === 'you') return null;
  let e = p;
  while (e < s.tokenEnd && e < p + maxLen && ctx.quoteOf[e] < 0 && !CLOSE_PUNCT.has(ctx.lower[e]) && ctx.lower[e] !== ';') {
    if (ctx.lower[e] === ',' && (opensQuote(ctx, e + 1) || CUE_FORMS.get(ctx.lower[e + 1])?.form === 'ing')) break;
    e++;
  }
  if (e >= p + maxLen) return null; // ran on: a clause, not a name
  while (e > p && (ctx.lower[e - 1] === ',' || ctx.lower[e - 1] === ':')) e--;
  return e > p ? [p, e] : null;
}

/** "The GOP nominee complained …": a short noun phrase opening the sentence. */
function sentenceSubject(ctx: ClaimContext, s: Sentence): [number, number] | null {
  const a = ctx.firstWord[ctx.sentOf[s.tokenStart]];
  if (a < 0) return null;
  let e = a;
  while (e < s.tokenEnd && e < a + 6) {
    const w = ctx.lower[e];
    if (!isWord(w) || CUE_FORMS.has(w) || NP_STOP.has(w) || SUBORDINATORS.has(w) || ADJUNCT_START.has(w)) break;
    if (!isCapitalised(ctx.tokens[e].text) && !DETERMINERS.has(w) && (w.endsWith('ed') || w.endsWith('ly'))) break;
    e++;
  }
  if (e === a || e >= a + 6 || !(isCapitalised(ctx.tokens[a].text))) return null;
  return [a, e];
}

/** Nearest subject-like mention or pronoun left of k in its sentence (for ", saying …"). */
function clauseSubject(ctx: ClaimContext, k: number): [number, number] | null {
  const s = sentenceOf(ctx, k);
  for (let q = k - 1; q >= s.tokenStart && q > k - 40; q--) {
    if (ctx.quoteOf[q] >= 0) continue;
    const mi = ctx.mentionOf[q];
    const w = ctx.lower[q];
    if (mi >= 0 && ctx.mentions[mi].kind === 'actor') {
      let a = q;
      while (a > s.tokenStart && ctx.mentionOf[a - 1] === mi) a--;
      if (a > s.tokenStart && PREPOSITIONS.has(ctx.lower[a - 1])) {
        q = a;
        continue;
      }
      if (ctx.lower[q + 1] === "'s") {
        q = a;
        continue;
      }
      return [a, q + 1];
    }
    if ((w === 'he' || w === 'she' || w === 'they') && !PREPOSITIONS.has(ctx.lower[q - 1] ?? '')) return [q, q + 1];
  }
  return null;
}

// ------------------------------------------------------------------ rules

function span(ctx: ClaimContext, a: number, b: number): Span {
  return { start: ctx.tokens[a].start, end: ctx.tokens[b - 1].end };
}

/** Skips adjuncts between a cue and its content ("on Sunday", "in a statement", "told Sputnik"). Returns the content's first token. */
function skipToContent(ctx: ClaimContext, p: number, end: number, frame: CueForm['verb']['frame']): number {
  const { lower } = ctx;
  for (let steps = 0; p < end && steps < 6; steps++) {
    const w = lower[p];
    // "called Friday's decision …": a day with a possessive is the object, not a time adjunct.
    if ((DAYS.has(w) && lower[p + 1] !== "'s") || w === 'publicly' || w === 'repeatedly' || w === 'again' || w === 'also' || w === 'flatly' || w === 'not' || (TIME_WORDS.has(w) && DAYS.has(lower[p - 1]))) {
      p++;
      continue;
    }
    if ((w === 'this' || w === 'last' || w === 'next' || w === 'that') && TIME_WORDS.has(lower[p + 1] ?? '')) {
      p += 2;
      continue;
    }
    if (w === 'to' && frame === 'to') return p;
    if (w === 'about' && quantityAt(ctx, p + 1)) break; // "said about half of …": a quantity, not a topic
    if (ADJUNCT_PREPS.has(w) && ctx.quoteOf[p] < 0) {
      // "says at a campaign stop in Toledo, Ohio, that …": a "that" shortly after settles it.
      let t = p + 1;
      while (t < end && t < p + 14 && lower[t] !== 'that' && ctx.quoteOf[t] < 0 && !CLOSE_PUNCT.has(lower[t]) && lower[t] !== ';' && !CUE_FORMS.has(lower[t])) t++;
      if (t < end && t < p + 14 && lower[t] === 'that' && !ctx.lower[t - 1].endsWith('ed')) {
        p = t;
        break;
      }
      // An adjunct phrase, when a colon or a quote follows shortly.
      let q = p + 1;
      while (q < end && q < p + 9 && lower[q] !== 'that' && lower[q] !== ':' && lower[q] !== ',' && !opensQuote(ctx, q)) q++;
      if (q < end && q < p + 9) {
        // "reported at the time, adding …": the adjunct closes the clause.
        if (lower[q] === ',' && !opensQuote(ctx, q + 1)) return end;
        p = lower[q] === ',' ? q + 1 : q;
        continue;
      }
      if (w === 'to' && frame === 'to') return p;
      break;
    }
    break;
  }
  if (frame === 'object' && p < end && lower[p] !== 'that' && !opensQuote(ctx, p) && lower[p] !== ':' && lower[p] !== ',') {
    // The addressee: "told Sputnik on Wednesday that ...".
    let q = p;
    while (q < end && q < p + 12 && lower[q] !== 'that' && lower[q] !== ':' && lower[q] !== ',' && lower[q] !== 'to' && !WH_WORDS.has(lower[q]) && lower[q] !== 'about') {
      if (opensQuote(ctx, q)) {
        // "tells MSNBC’s “Morning Joe” on Friday that …": a title inside the addressee.
        const after = ctx.quoteTokEnd[ctx.quoteOf[q]];
        let t = after;
        while (t < end && t < after + 6 && lower[t] !== 'that') t++;
        if (t < end && lower[t] === 'that' && after < t + 6) {
          q = t;
          break;
        }
        break;
      }
      q++;
    }
    if (q >= end || q >= p + 12) {
      // "told the National Post he's …", "told reporters they …": a named or plain addressee, then a clause with a pronoun subject.
      let r = p;
      if (lower[r] === 'the') r++;
      const named = r < end && isCapitalised(ctx.tokens[r].text);
      while (r < end && r < p + 6 && (isCapitalised(ctx.tokens[r].text) || lower[r] === "'s" || lower[r] === 'of')) r++;
      if (!named && ADDRESSEES.has(lower[r])) r++;
      if (r > p && r < end && SUBJECT_PRONOUNS.has(lower[r])) return r;
      return end;
    }
    if (lower[q] === 'to' && lower[p] !== 'to') return p; // "urged Ankara to ...": the object is part of the content
    p = q;
  }
  if (lower[p] === 'that' || lower[p] === ':' || lower[p] === ',') p++;
  if (lower[p - 1] === 'that' && lower[p] === ',') p++;
  return p;
}

function verbCue(ctx: ClaimContext, k: number, form: CueForm, cut: Int32Array, prior: Draft[]): Draft | Draft[] | null {
  const { lower, tokens } = ctx;
  const s = sentenceOf(ctx, k);
  const verb = form.verb;
  let cueEnd = k + 1;
  if (verb.particles && verb.particles.includes(lower[k + 1])) cueEnd++;
  else if (verb.needsParticle) return null;
  if ((verb.lemma === 'describe' || verb.lemma === 'refer') && lower[cueEnd] === 'as') cueEnd++;
  else if (verb.generic && CUE_PREPS.has(lower[cueEnd] ?? '') && !adjunctAhead(ctx, cueEnd + 1) && isWord(lower[cueEnd + 1] ?? '')) cueEnd++;
  if (lower[k] === 'said' && lower[k + 1] === 'in' && lower[k + 2] === 'a' && lower[k + 3] === 'statement') cueEnd = k + 4;
  if (verb.quoteOnly && !(opensQuote(ctx, cueEnd) || lower[cueEnd] === ':' || (lower[cueEnd] === ',' && opensQuote(ctx, cueEnd + 1)) || quoteThenSource(ctx, k))) return null;
  // "reports suggest": the first word is a noun.
  const nextForm = CUE_FORMS.get(lower[k + 1] ?? '');
  if (nextForm && nextForm.form !== 'ing' && !verb.particles?.includes(lower[k + 1]) && form.form === 's' && CUE_NOUNS.has(lower[k])) return null;
  // "Trump’s tweet", "his remarks", "the report": a noun, not a verb.
  if (NOUN_MARKERS.has(lower[k - 1] ?? '') && !(lower[k - 1] === "'s" && PRONOUN_SOURCES.has(lower[k - 2] ?? '')) && !closesQuote(ctx, k - 1)) return null;
  const cue = span(ctx, k, cueEnd);
  // "Asked if he was ever bullied, the candidate said no": the question put to the speaker is reported too.
  if (lower[k] === 'asked' && isSentenceInitial(ctx, k) && isCapitalised(tokens[k].text)) return askedQuestion(ctx, k, cue);

  // "Said Dorothy Poynter, who grew up with him, “We were all so proud.”": an inverted cue opening the sentence.
  if (isSentenceInitial(ctx, k) && isCapitalised(tokens[k].text) && (form.form === 'past' || form.form === 's') && verb.frame === 'clause') {
    const src = sourceRight(ctx, cueEnd, 30);
    let q = src ? src[1] : -1;
    if (q >= 0 && (lower[q] === ',' || lower[q] === ':')) q++;
    if (src && q >= 0 && opensQuote(ctx, q)) {
      const qi = ctx.quoteOf[q];
      return extendWithFollowingQuotes(ctx, { content: { start: ctx.quotes[qi].start, end: ctx.quotes[qi].end }, cue, source: src, form: 'direct', at: k }, ctx.quoteTokEnd[qi] - 1);
    }
  }

  // "the “direct action” promised by the Pentagon": the quote is the content.
  if ((form.form === 'past' || form.form === 'participle') && lower[k + 1] === 'by' && k > 0 && closesQuote(ctx, k - 1)) {
    const src = nounPhraseRight(ctx, k + 2);
    const qi = ctx.quoteOf[k - 1];
    if (src) return { content: { start: ctx.quotes[qi].start, end: ctx.quotes[qi].end }, cue, source: src, form: 'direct', at: k };
  }

  const left = sourceLeft(ctx, k);
  if (left === 'passive') return passiveCue(ctx, k, form, cut);

  // Participles after a comma take the clause subject: "X rejected it, saying …".
  const afterCommaIng = form.form === 'ing' && (lower[k - 1] === ',' || (lower[k - 2] === ',' && (AUX.has(lower[k - 1]) || lower[k - 1].endsWith('ly'))));
  if (afterCommaIng) {
    const subj = clauseSubject(ctx, k - 1) ?? sentenceSubject(ctx, s);
    const p = skipToContent(ctx, cueEnd, s.tokenEnd, verb.frame);
    if (!subj || p >= s.tokenEnd || !contentStarts(ctx, p) || !frameFits(ctx, verb, cueEnd, p)) return null;
    return { content: { start: tokens[p].start, end: forwardEnd(ctx, p, cueEnd, cut, verb) }, cue, source: subj, form: formOf(ctx, p, verb.cls), at: k };
  }
  if (form.form === 'base' && !left) return null;

  // Cue right after a quote or comma with a name after it: "…," said X.
  const prevTok = k - 1;
  const quoted = prevTok >= 0 && (closesQuote(ctx, prevTok) || closesQuote(ctx, prevTok - 1));
  // Only verbs of saying invert ("…, said X"); "…, called X's remarks …" is not a source after its cue.
  if (prevTok >= 0 && (lower[prevTok] === ',' || closesQuote(ctx, prevTok)) && (form.form === 'past' || form.form === 's') && (verb.frame === 'clause' || quoted)) {
    const src = sourceRight(ctx, cueEnd, quoted ? 60 : 30);
    const subjectFirst = left !== null && left.before < s.tokenStart;
    if (src && (quoted || (!subjectFirst && bareCommaSource(ctx, src, s)))) {
      let content = contentBefore(ctx, prevTok);
      // "Any interpretation, said Michael Kofman, an expert, would read this as …": the sentence goes on after the source.
      let srcEnd = src[1];
      for (let t = src[0] + 1; t < src[1] - 1 && !quoted; t++) {
        if (lower[t] === ',' && (MODALS.has(lower[t + 1]) || BE.has(lower[t + 1]))) {
          srcEnd = t;
          if (content) content = { start: content.start, end: contentEnd(ctx, t + 1, cut) };
          break;
        }
      }
      if (content) return continueQuote(ctx, { content, cue, source: [src[0], srcEnd], form: 'direct', at: k }, srcEnd - 1, sentenceOf(ctx, srcEnd - 1).tokenEnd - 1);
    }
  }
  if (!left) {
    // Coordinated cue sharing the subject of the previous one: "X condemned … and demanded …".
    if (lower[k - 1] === 'and' || lower[k - 1] === 'but' || ((lower[k - 2] === 'and' || lower[k - 2] === 'but') && AUX.has(lower[k - 1]))) {
      const prev = prior.length ? prior[prior.length - 1] : null;
      const shared = prev && prev.source && ctx.sentOf[prev.at] === ctx.sentOf[k] ? prev.source : (clauseSubject(ctx, k) ?? sentenceSubject(ctx, s));
      if (shared) {
        const p = skipToContent(ctx, cueEnd, s.tokenEnd, verb.frame);
        if (p < s.tokenEnd && contentStarts(ctx, p) && frameFits(ctx, verb, cueEnd, p)) {
          return { content: { start: tokens[p].start, end: forwardEnd(ctx, p, cueEnd, cut, verb) }, cue, source: shared, form: formOf(ctx, p, verb.cls), at: k };
        }
      }
    }
    return null;
  }
  const [a, b] = left.range;
  // "we said" is the author; "US Senator Jeff Sessions said" is not.
  if ((AUTHOR_PRONOUNS.has(lower[a]) && tokens[a].text !== 'US') || (lower[a] === 'one' && b - a === 1)) return null;
  if (!plausibleSource(ctx, a, b, verb.cls)) return null;
  if (left.infinitive && !(verb.cls === 'speech' && verb.frame !== 'np' && hasName(ctx, a, b))) return null;

  // "Hawaii, as one of his advisers pointed out, rarely gets …" / "As X noted, …": the rest of the sentence is the content.
  const bf = left.before;
  if (bf >= s.tokenStart && lower[bf] === 'as' && (bf === s.tokenStart || lower[bf - 1] === ',') && verb.cls !== 'intention') {
    let comma = cueEnd;
    while (comma < s.tokenEnd && comma < cueEnd + 10 && lower[comma] !== ',' && ctx.quoteOf[comma] < 0) comma++;
    if (lower[comma] === ',' && comma + 1 < s.tokenEnd) {
      const initial = bf === s.tokenStart || isSentenceInitial(ctx, bf);
      let st = s.tokenStart;
      while (st < bf && !isWord(lower[st]) && !opensQuote(ctx, st)) st++;
      const start = initial ? tokens[comma + 1].start : tokens[st].start;
      return { content: { start, end: contentEnd(ctx, comma + 1, cut) }, cue, source: [a, b], form: 'indirect', at: k };
    }
  }
  const quoteTok = bf >= 0 && closesQuote(ctx, bf) ? bf : bf > 0 && lower[bf] === ',' && closesQuote(ctx, bf - 1) ? bf - 1 : -1;
  // A quote ending just before the sentence ("…?” Trump said.") or inside it, that is speech rather than a title.
  const p = skipToContent(ctx, cueEnd, s.tokenEnd, verb.frame);
  // ", looking out on the crowd": a participle after a comma is an aside, not content.
  const participleAside = p < s.tokenEnd && lower[p - 1] === ',' && lower[p - 2] !== 'that' && lower[p].endsWith('ing') && !ING_PREPOSITIONS.has(lower[p]) && !opensQuote(ctx, p);
  // "…!” Sessions said as he launched …": an adjunct clause after the cue ends what was said.
  const adjunctClause = p < s.tokenEnd && (lower[p] === 'as' || lower[p] === 'while' || lower[p] === 'when' || lower[p] === 'after' || lower[p] === 'before') && lower[p - 1] !== 'that';
  const endsHere = p >= s.tokenEnd || CLOSE_PUNCT.has(lower[p]) || participleAside || adjunctClause;
  const afterQuote = quoteTok >= 0 && (bf >= s.tokenStart || (bf === s.tokenStart - 1 && endsHere)) && speechQuote(ctx, ctx.quoteOf[quoteTok]);
  const afterComma = bf >= s.tokenStart && lower[bf] === ',' && !afterQuote;
  const colonNext = colonContinuation(ctx, Math.min(p, s.tokenEnd - 1), s);
  if (colonNext) return { content: colonNext, cue, source: [a, b], form: 'direct', at: k };
  // "what Trump says his plan would do", "everything Trump says": a free relative, not a report of content.
  if (bf >= s.tokenStart && (lower[bf] === 'what' || lower[bf] === 'everything' || lower[bf] === 'whatever') && !opensQuote(ctx, p)) return null;
  const forwardIsAdjunct =
    participleAside ||
    (p < s.tokenEnd && ADJUNCT_START.has(lower[p]) && !opensQuote(ctx, p) && lower[p - 1] !== 'that' && !(lower[p - 1] === ',' && lower[p - 2] === 'that') && !(lower[p] === 'to' && verb.frame !== 'clause') && !(lower[p] === 'about' && quantityAt(ctx, p + 1)));
  // "“…,” X told reporters that …" reports more; "“…,” X told reporters after the meeting that was held …" does not.
  let thatClause = p < s.tokenEnd && lower[p - 1] === 'that' && p - 1 - cueEnd <= 3;
  for (let t = cueEnd; thatClause && t < p - 1; t++) if (ADJUNCT_PREPS.has(lower[t]) || !isWord(lower[t])) thatClause = false;
  if ((afterQuote && !thatClause) || (afterComma && (forwardIsAdjunct || p >= s.tokenEnd))) {
    const content = contentBefore(ctx, bf);
    if (content) return continueQuote(ctx, { content, cue, source: [a, b], form: afterQuote ? 'direct' : 'indirect', at: k }, Math.max(cueEnd, b) - 1, s.tokenEnd - 1);
  }
  // Forward content: "X said (that) …".
  if (p < s.tokenEnd && lower[p] !== '.' && contentStarts(ctx, p) && !forwardIsAdjunct) {
    if (!frameFits(ctx, verb, cueEnd, p)) return null;
    // Parenthetical: "Some of the distrust, the US contends, is fostered by Iran."
    let comma = cueEnd;
    while (comma < s.tokenEnd && comma < cueEnd + 8 && isWord(lower[comma]) && lower[comma] !== 'that' && !CUE_FORMS.has(lower[comma])) comma++;
    if (lower[comma] === ',' && left.before >= s.tokenStart && lower[left.before] === ',' && !opensQuote(ctx, comma + 1) && (comma === cueEnd || ADJUNCT_PREPS.has(lower[cueEnd]) || DAYS.has(lower[cueEnd]))) {
      let st = s.tokenStart;
      while (st < left.before && !isWord(lower[st]) && !opensQuote(ctx, st)) st++;
      return { content: { start: tokens[st].start, end: contentEnd(ctx, comma + 1, cut) }, cue, source: [a, b], form: 'indirect', at: k };
    }
    const draft: Draft = { content: { start: tokens[p].start, end: forwardEnd(ctx, p, cueEnd, cut, verb) }, cue, source: [a, b], form: formOf(ctx, p, verb.cls), at: k };
    if (opensQuote(ctx, p)) return extendWithFollowingQuotes(ctx, draft, ctx.quoteTokEnd[ctx.quoteOf[p]] - 1);
    return draft;
  }
  // Sentence ends after the cue (maybe after an addressee or time): content is before the source.
  if (p >= s.tokenEnd || lower[p] === '.' || colonAtParagraphEnd(ctx, p)) {
    if (left.before >= 0 && (lower[left.before] === ',' || closesQuote(ctx, left.before) || DASHES.has(lower[left.before]))) {
      const content = contentBefore(ctx, left.before);
      if (content) return continueQuote(ctx, { content, cue, source: [a, b], form: 'direct', at: k }, Math.max(cueEnd, b) - 1, s.tokenEnd - 1);
    }
  }
  return null;
}

/**
 * A source after "…, said" with no quote before it: a short name ("…, said
 * Senator X, Democrat of Y."), a name with its appositive ending the sentence
 * ("…, said Brian Baker, a longtime adviser to …"), or a short description
 * ending the sentence ("…, said one GOP source in the room").
 */
function bareCommaSource(ctx: ClaimContext, src: [number, number], s: Sentence): boolean {
  const { lower, tokens } = ctx;
  const [a, b] = src;
  const endsSentence = b >= s.tokenEnd || CLOSE_PUNCT.has(lower[b]);
  if (isCapitalised(tokens[a].text)) {
    if (b - a <= 14) return true;
    for (let t = a + 1; t < Math.min(a + 6, b); t++) if (lower[t] === ',' && hasName(ctx, a, t)) return endsSentence;
  }
  if (!endsSentence || !(lower[a] === 'a' || lower[a] === 'an' || lower[a] === 'one' || lower[a] === 'the' || lower[a] === 'another')) return false;
  // The description proper ends where a relative clause starts ("a handful of Democrats who point to …").
  let headEnd = a;
  while (headEnd < b && lower[headEnd] !== 'who' && lower[headEnd] !== 'that' && lower[headEnd] !== 'which' && lower[headEnd] !== ',') headEnd++;
  if (headEnd - a > 12) return false;
  for (let t = a; t < headEnd; t++) if (MODALS.has(lower[t]) || BE.has(lower[t]) || CUE_FORMS.has(lower[t])) return false;
  return true;
}

/** A quotation that reads as someone's words: not a title inside a phrase ("broadcast of “Fox News Sunday,”"). */
function speechQuote(ctx: ClaimContext, qi: number): boolean {
  const first = ctx.quoteTokStart[qi];
  const before = ctx.lower[first - 1] ?? '';
  if (ctx.quotes[qi].words >= 8) return true;
  return !(PREPOSITIONS.has(before) || DETERMINERS.has(before) || NOUN_MARKERS.has(before));
}

/** Infinitive verbs ("vowed to", "wants Germany to") need their "to"; others take anything. */
function frameFits(ctx: ClaimContext, verb: CueForm['verb'], cueEnd: number, p: number): boolean {
  if (verb.frame !== 'to') return true;
  if (opensQuote(ctx, p) || ctx.lower[p - 1] === 'that') return true;
  // "pledged support", "seeking re-election" take objects; "plans"/"wants"/"aims" with an object are mostly nouns or desires for things.
  if (!STRICT_INFINITIVE.has(verb.lemma) && isWord(ctx.lower[cueEnd]) && !ADJUNCT_START.has(ctx.lower[cueEnd])) return true;
  for (let j = cueEnd; j < cueEnd + 6 && j < ctx.tokens.length; j++) {
    const w = ctx.lower[j];
    if (w === 'to') return j === cueEnd || j === cueEnd + 1 || verb.lemma === 'want';
    if (!isWord(w)) return false;
  }
  return false;
}

/** Content end after a forward cue: a quote object ends with its quote; infinitives stop at a comma. */
function forwardEnd(ctx: ClaimContext, p: number, cueEnd: number, cut: Int32Array, verb: CueForm['verb']): number {
  if (opensQuote(ctx, p) && ctx.lower[p - 1] !== 'that' && !(ctx.lower[p - 1] === ',' && ctx.lower[p - 2] === 'that')) {
    const q = ctx.quotes[ctx.quoteOf[p]];
    const after = ctx.quoteTokEnd[ctx.quoteOf[p]];
    // "called Turkey “a terrorist state.”" / "told Washington “thanks”" — but "“a Russian force” could intervene" goes on.
    const w = ctx.lower[after] ?? '.';
    const s = sentenceOf(ctx, p);
    const continues = after < s.tokenEnd && isWord(w) && !isCapitalised(ctx.tokens[after].text) && (BE.has(w) || MODALS.has(w) || CUE_FORMS.has(w));
    if (!continues) return q.end;
  }
  let end = contentEnd(ctx, p, cut);
  if (verb.frame === 'to' || (verb.frame === 'np' && ctx.lower[p - 1] !== 'that')) {
    // An infinitive or an object ends at a comma or where an adjunct starts ("attacked Machado in early-morning tweets").
    for (let j = p + 1; j < ctx.tokens.length && ctx.tokens[j].end <= end && j < p + 80; j++) {
      if (ctx.quoteOf[j] >= 0) continue;
      const w = ctx.lower[j];
      const next = ctx.lower[j + 1] ?? '';
      const stop =
        (w === ',' && (verb.frame === 'np' || isCapitalised(ctx.tokens[j + 1]?.text ?? '') || DETERMINERS.has(next) || PRONOUN_SOURCES.has(next) || next === 'just' || next === 'but' || next === 'which' || next === 'who' || next === 'and')) ||
        DASHES.has(w) ||
        (verb.frame === 'np' &&
          (OBJECT_ENDERS.has(w) || ((w === 'in' || w === 'at' || w === 'on') && adjunctAhead(ctx, j + 1))));
      if (stop) {
        end = ctx.tokens[j - 1].end;
        break;
      }
    }
  }
  void cueEnd;
  return end;
}

function nounPhraseRight(ctx: ClaimContext, p: number): [number, number] | null {
  const s = sentenceOf(ctx, p);
  if (!s || p >= s.tokenEnd) return null;
  let e = p;
  while (e < s.tokenEnd && e < p + 8 && (isWord(ctx.lower[e]) || ctx.lower[e] === "'s") && !NP_STOP.has(ctx.lower[e]) && !SUBORDINATORS.has(ctx.lower[e])) e++;
  while (e > p && !isCapitalised(ctx.tokens[e - 1].text) && ctx.mentionOf[e - 1] < 0 && DETERMINERS.has(ctx.lower[e - 1])) e--;
  return e > p ? [p, e] : null;
}

const QUANTITY_WORDS = new Set(['half', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'dozen', 'dozens', 'hundreds', 'thousands', 'millions', 'billions', '$', '%']);
const FRACTIONS = new Set(['third', 'quarter', 'fifth', 'dozen', 'hundred', 'thousand', 'million', 'billion']);

/** "half", "20 percent", "$3 billion", "a third": an amount starts at token p. */
function quantityAt(ctx: ClaimContext, p: number): boolean {
  const w = ctx.lower[p] ?? '';
  if (/^\d/.test(w) || QUANTITY_WORDS.has(w)) return true;
  return (w === 'a' || w === 'an') && FRACTIONS.has(ctx.lower[p + 1] ?? '');
}

const ADDRESSEES = new Set(['reporters', 'me', 'us', 'him', 'her', 'them', 'journalists', 'supporters', 'lawmakers', 'voters', 'colleagues', 'investigators', 'listeners', 'viewers', 'audiences', 'donors', 'students', 'members']);
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'there', "he's", "she's", "it's", "they're", "we're", "i'm"]);

/** "“…,” he continued": a closing quote, then only the words of a short source before the cue at k. */
function quoteThenSource(ctx: ClaimContext, k: number): boolean {
  for (let t = k - 1; t >= Math.max(0, k - 5); t--) {
    if (closesQuote(ctx, t)) return t < k - 1;
    if (!isWord(ctx.lower[t]) && ctx.lower[t] !== "'s") return false;
  }
  return false;
}

/** "Asked (by X) (on Fox News) whether …, Y said …": the question is the content; X, when named, its source. */
function askedQuestion(ctx: ClaimContext, k: number, cue: Span): Draft | null {
  const q = askedContent(ctx, k + 1, sentenceOf(ctx, k), true);
  return q ? { content: q.content, cue, source: q.source, form: formOf(ctx, firstTokenAt(ctx, q.content.start), 'speech'), at: k } : null;
}

/**
 * The question after "asked" at token p: a quote, or a wh-, if-, whether-,
 * about- or to-clause up to the next comma (which must come when the clause
 * opens the sentence) or the sentence end; "by X" before it names the asker.
 */
function askedContent(ctx: ClaimContext, p: number, s: Sentence, commaEnds: boolean): { content: Span; source: [number, number] | null } | null {
  const { lower } = ctx;
  let source: [number, number] | null = null;
  for (let hops = 0; hops < 3 && p < s.tokenEnd; hops++) {
    if (lower[p] !== 'by' && lower[p] !== 'on' && lower[p] !== 'in' && lower[p] !== 'during' && lower[p] !== 'at') break;
    let e = p + 1;
    while (e < s.tokenEnd && e < p + 8 && !WH_WORDS.has(lower[e]) && lower[e] !== 'about' && lower[e] !== 'to' && lower[e] !== ',' && ctx.quoteOf[e] < 0) e++;
    if (lower[p] === 'by' && e > p + 1) source = [p + 1, e];
    p = e;
  }
  if (!commaEnds && (lower[p] === ',' || lower[p] === ':') && opensQuote(ctx, p + 1)) p++;
  if (p >= s.tokenEnd) return null;
  if (opensQuote(ctx, p)) {
    const qi = ctx.quoteOf[p];
    if (!commaEnds) return { content: { start: ctx.quotes[qi].start, end: ctx.quotes[qi].end }, source };
  } else if (!(WH_WORDS.has(lower[p]) || lower[p] === 'about' || lower[p] === 'to')) return null;
  let end = p + 1;
  while (end < s.tokenEnd && end < p + 40 && (lower[end] !== ',' || ctx.quoteOf[end] >= 0) && (commaEnds || !CLOSE_PUNCT.has(lower[end]))) end++;
  if (end >= p + 40 || (commaEnds && end >= s.tokenEnd)) return null;
  return { content: { start: ctx.tokens[p].start, end: ctx.tokens[end - 1].end }, source };
}

/** Words in -ing that are prepositions, not participles. */
const ING_PREPOSITIONS = new Set(['during', 'including', 'regarding', 'concerning', 'following', 'according', 'notwithstanding', 'excluding']);
const QUANTIFIER_SOURCES = new Set(['several', 'many', 'most', 'some', 'both', 'all', 'few', 'others']);

function contentStarts(ctx: ClaimContext, p: number): boolean {
  const w = ctx.lower[p];
  return isWord(w) || opensQuote(ctx, p) || w === '$' || w === '[';
}

function plausibleSource(ctx: ClaimContext, a: number, b: number, cls: string): boolean {
  let h = b - 1;
  while (h > a && (ctx.lower[h] === ')' || ctx.lower[h] === '.' || ctx.lower[h] === "'s" || ctx.lower[h] === "'")) h--;
  const head = ctx.lower[h];
  if (!isWord(head) && head !== '%') return false;
  // "Several said …", "Most say …": a quantifier standing alone is a source; "the", "this" are not.
  if (DETERMINERS.has(head) && !(b - a === 1 && QUANTIFIER_SOURCES.has(head))) return false;
  if (b - a === 1 && (head === 'it' || head === 'this') && cls !== 'speech' && cls !== 'report') return false;
  if (b - a === 1 && (head === 'there' || head === 'which' || head === 'what')) return false;
  return true;
}

function colonAtParagraphEnd(ctx: ClaimContext, p: number): boolean {
  return ctx.lower[p] === ':' && (p + 1 >= ctx.tokens.length || ctx.blockOf[p + 1] !== ctx.blockOf[p]);
}

/** When the sentence ends with a colon and the next paragraph is a quote, that quote is the content. */
function colonContinuation(ctx: ClaimContext, p: number, s: Sentence): Span | null {
  const last = s.tokenEnd - 1;
  if (ctx.lower[last] !== ':' || last + 1 >= ctx.tokens.length) return null;
  const next = last + 1;
  if (ctx.blockOf[next] === ctx.blockOf[last] && ctx.blockOf[next] >= 0) return null;
  // Only when what lies between the cue and the colon is not itself the content.
  for (let j = p; j < last; j++) if (ctx.quoteOf[j] >= 0 || ctx.lower[j] === 'that') return null;
  if (opensQuote(ctx, next)) {
    const q = ctx.quotes[ctx.quoteOf[next]];
    return { start: q.start, end: q.end };
  }
  const b = ctx.blockOf[next];
  if (b >= 0 && ctx.structure.blocks[b].kind === 'blockquote') return blockquoteRun(ctx, b);
  return null;
}

function blockquoteRun(ctx: ClaimContext, b: number): Span {
  const blocks = ctx.structure.blocks;
  let e = b;
  while (e + 1 < blocks.length && blocks[e + 1].kind === 'blockquote') e++;
  return { start: blocks[b].start, end: blocks[e].end };
}

/** Content ending at token j (a comma, dash or closing quote) before a postposed source. */
function contentBefore(ctx: ClaimContext, j: number): Span | null {
  const { lower, tokens } = ctx;
  let e = j;
  if (lower[e] === ',' || DASHES.has(lower[e])) e--;
  if (e < 0) return null;
  if (closesQuote(ctx, e)) {
    const q = ctx.quotes[ctx.quoteOf[e]];
    const qs = ctx.quoteTokStart[ctx.quoteOf[e]];
    if (q.words === 0) return null;
    // Text before the quote in its sentence belongs to the content ("Comey cannot say that “…,” X added").
    const s = sentenceOf(ctx, qs);
    let start = q.start;
    if (s && s.tokenStart < qs && ctx.blockOf[s.tokenStart] === ctx.blockOf[qs]) {
      let a = skipDateline(ctx, s.tokenStart, qs);
      while (a < qs && !isWord(lower[a])) a++;
      // Unless the words before the quote are someone's own attribution ("X said she felt … “…,” she said").
      let ownCue = false;
      for (let t = a; t < qs && !ownCue; t++) {
        const f = CUE_FORMS.get(lower[t]);
        ownCue = !!f && f.verb.frame === 'clause' && f.verb.cls === 'speech' && ctx.quoteOf[t] < 0;
      }
      if (lower[qs - 1] !== ':' && lower[qs - 1] !== ',' && a < qs && !ownCue) start = tokens[a].start;
    }
    return { start, end: q.end };
  }
  const s = sentenceOf(ctx, e);
  if (!s || e < s.tokenStart) return null;
  let a = skipDateline(ctx, s.tokenStart, e);
  while (a < e && !isWord(lower[a]) && !opensQuote(ctx, a)) a++;
  if (e - a < 2) return null;
  return { start: tokens[a].start, end: tokens[e].end };
}

/** The statement goes on in a quote later in the sentence ("…,” he said, “…”) and in quotes of the following sentences. */
function continueQuote(ctx: ClaimContext, d: Draft, cueLast: number, sentenceLast: number): Draft {
  return extendWithFollowingQuotes(ctx, extendWithFollowingQuotes(ctx, d, cueLast), sentenceLast);
}

/** "WASHINGTON ― …", "BAGHDAD (Reuters) - …": the dateline is not part of what was said. */
function skipDateline(ctx: ClaimContext, a: number, limit: number): number {
  for (let t = a; t < limit && t < a + 6; t++) {
    const w = ctx.tokens[t].text;
    if (DASHES.has(w) || w === '―') return t > a ? t + 1 : a;
    if (isWord(w) && w !== w.toUpperCase() && w !== 'Reuters' && w !== 'AP' && w !== 'AFP') return a;
  }
  return a;
}

/**
 * "“A,” he said. “B.”" — quotes that follow in the same paragraph with no cue
 * of their own continue the same statement (PolNeAR joins them into one
 * content), as does "“A,” he said, “B.”".
 */
function extendWithFollowingQuotes(ctx: ClaimContext, d: Draft, fromTok: number): Draft {
  const { lower } = ctx;
  let k = fromTok + 1;
  const block = ctx.blockOf[fromTok];
  for (let rounds = 0; rounds < 12 && k < ctx.tokens.length; rounds++) {
    if (ctx.tokens[k].start < d.content.end) k = Math.max(k, firstTokenAt(ctx, d.content.end));
    if (k < 0) break;
    while (k < ctx.tokens.length && ctx.quoteOf[k] < 0 && (CLOSE_PUNCT.has(lower[k]) || lower[k] === ',' || (ctx.tokens[k].start < d.content.end))) k++;
    // "“A,” Tester said, referring to the excuse, “B.”": a short aside inside the sentence.
    if (k < ctx.tokens.length && !opensQuote(ctx, k) && !CLOSE_PUNCT.has(lower[k - 1] ?? '')) {
      let j = k;
      while (j < k + 12 && j < ctx.tokens.length && ctx.quoteOf[j] < 0 && !CLOSE_PUNCT.has(lower[j]) && !CUE_FORMS.has(lower[j]) && ctx.sentOf[j] === ctx.sentOf[k]) j++;
      if (j < ctx.tokens.length && opensQuote(ctx, j) && ctx.sentOf[j] === ctx.sentOf[k] && ctx.quotes[ctx.quoteOf[j]].words >= 3) k = j;
    }
    if (k >= ctx.tokens.length || !opensQuote(ctx, k)) break;
    if (ctx.blockOf[k] !== block) break;
    const qi = ctx.quoteOf[k];
    const q = ctx.quotes[qi];
    const after = ctx.quoteTokEnd[qi];
    if (q.words < 3) break; // a scare quote, not more of the statement
    // The quote must end its sentence unattributed.
    const w = ctx.lower[after] ?? '.';
    const endsSentence = after >= ctx.tokens.length || ctx.sentOf[after] !== ctx.sentOf[after - 1] || CLOSE_PUNCT.has(w) || ctx.blockOf[after] !== block;
    if (!endsSentence) break;
    d.content = { start: d.content.start, end: q.end };
    k = after;
  }
  return d;
}

function passiveCue(ctx: ClaimContext, k: number, form: CueForm, cut: Int32Array): Draft | null {
  const { lower, tokens } = ctx;
  const s = sentenceOf(ctx, k);
  const w = lower[k];
  const cueStartTok = (() => {
    let j = k - 1;
    while (j > s.tokenStart && !BE.has(lower[j])) j--;
    return j;
  })();
  if (PASSIVE_REPORT.has(w) && (lower[k + 1] === 'to' || lower[k + 1] === 'that')) {
    if (lower[k + 1] === 'that') {
      const p = k + 2;
      if (p >= s.tokenEnd) return null;
      return { content: { start: tokens[p].start, end: contentEnd(ctx, p, cut) }, cue: span(ctx, cueStartTok, k + 1), source: null, form: 'allegation', at: k };
    }
    // "X are said to have …": the subject and predicate are the content.
    const a = clauseStart(ctx, cueStartTok);
    return { content: { start: tokens[a].start, end: contentEnd(ctx, k, cut) }, cue: span(ctx, cueStartTok, k + 2), source: null, form: 'allegation', at: k };
  }
  // "X was asked (by Y) whether …", "was asked, “…”": the question put to X; Y, when named, asked it.
  if (w === 'asked') {
    const q = askedContent(ctx, k + 1, s, false);
    if (q) return { content: q.content, cue: span(ctx, cueStartTok, k + 1), source: q.source, form: 'direct', at: k };
  }
  // "has not been charged with any crime" denies the allegation rather than reporting it.
  for (let j = cueStartTok - 1; j >= s.tokenStart && j >= cueStartTok - 3; j--) if (lower[j] === 'not' || lower[j] === "n't" || lower[j] === 'never') return null;
  if (lower[cueStartTok + 1] === 'not' || lower[cueStartTok + 1] === 'never') return null;
  // "The issue was first reported by The Washington Post": the agent after "by" is the source, the subject the content.
  let by = k + 1;
  while (by < s.tokenEnd && by < k + 3 && lower[by].endsWith('ly')) by++;
  if (lower[by] === 'by' && CUE_FORMS.get(w)?.verb.cls !== 'belief') {
    const src = nounPhraseRight(ctx, by + 1);
    const a = clauseStart(ctx, cueStartTok);
    let e = cueStartTok;
    while (e > a && (AUX.has(lower[e - 1]) || BE.has(lower[e - 1]) || lower[e - 1] === ',')) e--;
    if (src && e > a && !(e - a === 1 && PRONOUN_SOURCES.has(lower[a]) && lower[a] !== 'it')) {
      return { content: { start: tokens[a].start, end: tokens[e - 1].end }, cue: span(ctx, cueStartTok, by + 1), source: src, form: 'indirect', at: k };
    }
  }
  const prep = PASSIVE_ALLEGATION[w];
  if (prep && lower[k + 1] === prep && k + 2 < s.tokenEnd) {
    const p = k + 2;
    return { content: { start: tokens[p].start, end: contentEnd(ctx, p, cut) }, cue: span(ctx, k, k + 2), source: null, form: 'allegation', at: k };
  }
  void form;
  return null;
}

/** Start of the clause containing token k: after a subordinator or at the sentence start. */
function clauseStart(ctx: ClaimContext, k: number): number {
  const s = sentenceOf(ctx, k);
  for (let j = k - 1; j >= s.tokenStart && j > k - 40; j--) {
    if (ctx.quoteOf[j] >= 0) continue;
    if (SUBORDINATORS.has(ctx.lower[j]) || ctx.lower[j] === ';') return j + 1;
  }
  let a = s.tokenStart;
  while (a < k && !isWord(ctx.lower[a])) a++;
  return a;
}

function accordingTo(ctx: ClaimContext, k: number, cut: Int32Array): Draft | null {
  const { lower, tokens } = ctx;
  const s = sentenceOf(ctx, k);
  let e = k + 2;
  while (e < s.tokenEnd && e < k + 30 && lower[e] !== ',' && !CLOSE_PUNCT.has(lower[e]) && ctx.quoteOf[e] < 0 && lower[e] !== ';') e++;
  if (e === k + 2) return null;
  const source: [number, number] = [k + 2, e];
  const cue = span(ctx, k, k + 2);
  const initial = isSentenceInitial(ctx, k) || lower[k - 1] === ',' && isSentenceInitial(ctx, k - 2);
  if (initial && lower[e] === ',') {
    const p = e + 1;
    if (p >= s.tokenEnd) return null;
    return { content: { start: tokens[p].start, end: contentEnd(ctx, p, cut) }, cue, source, form: 'according-to', at: k };
  }
  let j = k - 1;
  if (lower[j] === ',') j--;
  if (j < s.tokenStart) return null;
  const content = contentBefore(ctx, j + 1 < k && lower[j + 1] === ',' ? j + 1 : j);
  if (!content) return null;
  return { content, cue, source, form: 'according-to', at: k };
}

function sourcelessAdverb(ctx: ClaimContext, k: number, cut: Int32Array): Draft | null {
  const { tokens } = ctx;
  const a = clauseStart(ctx, k);
  const end = contentEnd(ctx, k, cut);
  if (end <= tokens[a].start) return null;
  return { content: { start: tokens[a].start, end }, cue: span(ctx, k, k + 1), source: null, form: 'allegation', at: k };
}

function nounCue(ctx: ClaimContext, k: number, cut: Int32Array): Draft | null {
  const { lower, tokens } = ctx;
  const s = sentenceOf(ctx, k);
  const p = k + 2;
  if (p >= s.tokenEnd || !isWord(lower[p])) return null;
  // "reports that say …" is a relative clause, not content.
  const f = CUE_FORMS.get(lower[p]);
  if (f && (f.form === 's' || f.form === 'past')) return null;
  // Only plain nouns: a possessor or "of X" would be the source, which verb rules handle better.
  const prev = lower[k - 1] ?? '';
  let source: [number, number] | null = null;
  if (prev === "'s" && k >= 2) {
    const a = nounPhraseLeft(ctx, k - 2, s.tokenStart);
    if (a >= 0) source = [a, k - 1];
  } else if (isCapitalised(tokens[k - 1]?.text ?? '')) {
    return null;
  }
  return { content: { start: tokens[p].start, end: contentEnd(ctx, p, cut) }, cue: span(ctx, k, k + 1), source, form: 'allegation', at: k };
}

/** "Iraq To Washington: “…”", "PENCE: …": a name, a colon, then what they said. */
function colonCue(ctx: ClaimContext, k: number): Draft | null {
  const { lower, tokens } = ctx;
  const b = ctx.blockOf[k];
  if (b < 0) return null;
  const block = ctx.structure.blocks[b];
  // The name starts its line (perhaps after the quote mark that wraps a transcript) and is short.
  // Headlines put a longer lead before the colon ("Warren Hammers Wells Fargo CEO: ‘…’").
  const limit = block.kind === 'headline' ? 10 : 5;
  let a = k - 1;
  while (a >= 0 && tokens[a].start >= block.start && k - a <= limit + 1) a--;
  a++;
  // Transcripts often wrap every turn in an opening mark: "WALLACE: …
  const wrapped = a < k && tokens[a].start === block.start && (tokens[a].text === '"' || tokens[a].text === '“');
  if (wrapped) a++;
  if (a >= k || (tokens[a].start !== block.start && !wrapped) || k - a > limit) return null;
  if (ctx.quoteOf[k] >= 0 && !wrapped) return null;
  const next = k + 1;
  if (next >= tokens.length || ctx.blockOf[next] !== b) return null;
  let allCaps = true;
  let allCapitalised = true;
  for (let t = a; t < k; t++) {
    if (!isWord(tokens[t].text)) continue;
    if (tokens[t].text !== tokens[t].text.toUpperCase()) allCaps = false;
    if (!isCapitalised(tokens[t].text) && lower[t] !== 'to') allCapitalised = false;
  }
  let source: [number, number] | null = null;
  for (let t = a; t < k; t++) {
    const mi = ctx.mentionOf[t];
    if (mi >= 0) {
      let e = t;
      while (e + 1 < k && ctx.mentionOf[e + 1] === mi) e++;
      source = [t, e + 1];
      break;
    }
  }
  const cue = span(ctx, k, k + 1);
  if (opensQuote(ctx, next) && !wrapped) {
    if (!source) {
      if (!allCapitalised) return null;
      source = [a, k];
    }
    const q = ctx.quotes[ctx.quoteOf[next]];
    return { content: { start: q.start, end: q.end }, cue, source, form: 'direct', at: k };
  }
  if (allCaps && k - a <= 3 && /[A-Z]{2}/.test(text(ctx, a, k))) {
    // Interview transcript: the rest of the turn, which runs on through paragraphs that
    // reopen the quote without a new speaker label.
    let end = block.end;
    const blocks = ctx.structure.blocks;
    for (let nb = b + 1; nb < blocks.length && nb <= b + 10; nb++) {
      const t0 = firstTokenAt(ctx, blocks[nb].start);
      if (t0 < 0 || !(tokens[t0].text === '"' || tokens[t0].text === '“') || !wrapped) break;
      const w1 = tokens[t0 + 1];
      if (!w1 || w1.text === '(' || (w1.text === w1.text.toUpperCase() && lower[t0 + 2] === ':')) break;
      end = blocks[nb].end;
    }
    return { content: { start: tokens[next].start, end }, cue, source: [a, k], form: 'direct', at: k };
  }
  if (block.kind === 'headline' && allCapitalised && k - a <= 3 && !wrapped) {
    // "Pence: Gennifer Flowers Won’t Be at Debate" — a headline that reports someone's words.
    let e = block.end;
    if (ctx.text.charCodeAt(e - 1) === 46) e--;
    return { content: { start: tokens[next].start, end: e }, cue, source: source ?? [a, k], form: 'indirect', at: k };
  }
  return null;
}

/** "“…” ― Sonya Herridge": a quotation signed with a dash and a name ending the paragraph. */
function dashSignature(ctx: ClaimContext, k: number): Draft | null {
  const { tokens } = ctx;
  const prev = k - 1;
  if (prev < 0) return null;
  // A paragraph that is one quotation whose marks do not pair up ("”…” ― Name", as pasted from the web) counts too.
  const quoteMark = closesQuote(ctx, prev) || (ctx.quoteOf[prev] < 0 && CLOSING_MARKS.has(tokens[prev].text));
  if (!quoteMark) return null;
  const b = ctx.blockOf[k];
  let e = k + 1;
  while (e < tokens.length && ctx.blockOf[e] === b && e <= k + 6 && (isCapitalised(tokens[e].text) || tokens[e].text === '.' || tokens[e].text === ',')) e++;
  if (e === k + 1 || (e < tokens.length && ctx.blockOf[e] === b)) return null;
  if (closesQuote(ctx, prev)) {
    const qi = ctx.quoteOf[prev];
    return { content: { start: ctx.quotes[qi].start, end: ctx.quotes[qi].end }, cue: span(ctx, k, k + 1), source: [k + 1, e], form: 'direct', at: k };
  }
  let a = prev;
  while (a > 0 && ctx.blockOf[a - 1] === b) a--;
  if (prev - a < 4 || !CLOSING_MARKS.has(tokens[a].text) && !OPENING_MARKS.has(tokens[a].text)) return null;
  return { content: { start: tokens[a].start, end: tokens[prev].end }, cue: span(ctx, k, k + 1), source: [k + 1, e], form: 'direct', at: k };
}

const CLOSING_MARKS = new Set(['”', '"', "''", '’']);
const OPENING_MARKS = new Set(['“', '"', '``', '‘']);

function text(ctx: ClaimContext, a: number, b: number): string {
  return ctx.text.slice(ctx.tokens[a].start, ctx.tokens[b - 1].end);
}

/** Block quotes introduced by "Here's NBC (…):" are NBC's words. */
function blockQuotes(ctx: ClaimContext): Draft[] {
  const out: Draft[] = [];
  const blocks = ctx.structure.blocks;
  const { tokens, lower } = ctx;
  for (let b = 0; b < blocks.length; b++) {
    if (blocks[b].kind !== 'blockquote-intro' || blocks[b + 1]?.kind !== 'blockquote') continue;
    let k = firstTokenAt(ctx, blocks[b].start);
    if (k < 0) continue;
    if (lower[k] !== 'here') continue;
    let cueEnd = k + 1;
    if (lower[cueEnd] === "'s" || lower[cueEnd] === 'is' || lower[cueEnd] === 'are') cueEnd++;
    let p = cueEnd;
    if (lower[p] === 'the') p++;
    const mi = ctx.mentionOf[p];
    if (mi < 0 || ctx.mentions[mi].kind !== 'actor') continue;
    let e = p;
    while (e + 1 < tokens.length && ctx.mentionOf[e + 1] === mi) e++;
    out.push({ content: blockquoteRun(ctx, b + 1), cue: span(ctx, k, cueEnd), source: [p, e + 1], form: 'blockquote', at: k });
    k = e;
  }
  return out;
}

function firstTokenAt(ctx: ClaimContext, offset: number): number {
  let lo = 0;
  let hi = ctx.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < ctx.tokens.length ? lo : -1;
}

/**
 * A paragraph that is only a quotation, right after a paragraph whose claim
 * has a source, continues that speaker ("We close with what X said: ¶ “…”"
 * is handled by the colon rule; this catches the bare follow-on paragraph).
 */
function orphanQuotes(ctx: ClaimContext, drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  if (drafts.length === 0) return out;
  // Drafts by content end, walked alongside the blocks.
  const byEnd = [...drafts].sort((x, y) => x.content.end - y.content.end);
  const blocks = ctx.structure.blocks;
  let di = 0;
  let lastInPrev: Draft | null = null;
  for (let b = 1; b < blocks.length; b++) {
    const prev = blocks[b - 1];
    lastInPrev = null;
    while (di < byEnd.length && byEnd[di].content.end <= prev.end) {
      const d = byEnd[di++];
      if (d.content.end >= prev.end - 3 && d.source && d.form === 'direct' && ctx.lower[d.at] !== ':') lastInPrev = d;
    }
    const blk = blocks[b];
    if (blk.kind !== 'paragraph' && blk.kind !== 'comment') continue;
    const k = firstTokenAt(ctx, blk.start);
    if (k < 0 || !opensQuote(ctx, k) || !lastInPrev) continue;
    const q = ctx.quotes[ctx.quoteOf[k]];
    if (q.words < 4 || q.end < blk.end - 2) continue;
    // A claim already covering the quote (a cue inside the paragraph) wins.
    let covered = false;
    for (let j = di; j < byEnd.length && byEnd[j].content.start <= q.start + 1 && !covered; j++) covered = byEnd[j].content.end >= q.end;
    for (let j = di; j < byEnd.length && j < di + 8 && !covered; j++) covered = byEnd[j].content.start <= q.start && byEnd[j].content.end >= q.end;
    if (covered) continue;
    out.push({ content: { start: q.start, end: q.end }, cue: lastInPrev.cue, source: lastInPrev.source, form: 'direct', at: k });
  }
  return out;
}

function formOf(ctx: ClaimContext, p: number, cls: string): ClaimForm {
  if (opensQuote(ctx, p)) return 'direct';
  if (cls === 'belief' || cls === 'intention') return 'belief';
  if (cls === 'allegation') return 'allegation';
  return 'indirect';
}

// ------------------------------------------------------------------ output

function finish(ctx: ClaimContext, drafts: Draft[]): Claim[] {
  drafts.sort((x, y) => x.content.start - y.content.start || x.at - y.at);
  const hedges = hedgePrefix(ctx);
  const seen = new Set<string>();
  const history: SpeakerHistory = { lastPerson: null };
  const byCue = [...drafts].sort((x, y) => x.at - y.at);
  const speakerOf = new Map<Draft, string | null>();
  const typeOf = new Map(ctx.entities.map((e) => [e.id, e.type]));
  for (const d of byCue) {
    const sp = d.source ? resolveSpeaker(ctx, d.source[0], d.source[1], history) : null;
    speakerOf.set(d, sp);
    if (sp && typeOf.get(sp) === 'person') history.lastPerson = { id: sp, at: ctx.tokens[d.at].start };
  }
  const claims: Claim[] = [];
  for (const d of drafts) {
    if (d.content.end <= d.content.start) continue;
    const key = `${d.content.start}:${d.content.end}:${d.cue?.start ?? -1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const block = ctx.blockOf[d.at] >= 0 ? ctx.structure.blocks[ctx.blockOf[d.at]] : undefined;
    const section: Section = block?.section ?? (ctx.structure.commentsStart !== null && d.content.start >= ctx.structure.commentsStart ? 'comments' : 'article');
    const source = d.source ? { ...span(ctx, d.source[0], d.source[1]), text: '' } : null;
    if (source) source.text = ctx.text.slice(source.start, source.end);
    const claim: Claim = {
      start: d.content.start,
      end: d.content.end,
      text: ctx.text.slice(d.content.start, d.content.end),
      cue: d.cue ? { ...d.cue, text: ctx.text.slice(d.cue.start, d.cue.end) } : null,
      source,
      speaker: speakerOf.get(d) ?? null,
      hedges: hedgesIn(ctx, d, hedges),
      section,
      form: d.form,
    };
    if (section === 'comments' && block?.handle) claim.handle = block.handle;
    claims.push(claim);
  }
  return claims;
}

/**
 * Hedge words in the claim's content and cue. A prefix count of hedge tokens
 * lets a claim without any (the usual case) skip its tokens altogether.
 */
function hedgesIn(ctx: ClaimContext, d: Draft, prefix: Int32Array): string[] {
  const found: string[] = [];
  const spans = d.cue ? [d.content, d.cue] : [d.content];
  for (const sp of spans) {
    const a = firstTokenAt(ctx, sp.start);
    if (a < 0) continue;
    const b = Math.max(a, firstTokenAt(ctx, sp.end) < 0 ? ctx.tokens.length : firstTokenAt(ctx, sp.end));
    if (prefix[b] === prefix[a]) continue;
    for (let k = a; k < b && found.length < 8; k++) {
      const w = ctx.lower[k];
      if (HEDGES.has(w) && !found.includes(w)) found.push(w);
    }
  }
  return found;
}

function hedgePrefix(ctx: ClaimContext): Int32Array {
  const n = ctx.tokens.length;
  const prefix = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) prefix[k + 1] = prefix[k] + (HEDGES.has(ctx.lower[k]) ? 1 : 0);
  return prefix;
}
