import type { Span } from '../types';
import { firstTokenAt, isWord, opensQuote, span, type ClaimContext } from './context';
import type { Draft } from './draft';
import type { Calibration, Tagging } from './model';
import { B_CON, B_CUE, B_SRC, I_CON, I_CUE, I_SRC, NUM_TAGS, roleOf, type Role } from './tags';

/*
 * From tags to attributions. Each tag run is one span; every source and
 * content span joins exactly one cue (the nearest in its paragraph), so a
 * token has one role in at most one attribution. A cue without content is
 * dropped. The score is a logistic function of the tagger's margins.
 */

export interface RoleSpan {
  role: Role;
  /** Character offsets. */
  start: number;
  end: number;
}

/** Tags from role spans (rule drafts, gold): cue over source over content where they overlap. */
export function tagsOfSpans(ctx: ClaimContext, spans: RoleSpan[]): Uint8Array {
  const n = ctx.tokens.length;
  const tags = new Uint8Array(n);
  const first = new Uint8Array(n);
  const rank: Record<Role, number> = { content: 1, source: 2, cue: 3 };
  const order = [...spans].sort((a, b) => rank[a.role] - rank[b.role]);
  for (const s of order) {
    let k = firstTokenAt(ctx, s.start);
    if (k < 0) continue;
    const b = s.role === 'source' ? B_SRC : s.role === 'cue' ? B_CUE : B_CON;
    let isFirst = true;
    for (; k < n && ctx.tokens[k].start < s.end; k++) {
      tags[k] = isFirst ? b : b + 1;
      first[k] = isFirst ? 1 : 0;
      isFirst = false;
    }
  }
  // Overwritten runs may leave an inside tag after another role: it then begins its own span.
  for (let k = 0; k < n; k++) {
    const t = tags[k];
    if ((t === I_SRC || t === I_CUE || t === I_CON) && (k === 0 || (tags[k - 1] !== t && tags[k - 1] !== t - 1))) tags[k] = t - 1;
  }
  return tags;
}

interface Run {
  role: Role;
  /** Tokens [a, b). */
  a: number;
  b: number;
  /** Mean emission margin of the run's tags over the best other tag. */
  margin: number;
  cue: number;
}

function runsOf(ctx: ClaimContext, t: Tagging): Run[] {
  const runs: Run[] = [];
  const { tags, emit } = t;
  const n = tags.length;
  for (let k = 0; k < n;) {
    const role = roleOf(tags[k]);
    if (!role) {
      k++;
      continue;
    }
    const inside = tags[k] + 1;
    let e = k + 1;
    while (e < n && tags[e] === inside && ctx.blockOf[e] === ctx.blockOf[k]) e++;
    let m = 0;
    for (let j = k; j < e; j++) {
      const o = j * NUM_TAGS;
      const own = emit[o + tags[j]];
      let other = -Infinity;
      for (let l = 0; l < NUM_TAGS; l++) if (l !== tags[j] && emit[o + l] > other) other = emit[o + l];
      m += own - other;
    }
    runs.push({ role, a: k, b: e, margin: m / (e - k), cue: -1 });
    k = e;
  }
  return runs;
}

/** How far (in tokens) content and source may sit from their cue. */
const MAX_GAP = 60;

