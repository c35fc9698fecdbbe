import type { ClaimContext } from './context';
import type { Draft } from './draft';
import { CUE_FORMS } from './lexicon';

/*
 * Attributions nested inside another attribution's content. PolNeAR marks the
 * reported speech inside reported speech ("X said Y told him …"), but seldom
 * the beliefs, intentions, findings or the long tail of reporting verbs that
 * a report mentions ("he said they wanted to endorse Sanders", "said he hoped
 * that Lynch would announce one", "whom he considers a friend"): on PolNeAR
 * train, of the pattern claims whose cue lies inside another claim's content,
 * those with a belief, intention or report cue or a data-derived (generic)
 * verb inside the content of a verb of speech or "according to" were right
 * 60 times in 501. Such a claim is part of the outer one. (Inside other
 * claims, 39 in 180, and the seeds mark "the US suspected …, the Times
 * reported" and "Dunford's contention that Abadi promised …": kept.)
 */

/** Whether the draft's cue is one that, nested in another claim's content, is part of that content. */
function weakNestedCue(ctx: ClaimContext, d: Draft): boolean {
  if (!d.cue || d.form === 'direct' || d.form === 'blockquote') return false;
  const f = CUE_FORMS.get(ctx.lower[d.at] ?? '');
  if (!f) return false;
  return f.verb.cls === 'belief' || f.verb.cls === 'intention' || f.verb.cls === 'report' || !!f.verb.generic;
}

/** A report of speech ("said", "told", "according to"), whose content may well mention beliefs and plans. */
function speechHost(ctx: ClaimContext, d: Draft): boolean {
  if (!d.cue) return false;
  if (ctx.lower[d.at] === 'according') return true;
  const f = CUE_FORMS.get(ctx.lower[d.at] ?? '');
  return !!f && f.verb.cls === 'speech' && !f.verb.generic;
}

/**
 * The drafts less those with a weak cue inside the content of a report of
 * speech. One sweep over the speech reports by content start, keeping the
 * furthest content end seen so far, so the cost is a sort (run-on text has
 * thousands of cues). A weak cue is never a speech report, so a draft is
 * never its own host.
 */
export function dropWeakNested(ctx: ClaimContext, drafts: Draft[]): Draft[] {
  const weak = drafts.filter((d) => weakNestedCue(ctx, d));
  if (weak.length === 0) return drafts;
  const byStart = drafts.filter((d) => speechHost(ctx, d)).sort((x, y) => x.content.start - y.content.start);
  const queries = [...weak].sort((x, y) => (x.cue as NonNullable<Draft['cue']>).start - (y.cue as NonNullable<Draft['cue']>).start);
  const drop = new Set<Draft>();
  let i = 0;
  let furthest = -1;
  for (const q of queries) {
    const cue = q.cue as NonNullable<Draft['cue']>;
    while (i < byStart.length && byStart[i].content.start <= cue.start) furthest = Math.max(furthest, byStart[i++].content.end);
    if (furthest >= cue.end) drop.add(q);
  }
  return drop.size ? drafts.filter((d) => !drop.has(d)) : drafts;
}
