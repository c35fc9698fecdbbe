import type { Description, EntityCluster, EntityMention, EntityType, Sentence, Span, Token } from '../types';
import { firstStartingAt } from '../../../../common/search';

/*
 * What the text says an entity is, for hovers: appositives after the name
 * ("Hakim al-Zamili, the head of ..."), before it ("The head of ...,
 * Hakim al-Zamili,") and titles written in front of a person's name
 * ("Iraqi Prime Minister Haider Abadi"). Each description keeps its sentence.
 */

/** Words that head a title or role ("Prime Minister", "committee member"). */
// prettier-ignore
const TITLE_HEADS = new Set([
  'president', 'minister', 'premier', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'member', 'members', 'lawmaker', 'legislator',
  'mp', 'pm', 'leader', 'chief', 'head', 'commander', 'general', 'gen.', 'gen', 'colonel', 'col.', 'lieutenant', 'lt.', 'major', 'maj.',
  'captain', 'capt.', 'sergeant', 'sgt.', 'admiral', 'adm.', 'senator', 'sen.', 'representative', 'rep.', 'congressman', 'congresswoman',
  'governor', 'gov.', 'mayor', 'ambassador', 'envoy', 'diplomat', 'official', 'officer', 'cleric', 'ayatollah', 'sheikh', 'imam', 'king',
  'queen', 'prince', 'princess', 'emir', 'sultan', 'chairman', 'chairwoman', 'chair', 'speaker', 'director', 'adviser', 'advisor',
  'analyst', 'expert', 'correspondent', 'reporter', 'journalist', 'editor', 'columnist', 'writer', 'author', 'professor', 'prof.',
  'researcher', 'scholar', 'fellow', 'economist', 'chancellor', 'deputy', 'candidate', 'parliamentarian', 'politician', 'judge',
  'prosecutor', 'attorney', 'lawyer', 'founder', 'ceo', 'executive', 'coordinator', 'negotiator', 'militant', 'fighter', 'soldier',
  'activist', 'dr.', 'mr.', 'mrs.', 'ms.',
]);

/** Words that may precede a title head inside it ("former", "defense", "parliamentary"). */
// prettier-ignore
const TITLE_MODIFIERS = new Set([
  'former', 'deputy', 'vice', 'senior', 'top', 'acting', 'interim', 'chief', 'prime', 'foreign', 'defense', 'defence', 'interior', 'finance',
  'health', 'oil', 'justice', 'security', 'intelligence', 'military', 'army', 'police', 'state', 'national', 'parliamentary', 'parliament',
  'committee', 'party', 'government', 'opposition', 'militia', 'cabinet', 'council', 'bloc', 'senate', 'house', 'press', 'media', 'white',
  'supreme', 'grand', 'joint', 'general', 'staff', 'special', 'presidential', 'ministry', 'foreign-policy', 'veteran', 'longtime', 'powerful',
  'influential', 'prominent', 'retired', 'commanding', 'regional', 'provincial', 'local', 'sunni', 'shiite', "shi'ite", 'kurdish',
  'spokesman', 'assistant', 'associate', 'lead', 'executive', 'managing', 'news', 'political', 'religious', 'tribal', 'district',
]);

/** Nouns that say what kind of person an appositive describes ("a senior Sunni lawmaker"). */
// prettier-ignore
const PERSON_HEADS = new Set([
  ...TITLE_HEADS, 'man', 'woman', 'son', 'daughter', 'brother', 'sister', 'father', 'mother', 'wife', 'husband', 'figure', 'veteran', 'ally',
  'rival', 'critic', 'supporter', 'opponent', 'aide', 'nominee', 'citizen', 'resident', 'native', 'hostage', 'student', 'businessman',
  'businesswoman', 'billionaire', 'tycoon', 'owner', 'partner', 'mastermind', 'loyalist', 'strongman', 'warlord', 'successor',
  'predecessor', 'head', 'boss', 'dissident', 'defector', 'blogger', 'commentator', 'historian', 'scientist', 'physician', 'doctor',
]);

