import type { Token } from '../types';
import type { NerLabel, NerSpan } from '.';

/*
 * "Mercantile and Commerce did not return calls", "the Braves and Cubs split a
 * doubleheader": the tagger reads two names joined by "and" / "or" as one.
 * The guidelines tag them apart, and a single name built that way ("Test and
 * County Cricket Board", "Marks and Spencer") does not also stand as both its
 * halves alone in the same document: of the 49 gold names of CoNLL-2003 train
 * with an inner "and" / "or", none does, while 98 of its 347 coordinated pairs
 * of separate names do. So a span is split at its first inner "and" / "or"
 * when each half is a span of its own elsewhere in the document, and each half
 * takes the type it has there.
 */

const JOINERS = new Set(['and', 'or']);

function keyOf(tokens: Token[], from: number, to: number): string {
  let k = tokens[from].text;
  for (let i = from + 1; i < to; i++) k += ' ' + tokens[i].text;
  return k;
}

/** The span's first inner "and" / "or" (a word on each side), or -1. */
function innerJoiner(sp: NerSpan, tokens: Token[]): number {
  for (let i = sp.tokenStart + 1; i < sp.tokenEnd - 1; i++) if (JOINERS.has(tokens[i].text)) return i;
  return -1;
}

/** The spans with coordinated names split (see above); the input array when nothing is split. */
export function splitCoordinations(spans: NerSpan[], tokens: Token[]): NerSpan[] {
  if (!spans.some((sp) => innerJoiner(sp, tokens) >= 0)) return spans;
  const labelOf = new Map<string, NerLabel>();
  for (const sp of spans) {
    const k = keyOf(tokens, sp.tokenStart, sp.tokenEnd);
    if (!labelOf.has(k)) labelOf.set(k, sp.label);
  }
  const out: NerSpan[] = [];
  for (const sp of spans) {
    const at = innerJoiner(sp, tokens);
    const left = at < 0 ? undefined : labelOf.get(keyOf(tokens, sp.tokenStart, at));
    const right = at < 0 ? undefined : labelOf.get(keyOf(tokens, at + 1, sp.tokenEnd));
    if (left === undefined || right === undefined) {
      out.push(sp);
      continue;
    }
    out.push({ start: sp.start, end: tokens[at - 1].end, label: left, tokenStart: sp.tokenStart, tokenEnd: at });
    out.push({ start: tokens[at + 1].start, end: sp.end, label: right, tokenStart: at + 1, tokenEnd: sp.tokenEnd });
  }
  return out;
}
