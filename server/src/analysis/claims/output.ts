import type { AnalysisBudget } from '../budget';
import type { Claim, Section } from '../types';
import { type ClaimContext, firstTokenAt } from './context';
import type { Draft } from './draft';
import { evidentialScope } from './evidential';
import { HEDGES } from './lexicon';
import { dropWeakNested } from './nested';
import { widenRelatives } from './relative';
import { cutAtClauseComma } from './subordinate';
import { MODEL_ONLY_BLEND, scoreClaim, type ClaimScoreTable, type ScoreBlend } from './score';
import { resolveSpeaker, type SpeakerHistory } from './speaker';

/* Drafts to claims: de-duplicated, bounded, with speakers and hedges. */

/**
 * At most this many claims cover any one character. News nests attributions
 * a few deep ("X said Y claimed that Z reportedly …": at most 5 in 929
 * PolNeAR and seed documents); run-on text nests one per cue, which would make
 * the output quadratic in the input.
 */
export const MAX_CLAIM_OVERLAP = 8;

/** Output characters charged per claim besides its texts (its offsets, fields and JSON punctuation). */
const CLAIM_COST = 200;

export function finish(
  ctx: ClaimContext,
  drafts: Draft[],
  budget: AnalysisBudget | undefined,
  scores: ClaimScoreTable | undefined,
  /** How the model's confidence (Draft.score) and the table's kind precision make the claim's score. */
  blend: ScoreBlend = MODEL_ONLY_BLEND,
): Claim[] {
  drafts = dropWeakNested(ctx, drafts);
  widenRelatives(ctx, drafts);
  cutAtClauseComma(ctx, drafts);
  evidentialScope(ctx, drafts);
  drafts.sort((x, y) => x.content.start - y.content.start || x.at - y.at);
  const seen = new Set<string>();
  // Drafts with one content start are consecutive (sorted above), and most are alone: a draft's key is made only
  // once a second one of its start comes (until then nothing can repeat it).
  let groupStart = -1;
  let groupFirst: Draft | null = null;
  const history: SpeakerHistory = { lastPerson: null };
  const byCue = [...drafts].sort((x, y) => x.at - y.at);
  const speakerOf = new Map<Draft, string | null>();
  const typeOf = new Map(ctx.entities.map((e) => [e.id, e.type]));
  for (const d of byCue) {
    const sp = d.source ? resolveSpeaker(ctx, d.source[0], d.source[1], history) : null;
    speakerOf.set(d, sp);
    if (sp && typeOf.get(sp) === 'person') history.lastPerson = { id: sp, at: ctx.tokens[d.at].start };
  }
  const claims: Claim[] = [];
  // Ends of the kept claims that may still cover the next one (drafts come by content start).
  let open: number[] = [];
  let overlapping = 0;
  for (const d of drafts) {
    if (d.content.end <= d.content.start) continue;
    if (d.content.start !== groupStart) {
      groupStart = d.content.start;
      groupFirst = d;
    } else {
      if (groupFirst) {
        seen.add(draftKey(groupFirst));
        groupFirst = null;
      }
      const key = draftKey(d);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    open = open.filter((end) => end > d.content.start);
    if (open.length >= MAX_CLAIM_OVERLAP) {
      overlapping++;
      continue;
    }
    const sourceLength = d.source ? ctx.tokens[d.source[1] - 1].end - ctx.tokens[d.source[0]].start : 0;
    const cost = CLAIM_COST + (d.content.end - d.content.start) + sourceLength + (d.cue ? d.cue.end - d.cue.start : 0);
    if (budget && !budget.spend(cost)) {
      budget.warn(
        `claims: the document is over the analysis budget; claims starting at offset ${d.content.start} or later are not reported`,
      );
      break;
    }
    open.push(d.content.end);
    const block = ctx.blockOf[d.at] >= 0 ? ctx.structure.blocks[ctx.blockOf[d.at]] : undefined;
    const section: Section =
      block?.section ?? (ctx.structure.commentsStart !== null && d.content.start >= ctx.structure.commentsStart ? 'comments' : 'article');
    // Literal objects, not spreads: the same fields in the same order, without copying through a spread.
    let source: Claim['source'] = null;
    if (d.source) {
      const start = ctx.tokens[d.source[0]].start;
      const end = ctx.tokens[d.source[1] - 1].end;
      source = { start, end, text: ctx.text.slice(start, end) };
    }
    const claim: Claim = {
      start: d.content.start,
      end: d.content.end,
      text: ctx.text.slice(d.content.start, d.content.end),
      cue: d.cue ? { start: d.cue.start, end: d.cue.end, text: ctx.text.slice(d.cue.start, d.cue.end) } : null,
      source,
      speaker: speakerOf.get(d) ?? null,
      hedges: hedgesIn(ctx, d),
      section,
      form: d.form,
    };
    if (section === 'comments' && block?.handle) claim.handle = block.handle;
    if (scores) claim.score = scoreClaim(scores, claim, d.score === undefined ? undefined : { score: d.score, blend });
    else if (d.score !== undefined) claim.score = Math.round(d.score * 1000) / 1000;
    claims.push(claim);
  }
  if (overlapping && budget)
    budget.warn(`claims: ${overlapping} claims nested more than ${MAX_CLAIM_OVERLAP} deep in run-on text are not reported`);
  return claims;
}

/** What makes two drafts one claim: their content and where their cue starts. */
function draftKey(d: Draft): string {
  return `${d.content.start}:${d.content.end}:${d.cue?.start ?? -1}`;
}

/**
 * The hedge words of a claim's content and cue, read from their tokens alone. A per-document count of hedges
 * (a look-up for every token, ~5 % of the claims stage) only let spans without one be skipped; the spans read
 * here are what the budget charged each kept claim for (at most MAX_CLAIM_OVERLAP deep), so bounded by it.
 */
function hedgesIn(ctx: ClaimContext, d: Draft): string[] {
  const found: string[] = [];
  const spans = d.cue ? [d.content, d.cue] : [d.content];
  for (const sp of spans) {
    const a = firstTokenAt(ctx, sp.start);
    if (a < 0) continue;
    const b = Math.max(a, firstTokenAt(ctx, sp.end) < 0 ? ctx.tokens.length : firstTokenAt(ctx, sp.end));
    for (let k = a; k < b && found.length < 8; k++) {
      const w = ctx.lower[k];
      if (HEDGES.has(w) && !found.includes(w)) found.push(w);
    }
  }
  return found;
}