/** Nouns that say what kind of organisation it is ("a Shiite militia", "the Iraqi news outlet"). */
// prettier-ignore
const ORGANIZATION_HEADS = new Set([
  'group', 'groups', 'militia', 'militias', 'organization', 'organisation', 'party', 'agency', 'outlet', 'network', 'newspaper', 'paper',
  'channel', 'broadcaster', 'station', 'coalition', 'alliance', 'movement', 'force', 'forces', 'body', 'committee', 'council', 'ministry',
  'department', 'company', 'firm', 'bank', 'institute', 'think-tank', 'tank', 'bloc', 'faction', 'union', 'association', 'federation',
  'army', 'wing', 'branch', 'unit', 'units', 'arm', 'brigade', 'brigades', 'office', 'administration', 'government', 'parliament', 'court',
  'outfit', 'affiliate', 'offshoot', 'website', 'site', 'daily', 'weekly', 'magazine', 'service', 'charity', 'fund', 'foundation',
  'university', 'college', 'corporation', 'contractor', 'operator', 'producer', 'umbrella', 'organ', 'legislature', 'cabinet', 'regime',
]);

/** Nouns that say what kind of place it is ("the country's second largest city"). */
// prettier-ignore
const PLACE_HEADS = new Set([
  'city', 'town', 'village', 'capital', 'province', 'governorate', 'region', 'country', 'state', 'nation', 'district', 'area', 'border',
  'stronghold', 'hub', 'port', 'enclave', 'territory', 'island', 'neighborhood', 'neighbourhood', 'suburb', 'crossing', 'base', 'pipeline',
  'field', 'airport', 'river', 'sea', 'lake', 'mountain', 'valley', 'desert', 'county', 'municipality', 'settlement', 'camp', 'kingdom',
  'republic', 'emirate', 'monarchy', 'homeland', 'heartland', 'stronghold', 'bastion', 'largest', 'biggest',
]);

const PREPOSITIONS = new Set([
  'of',
  'for',
  'in',
  'on',
  'at',
  'from',
  'with',
  'to',
  'since',
  'by',
  'about',
  'over',
  'under',
  'between',
  'against',
]);

const ENDERS = new Set(['said', 'says', 'told', 'added', 'warned', 'claimed', 'stated', 'noted', 'explained', 'or', 'but']);

/** Words that may end an appositive by starting a relative clause. */
const RELATIVES = new Set(['who', 'which', 'that', 'whose', 'whom']);

function headsFor(type: EntityType): ReadonlySet<string> {
  if (type === 'person') return PERSON_HEADS;
  if (type === 'organization') return ORGANIZATION_HEADS;
  return PLACE_HEADS;
}

/** A role noun before the first preposition: "head of X" qualifies, "the loss of territory" does not. */
function namesRole(tokens: Token[], from: number, to: number, heads: ReadonlySet<string>): boolean {
  for (let k = from; k < to; k++) {
    const lower = tokens[k].text.toLowerCase();
    if (PREPOSITIONS.has(lower)) return false;
    if (heads.has(lower)) return true;
  }
  return false;
}

const DETERMINERS = new Set(['the', 'a', 'an', 'another']);

/** Tokens that close an appositive. */
const CLOSERS = new Set([',', ';', ':', '.', '(', ')', '"', '“', '”', '—', '–', '!', '?', '[', ']']);

/** Words after which the appositive has turned into a clause. */
// prettier-ignore
const CLAUSE_WORDS = new Set([
  'who', 'which', 'that', 'whose', 'whom', 'said', 'says', 'say', 'told', 'added', 'warned', 'claimed', 'is', 'was', 'are', 'were', 'has',
  'had', 'have', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'did', 'does', 'and', 'but', 'or',
]);

/** Cue words that may precede a pre-posed appositive ("said the head of X, Y,"). */
const LEAD_INS = new Set(['according', 'to', 'said', 'says', 'told', 'by', 'with', 'from', 'including', 'like', 'as']);

const MAX_APPOSITIVE_TOKENS = 16;
const MAX_TITLE_TOKENS = 6;
const MAX_DESCRIPTIONS = 12;

