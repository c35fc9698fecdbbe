/**
 * The data model of one analysed document. Every offset is a JavaScript
 * string index (UTF-16 code unit) into the text exactly as given: start
 * inclusive, end exclusive.
 */

export interface Span {
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  text: string;
}

export interface Token extends Span {
  text: string;
}

export interface Sentence extends Span {
  /** Index of the first token of the sentence in `DocumentAnalysis.tokens`. */
  tokenStart: number;
  /** Index one past the last token of the sentence. */
  tokenEnd: number;
}

export type BlockKind = 'headline' | 'byline' | 'paragraph' | 'blockquote-intro' | 'blockquote' | 'comments-header' | 'comment';

export type Section = 'article' | 'comments';

export interface Block extends Span {
  kind: BlockKind;
  section: Section;
  /** The commenter's handle, for `comment` blocks. */
  handle?: string;
  /** Where the handle is written, for `comment` blocks. */
  handleSpan?: Span;
}

export interface DocumentStructure {
  headline: Span | null;
  byline: Span | null;
  blocks: Block[];
  /** Offset where the reader-comment section starts, or null when there is none. */
  commentsStart: number | null;
}

export type EntityKind = 'actor' | 'place';
export type EntityType = 'person' | 'organization' | 'country' | 'city' | 'region' | 'facility';

export function kindOf(type: EntityType): EntityKind {
  return type === 'person' || type === 'organization' ? 'actor' : 'place';
}

export interface EntityMention extends TextSpan {
  kind: EntityKind;
  type: EntityType;
  /** Lowercase hyphenated canonical name, shared by all aliases of one entity. */
  id: string;
}

export interface Description extends TextSpan {
  /** The sentence the description comes from. */
  sentence: Span;
}

export interface PlaceFacts {
  country?: string;
  countryCode?: string;
  /** First-level division (a US state, a Canadian province, a governorate...). */
  admin1?: string;
  lat?: number;
  lon?: number;
  population?: number;
}

/** One entity of the document: the cluster of all its mentions. */
export interface EntityCluster {
  id: string;
  canonical: string;
  kind: EntityKind;
  type: EntityType;
  aliases: string[];
  /** Indices into `DocumentAnalysis.mentions`, in text order. */
  mentions: number[];
  descriptions: Description[];
  facts?: PlaceFacts;
  /** The place the document means by this name, for countries, cities and regions (analysis/places). */
  place?: ResolvedPlace;
  /**
   * The places the name could mean, the chosen one included, for "choose the place…"; only where
   * there is a choice, and at most the most prominent few.
   */
  placeCandidates?: PlaceCandidate[];
}

/** One known place a place name was resolved to. */
export interface ResolvedPlace {
  /** Its name in the gazetteer ("Paris", "Georgia", "Valencian Community"). */
  name: string;
  /** ISO 3166-1 alpha-2 code of its country. */
  country: string;
  /** Name of its first-level division, where known; a division's own name for a division. */
  admin1?: string;
  lat?: number;
  lon?: number;
  population?: number;
  /** Other known places of the same name that the document did not mean. */
  alternatives: number;
}

/** One place a name could mean, with what the entity becomes if the user chooses it. */
export interface PlaceCandidate {
  /** The entity id the name takes with this reading ("paris-texas"). */
  id: string;
  type: 'country' | 'city' | 'region';
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  countryName?: string;
  admin1?: string;
  lat?: number;
  lon?: number;
  population?: number;
}

/** A nationality adjective such as "Iraqi", linked to its country but not a mention. */
export interface DemonymMention extends TextSpan {
  countryId: string;
  country: string;
}

export interface Claim extends TextSpan {
  cue: TextSpan | null;
  source: TextSpan | null;
  speaker: string | null;
  /** Hedge words found in the cue or content ("allegedly", "may", ...). */
  hedges: string[];
  section: Section;
  handle?: string;
  /** How the attribution was recognised: direct quote, indirect speech, ... */
  form: ClaimForm;
  /** The attribution model's confidence, 0..1 (set by the engine; absent only in data from older versions). */
  score?: number;
}

export type ClaimForm = 'direct' | 'indirect' | 'according-to' | 'belief' | 'allegation' | 'blockquote' | 'mixed';

export interface DocumentAnalysis {
  length: number;
  structure: DocumentStructure;
  tokens: Token[];
  sentences: Sentence[];
  mentions: EntityMention[];
  entities: EntityCluster[];
  demonyms: DemonymMention[];
  claims: Claim[];
  /**
   * Present when the document was analysed only in part (it went over the
   * per-document analysis budget): one readable line per limit reached, with
   * no document text in it.
   */
  warnings?: string[];
  /**
   * Where each sentence ends, in text order: what the index keeps of
   * `sentences` when it drops tokens and sentences (workspace/compact.ts),
   * so that co-occurrence in a sentence can be computed without re-analysis.
   */
  sentenceEnds?: number[];
}

/** Checked between stages so that a long analysis can be abandoned. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
  }
}
