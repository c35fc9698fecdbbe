import { BoundedCache } from '../boundedCache';
import { hashString, mixInt, mix3Int } from '../ner/hash';
import { closesQuote, isCapitalised, isWord, opensQuote, type ClaimContext } from './context';
import { PRONOUN_SOURCES } from './functionWords';
import { CUE_FORMS, CUE_NOUNS, SOURCELESS_ADVERBS } from './lexicon';

/*
 * Token features of the attribution tagger, as 32-bit hashes (0 = absent).
 * They describe the word (form, stem, shape, cue-lexicon class), its
 * neighbours, what clause follows it, the quote state, the position in the
 * sentence and paragraph, the named entities, the nearest lexicon cue on
 * either side, and the role the rule patterns (rules.ts) give the token: the
 * patterns propose, the model learns when to trust them and which other words
 * are cues. Each template costs a table look-up per token (the tagger's main
 * cost), so a template stays only if it pays on PolNeAR dev: dropping each of
 * the 30 of feature version 3 alone from the trained model showed 16 worth
 * less than 0.25 F1 there; retrained without 11 of them (the suffix, the
 * words two away, word pairs with the rule tag, quote or entity before, the
 * nearest cue on the left…) and with the stem, the model kept its accuracy
 * (dev 67.2 against 67.5, seeds 85.7 against 84.4) with 19 look-ups a token instead of 30.
 */

export const FEATURES_PER_TOKEN = 19;

/** Slots of the word's feature and of the stem's among a token's features: the second pass (stack.ts) reads them as the word's identity. */
export const WORD_FEATURE = 14;
export const STEM_FEATURE = 17;

/** Where a token stands relative to quotes: 0 outside, 1 inside, 2 opening mark, 3 closing mark. */
function quoteState(ctx: ClaimContext, k: number): number {
  if (ctx.quoteOf[k] < 0) return 0;
  if (opensQuote(ctx, k)) return 2;
  if (closesQuote(ctx, k)) return 3;
  return 1;
}

/**
 * The cue-lexicon class of a word, as a small code (0 = not a cue word):
 * the hand lexicon's class, else the class learned from PolNeAR train
 * (`learned`: word → how often it is a cue there, in quarters, stored in the model file).
 */
const lexKey = (f: NonNullable<ReturnType<typeof CUE_FORMS.get>>) => `${f.verb.cls}:${f.form}:${f.verb.frame}`;
/** Codes by sorted class name, fixed at load: never by order of first use, which would depend on the documents a process saw first. */
const LEX_CODES = new Map([...new Set([...CUE_FORMS.values()].map(lexKey))].sort().map((key, i) => [key, 10 + i]));
function lexClass(w: string, learned: ReadonlyMap<string, number>): number {
  const form = CUE_FORMS.get(w);
  if (form) return LEX_CODES.get(lexKey(form)) ?? 0;
  if (CUE_NOUNS.has(w)) return 1;
  if (w === 'according') return 2;
  if (SOURCELESS_ADVERBS.has(w)) return 3;
  const q = learned.get(w);
  return q === undefined ? 0 : 4 + q;
}

function shapeOf(t: string): number {
  if (!isWord(t)) return hashString(t.length > 3 ? t.slice(0, 3) : t, 7);
  if (isCapitalised(t)) return t.length > 1 && t === t.toUpperCase() ? 2 : 1;
  return /^\d/.test(t) ? 3 : 4;
}

function bucket(d: number): number {
  if (d < 0) return 0;
  if (d <= 3) return d;
  if (d <= 6) return 4;
  if (d <= 10) return 5;
  if (d <= 20) return 6;
  return 7;
}

interface WordFacts {
  /** Hash of the lower-cased word. */
  h: number;
  lex: number;
  stem: number;
  shape: number;
  /** 4 when the word is a pronoun source (entityCode's code), else 0. */
  pronoun: number;
  /** CLAUSE_OPENERS' code of the word, 0 none. */
  opener: number;
}

/**
 * Word facts by learned-cue map (one per model) and token text, kept across
 * documents: the words of news repeat from one article to the next, and
 * computing the facts afresh per document (hashes, a stem, an upper-casing
 * for the shape, three word-list look-ups) was a third of the feature
 * extraction. Pure functions of the token's text (its lower-cased form is
 * normalise() in context.ts) and the map, so the cache changes no output.
 */