export function attachDescriptions(
  text: string,
  tokens: Token[],
  sentences: Sentence[],
  mentions: EntityMention[],
  entities: EntityCluster[],
): void {
  if (tokens.length === 0 || mentions.length === 0) return;
  const byId = new Map(entities.map((e) => [e.id, e]));
  // The descriptions each entity has, lowercased; built on an entity's first new description (most get none).
  const seen = new Map<string, Set<string>>();

  // Token ranges covered by mentions, to keep other names out of descriptions.
  const mentionAt = new Int32Array(tokens.length).fill(-1);
  const ranges = mentions.map((m, i) => {
    const from = firstStartingAt(tokens, m.start);
    let to = from;
    while (to < tokens.length && tokens[to].end <= m.end) to++;
    for (let k = from; k < to; k++) mentionAt[k] = i;
    return { from, to };
  });

  let si = 0;
  const sorted = mentions.map((_, i) => i).sort((a, b) => mentions[a].start - mentions[b].start);
  for (const mi of sorted) {
    const m = mentions[mi];
    const entity = byId.get(m.id);
    if (!entity) continue;
    const { from, to } = ranges[mi];
    if (from >= to) continue;
    while (si < sentences.length && sentences[si].end <= m.start) si++;
    const s = sentences[si];
    if (!s || s.start > m.start) continue;
    const heads = headsFor(entity.type);
    // The three readings only read tokens, so they are found first: most mentions have none, and then
    // no sentence span and no closure are made for them.
    const post = postposed(tokens, s, to, mentionAt, heads);
    const pre = preposed(tokens, s, from, to, mentionAt, heads);
    const title = m.type === 'person' ? titleBefore(tokens, s, from, mentionAt) : null;
    if (!post && !pre && !title) continue;
    const sentence: Span = { start: s.start, end: s.end };
    const add = (span: Span | null) => {
      if (!span || span.end <= span.start) return;
      const t = text.slice(span.start, span.end);
      const key = t.toLowerCase();
      let known = seen.get(entity.id);
      if (!known) seen.set(entity.id, (known = new Set(entity.descriptions.map((d) => d.text.toLowerCase()))));
      if (known.has(key) || entity.descriptions.length >= MAX_DESCRIPTIONS) return;
      known.add(key);
      entity.descriptions.push({ start: span.start, end: span.end, text: t, sentence } satisfies Description);
    };
    add(post);
    add(pre);
    add(title);
  }
}

const isLower = (t: string) => /^\p{Ll}/u.test(t);
const isUpper = (t: string) => /^\p{Lu}/u.test(t);

/** Whether a phrase reads as a description rather than a list of names ("the US"). */
function descriptive(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const lower = tokens[k].text.toLowerCase();
    if (isLower(tokens[k].text) && !DETERMINERS.has(lower) && !CLAUSE_WORDS.has(lower)) return true;
  }
  return false;
}

