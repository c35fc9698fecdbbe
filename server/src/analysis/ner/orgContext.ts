import type { DocContext } from './contextFeatures';

/*
 * Organisation context (issue 14, item 2): two small-domain templates that let
 * the context outvote a gazetteer hit or a person-like shape.
 *
 *  - OrgGenre: what kind of document this is (sports results, business news,
 *    by counts of cue words and score tokens), conjoined with the token's
 *    gazetteer code and case. In a sports report a city's name is mostly its
 *    club ("Seattle", "Leicester"), in business news an unknown capitalised word
 *    is mostly a company ("Pirelli", "Magna"); the word-identity templates
 *    cannot learn that for names they never saw.
 *  - OrgLocal: the classes of the words around the token (a result verb before
 *    it, "drew with", "shares of", "chairman of"; an organisation head word,
 *    a score, "shares" or a capitalised non-place word after it), conjoined
 *    with the token's gazetteer type and case: "beat Leeds", "Leeds 2",
 *    "Washington Redskins", "Newmont shares".
 *
 * The word classes are short hand lists rather than WordNet's noun.group:
 * that class holds mostly generic collectives (crowd, family, army, people)
 * that say nothing about the capitalised word beside them. Part of
 * FEATURE_VERSION (features.ts): changing a list or a code needs retraining.
 */

/** Word-class bits of a lowercase word (WordInfo.cue). */
export const enum Cue {
  /** A verb or preposition of a result: "beat X", "X v Y", "against X". */
  SportVerb = 1,
  /** Heads "drew with X", "lost to X" from two words away. */
  SportVerb2 = 2,
  /** Heads "shares of X", "chairman of X" from two words away. */
  Relation = 4,
  /** An organisation head word after the name: "X Inc", "X Party", "X United". */
  OrgHead = 8,
  /** "X shares", "X stock", "X spokesman": a company or institution before it. */
  BizNext = 16,
  /** A small number or a score: "Leeds 2", "Kent 108-3". */
  Score = 32,
  /** A word of sports reports (document genre). */
  SportsWord = 64,
  /** A word of business news (document genre). */
  BusinessWord = 128,
  /** The preposition between a two-away head and the name (of, in, at, for, with, to). */
  Link = 256,
  /** A score with a dash, "1-0", "56-13" (document genre). */
  ScoreDash = 512,
}

function set(words: string): Set<string> {
  return new Set(words.split(' '));
}

const SPORT_VERB = set(
  'beat beats beating defeated defeat defeats edged edge thrashed routed crushed downed overcame eliminated ' +
    'v v. vs vs. versus against over host hosts hosted hosting visit visits visited play plays played face faces faced meet meets',
);
const SPORT_VERB2 = set('drew draw draws drawn lost lose loses losing loss fell went slumped succumbed');
const RELATION = set(
  'shares stake unit subsidiary division shareholders stock chairman chairwoman president chief executive director directors ' +
    'spokesman spokeswoman analyst analysts officials official member members head leader leaders founder owner board ' +
    'coach manager captain player players striker midfielder defender goalkeeper',
);
const ORG_HEAD = set(
  'inc inc. corp corp. co co. ltd ltd. plc llc sa ag nv spa bhd group holdings holding company corporation bank bancorp ' +
    'airlines airways motors industries international party ministry committee council commission union association ' +
    'federation league club fc united city rovers wanderers athletic university college institute agency authority ' +
    'foundation fund trust board exchange court parliament assembly army police front movement organisation organization ' +
    'society newspaper daily times post journal news press radio television tv network systems technologies communications ' +
    'petroleum oil energy mining resources securities capital partners investments insurance',
);
const BIZ_NEXT = set(
  'shares stock stocks shareholders spokesman spokeswoman chairman officials executives profit profits earnings revenue ' +
    'sales said officials announced reported',
);
const SPORTS_WORD = set(
  'match matches game games season league cup championship tournament goal goals scored halftime half-time innings ' +
    'wickets wicket runs inning innings homer homers pitcher striker midfielder goalkeeper coach soccer football ' +
    'baseball cricket rugby tennis hockey basketball win won victory defeat draw drew points standings division semifinal ' +
    'final quarterfinal round title champions',
);
const BUSINESS_WORD = set(
  'shares share stock stocks company companies firm profit profits earnings revenue revenues sales market markets ' +
    'investors analyst analysts percent pct million billion dividend quarter fiscal acquisition merger deal bid ' +
    'subsidiary unit chairman executive shareholders trading traded exchange bonds prices price',
);
const LINK = set('of in at for with to from');

function isScore(w: string): number {
  // "2", "108", "1-0", "108-3": at most three digits either side (years and dates are longer).
  let i = 0;
  let digits = 0;
  while (i < w.length && w.charCodeAt(i) >= 48 && w.charCodeAt(i) <= 57) i++;
  digits = i;
  if (digits === 0 || digits > 3) return 0;
  if (i === w.length) return Cue.Score;
  if (w.charAt(i) !== '-') return 0;
  const start = ++i;
  while (i < w.length && w.charCodeAt(i) >= 48 && w.charCodeAt(i) <= 57) i++;
  return i === w.length && i - start >= 1 && i - start <= 3 ? Cue.Score | Cue.ScoreDash : 0;
}

