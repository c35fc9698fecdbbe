import type { DocumentAnalysis } from '../analysis/types';

/**
 * What the index keeps of an analysis: tokens and sentences are only needed
 * while analysing, and dropping them keeps a 10,000-document workspace small
 * and makes results cheap to pass between threads.
 */
export function compact(a: DocumentAnalysis): DocumentAnalysis {
  return { ...a, tokens: [], sentences: [] };
}
