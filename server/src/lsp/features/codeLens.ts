import type { CodeLens } from 'vscode-languageserver';
import type { Settings } from '../../../../common/settings';
import type { Claim } from '../../analysis/types';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { claimThresholds, shownClaims } from './claimFilter';
import { speakerName } from './claimsOf';
import { checkEvery, type FeatureContext } from './context';
import { lensText } from './markdown';
import { tagLenses, tagsAt } from './tags';
import { toRange } from './range';
import { SHOW_DETAILS_COMMAND } from '../../../../common/protocol';

/** Lenses above the claims shown (`dossier.claims.*`) and above tagged passages, as the `dossier.codeLens.*` settings allow. */
export function codeLenses(doc: IndexedDocument, settings: Settings, ctx: Pick<FeatureContext, 'annotations' | 'token'>): CodeLens[] {
  if (!settings.codeLens.enabled) return [];
  const lenses: CodeLens[] = [];
  // Loops, not push(...array): a spread passes every lens as an argument and overflows the stack on big documents.
  if (settings.codeLens.claims) {
    // Only passages with tags can add to a claim's lens; most documents have none, so most claims look at nothing.
    const tagged = ctx.annotations.filter((r) => r.annotation.kind === 'passage' && r.annotation.body.tags.length > 0);
    const claims = shownClaims(doc.analysis.claims, claimThresholds(settings));
    for (let i = 0; i < claims.length; i++) {
      checkEvery(ctx.token, i);
      lenses.push(claimLens(doc, claims[i], tagged.length ? tagsAt(tagged, claims[i]) : []));
    }
  }
  if (settings.codeLens.tags) for (const lens of tagLenses(doc, ctx.annotations)) lenses.push(lens);
  return lenses;
}

export function claimLensTitle(doc: IndexedDocument, claim: Claim, tags: string[] = []): string {
  const speaker = speakerName(doc, claim);
  const parts = [`$(comment-discussion) ${lensText(speaker ?? 'unattributed', 40)}`];
  // A bare punctuation cue (the colon of a headline) reads better quoted.
  if (claim.cue) parts.push(/\p{L}/u.test(claim.cue.text) ? lensText(claim.cue.text, 30) : `“${lensText(claim.cue.text, 30)}”`);
  // The cue already reads "allegedly" or "suggest"; the lens lists only the other hedges.
  const hedges = claim.hedges.filter((h) => h !== claim.cue?.text.toLowerCase());
  if (hedges.length) parts.push(`hedged: ${hedges.map((h) => lensText(h, 30)).join(', ')}`);
  if (claim.section === 'comments') parts.push(claim.handle ? `comment by ${lensText(claim.handle, 30)}` : 'reader comment');
  if (tags.length) parts.push(`$(tag) ${tags.map((t) => lensText(t, 20)).join(', ')}`);
  return parts.join(' · ');
}

function claimLens(doc: IndexedDocument, claim: Claim, tags: string[]): CodeLens {
  // The lens sits on the line where the attribution starts (source, cue or content, whichever is first).
  const anchor = Math.min(claim.start, claim.cue?.start ?? Infinity, claim.source?.start ?? Infinity);
  const range = toRange(doc, { start: anchor, end: anchor });
  const at = claim.cue ?? claim;
  return {
    range,
    command: {
      title: claimLensTitle(doc, claim, tags),
      command: SHOW_DETAILS_COMMAND,
      arguments: [doc.uri, doc.document.positionAt(at.start)],
    },
  };
}
