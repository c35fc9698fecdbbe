import { AnalysisBudget } from './budget';
import { detectClaims } from './claims';
import { clusterMentions } from './entities/clusters';
import { findDemonyms } from './entities/demonyms';
import { attachDescriptions } from './entities/descriptions';
import { detectMentions } from './entities/mentions';
import type { RawMention } from './entities/rawMention';
import { placeEntities, promotePlaces } from './places';
import type { NerSpan, Tagger } from './ner';
import type { AnalysisResources } from './resources';
import { parseStructure } from './structure';
import { splitSentences, tokenize } from './tokenize';
import { AnalysisCancelled, type Cancellation, type DocumentAnalysis, type DocumentStructure, type Sentence, type Token } from './types';

const NEVER: Cancellation = { isCancellationRequested: false };

const checker = (token: Cancellation) => () => {
  if (token.isCancellationRequested) throw new AnalysisCancelled();
};

/** What the first stages make of a text: where a host splits the stages, computed on the tagging thread and sent packed (cli/packedLayout.ts). */
export interface TextLayout {
  structure: DocumentStructure;
  tokens: Token[];
  sentences: Sentence[];
}

/** The first stages: the text's blocks, tokens and sentences. */
export function layoutText(text: string, token: Cancellation = NEVER): TextLayout {
  const structure = parseStructure(text);
  checker(token)();
  const tokens = tokenize(text);
  return { structure, tokens, sentences: splitSentences(text, tokens) };
}

/*
 * The engine split in two for a host that runs the tagging on another thread
 * (the CLI's pipeline): `tagSpans` or `tagMentions` there, then
 * `completeFromSpans` or `completeFromMentions` here on what they found, give
 * what `analyzeDocument` gives. The tagger is the costliest stage; making the
 * mentions of its spans is the next, moved to whichever thread has time.
 */

/** The tagger's spans. */
export function tagSpans(text: string, layout: TextLayout, res: Pick<AnalysisResources, 'tagger'>): NerSpan[] {
  return res.tagger.tag(text, layout.tokens, layout.sentences);
}

/** The mentions, typed, before places are promoted: the tagger's spans and what is made of them. */
export function tagMentions(text: string, layout: TextLayout, res: AnalysisResources): RawMention[] {
  return detectMentions(text, layout.tokens, layout.sentences, res);
}

/** `analyzeDocument`, given `tagSpans`' result for the same text and model. */
export function completeFromSpans(
  text: string,
  layout: TextLayout,
  spans: NerSpan[],
  res: AnalysisResources,
  token: Cancellation = NEVER,
  options: { claims?: boolean } = {},
): DocumentAnalysis {
  const replay: Tagger = {
    tag: (t) => {
      if (t !== text) throw new Error('tagger spans replayed for another text');
      return spans;
    },
  };
  return completeFromMentions(text, layout, tagMentions(text, layout, { ...res, tagger: replay }), res, token, options);
}

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
  const layout = layoutText(text, token);
  checker(token)();
  return completeFromMentions(text, layout, tagMentions(text, layout, res), res, token, options);
}

/** `analyzeDocument`, given `tagMentions`' result for the same text and resources. */
export function completeFromMentions(
  text: string,
  layout: TextLayout,
  tagged: RawMention[],
  res: AnalysisResources,
  token: Cancellation = NEVER,
  options: { claims?: boolean } = {},
): DocumentAnalysis {
  const check = checker(token);
  const { structure, tokens, sentences } = layout;
  const raw = promotePlaces(tagged, text, tokens, structure, res.gazetteer);
  check();
  const { mentions, entities } = clusterMentions(raw, res, text);
  const demonyms = findDemonyms(text, tokens, res, mentions);
  placeEntities(text, structure, mentions, entities, demonyms, res.gazetteer);
  attachDescriptions(text, tokens, sentences, mentions, entities);
  check();
  const budget = new AnalysisBudget(text.length);
  const claims =
    options.claims === false
      ? []
      : detectClaims({
          text,
          tokens,
          sentences,
          structure,
          mentions,
          entities,
          budget,
          model: res.claims,
          scores: res.claimScores,
          frames: res.cueFrames,
        });
  const analysis: DocumentAnalysis = { length: text.length, structure, tokens, sentences, mentions, entities, demonyms, claims };
  if (budget.warnings.length) analysis.warnings = budget.warnings;
  return analysis;
}
