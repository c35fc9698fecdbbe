import type { Sentence, Token } from '../types';

export type NerLabel = 'PER' | 'ORG' | 'LOC' | 'MISC';

export interface NerSpan {
  start: number;
  end: number;
  label: NerLabel;
  /** Token range [tokenStart, tokenEnd) of the span. */
  tokenStart: number;
  tokenEnd: number;
  /** The place of a dateline ("NEW YORK 1996-08-30", datelines.ts): typed by the form of its line, which a document-wide vote does not overrule. */
  dateline?: true;
}

/** A trained sequence tagger: tokens of a document in, labelled spans out. */
export interface Tagger {
  tag(text: string, tokens: Token[], sentences: Sentence[]): NerSpan[];
}
