import { hashString, mixInt, mix3Int } from '../ner/hash';
import { closesQuote, isCapitalised, isWord, opensQuote, type ClaimContext } from './context';
import { PRONOUN_SOURCES } from './functionWords';
import { CUE_FORMS, CUE_NOUNS, SOURCELESS_ADVERBS } from './lexicon';

/*
 * Token features of the attribution tagger, as 32-bit hashes (0 = absent).
 * They describe the word (form, suffix, shape, cue-lexicon class), its
 * neighbours, the quote state, the position in the sentence and paragraph,
 * the named entities, the nearest lexicon cue on either side, and the role
 * the rule patterns (rules.ts) give the token: the patterns propose, the
 * model learns when to trust them and which other words are cues.
 */

export const FEATURES_PER_TOKEN = 30;

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

/** Code of the entity at token k: 0 none, 1 person, 2 organisation, 3 place, 4 pronoun. */
function entityCode(ctx: ClaimContext, k: number): number {
  const m = ctx.mentionOf[k];
  if (m >= 0) {
    const t = ctx.mentions[m].type;
    return t === 'person' ? 1 : t === 'organization' ? 2 : 3;
  }
  return PRONOUN_SOURCES.has(ctx.lower[k]) ? 4 : 0;
}

interface WordFacts {
  h: number;
  suffix: number;
  lex: number;
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
  const cache = new Map<string, WordFacts>();
  // Int32 rather than Uint32 arrays: the same bits, but a hash above 2^31 then stays a small integer in V8, never a heap number.
  const wh = new Int32Array(n);
  const suffix = new Int32Array(n);
  const shape = new Int32Array(n);
  const lex = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const w = ctx.lower[k];
    let f = cache.get(w);
    if (!f) {
      f = { h: hashString(w), suffix: w.length > 4 ? hashString(w.slice(-3), 3) : 0, lex: lexClass(w, learned) };
      cache.set(w, f);
    }
    wh[k] = f.h;
    suffix[k] = f.suffix;
    lex[k] = f.lex;
    shape[k] = shapeOf(ctx.tokens[k].text);
  }
  const q = new Uint8Array(n);
  for (let k = 0; k < n; k++) q[k] = quoteState(ctx, k);
  const ent = new Uint8Array(n);
  for (let k = 0; k < n; k++) ent[k] = entityCode(ctx, k);
  // Nearest lexicon cue on each side within the sentence: distance and class.
  const leftDist = new Int32Array(n).fill(-1);
  const leftLex = new Int32Array(n);
  const rightDist = new Int32Array(n).fill(-1);
  const rightLex = new Int32Array(n);
  for (let k = 0, last = -1; k < n; k++) {
    if (k > 0 && ctx.sentOf[k] !== ctx.sentOf[k - 1]) last = -1;
    if (last >= 0) {
      leftDist[k] = k - last;
      leftLex[k] = lex[last];
    }
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
    const fh = wh[k];
    const flex = lex[k];
    const fshape = shape[k];
    const p1 = k > 0 ? wh[k - 1] : NONE;
    const p2 = k > 1 ? wh[k - 2] : NONE;
    const n1 = k + 1 < n ? wh[k + 1] : NONE;
    const n2 = k + 2 < n ? wh[k + 2] : NONE;
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
    out[o + 1] = mixInt(2, fh);
    out[o + 2] = suffix[k] ? mixInt(3, suffix[k]) : 0;
    out[o + 3] = mixInt(4, fshape);
    out[o + 4] = mixInt(5, p1);
    out[o + 5] = mixInt(6, n1);
    out[o + 6] = mixInt(7, p2);
    out[o + 7] = mixInt(8, n2);
    out[o + 8] = mix3Int(9, p1, fh);
    out[o + 9] = mix3Int(10, fh, n1);
    out[o + 10] = mix3Int(11, q[k], r);
    out[o + 11] = mix3Int(12, r, rp * 8 + rn);
    out[o + 12] = mix3Int(13, r, fh);
    out[o + 13] = mix3Int(14, ent[k], k > 0 ? ent[k - 1] * 8 + q[k - 1] : 63);
    out[o + 14] = mix3Int(15, flex, q[k]);
    out[o + 15] = mix3Int(16, pos, q[k] * 8 + headline);
    out[o + 16] = mix3Int(17, ld, leftLex[k]);
    out[o + 17] = mix3Int(18, rd, rightLex[k]);
    out[o + 18] = mix3Int(19, ld * 8 + rd, q[k] * 4 + sq);
    out[o + 19] = mix3Int(20, fh, q[k]);
    out[o + 20] = mix3Int(21, headline, r);
    out[o + 21] = mix3Int(22, ent[k], rd * 8 + (k + 1 < n ? lex[k + 1] : 0));
    out[o + 22] = mix3Int(23, k > 0 ? q[k - 1] : 5, fh);
    out[o + 23] = mix3Int(24, k > 0 ? ent[k - 1] : 5, fh);
    out[o + 24] = mix3Int(25, k > 0 ? lex[k - 1] : 99, fshape);
    out[o + 25] = mix3Int(26, flex, ent[k] * 8 + (k + 1 < n ? ent[k + 1] : 7));
    out[o + 26] = mix3Int(27, p1, n1);
    out[o + 27] = mix3Int(28, r, ld * 8 + rd);
    out[o + 28] = mix3Int(29, sq, pos);
    out[o + 29] = mix3Int(30, flex, (k > 0 ? lex[k - 1] : 99) * 256 + (k + 1 < n ? lex[k + 1] : 99));
  }
  return out;
}
