import { mix3Int } from '../ner/hash';
import type { ClaimContext } from './context';
import { FEATURES_PER_TOKEN, STEM_FEATURE, WORD_FEATURE } from './features';
import { B_CUE, I_CUE, NUM_TAGS } from './tags';

/*
 * Features of the second pass of the attribution tagger (stacked sequential
 * learning, Cohen & Carvalho 2005). A first-order tagger sees one tag back;
 * whether a token is content depends on where the cue is, often a dozen
 * tokens away, and on which cue it is ("according to" takes its content
 * before it, "said" either side). The second pass sees the first pass's tags
 * around each token, how sure the first pass was, and the nearest cue it
 * found on each side (its distance and its word). In training the first
 * pass's tags on PolNeAR train come from models trained on the other half
 * (scripts/trainClaims.ts), so that the second pass learns how far to trust
 * tags as wrong as they will be on new text.
 */

/** Look-ups the second pass adds to the first's FEATURES_PER_TOKEN. */
export const STACK_FEATURES = 8;
export const SECOND_PASS_FEATURES = FEATURES_PER_TOKEN + STACK_FEATURES;

/** A tag code for "no token" (before the start, after the end). */
const NO_TAG = NUM_TAGS;

function distBucket(d: number): number {
  if (d < 0) return 0;
  if (d <= 3) return d;
  if (d <= 6) return 4;
  if (d <= 12) return 5;
  if (d <= 25) return 6;
  return 7;
}

/** How far the first pass's tag is ahead of the runner-up, on a log scale (0-7). */
function marginBucket(emit: Float32Array, k: number, tag: number): number {
  const o = k * NUM_TAGS;
  let other = -Infinity;
  for (let l = 0; l < NUM_TAGS; l++) if (l !== tag && emit[o + l] > other) other = emit[o + l];
  const m = emit[o + tag] - other;
  return m <= 0 ? 0 : Math.min(7, 1 + Math.floor(Math.log2(1 + m)));
}

/**
 * The second pass's own features of every token, n x STACK_FEATURES, built
 * from the first pass's tags and emissions (the second pass's other features
 * are the first pass's, `base`, n x FEATURES_PER_TOKEN, which the tagger
 * looks up once for both passes).
 */
export function stackOnly(ctx: ClaimContext, base: Uint32Array, tags: Uint8Array, emit: Float32Array): Uint32Array {
  const n = ctx.tokens.length;
  const F = FEATURES_PER_TOKEN;
  const S = STACK_FEATURES;
  const out = new Uint32Array(n * S);
  const isCue = (k: number) => tags[k] === B_CUE || tags[k] === I_CUE;
  // The nearest first-pass cue token on each side within the paragraph: its index, or -1.
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  for (let k = 0, last = -1; k < n; k++) {
    if (k > 0 && ctx.blockOf[k] !== ctx.blockOf[k - 1]) last = -1;
    left[k] = last;
    if (isCue(k)) last = k;
  }
  for (let k = n - 1, next = -1; k >= 0; k--) {
    if (k < n - 1 && ctx.blockOf[k] !== ctx.blockOf[k + 1]) next = -1;
    right[k] = next;
    if (isCue(k)) next = k;
  }
  /** The first pass's tag of token j when it is in the paragraph of token k. */
  const tagAt = (j: number, k: number) => (j >= 0 && j < n && ctx.blockOf[j] === ctx.blockOf[k] ? tags[j] : NO_TAG);
  for (let k = 0; k < n; k++) {
    const o = k * S;
    const t = tags[k];
    const l = left[k];
    const r = right[k];
    const lb = l < 0 ? 0 : distBucket(k - l);
    const rb = r < 0 ? 0 : distBucket(r - k);
    const ls = l >= 0 && ctx.sentOf[l] === ctx.sentOf[k] ? 1 : 0;
    const rs = r >= 0 && ctx.sentOf[r] === ctx.sentOf[k] ? 1 : 0;
    const inQuote = ctx.quoteOf[k] >= 0 ? 1 : 0;
    out[o] = mix3Int(40, t, marginBucket(emit, k, t));
    out[o + 1] = mix3Int(41, t, tagAt(k - 1, k) * 8 + tagAt(k + 1, k));
    out[o + 2] = mix3Int(42, lb * 2 + ls, rb * 2 + rs);
    out[o + 3] = mix3Int(43, l < 0 ? 0 : base[l * F + STEM_FEATURE], lb * 2 + ls);
    out[o + 4] = mix3Int(44, r < 0 ? 0 : base[r * F + STEM_FEATURE], rb * 2 + rs);
    out[o + 5] = mix3Int(45, t * 2 + inQuote, lb * 8 + rb);
    out[o + 6] = mix3Int(46, t, tagAt(k - 2, k) * 8 + tagAt(k + 2, k));
    out[o + 7] = mix3Int(47, base[k * F + WORD_FEATURE], t);
  }
  return out;
}

/** All the second pass's features of every token, n x SECOND_PASS_FEATURES: the first pass's, then its own (training's view). */
export function stackFeatures(ctx: ClaimContext, base: Uint32Array, tags: Uint8Array, emit: Float32Array): Uint32Array {
  const n = ctx.tokens.length;
  const F = FEATURES_PER_TOKEN;
  const S = SECOND_PASS_FEATURES;
  const own = stackOnly(ctx, base, tags, emit);
  const out = new Uint32Array(n * S);
  for (let k = 0; k < n; k++) {
    out.set(base.subarray(k * F, k * F + F), k * S);
    out.set(own.subarray(k * STACK_FEATURES, (k + 1) * STACK_FEATURES), k * S + F);
  }
  return out;
}
