import { AnalysisBudget } from './budget';
import { detectClaims } from './claims';
import { clusterMentions } from './entities/clusters';
import { findDemonyms } from './entities/demonyms';
import { attachDescriptions } from './entities/descriptions';
import { detectMentions } from './entities/mentions';
import { placeEntities, promotePlaces } from './places';
import type { AnalysisResources } from './resources';
import { parseStructure } from './structure';
import { splitSentences, tokenize } from './tokenize';
import { AnalysisCancelled, type Cancellation, type DocumentAnalysis } from './types';

const NEVER: Cancellation = { isCancellationRequested: false };

/**
 * The whole engine: text in, DocumentAnalysis out. Stages run in a fixed order
 * over one model; cancellation is checked between stages.
 */
export function analyzeDocument(
  text: string,
  res: AnalysisResources,
  token: Cancellation = NEVER,
  /** claims: false skips the claims stage (training the claims model must not need the model it replaces). */
  options: { claims?: boolean } = {},
): DocumentAnalysis {
  const check = () => {
    if (token.isCancellationRequested) throw new AnalysisCancelled();
  };
  const structure = parseStructure(text);
  check();
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  check();
  const raw = promotePlaces(detectMentions(text, tokens, sentences, res), text, tokens, structure, res.gazetteer);
  check();
  const { mentions, entities } = clusterMentions(raw, res, text);
  const demonyms = findDemonyms(tokens, res, mentions);
  placeEntities(text, structure, mentions, entities, demonyms, res.gazetteer);
  attachDescriptions(text, tokens, sentences, mentions, entities);
  check();
  const budget = new AnalysisBudget(text.length);
  const claims =
    options.claims === false
      ? []
      : detectClaims({ text, tokens, sentences, structure, mentions, entities, budget, model: res.claims, scores: res.claimScores });
  const analysis: DocumentAnalysis = { length: text.length, structure, tokens, sentences, mentions, entities, demonyms, claims };
  if (budget.warnings.length) analysis.warnings = budget.warnings;
  return analysis;
}
