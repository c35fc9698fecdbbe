import { forwardEnd } from './content';
import { type ClaimContext, firstTokenAt, isCapitalised, isWord, span } from './context';
import type { Draft } from './draft';
import { AUX, DETERMINERS, FRAME_PRONOUNS, SUBJECT_PRONOUNS } from './functionWords';
import type { CueVerb } from './lexicon';
import { ShapedWords } from './wordShapes';

/*
 * Cues learned from PolNeAR train in a clear frame: a subject (a named person
 * or organisation, or he/she/they/we/I, maybe with auxiliaries or adverbs
 * between) right before a word, and after it "to" (intention: "She wants to
 * triple …"), "that", or a clause or object ("I think the …"). Words
 * such as "wants" or "plans" are seldom cues on their own (lexicon.ts leaves
 * them out) but often are in such a frame; scripts/trainCueFrames.ts counts
 * how often, per word and frame, and keeps the pairs PolNeAR marks as cues
 * often enough (data/cue-frames.json, passed in through AnalysisResources).
 * Only words outside the patterns' drafts count: inside reported content
 * ("he says he wants to …") PolNeAR seldom marks a second cue (on train
 * "wants to" 2 of 15 there, 6 of 15 elsewhere).
 */

export type FrameKind = 'to' | 'that' | 'clause';

/** The (word, frame) pairs kept: "wants|to" -> their precision on PolNeAR train. */
export interface CueFrameTable {
  frames: Record<string, number>;
}

export interface FrameSite {
  /** Subject token range [a, b). */
  subject: [number, number];
  frame: FrameKind;
  /** First token of the content: "to", the word after "that", or the clause. */
  content: number;
}

/** Auxiliaries and adverbs between a frame's subject and its word: AUX without the infinitive marker. */
const MAX_GAP = 3;
const gapWord = (w: string) => w !== 'to' && (AUX.has(w) || (w.length > 3 && w.endsWith('ly')));

/** The table key of a word in a frame: "wants|to". */
export const frameKey = (word: string, frame: FrameKind): string => `${word}|${frame}`;