const wordFactCaches = new WeakMap<ReadonlyMap<string, number>, BoundedCache<WordFacts>>();

function wordFacts(learned: ReadonlyMap<string, number>): BoundedCache<WordFacts> {
  let cache = wordFactCaches.get(learned);
  if (!cache) wordFactCaches.set(learned, (cache = new BoundedCache<WordFacts>(50000)));
  return cache;
}

function factsOf(text: string, w: string, learned: ReadonlyMap<string, number>): WordFacts {
  return {
    h: hashString(w),
    lex: lexClass(w, learned),
    stem: hashString(crudeStem(w), 11),
    shape: shapeOf(text),
    pronoun: PRONOUN_SOURCES.has(w) ? 4 : 0,
    opener: CLAUSE_OPENERS.get(w) ?? 0,
  };
}

/** Code of the entity at token k: 0 none, 1 person, 2 organisation, 3 place, 4 pronoun (`pronoun`: the word's code). */
function entityCode(ctx: ClaimContext, k: number, pronoun: number): number {
  const m = ctx.mentionOf[k];
  if (m >= 0) {
    const t = ctx.mentions[m].type;
    return t === 'person' ? 1 : t === 'organization' ? 2 : 3;
  }
  return pronoun;
}

/**
 * A crude stem: the inflections of a cue verb or noun share it ("plans",
 * "planned" → "plan"; "worries", "worried" → "worri"), so that a cue seen in
 * one form in training is known in the others. Most misses on PolNeAR dev were
 * cue words the tagger had seen too rarely in that form.
 */
export function crudeStem(w: string): string {
  if (w.length <= 3) return w;
  let s = w;
  if (s.endsWith('ies') || s.endsWith('ied')) s = s.slice(0, -3) + 'i';
  else if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith('ed') && s.length > 4) s = s.slice(0, -2);
  else if (s.endsWith('s') && !s.endsWith('ss') && s.length > 3) s = s.slice(0, -1);
  if (s.endsWith('e') && s.length > 3) s = s.slice(0, -1);
  if (s.endsWith('y') && s.length > 3) s = s.slice(0, -1) + 'i';
  return s;
}

/** Words that open what a cue governs: a that-clause, an infinitive, a colon, a quote, a comma. */
const CLAUSE_OPENERS = new Map([
  ['that', 1],
  ['to', 2],
  [':', 3],
  [',', 4],
  ['about', 5],
  ['if', 6],
  ['whether', 6],
  ['how', 7],
  ['why', 7],
  ['what', 7],
]);

/** The first clause opener (or opening quote) among the next three tokens of the sentence, with its distance: 0 none. */
function clauseAfter(ctx: ClaimContext, openers: Uint8Array, k: number): number {
  const n = ctx.tokens.length;
  for (let d = 1; d <= 3 && k + d < n && ctx.sentOf[k + d] === ctx.sentOf[k]; d++) {
    const c = openers[k + d];
    if (c) return c * 4 + d;
  }
  return 0;
}

/**
 * Features of every token: hashes[k * FEATURES_PER_TOKEN + f]. `ruleTags`
 * holds the tag (tags.ts) the rule patterns give each token; `learned` the
 * cue words learned in training (see lexClass).
 */
