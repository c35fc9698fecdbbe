import { lowerBound } from '../../../../common/search';
import type { Span } from '../types';
import { firstTokenAt, type ClaimContext } from './context';
import { scoreOf, type Decoded } from './decode';
import type { Draft } from './draft';
import { AUTHOR_PRONOUNS } from './functionWords';
import type { Calibration, Tagging } from './model';
import { B_CON, B_CUE, B_SRC, NUM_TAGS } from './tags';

/*
 * The model and the patterns together. The patterns (rules.ts) follow the
 * annotation guidelines' span conventions closely; the model knows far more
 * cues. A pattern's attribution is kept unless the model is confident its cue
 * is no cue (its score is under the veto); an attribution only the model finds is added when its
 * score clears the add threshold and its source is not the author. Both thresholds are tuned on PolNeAR dev by
 * `npm run train` and stored with the model.
 */

export interface MergeParams {
  /** Minimum score of an attribution found by the model alone. */
  add: number;
  /** A pattern's attribution (with a cue) whose score is below this is dropped. */
  veto: number;
  /** Where the model and a pattern share a cue, take the model's content span (else the pattern's). */
  modelContent: boolean;
}

/** Mean over tokens [a, b) of (best score of the role's tags − best score of the other tags). */
export function roleMargin(emit: Float32Array, bTag: number, a: number, b: number): number {
  if (b <= a) return 0;
  let m = 0;
  for (let k = a; k < b; k++) {
    const o = k * NUM_TAGS;
    const own = Math.max(emit[o + bTag], emit[o + bTag + 1]);
    let other = -Infinity;
    for (let l = 0; l < NUM_TAGS; l++) if (l !== bTag && l !== bTag + 1 && emit[o + l] > other) other = emit[o + l];
    m += own - other;
  }
  return m / (b - a);
}

function tokenRange(ctx: ClaimContext, s: Span): [number, number] {
  const a = firstTokenAt(ctx, s.start);
  if (a < 0) return [0, 0];
  let b = a;
  while (b < ctx.tokens.length && ctx.tokens[b].start < s.end) b++;
  return [a, b];
}

function jaccard(a: Span, b: Span): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union <= 0 ? 0 : inter / union;
}

/** The margins of a pattern's attribution under the model: cue, content, source. */
export function draftMargins(ctx: ClaimContext, t: Tagging, d: Draft): [number, number, number] {
  const cue = d.cue ? roleMargin(t.emit, B_CUE, ...tokenRange(ctx, d.cue)) : 0;
  const content = roleMargin(t.emit, B_CON, ...tokenRange(ctx, d.content));
  const source = d.source ? roleMargin(t.emit, B_SRC, d.source[0], d.source[1]) : 0;
  return [cue, content, source];
}

export function mergeDrafts(
  ctx: ClaimContext,
  t: Tagging,
  rules: Draft[],
  model: Decoded[],
  cal: Calibration,
  params: MergeParams,
): Decoded[] {
  const out: Decoded[] = [];
  // Where the model and a pattern share a cue token: a lookup by token, not a scan (run-on text has thousands of cues).
  const modelByCue = new Map<number, Decoded>();
  for (const m of model) if (m.cue) modelByCue.set(m.at, m);
  const ruleCueTokens = new Set<number>();
  for (const d of rules) {
    if (!d.cue) continue;
    const [a, b] = tokenRange(ctx, d.cue);
    for (let k = a; k < b; k++) ruleCueTokens.add(k);
  }
  for (const d of rules) {
    const margins = draftMargins(ctx, t, d);
    const score = scoreOf(cal, ...margins);
    // Layout patterns (block quotes introduced by an outlet, a quotation signed with a dash) have too few
    // counterparts in PolNeAR to learn from: the model hardly ever tags a dash as a cue, so it may not veto one.
    if (d.cue && d.form !== 'blockquote' && /\p{L}/u.test(ctx.text.slice(d.cue.start, d.cue.end)) && score < params.veto) continue;
    const twin = params.modelContent && d.cue ? modelByCue.get(tokenRange(ctx, d.cue)[0]) : undefined;
    if (twin) out.push({ ...d, content: twin.content, source: d.source ?? twin.source, margins, score });
    else out.push({ ...d, margins, score });
  }
  // Pattern contents by start, to find one that matches a model claim's content (Jaccard >= 0.5 needs starts within its length).
  const byStart = rules.map((r) => r.content).sort((x, y) => x.start - y.start);
  for (const m of model) {
    if ((m.score ?? 0) < params.add) continue;
    // The author's or the reader's own voice ("we mocked", "you might ask") is no claim under the guidelines, though PolNeAR marks it.
    if (m.source && m.source[1] - m.source[0] === 1 && AUTHOR_PRONOUNS.has(ctx.lower[m.source[0]])) continue;
    if (m.cue) {
      const [a, b] = tokenRange(ctx, m.cue);
      let shared = false;
      for (let k = a; k < b && !shared; k++) shared = ruleCueTokens.has(k);
      if (shared) continue;
    }
    const len = m.content.end - m.content.start;
    let dup = false;
    for (let i = lowerBound(byStart, (c) => c.start < m.content.start - len); i < byStart.length && byStart[i].start < m.content.end; i++) {
      if (jaccard(byStart[i], m.content) >= 0.5) {
        dup = true;
        break;
      }
    }
    if (!dup) out.push(m);
  }
  return out;
}
