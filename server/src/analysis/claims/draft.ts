import type { ClaimForm, Span } from '../types';
import { type ClaimContext, opensQuote } from './context';

/* What a rule proposes before speakers, hedges and the output limits are settled (output.ts). */

export interface Draft {
  content: Span;
  cue: Span | null;
  /** Source token range [a, b), or null. */
  source: [number, number] | null;
  form: ClaimForm;
  /** Token of the cue, for ordering and de-duplication. */
  at: number;
  /** The model's confidence, 0..1 (decode.ts); rule drafts have none. */
  score?: number;
}

export function pushAll(out: Draft[], d: Draft | Draft[] | null): void {
  if (!d) return;
  // A loop, not push(...d): block and orphan quotes come one per paragraph, and a spread of that many overflows the stack.
  if (Array.isArray(d)) for (const x of d) out.push(x);
  else out.push(d);
}

export function formOf(ctx: ClaimContext, p: number, cls: string): ClaimForm {
  if (opensQuote(ctx, p)) return 'direct';
  if (cls === 'belief' || cls === 'intention') return 'belief';
  if (cls === 'allegation') return 'allegation';
  return 'indirect';
}
