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

/*
 * The hand-written attribution patterns: each looks at a bounded window around
 * a trigger word from the lexicon; content ends come from tables precomputed
 * in linear passes, so the stage stays linear in the document length. Their
 * drafts are features of the trained model, not the output.
 */

/** Every word that can start a rule: one set lookup per token before any rule runs. */
const TRIGGERS = new Set<string>([
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
 * A filter of the triggers by their first and last characters (ASCII, lowercased) and length (31 for any longer): per
 * pair of characters, hashed into the table, a bit per length. A token is a trigger only if its lowercase form is one;
 * that form has the token's first and last characters, but for the case of an ASCII letter (so both are lowercased
 * here) and for a curly apostrophe (non-ASCII, never ruled out here), and its length but for "İ", whose lowercase adds
 * a combining dot no trigger holds. So a token whose pair and length are not in the table is no trigger, and its
 * string is not looked up.
 */
const TRIGGER_SHAPES = new Uint32Array(1024);
const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const shapeSlot = (first: number, last: number) => (lowerAscii(first) * 37 + lowerAscii(last)) & 1023;
for (const w of TRIGGERS) {
  const first = w.charCodeAt(0);
  const last = w.charCodeAt(w.length - 1);
  if (first < 128 && last < 128) TRIGGER_SHAPES[shapeSlot(first, last)] |= 1 << Math.min(w.length, 31);
}

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
  // look-up of their string (TRIGGER_SHAPES).
  const tok = ctx.tokens[k];
  const first = ctx.text.charCodeAt(tok.start);
  const last = ctx.text.charCodeAt(tok.end - 1);
  if (first < 128 && last < 128 && ((TRIGGER_SHAPES[shapeSlot(first, last)] >>> Math.min(tok.end - tok.start, 31)) & 1) === 0) return;
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
