import type { NerLabel } from '../ner';

/* Spans of the mention stage before they are typed, and the word tests they share. */

export interface Candidate {
  /** Token range [ts, te). */
  ts: number;
  te: number;
  label: NerLabel;
  /** The span came from a hyphen compound head ("Iran" of "Iran-backed"); offsets are inside one token. */
  start: number;
  end: number;
}

export function isCapitalised(s: string): boolean {
  const c = s.charAt(0);
  return c.toLowerCase() !== c;
}

export function hasLower(s: string): boolean {
  return s.toUpperCase() !== s;
}

export function isPossessiveOrPunct(t: string): boolean {
  return t === "'s" || t === '’s' || t === "'S" || t === "'" || t === '’' || !/[\p{L}\p{N}]/u.test(t);
}
