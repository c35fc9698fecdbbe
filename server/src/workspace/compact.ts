import type { DocumentAnalysis } from '../analysis/types';

/**
 * What the index keeps of an analysis: tokens and sentences are only needed
 * while analysing, and dropping them keeps a 10,000-document workspace small
 * and makes results cheap to pass between threads. Sentence ends stay (one
 * number per sentence): the network view counts co-occurrence by sentence.
 */
export function compact(a: DocumentAnalysis): DocumentAnalysis {
  return { ...a, tokens: [], sentences: [], sentenceEnds: sentenceEnds(a) };
}

/** The ends of the analysis's sentences, whether it is compacted or not. */
export function sentenceEnds(a: DocumentAnalysis): number[] {
  return a.sentences.length ? a.sentences.map((s) => s.end) : (a.sentenceEnds ?? []);
}
