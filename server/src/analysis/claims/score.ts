import { BoundedCache } from '../boundedCache';
import type { Claim, ClaimForm } from '../types';
import { CUE_FORMS } from './lexicon';

/*
 * A claim's confidence, one number for the whole detector: the chance that it
 * matches a gold attribution (content Jaccard >= 0.5). Two estimates of that
 * chance are blended by a logistic fit on PolNeAR dev (scripts/trainClaims.ts):
 * - the precision, on PolNeAR train, of the rule patterns' claims of the same
 *   kind — form and cue (the cue verb's lemma, or a coarse class when the lemma
 *   is rare) — from the table data/claim-scores.json (scripts/trainClaimScores.ts);
 * - the attribution model's calibrated confidence in this very claim (decode.ts).
 * Then the section rules: comment claims without a real attribution cue are
 * lowered, article claims floored. The table comes in through AnalysisResources.
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

/** Weights of the logistic blend of the model's confidence and the kind's precision (both as log-odds). */
export interface ScoreBlend {
  bias: number;
  model: number;
  kind: number;
}

/** The model's confidence as it is: what a model file without a fitted blend means. */
export const MODEL_ONLY_BLEND: ScoreBlend = { bias: 0, model: 1, kind: 0 };

const logit = (p: number) => {
  const q = Math.min(0.999, Math.max(0.001, p));
  return Math.log(q / (1 - q));
};

/** The blended chance that a claim of this kind, with this model confidence, is right. */
export function blendScore(blend: ScoreBlend, modelScore: number, kindP: number): number {
  return 1 / (1 + Math.exp(-(blend.bias + blend.model * logit(modelScore) + blend.kind * logit(kindP))));
}

/** The inputs of the blend, as training fits it: [logit(model), logit(kind precision)]. */
export function blendInputs(modelScore: number, kindP: number): [number, number] {
  return [logit(modelScore), logit(kindP)];
}

/**
 * The claim's score in [0, 1]: its kind's precision blended with the model's
 * confidence in it (when the model scored it), lowered in comments unless the
 * cue is a real attribution cue, floored in articles.
 */
export function scoreClaim(
  table: ClaimScoreTable,
  claim: Pick<Claim, 'form' | 'cue' | 'section'>,
  model?: { score: number; blend: ScoreBlend },
): number {
  const kind = kindFacts(table, claim);
  const p = model ? blendScore(model.blend, model.score, kind.precision) : kind.precision;
  const s = claim.section === 'comments' ? (kind.attribution ? p : p * table.commentFactor) : Math.max(p, table.articleFloor);
  return Math.round(Math.min(1, Math.max(0, s)) * 1000) / 1000;
}

/** What a claim's score needs of its kind. */
interface KindFacts {
  precision: number;
  attribution: boolean;
}

/**
 * Kind facts by score table, then by form and cue text: claims repeat a few cues ("said", "told", "according to"),
 * and each claim's kind was made afresh, its cue lowercased and split by a Unicode pattern and three table keys
 * joined (about 1 % of an analysis). A pure function of the table, the form and the cue's text.
 */
const kindCaches = new WeakMap<ClaimScoreTable, BoundedCache<KindFacts>>();

function kindFacts(table: ClaimScoreTable, claim: Pick<Claim, 'form' | 'cue'>): KindFacts {
  let cache = kindCaches.get(table);
  if (!cache) kindCaches.set(table, (cache = new BoundedCache<KindFacts>(5000)));
  // No form holds a line break: a claim without a cue has the form alone as its key, one with a cue (even an empty one,
  // which claimKind reads otherwise) the form, a line break and the cue's text.
  const key = claim.cue ? `${claim.form}\n${claim.cue.text}` : claim.form;
  return (
    cache.get(key) ??
    cache.remember(key, () => {
      const kind = claimKind(claim);
      return { precision: kindPrecision(table, kind), attribution: kind.attribution };
    })
  );
}