function gap(x: Run, y: Run): number {
  return x.b <= y.a ? y.a - x.b : x.a >= y.b ? x.a - y.b : 0;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The score of an attribution from its margins; also used to fit the calibration in training. */
export function scoreOf(c: Calibration, cueMargin: number, contentMargin: number, sourceMargin: number): number {
  return sigmoid(c.bias + c.cue * cueMargin + c.content * contentMargin + c.source * sourceMargin);
}

/**
 * The content of a cue: the content run nearest to it, joined with the other
 * runs of that cue only where nothing but the cue, a source, punctuation or
 * a few untagged words separates them ("…," she said, "…"). A run further off belongs to an
 * attribution whose own cue the tagger missed; joining it would swallow that
 * attribution (on PolNeAR dev, most contents too long were such joins).
 */
/** Words tagged O that may sit between two content runs of one cue (a tagger's lapse); tuned on PolNeAR dev (0: +10 matches, 5: +18, 15: +8). */
const BRIDGE = 5;
function contentChain(ctx: ClaimContext, tags: Uint8Array, cue: Run, parts: Run[]): [number, number] {
  const sorted = [...parts].sort((x, y) => x.a - y.a);
  let anchor = 0;
  for (let i = 1; i < sorted.length; i++) if (gap(sorted[i], cue) < gap(sorted[anchor], cue)) anchor = i;
  const bridged = (from: number, to: number) => {
    let words = 0;
    for (let k = from; k < to; k++) {
      const role = roleOf(tags[k]);
      if (role === 'cue' && (k < cue.a || k >= cue.b)) return false;
      if (!role && isWord(ctx.tokens[k].text) && ++words > BRIDGE) return false;
    }
    return true;
  };
  let lo = anchor;
  let hi = anchor;
  while (lo > 0 && bridged(sorted[lo - 1].b, sorted[lo].a)) lo--;
  while (hi + 1 < sorted.length && bridged(sorted[hi].b, sorted[hi + 1].a)) hi++;
  return [sorted[lo].a, sorted[hi].b];
}

export interface Decoded extends Draft {
  margins: [number, number, number];
}

export function decodeClaims(ctx: ClaimContext, tagging: Tagging, calibration: Calibration): Decoded[] {
  const runs = runsOf(ctx, tagging);
  const cues: number[] = [];
  runs.forEach((r, i) => {
    if (r.role === 'cue') cues.push(i);
  });
  if (cues.length === 0) return [];
  // Each source and content run goes to the nearest cue of its block (ties to the cue before it).
  let c = 0;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    if (r.role === 'cue') continue;
    while (c + 1 < cues.length && runs[cues[c + 1]].a < r.a) c++;
    let best = -1;
    let bestGap = Infinity;
    for (const j of [cues[c], cues[c + 1]]) {
      if (j === undefined) continue;
      const cue = runs[j];
      const d = gap(r, cue);
      const sameBlock = ctx.blockOf[cue.a] === ctx.blockOf[r.a];
      // Sources stay in their sentence; content may continue a quote into the next paragraph.
      if (r.role === 'source' && ctx.sentOf[cue.a] !== ctx.sentOf[r.a]) continue;
      if (d > MAX_GAP || (!sameBlock && r.role === 'source')) continue;
      const cost = d + (sameBlock ? 0 : MAX_GAP / 2);
      if (cost < bestGap) {
        bestGap = cost;
        best = j;
      }
    }
    r.cue = best;
  }
  // Group the runs by their cue in one pass: run-on text has thousands of cues.
  const partsOf = new Map<number, Run[]>();
  const sourcesOf = new Map<number, Run[]>();
  for (const r of runs) {
    if (r.cue < 0 || r.role === 'cue') continue;
    const m = r.role === 'content' ? partsOf : sourcesOf;
    const list = m.get(r.cue);
    if (list) list.push(r);
    else m.set(r.cue, [r]);
  }
  const out: Decoded[] = [];
  for (const j of cues) {
    const cue = runs[j];
    const parts = partsOf.get(j) ?? [];
    if (parts.length === 0) continue;
    const sources = (sourcesOf.get(j) ?? []).sort((x, y) => gap(x, cue) - gap(y, cue));
    const [a, b] = contentChain(ctx, tagging.tags, cue, parts);
    const content: Span = span(ctx, a, b);
    const src = sources[0] ?? null;
    const kept = parts.filter((p) => p.a >= a && p.b <= b);
    const cm = kept.reduce((s, p) => s + p.margin * (p.b - p.a), 0) / kept.reduce((s, p) => s + p.b - p.a, 0);
    const margins: [number, number, number] = [cue.margin, cm, src ? src.margin : 0];
    const cueText = ctx.lower[cue.a];
    out.push({
      content,
      cue: span(ctx, cue.a, cue.b),
      source: src ? [src.a, src.b] : null,
      form: cueText === 'according' ? 'according-to' : opensQuote(ctx, a) ? 'direct' : 'indirect',
      at: cue.a,
      score: scoreOf(calibration, ...margins),
      margins,
    });
  }
  return out;
}
