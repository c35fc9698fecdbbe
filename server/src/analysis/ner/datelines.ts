import type { Token } from '../types';
import { LABELS } from './viterbi';

/*
 * Datelines: the place a news wire story was filed from, at the start of a line and followed by the
 * date or the agency's credit ("NEW YORK 1996-08-30", "NICE , France 1996-08-30", "WASHINGTON (Reuters) -",
 * "SAN JOSE, Calif., Aug 30 (Reuters) -"). It is a place by the form of the line: CoNLL-2003 labels it LOC
 * in 1,103 of the 1,120 datelines of train and valid (most of the rest are annotation slips: "DENVER" as a person).
 * The tagger reads the word and its document instead, and in a sports or business story a dateline city
 * takes the type of its clubs and companies ("MADRID 1996-08-30" a person, "NICE" an organisation, valid);
 * so the leading run of such a line is typed LOC after tagging. Only the form of the line decides: a
 * capitalised run at a line start is not a dateline unless the date or credit follows it.
 */

/** Words of a dateline's place before the comma (most are one or two: "NEW YORK", "RIO DE JANEIRO"). */
const MAX_PLACE_WORDS = 4;
/** Words of the region after the comma ("Faroe Islands", "Calif."). */
const MAX_REGION_WORDS = 3;
const ISO_DATE = /^(?:19|20)\d\d-[01]\d-[0-3]\d$/;
const MONTHS =
  /^(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?$/;
const AGENCIES = new Set(['Reuters', 'AP', 'AFP', 'UPI', 'dpa', 'DPA', 'Xinhua', 'Bloomberg']);

/** Upper-case first letter, and no digit: a word of a place name ("YORK", "Calif.", "St"). */
function placeWord(t: string): boolean {
  const c = t.charAt(0);
  return c !== c.toLowerCase() && !/\d/.test(t);
}

/** Whether token i is the first on its line (only spaces or tabs since the previous newline, or the text start). */
function atLineStart(text: string, tokens: readonly Token[], i: number): boolean {
  const from = i > 0 ? tokens[i - 1].end : 0;
  for (let k = tokens[i].start - 1; k >= from; k--) {
    const ch = text.charCodeAt(k);
    if (ch === 10 || ch === 13) return true;
    if (ch !== 32 && ch !== 9) return false;
  }
  return i === 0;
}

/** Whether a line break separates token j from the token before it. */
function newLineAt(text: string, tokens: readonly Token[], j: number): boolean {
  for (let k = tokens[j - 1].end; k < tokens[j].start; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 10 || ch === 13) return true;
  }
  return false;
}

/** Whether the tokens from j on, on the same line as token j - 1, are the date or credit that ends a dateline. */
function datelineTail(text: string, tokens: readonly Token[], j: number): boolean {
  const t = tokens[j]?.text;
  if (t === undefined || newLineAt(text, tokens, j)) return false;
  // The date ends its line ("Dated 2011-09-13 20:44:18" in a comment is no dateline).
  if (ISO_DATE.test(t)) return j + 1 >= tokens.length || newLineAt(text, tokens, j + 1);
  // "(Reuters) -"
  if (t === '(' && AGENCIES.has(tokens[j + 1]?.text ?? '') && tokens[j + 2]?.text === ')') return true;
  // "Aug 30 (Reuters)"
  if (MONTHS.test(t) && /^\d{1,2}$/.test(tokens[j + 1]?.text ?? '')) return datelineTail(text, tokens, j + 2);
  return false;
}

/**
 * Token ranges [start, end) of dateline places in the text, in order: the leading run of capitalised
 * words of a line, when an optional ", Region" and then the date or the agency credit follow it.
 */
export function datelinePlaces(text: string, tokens: readonly Token[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < tokens.length; i++) {
    const c = text.charCodeAt(tokens[i].start);
    // Cheap rejections first: most tokens do not start with an ASCII capital, and most of those are not at a line start.
    if (!(c >= 65 && c <= 90) || !atLineStart(text, tokens, i) || !placeWord(tokens[i].text)) continue;
    let e = i + 1;
    const inLine = (k: number) => k < tokens.length && !newLineAt(text, tokens, k);
    while (inLine(e) && e - i < MAX_PLACE_WORDS && placeWord(tokens[e].text) && !datelineTail(text, tokens, e)) e++;
    let j = e;
    if (inLine(j) && tokens[j].text === ',') {
      j++;
      const r = j;
      while (inLine(j) && j - r < MAX_REGION_WORDS && placeWord(tokens[j].text) && !datelineTail(text, tokens, j)) j++;
      if (j === r) continue;
      if (inLine(j) && tokens[j].text === ',') j++;
    }
    if (datelineTail(text, tokens, j)) out.push([i, e]);
  }
  return out;
}

const B_LOC = LABELS.indexOf('B-LOC');

/**
 * Labels the dateline places of a document B-LOC / I-LOC in `labels` (BIO label indices, see viterbi.ts)
 * and returns their first tokens, or null when it has none.
 */
export function labelDatelines(text: string, tokens: readonly Token[], labels: Uint8Array): Set<number> | null {
  const places = datelinePlaces(text, tokens);
  if (places.length === 0) return null;
  for (const [s, e] of places) {
    labels[s] = B_LOC;
    labels.fill(B_LOC + 1, s + 1, e);
    // A name the tagger ran on past the place ("TAVILDARA , Tajikistan") starts afresh after it.
    if (e < labels.length && labels[e] !== 0 && labels[e] % 2 === 0) labels[e]--;
  }
  return new Set(places.map(([s]) => s));
}
