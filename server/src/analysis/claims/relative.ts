import { type ClaimContext, firstTokenAt } from './context';
import type { Draft } from './draft';
import { AUX, BE, MODALS, RELATIVES } from './functionWords';
import { CUE_FORMS } from './lexicon';

/*
 * Attributions inside a relative clause: "a plan which Lopez said was
 * unworkable", "Cruz, whom Trump dubbed “Lyin' Ted”". The relative pronoun
 * stands for the missing subject or object of the content, and PolNeAR's
 * content starts at it (the cue and source in between are left out of a
 * discontinuous span; the score takes the span around both parts). On
 * PolNeAR train, of the attributions whose source follows "which", "who" or
 * "whom" and precedes its cue, 89 contents start at the pronoun, 11 before it
 * and 58 after the cue (where the pronoun is an adjunct: "which he touched on
 * …", or the object of an infinitive: "whom Trump refused to endorse").
 */

/** The first word of content that lacks its subject: a finite verb or auxiliary ("… said was unacceptable"). */
function finiteFirst(w: string): boolean {
  return BE.has(w) || MODALS.has(w) || AUX.has(w) || w === 'has' || w === 'had' || w === 'have';
}

/** The content start of a draft whose source follows a relative pronoun that fills a gap in the content, else -1. */
export function relativeStart(ctx: ClaimContext, d: Draft): number {
  if (!d.source || !d.cue || d.content.start < d.cue.end) return -1;
  const r = d.source[0] - 1;
  if (r < 0 || !RELATIVES.has(ctx.lower[r]) || ctx.quoteOf[r] >= 0) return -1;
  // Only the clause's own subject between the pronoun and its cue.
  if (d.at - d.source[1] > 3) return -1;
  const p = firstTokenAt(ctx, d.content.start);
  if (p < 0) return -1;
  const f = CUE_FORMS.get(ctx.lower[d.at] ?? '');
  if (!f) return -1;
  const w = ctx.lower[p];
  // Subject gap: "which he said was …"; object gap: "whom he dubbed “…”", "which Trump had called a disaster".
  const subjectGap = f.verb.frame === 'clause' && finiteFirst(w) && ctx.lower[p - 1] !== 'that';
  const objectGap = (f.verb.frame === 'np' || f.verb.lemma === 'describe' || f.verb.lemma === 'call') && ctx.lower[p - 1] !== 'that';
  return subjectGap || objectGap ? ctx.tokens[r].start : -1;
}

/** Drafts with their content widened back to a gap-filling relative pronoun (in place). */
export function widenRelatives(ctx: ClaimContext, drafts: Draft[]): void {
  for (const d of drafts) {
    const s = relativeStart(ctx, d);
    if (s >= 0) d.content = { start: s, end: d.content.end };
  }
}
