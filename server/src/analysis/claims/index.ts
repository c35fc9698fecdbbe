import type { AnalysisBudget } from '../budget';
import type { Claim, DocumentStructure, EntityCluster, EntityMention, Sentence, Token } from '../types';
import { buildContext, type ClaimContext } from './context';
import { decodeClaims, tagsOfSpans, type Decoded, type RoleSpan } from './decode';
import type { Draft } from './draft';
import { extractFeatures } from './features';
import type { CueFrameTable } from './learnedFrames';
import type { ClaimModel } from './model';
import { mergeDrafts } from './merge';
import { finish } from './output';
import { ruleDrafts } from './rules';
import type { ClaimScoreTable } from './score';

export { MAX_CLAIM_OVERLAP } from './output';

/*
 * Attribution detection after PolNeAR (source, cue, content): a trained
 * tagger (model.ts, trained by `npm run train`) labels each token with its
 * role, the hand-written patterns (rules.ts) supplying features; decode.ts
 * joins the roles into attributions, output.ts resolves speakers and hedges.
 */

export interface ClaimInput {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  structure: DocumentStructure;
  mentions: EntityMention[];
  entities: EntityCluster[];
  /** What the claims may add to the output; over it, later claims are left out with a warning. */
  budget?: AnalysisBudget;
  /** The trained attribution tagger (AnalysisResources.claims); without it the rule patterns alone. */
  model?: ClaimModel;
  /** Precision per kind of claim (data/claim-scores.json), blended into each claim's score; without it the model's confidence alone. */
  scores?: ClaimScoreTable;
  /** Cue frames learned from PolNeAR train (data/cue-frames.json, learnedFrames.ts); without it the lexicon's cues alone. */
  frames?: CueFrameTable;
}

/** The rule drafts as role spans, for the tagger's features. */
export function draftSpans(ctx: ClaimContext, drafts: Draft[]): RoleSpan[] {
  const spans: RoleSpan[] = [];
  for (const d of drafts) {
    spans.push({ role: 'content', start: d.content.start, end: d.content.end });
    if (d.cue) spans.push({ role: 'cue', start: d.cue.start, end: d.cue.end });
    if (d.source) spans.push({ role: 'source', start: ctx.tokens[d.source[0]].start, end: ctx.tokens[d.source[1] - 1].end });
  }
  return spans;
}

/** Features of a document for the tagger (also what training sees), with the patterns' drafts. */
export function claimFeatures(
  ctx: ClaimContext,
  cueWords: ReadonlyMap<string, number>,
  frames?: CueFrameTable,
): { feats: Uint32Array; rules: Draft[] } {
  const rules = ruleDrafts(ctx, frames);
  return { feats: extractFeatures(ctx, tagsOfSpans(ctx, draftSpans(ctx, rules)), cueWords), rules };
}

/** The attributions of a document with a given model (training evaluates candidates this way). */
export function modelDrafts(ctx: ClaimContext, model: ClaimModel, frames?: CueFrameTable): Decoded[] {
  const { feats, rules } = claimFeatures(ctx, model.cueWords, frames);
  const tagging = model.tag(ctx, feats);
  return mergeDrafts(ctx, tagging, rules, decodeClaims(ctx, tagging, model.calibration), model.calibration, model.merge);
}

export function detectClaimsWith(input: Omit<ClaimInput, 'model'>, model: ClaimModel): Claim[] {
  const ctx = buildContext(input.text, input.tokens, input.sentences, input.structure, input.mentions, input.entities);
  return finish(ctx, modelDrafts(ctx, model, input.frames), input.budget, input.scores, model.blend);
}

/**
 * The rule patterns' claims alone, without the model, scored by the table alone:
 * the detector when no model is loaded, and what the score table measures
 * (scripts/trainClaimScores.ts, without scores).
 */
export function patternClaims(input: Omit<ClaimInput, 'model'>): Claim[] {
  const ctx = buildContext(input.text, input.tokens, input.sentences, input.structure, input.mentions, input.entities);
  return finish(ctx, ruleDrafts(ctx, input.frames), input.budget, input.scores);
}

export function detectClaims(input: ClaimInput): Claim[] {
  return input.model ? detectClaimsWith(input, input.model) : patternClaims(input);
}
