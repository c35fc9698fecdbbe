import { mix3Int, mixInt } from './hash';
import { BOUNDARY, T, tpl } from './templates';
import type { RunContext } from './runContext';
import type { WordInfo } from './wordFeatures';
import { F_CASE, F_COMMON, F_DEMONYM, F_TITLE } from './wordFacts';

/*
 * Context templates of one token: small-domain codes (gazetteer, document
 * evidence, titles, quotes) and the hashed shape trigram. Part of
 * FEATURE_VERSION.
 */

/** What one document looks like to the templates; see FeatureExtractor.context. */
export interface DocContext {
  infos: WordInfo[];
  /** Per token: its word's id (WordInfo.id). */
  ids: Int32Array;
  /** Per token: its word's packed facts (wordFacts.ts). */
  facts: Int32Array;
  /** Per token: its word's short shape hash (WordInfo.hShort) as int32. */
  short: Int32Array;
  /** Per token: the index of its lowercase form in this document (FeatureExtractor.context). */
  form: Int32Array;
  /** How many lowercase forms the document has. */
  forms: number;
  /** Per form: how often it is written capitalised mid-sentence in normally cased sentences. */
  cap: Int32Array;
  /** Per form: how often it is written lowercase in normally cased sentences. */
  low: Int32Array;
  /** Per token: sentence case mode (0 normal, 1 SHOUTING, 2 lowercase). */
  mode: Uint8Array;
  /** Per token: 1 on the first word with letters of its sentence. */
  initial: Uint8Array;
  /** Per token: gazetteer code (see gazetteerCodes). */
  gaz: Uint8Array;
  /** Per token: inside double quotes within the sentence. */
  quote: Uint8Array;
  /** Capitalised runs and their context classes (runContext.ts). */
  runs: RunContext;
}

/** Codes of the small-domain templates of token i of sentence [s, e). */
export function smallCodes(ctx: DocContext, i: number, s: number, e: number, out: Int32Array): void {
  const facts = ctx.facts;
  const f = facts[i];
  // A missing neighbour (beyond the sentence edge) has no facts: none of its flags is set.
  const hasPrev = i > s;
  const hasNext = i + 1 < e;
  const fp = hasPrev ? facts[i - 1] : 0;
  const fp2 = i > s + 1 ? facts[i - 2] : 0;
  const fn = hasNext ? facts[i + 1] : 0;
  const gaz = ctx.gaz;
  const cc = f & F_CASE;
  const init = ctx.initial[i];
  const m = ctx.mode[i];
  const form = ctx.form[i];
  const low = ctx.low[form];
  const cap = ctx.cap[form];
  // Bucketed counts, conjoined with this token's casing, position and sentence mode.
  const lowB = low === 0 ? 0 : low < 3 ? 1 : 2;
  const capB = cap === 0 ? 0 : cap < 3 ? 1 : 2;
  const c = (cc * 2 + init) * 3 + m;
  out[0] = 0;
  out[1] = gaz[i] * 8 + cc;
  out[2] = hasPrev ? gaz[i - 1] : 255;
  out[3] = hasNext ? gaz[i + 1] : 255;
  out[4] = (f & F_DEMONYM ? 1 : 0) + (fp & F_DEMONYM ? 2 : 0) + (fn & F_DEMONYM ? 4 : 0);
  out[5] = init * 8 + cc;
  out[6] = c * 4 + lowB;
  out[7] = (c * 4 + capB) * 4 + lowB;
  out[8] = (fp & F_TITLE ? 1 : 0) + (fp2 & F_TITLE ? 2 : 0) + (f & F_TITLE ? 4 : 0);
  out[9] = hasPrev ? (fp & F_CASE) * 2 + (fp & F_COMMON ? 1 : 0) : 99;
  out[10] = hasNext ? (fn & F_CASE) * 2 + (fn & F_COMMON ? 1 : 0) : 99;
  out[11] = ctx.quote[i] * 8 + cc;
  out[12] = ctx.runs.inner[i];
  out[13] = ctx.runs.edge[i];
}

/**
 * Hashes (as int32) of the hashed context templates of token i of sentence [s, e): the shape trigram.
 * The word-pair templates (PrevCur, CurNext, Prev2Prev, NextNext2) were dropped in v5: their look-ups
 * were mostly cache misses and cost ~40% of tagging time for a few tenths of a point of F1. Their
 * template ids stay reserved in T so that the other templates keep their hashes.
 */
export function hashedContext(ctx: DocContext, i: number, s: number, e: number, out: Int32Array): void {
  const short = ctx.short;
  out[0] = mix3Int(mixInt(T_SHORT_TRI, i > s ? short[i - 1] : BOUNDARY_INT), short[i], i + 1 < e ? short[i + 1] : BOUNDARY_INT);
  // The words before and after the token's capitalised run, by whether it is the run's first word; one constant outside runs.
  const runs = ctx.runs;
  const b = runs.before[i];
  if (b === -2) {
    out[1] = T_RUN_BEFORE;
    out[2] = T_RUN_AFTER;
  } else {
    const first = runs.edge[i] & 1 ? 0 : 1;
    const a = runs.after[i];
    const infos = ctx.infos;
    out[1] = mix3Int(T_RUN_BEFORE, first, b >= 0 ? infos[b].hLower : BOUNDARY_INT);
    out[2] = mix3Int(T_RUN_AFTER, first, a >= 0 ? infos[a].hLower : BOUNDARY_INT);
  }
}

// As int32: mixInt reads its inputs as int32 anyway (the same bits and hashes), but V8 keeps an int32 unboxed, whereas a
// uint32 above 2^31 is a heap number, and passing one made hashedContext allocate on every token (~30 KB a document).
const T_SHORT_TRI = tpl(T.ShortTri) | 0;
const T_RUN_BEFORE = tpl(T.RunBefore) | 0;
const T_RUN_AFTER = tpl(T.RunAfter) | 0;
const BOUNDARY_INT = BOUNDARY | 0;