/** "X, the head of Y," / "X, a spokesman for Y." → the phrase after the comma. */
function postposed(tokens: Token[], s: Sentence, after: number, mentionAt: Int32Array, heads: ReadonlySet<string>): Span | null {
  if (after >= s.tokenEnd || tokens[after].text !== ',') return null;
  const first = after + 1;
  if (first >= s.tokenEnd) return null;
  const head = tokens[first].text;
  const lower = head.toLowerCase();
  const possessive = first + 1 < s.tokenEnd && /^['’]s$/.test(tokens[first + 1].text) && isUpper(head);
  if (!DETERMINERS.has(lower) && !possessive && !(isLower(head) && (TITLE_HEADS.has(lower) || TITLE_MODIFIERS.has(lower)))) return null;
  let k = first;
  while (k < s.tokenEnd && k - first < MAX_APPOSITIVE_TOKENS) {
    const t = tokens[k].text;
    const tl = t.toLowerCase();
    // News often drops the closing comma ("X, a senior lawmaker told Y"); a reporting verb or "or" ends it too.
    if (CLOSERS.has(t) || (k > first && (RELATIVES.has(tl) || ENDERS.has(tl)))) break;
    // A verb or conjunction means the comma began a clause or a list, not an appositive.
    if (CLAUSE_WORDS.has(tl) && tl !== 'and') return null;
    k++;
  }
  if (k - first >= MAX_APPOSITIVE_TOKENS || k === first) return null;
  if (k < s.tokenEnd && tokens[k].text === '(') return null;
  if (tokens[k - 1].text.toLowerCase() === 'and') return null;
  let start = first;
  if (tokens[start].text.toLowerCase() === 'the') start++;
  if (start >= k || (mentionAt[start] >= 0 && !possessive)) return null;
  if (!descriptive(tokens, start, k) || !namesRole(tokens, start, k, heads)) return null;
  return trimmed(tokens, start, k);
}

/** "The head of Y, X," → the phrase before the name, without "The". */
function preposed(tokens: Token[], s: Sentence, from: number, to: number, mentionAt: Int32Array, heads: ReadonlySet<string>): Span | null {
  if (from - 2 < s.tokenStart || tokens[from - 1].text !== ',') return null;
  if (to >= s.tokenEnd || tokens[to].text !== ',') return null;
  const end = from - 1;
  let b = end - 1;
  while (b >= s.tokenStart && end - b <= MAX_APPOSITIVE_TOKENS && !CLOSERS.has(tokens[b].text)) b--;
  if (end - b > MAX_APPOSITIVE_TOKENS) return null;
  let start = b + 1;
  // Skip a reporting lead-in ("according to the head of ...").
  while (start < end && LEAD_INS.has(tokens[start].text.toLowerCase()) && !DETERMINERS.has(tokens[start].text.toLowerCase())) start++;
  if (start >= end) return null;
  if (b + 1 !== start && !DETERMINERS.has(tokens[start].text.toLowerCase())) return null;
  if (!DETERMINERS.has(tokens[start].text.toLowerCase())) return null;
  for (let k = start; k < end; k++)
    if (CLAUSE_WORDS.has(tokens[k].text.toLowerCase()) && tokens[k].text.toLowerCase() !== 'and') return null;
  if (tokens[start].text.toLowerCase() === 'the') start++;
  if (start >= end || !descriptive(tokens, start, end)) return null;
  // The phrase must name a role, not an event ("The attack, ISIS, ...").
  if (mentionAt[start] >= 0 || !namesRole(tokens, start, end, heads)) return null;
  return trimmed(tokens, start, end);
}

/** "Iraqi Prime Minister Haider Abadi", "committee member Hamid al-Mutlaq" → the title. */
function titleBefore(tokens: Token[], s: Sentence, from: number, mentionAt: Int32Array): Span | null {
  const last = from - 1;
  if (last < s.tokenStart || !TITLE_HEADS.has(tokens[last].text.toLowerCase())) return null;
  let start = last;
  while (start - 1 >= s.tokenStart && last - start + 1 < MAX_TITLE_TOKENS) {
    const t = tokens[start - 1].text;
    const lower = t.toLowerCase();
    if (DETERMINERS.has(lower) || CLOSERS.has(t) || /^['’]s$/.test(t)) break;
    const sentenceStart = start - 1 === s.tokenStart;
    const modifier = TITLE_HEADS.has(lower) || TITLE_MODIFIERS.has(lower);
    // Capitalised words ("Iraqi", "U.S.", "Defense") belong to the title, unless they open the sentence as ordinary words.
    const name = isUpper(t) && (!sentenceStart || modifier || mentionAt[start - 1] >= 0 || /^\p{Lu}\p{Ll}+i$|an$|ish$|ese$/u.test(t));
    if (!modifier && !name) break;
    start--;
  }
  // A lone honorific says nothing.
  if (start === last && /^(mr|mrs|ms|dr)\.?$/i.test(tokens[last].text)) return null;
  return { start: tokens[start].start, end: tokens[last].end };
}

function trimmed(tokens: Token[], from: number, to: number): Span | null {
  let end = to;
  while (end > from && /^[\p{P}]+$/u.test(tokens[end - 1].text) && !/^['’]s$/.test(tokens[end - 1].text)) end--;
  if (end <= from) return null;
  return { start: tokens[from].start, end: tokens[end - 1].end };
}