/** The class bits of a word (lowercased as `lower`); computed once per word type. */
export function cueOf(lower: string): number {
  let c = isScore(lower);
  if (SPORT_VERB.has(lower)) c |= Cue.SportVerb;
  if (SPORT_VERB2.has(lower)) c |= Cue.SportVerb2;
  if (RELATION.has(lower)) c |= Cue.Relation;
  if (ORG_HEAD.has(lower)) c |= Cue.OrgHead;
  if (BIZ_NEXT.has(lower)) c |= Cue.BizNext;
  if (SPORTS_WORD.has(lower)) c |= Cue.SportsWord;
  if (BUSINESS_WORD.has(lower)) c |= Cue.BusinessWord;
  if (LINK.has(lower)) c |= Cue.Link;
  return c;
}

/** Value-domain sizes of OrgGenre and OrgLocal (see orgCodes). */
export const ORG_SIZES: readonly number[] = [9 * 7 * 4, 4 * 5 * 4 * 4];

/** Buckets of a cue count: none or few, some, many. */
function bucket(n: number): number {
  return n < 3 ? 0 : n < 10 ? 1 : 2;
}

/** Document genre code (0..8): sports bucket x business bucket over the first n words. */
export function documentGenre(ctx: DocContext, n: number): number {
  const infos = ctx.infos;
  let sports = 0;
  let business = 0;
  for (let i = 0; i < n; i++) {
    const c = infos[i].cue;
    if (c === 0) continue;
    if (c & (Cue.SportsWord | Cue.ScoreDash)) sports++;
    if (c & Cue.BusinessWord) business++;
  }
  return bucket(sports) * 3 + bucket(business);
}

/**
 * Marks (ctx.title) the tokens of Title Case sentences: headlines written "Iraq Seeks To Cancel
 * Security Agreement With US", where capitals say nothing. The training data has none (CoNLL's
 * headlines are in capitals), so their tokens get a case code of their own that carries no weight,
 * instead of reading every capitalised neighbour as the second word of an organisation's name.
 */
export function markTitleCase(ctx: DocContext, sentences: ReadonlyArray<readonly [number, number]>): void {
  const infos = ctx.infos;
  const title = ctx.title;
  for (const [s, e] of sentences) {
    let words = 0;
    let caps = 0;
    let capsCommon = 0;
    let seenLower = 0;
    for (let i = s; i < e; i++) {
      const inf = infos[i];
      if (!inf.hasLetter) continue;
      if (inf.isCommonLower) {
        if (inf.caseClass === 2 && !ctx.initial[i]) capsCommon++;
        continue;
      }
      // Short words say little.
      if (inf.lower.length < 3) continue;
      words++;
      if (inf.caseClass === 2) caps++;
      if (inf.stats.low > 0) seenLower++;
    }
    // Every content word capitalised, and a capitalised function word ("To", "With") or words this
    // document writes lowercase elsewhere: not a line of a results table ("Aston Villa 2 Derby County 0").
    const isTitle = words >= 3 && caps === words && ctx.mode[s] === 0 && (capsCommon > 0 || seenLower >= 2);
    title.fill(isTitle ? 1 : 0, s, e);
  }
}

/** Case of the token for these templates: 0 no capital, 1 capitalised or mixed, 2 all caps, 3 in a Title Case sentence. */
function caseOf(cc: number, title: number): number {
  return title ? 3 : cc === 3 ? 2 : cc >= 2 ? 1 : 0;
}

/** Codes of OrgGenre and OrgLocal for token i of sentence [s, e), written to out[at] and out[at + 1]. */
export function orgCodes(ctx: DocContext, i: number, s: number, e: number, out: Int32Array, at: number): void {
  const infos = ctx.infos;
  const inf = infos[i];
  const g = ctx.gaz[i];
  const title = ctx.title[i];
  const k = caseOf(inf.caseClass, title);
  out[at] = (ctx.genre * 7 + g) * 4 + k;
  // Before: 0 nothing, 1 a result verb, 2 "drew with" / "lost to", 3 "shares of" / "chairman of".
  let before = 0;
  if (i > s) {
    const p = infos[i - 1].cue;
    if (p & Cue.SportVerb) before = 1;
    else if (p & Cue.Link && i > s + 1) {
      const p2 = infos[i - 2].cue;
      before = p2 & Cue.SportVerb2 ? 2 : p2 & Cue.Relation ? 3 : 0;
    }
  }
  // After: 0 nothing, 1 an organisation head, 2 "shares" / "spokesman", 3 a score, 4 a capitalised word that is no place.
  let after = 0;
  if (i + 1 < e) {
    const nx = infos[i + 1];
    const c = nx.cue;
    if (c & Cue.OrgHead) after = 1;
    else if (c & Cue.BizNext) after = 2;
    else if (c & Cue.Score) after = 3;
    else if (!title && (nx.caseClass === 2 || nx.caseClass === 4) && !nx.isCommonLower && ctx.gaz[i + 1] === 0) after = 4;
  }
  const type = g === 0 ? 0 : ((g - 1) >> 1) + 1;
  out[at + 1] = ((before * 5 + after) * 4 + type) * 4 + k;
}