/** Token k as the word of a frame: a lowercase word with a subject on its left and a complement on its right, or null. */
export function frameSite(ctx: ClaimContext, k: number): FrameSite | null {
  const { lower, tokens } = ctx;
  const w = lower[k];
  if (!w || !/^[a-z][a-z'-]+$/.test(tokens[k].text) || ctx.quoteOf[k] >= 0) return null;
  const sent = ctx.sentOf[k];
  let j = k - 1;
  while (j >= 0 && j >= k - MAX_GAP && ctx.sentOf[j] === sent && gapWord(lower[j])) j--;
  if (j < 0 || ctx.sentOf[j] !== sent || ctx.quoteOf[j] >= 0) return null;
  // Only names and pronouns: with any noun phrase the patterns take as a subject (sources.ts, "most voters") as well,
  // 15 pairs pass on train against 6 and train F1 gains 0.2 points more, but the added sites are noisy
  // ("the coordinates of the new airbase you'll see …") and the seeds lose a point (86.2 -> 85.2).
  const subject = namedSubject(ctx, j);
  if (!subject) return null;
  const next = lower[k + 1];
  const after = tokens[k + 2];
  if (next === undefined || ctx.sentOf[k + 1] !== sent) return null;
  if (next === 'to' || next === 'that') {
    if (!after || ctx.sentOf[k + 2] !== sent || !isWord(after.text)) return null;
    return { subject, frame: next, content: next === 'to' ? k + 1 : k + 2 };
  }
  const opensClause =
    SUBJECT_PRONOUNS.has(next) || DETERMINERS.has(next) || (ctx.mentionOf[k + 1] >= 0 && isCapitalised(tokens[k + 1].text));
  return opensClause ? { subject, frame: 'clause', content: k + 1 } : null;
}

/** A pronoun or a named person or organisation ending at token j. */
function namedSubject(ctx: ClaimContext, j: number): [number, number] | null {
  if (FRAME_PRONOUNS.has(ctx.lower[j])) return [j, j + 1];
  const mi = ctx.mentionOf[j];
  if (mi < 0) return null;
  const type = ctx.mentions[mi].type;
  if (type !== 'person' && type !== 'organization') return null;
  // The subject ends at the mention's last token: "Clinton's plans" is a possessive, not a subject.
  if (ctx.mentionOf[j + 1] === mi) return null;
  let a = j;
  while (a > 0 && ctx.mentionOf[a - 1] === mi) a--;
  return [a, j + 1];
}

const VERB: Record<FrameKind, CueVerb['frame']> = { to: 'to', that: 'clause', clause: 'np' };

/**
 * Frame sites outside every draft's cue and content (the only ones the table measures and the patterns use), by token;
 * with `words`, only at those words.
 */
export function freeFrameSites(ctx: ClaimContext, drafts: readonly Draft[], words?: ShapedWords): Array<[number, FrameSite]> {
  const n = ctx.tokens.length;
  const covered = new Uint8Array(n);
  const mark = (start: number, end: number) => {
    for (let t = firstTokenAt(ctx, start); t >= 0 && t < n && ctx.tokens[t].start < end && !covered[t]; t++) covered[t] = 1;
  };
  for (const d of drafts) {
    mark(d.content.start, d.content.end);
    if (d.cue) mark(d.cue.start, d.cue.end);
  }
  // A token a cue span starts before (the "want" of "did not want") is covered too: the cue's first token is marked first.
  for (const d of drafts) if (d.cue) for (let t = d.at; t < n && ctx.tokens[t].start < d.cue.end; t++) covered[t] = 1;
  const sites: Array<[number, FrameSite]> = [];
  const { text, tokens } = ctx;
  for (let k = 0; k < n; k++) {
    if (covered[k]) continue;
    // A site's word is a token of [a-z'-] (frameSite): its first letter, and with `words` the shape of the token, read
    // from the document's text, rule out almost every token before a look-up of its string.
    const tok = tokens[k];
    const c = text.charCodeAt(tok.start);
    if (c < 97 || c > 122) continue;
    if (words && (!words.mayHold(text, tok.start, tok.end) || !words.has(ctx.lower[k]))) continue;
    const site = frameSite(ctx, k);
    if (site) sites.push([k, site]);
  }
  return sites;
}

/** The drafts of the learned frames whose (word, frame) the table keeps, at sites no pattern draft covers. */
export function learnedFrameDrafts(ctx: ClaimContext, drafts: readonly Draft[], cut: Int32Array, table: CueFrameTable): Draft[] {
  const out: Draft[] = [];
  // Only the table's few words are looked at: testing every token's frame cost ~5 % of a generated document's analysis.
  const words = tableWords(table);
  if (words.size === 0) return out;
  for (const [k, site] of freeFrameSites(ctx, drafts, words))
    if (table.frames[frameKey(ctx.lower[k], site.frame)] !== undefined) out.push(frameDraft(ctx, k, site, cut));
  return out;
}

const wordsOfTable = new WeakMap<CueFrameTable, ShapedWords>();

/** The words of a table's (word, frame) pairs, once per table. */
function tableWords(table: CueFrameTable): ShapedWords {
  let words = wordsOfTable.get(table);
  if (!words) {
    words = new ShapedWords(Object.keys(table.frames).map((key) => key.slice(0, key.lastIndexOf('|'))));
    wordsOfTable.set(table, words);
  }
  return words;
}

function frameDraft(ctx: ClaimContext, k: number, site: FrameSite, cut: Int32Array): Draft {
  const verb: CueVerb = { lemma: ctx.lower[k], cls: site.frame === 'to' ? 'intention' : 'belief', frame: VERB[site.frame] };
  const p = site.content;
  return {
    content: { start: ctx.tokens[p].start, end: forwardEnd(ctx, p, k + 1, cut, verb) },
    cue: span(ctx, k, k + 1),
    source: site.subject,
    form: 'belief',
    at: k,
  };
}