export function extractFeatures(ctx: ClaimContext, ruleTags: Uint8Array, learned: ReadonlyMap<string, number>): Uint32Array {
  const n = ctx.tokens.length;
  const F = FEATURES_PER_TOKEN;
  const out = new Uint32Array(n * F);
  // Word facts in typed arrays: one cache lookup per token, no allocation per token.
  const cache = wordFacts(learned);
  // Int32 rather than Uint32 arrays: the same bits, but a hash above 2^31 then stays a small integer in V8, never a heap number.
  const wh = new Int32Array(n);
  const shape = new Int32Array(n);
  const lex = new Int32Array(n);
  const stem = new Int32Array(n);
  // The opener code of each token (CLAUSE_OPENERS, 8 for an opening quote, 0 none), read by clauseAfter.
  const openers = new Uint8Array(n);
  const ent = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const text = ctx.tokens[k].text;
    // Numbers only are kept, under a copy of the text (remember): the cache outlives the document.
    const f = cache.get(text) ?? cache.remember(text, (own) => factsOf(own, ctx.lower[k], learned));
    wh[k] = f.h;
    lex[k] = f.lex;
    stem[k] = f.stem;
    shape[k] = f.shape;
    openers[k] = opensQuote(ctx, k) ? 8 : f.opener;
    ent[k] = entityCode(ctx, k, f.pronoun);
  }
  const q = new Uint8Array(n);
  for (let k = 0; k < n; k++) q[k] = quoteState(ctx, k);
  // Nearest lexicon cue on each side within the sentence: distance, and the class of the one on the right.
  const leftDist = new Int32Array(n).fill(-1);
  const rightDist = new Int32Array(n).fill(-1);
  const rightLex = new Int32Array(n);
  for (let k = 0, last = -1; k < n; k++) {
    if (k > 0 && ctx.sentOf[k] !== ctx.sentOf[k - 1]) last = -1;
    if (last >= 0) leftDist[k] = k - last;
    if (lex[k]) last = k;
  }
  for (let k = n - 1, next = -1; k >= 0; k--) {
    if (k < n - 1 && ctx.sentOf[k] !== ctx.sentOf[k + 1]) next = -1;
    if (next >= 0) {
      rightDist[k] = next - k;
      rightLex[k] = lex[next];
    }
    if (lex[k]) next = k;
  }
  // Whether the sentence has a quote, and whether it has a lexicon cue outside quotes.
  const sentQuote = new Uint8Array(ctx.sentences.length);
  const sentCue = new Uint8Array(ctx.sentences.length);
  for (let k = 0; k < n; k++) {
    const s = ctx.sentOf[k];
    if (s < 0) continue;
    if (q[k]) sentQuote[s] = 1;
    if (lex[k] && !q[k]) sentCue[s] = 1;
  }
  const NONE = 0x9e3779b9 | 0;
  for (let k = 0; k < n; k++) {
    const o = k * F;
    const flex = lex[k];
    const fshape = shape[k];
    const fh = wh[k];
    const p1 = k > 0 ? wh[k - 1] : NONE;
    const n1 = k + 1 < n ? wh[k + 1] : NONE;
    const s = ctx.sentOf[k];
    const sentStart = k === 0 || ctx.sentOf[k - 1] !== s;
    const sentEnd = k === n - 1 || ctx.sentOf[k + 1] !== s;
    const blockStart = k === 0 || ctx.blockOf[k - 1] !== ctx.blockOf[k];
    const b = ctx.blockOf[k];
    const headline = b >= 0 && ctx.structure.blocks[b].kind === 'headline' ? 1 : 0;
    const pos = (sentStart ? 1 : 0) | (sentEnd ? 2 : 0) | (blockStart ? 4 : 0);
    const r = ruleTags[k];
    const rp = k > 0 ? ruleTags[k - 1] : 7;
    const rn = k + 1 < n ? ruleTags[k + 1] : 7;
    const ld = bucket(leftDist[k]);
    const rd = bucket(rightDist[k]);
    const sq = s >= 0 ? sentQuote[s] | (sentCue[s] << 1) : 0;
    out[o] = mixInt(1, 1);
    out[o + 1] = mixInt(4, fshape);
    out[o + 2] = mixInt(6, n1);
    out[o + 3] = mix3Int(11, q[k], r);
    out[o + 4] = mix3Int(12, r, rp * 8 + rn);
    out[o + 5] = mix3Int(15, flex, q[k]);
    out[o + 6] = mix3Int(16, pos, q[k] * 8 + headline);
    out[o + 7] = mix3Int(18, rd, rightLex[k]);
    out[o + 8] = mix3Int(19, ld * 8 + rd, q[k] * 4 + sq);
    out[o + 9] = mix3Int(21, headline, r);
    out[o + 10] = mix3Int(26, flex, ent[k] * 8 + (k + 1 < n ? ent[k + 1] : 7));
    out[o + 11] = mix3Int(28, r, ld * 8 + rd);
    out[o + 12] = mix3Int(29, sq, pos);
    out[o + 13] = mix3Int(30, flex, (k > 0 ? lex[k - 1] : 99) * 256 + (k + 1 < n ? lex[k + 1] : 99));
    // The word, the word before it and the pair; the stem alone and with what follows it (a cue governs a clause).
    out[o + WORD_FEATURE] = mixInt(2, fh);
    out[o + 15] = mixInt(5, p1);
    out[o + 16] = mix3Int(9, p1, fh);
    out[o + STEM_FEATURE] = mixInt(31, stem[k]);
    out[o + 18] = mix3Int(32, stem[k], clauseAfter(ctx, openers, k));
  }
  return out;
}
