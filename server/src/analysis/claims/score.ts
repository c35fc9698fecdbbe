import type { Claim, ClaimForm } from '../types';
import { CUE_FORMS } from './lexicon';

/*
 * A claim's confidence: the precision, measured on PolNeAR train
 * (scripts/trainClaimScores.ts), of the rule detector's claims of the same
 * kind — its form and its cue (the cue verb's lemma, or a coarse class when
 * the lemma is rare). The table comes in through AnalysisResources.
 */

export interface ClaimScoreTable {
  /** Smoothed precision per "form", "form|class" and "form|class|cue" key. */
  precision: Record<string, number>;
  /** Precision of all claims, for a form the table has not seen. */
  overall: number;
  /** Factor for a comment claim whose cue is not a real attribution cue (comments are opinion by default). */
  commentFactor: number;
  /** Lowest score of an article claim, so the default threshold hides only comment opinion. */
  articleFloor: number;
}

export interface ClaimKind {
  form: ClaimForm;
  /** Coarse cue class: a verb class (speech, belief, ...), according-to, adverb, noun, punct, none. */
  cls: string;
  /** The cue verb's lemma, or the cue's lowercased text for other cues. */
  cue: string;
  /** The cue is an inflected verb of saying or reporting ("said", "told", "claims") or "according to". */
  attribution: boolean;
}

const WORD = /[\p{L}'’-]+|[^\s\p{L}]/gu;

export function claimKind(claim: Pick<Claim, 'form' | 'cue'>): ClaimKind {
  const form = claim.form;
  if (!claim.cue) return { form, cls: 'none', cue: '', attribution: false };
  const words = claim.cue.text.toLowerCase().match(WORD) ?? [];
  if (words[0] === 'according') return { form, cls: 'according-to', cue: 'according to', attribution: true };
  for (const w of words) {
    const verb = CUE_FORMS.get(w);
    if (!verb) continue;
    const inflected = verb.form === 'past' || verb.form === 's';
    const reporting = verb.verb.cls === 'speech' || verb.verb.cls === 'report' || verb.verb.cls === 'allegation';
    return { form, cls: verb.verb.cls, cue: verb.verb.lemma, attribution: inflected && reporting };
  }
  const text = words.join(' ');
  const cls = /^\p{L}+ly$/u.test(text) ? 'adverb' : /^\p{L}/u.test(text) ? 'noun' : 'punct';
  return { form, cls, cue: text.slice(0, 24), attribution: false };
}

/** Table keys of a kind, most specific first. */
export function kindKeys(kind: ClaimKind): [string, string, string] {
  return [`${kind.form}|${kind.cls}|${kind.cue}`, `${kind.form}|${kind.cls}`, kind.form];
}

/** The kind's measured precision, before the section rules. */
export function kindPrecision(table: ClaimScoreTable, kind: ClaimKind): number {
  for (const key of kindKeys(kind)) {
    const p = table.precision[key];
    if (p !== undefined) return p;
  }
  return table.overall;
}

/** The claim's score in [0, 1]: its kind's precision, lowered in comments unless the cue is a real attribution cue. */
export function scoreClaim(table: ClaimScoreTable, claim: Pick<Claim, 'form' | 'cue' | 'section'>): number {
  const kind = claimKind(claim);
  const p = kindPrecision(table, kind);
  const s = claim.section === 'comments' ? (kind.attribution ? p : p * table.commentFactor) : Math.max(p, table.articleFloor);
  return Math.round(Math.min(1, Math.max(0, s)) * 1000) / 1000;
}
