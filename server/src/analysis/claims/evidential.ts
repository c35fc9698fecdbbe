import type { ClaimContext } from './context';
import type { Draft } from './draft';
import { EVIDENTIAL_VERBS } from './functionWords';

/*
 * "The politician seemed to be shrinking in political stature": with seem and
 * appear the subject is no source but part of what is put forward, so PolNeAR
 * takes the whole clause, subject and cue included, as the content, mostly
 * without a source (train: 139 of 154 gold attributions with these cues hold
 * their cue inside the content).
 */

/** Drafts of seem/appear with the subject before the cue: the content widened back over the subject, no source (in place). */
export function evidentialScope(ctx: ClaimContext, drafts: Draft[]): void {
  for (const d of drafts) {
    if (!d.cue || !d.source || !EVIDENTIAL_VERBS.has(ctx.lower[d.at] ?? '')) continue;
    const [a, b] = d.source;
    if (b > d.at || d.content.start < d.cue.end) continue;
    d.content = { start: ctx.tokens[a].start, end: d.content.end };
    d.source = null;
  }
}
