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
export function analyzeDocument(text: string, res: AnalysisResources, token: Cancellation = NEVER): DocumentAnalysis {
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
  const { mentions, entities } = clusterMentions(raw, res.gazetteer, text);
  const demonyms = findDemonyms(tokens, res.gazetteer, mentions);
  placeEntities(text, structure, mentions, entities, demonyms, res.gazetteer);
  attachDescriptions(text, tokens, sentences, mentions, entities);
  check();
  const claims = detectClaims({ text, tokens, sentences, structure, mentions, entities });
  return { length: text.length, structure, tokens, sentences, mentions, entities, demonyms, claims };
}
