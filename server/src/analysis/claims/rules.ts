import { contentCuts } from './content';
import { closesQuote, inHeadline, isCapitalised, isSentenceInitial, opensQuote, type ClaimContext } from './context';
import { type Draft, pushAll } from './draft';
import { CLOSE_PUNCT, DASHES } from './functionWords';
import { blockQuotes, colonCue, dashSignature, orphanQuotes } from './layoutCues';
import { type CueFrameTable, learnedFrameDrafts } from './learnedFrames';
import { CUE_FORMS, CUE_NOUNS, SOURCELESS_ADVERBS } from './lexicon';
import { looseQuotes } from './looseQuotes';
import { accordingTo, hopeVerb, nounCue, pluralSubjectShow, selfDescribed, sourcelessAdverb } from './phraseCues';
import { verbCue } from './verbCue';
import { ShapedWords } from './wordShapes';

/*
 * The hand-written attribution patterns: each looks at a bounded window around
 * a trigger word from the lexicon; content ends come from tables precomputed
 * in linear passes, so the stage stays linear in the document length. Their
 * drafts are features of the trained model, not the output.
 */

/** Every word that can start a rule: one set lookup per token before any rule runs. */
const TRIGGERS = new ShapedWords([
  'according',
  ':',
  '―',
  'show',
  'hopes',
  'hope',
  'self-described',
  'self-styled',
  'self-proclaimed',
  ...DASHES,
  ...SOURCELESS_ADVERBS,
  ...CUE_FORMS.keys(),
  ...CUE_NOUNS,
]);

/**
 * The attributions the hand-written patterns find; the model takes them as
 * features (features.ts). With a table of learned frames (learnedFrames.ts),
 * a word outside every pattern's draft is also a cue in a frame the table keeps.
 */
export function ruleDrafts(ctx: ClaimContext, frames?: CueFrameTable): Draft[] {
  const drafts: Draft[] = [];
  const cut = contentCuts(ctx);
  for (let k = 0; k < ctx.tokens.length; k++) {
    // Cues inside quotes belong to the quoted speaker; a colon may still be a transcript turn ("WALLACE: …).
    if (ctx.quoteOf[k] >= 0 && !opensQuote(ctx, k) && !closesQuote(ctx, k) && ctx.lower[k] !== ':') continue;
    triggerDrafts(ctx, k, cut, drafts);
  }
  pushAll(drafts, blockQuotes(ctx));
  pushAll(drafts, orphanQuotes(ctx, drafts));
  pushAll(drafts, looseQuotes(ctx, drafts));
  if (frames) pushAll(drafts, learnedFrameDrafts(ctx, drafts, cut, frames));
  return drafts;
}

/** The drafts of the lexicon's trigger at token k, if it is one. */
function triggerDrafts(ctx: ClaimContext, k: number, cut: Int32Array, drafts: Draft[]): void {
  const n = ctx.tokens.length;
  // The first and last characters and the length, read from the document's text, rule out most tokens before a
  // look-up of their string (18 % of a generated document's tokens reach it).
  const tok = ctx.tokens[k];
  if (!TRIGGERS.mayHold(ctx.text, tok.start, tok.end)) return;
  const w = ctx.lower[k];
  if (!TRIGGERS.has(w)) return;
  if (w === 'according' && ctx.lower[k + 1] === 'to') {
    pushAll(drafts, accordingTo(ctx, k, cut));
    return;
  }
  if (SOURCELESS_ADVERBS.has(w)) {
    pushAll(drafts, sourcelessAdverb(ctx, k, cut));
    return;
  }
  if (w === ':') {
    pushAll(drafts, colonCue(ctx, k));
    return;
  }
  if (DASHES.has(w) || w === '―') {
    pushAll(drafts, dashSignature(ctx, k));
    return;
  }
  if (w === 'self-described' || w === 'self-styled' || w === 'self-proclaimed') {
    pushAll(drafts, selfDescribed(ctx, k));
    return;
  }
  const form = CUE_FORMS.get(w) ?? pluralSubjectShow(ctx, k) ?? hopeVerb(ctx, k);
  // Title-case headlines capitalise their verbs: "…, Lindsey Graham Says", "Obama Says Museum Will …".
  const headlineEnd =
    inHeadline(ctx, k) &&
    (k + 1 >= n ||
      ctx.blockOf[k + 1] !== ctx.blockOf[k] ||
      CLOSE_PUNCT.has(ctx.lower[k + 1]) ||
      ((form?.form === 's' || form?.form === 'past') && k > 0 && isCapitalised(ctx.tokens[k - 1].text)));
  if (form && (!isCapitalised(ctx.tokens[k].text) || isSentenceInitial(ctx, k) || headlineEnd)) {
    const d = verbCue(ctx, k, form, cut, drafts);
    if (d) {
      pushAll(drafts, d);
      return;
    }
  }
  if (CUE_NOUNS.has(w) && ctx.lower[k + 1] === 'that' && !isCapitalised(ctx.tokens[k].text)) pushAll(drafts, nounCue(ctx, k, cut));
}
