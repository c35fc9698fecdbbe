import type { Token } from '../types';
import type { Candidate } from './candidates';

/*
 * Names that are possessive forms: "Lord's" (the cricket ground), "Boatmen's" (the bank), "McDonald's".
 * The guidelines strip a possessive 's from a name ("Erdogan's"), but here the 's is part of the name, and
 * the document shows it: the name never stands without its 's, and at least once the 's possesses nothing
 * ("at Lord's, London", "after Boatmen's."). Every occurrence then keeps its 's, and a name that continues
 * right after it ("Boatmen's Bancshares Inc.") is one name with it.
 */

const POSSESSIVE = new Set(["'s", '’s', "'S"]);
/** What may follow an 's that possesses nothing: the end of a clause or of a bracket. */
const CLAUSE_END = new Set([',', '.', ')', ';', ':', '!', '?', '"', '”']);

export function keepNamePossessives(cands: Candidate[], tokens: Token[], text: string): void {
  const byName = new Map<string, Candidate[]>();
  for (const c of cands) {
    if (c.label === 'MISC' || c.start !== tokens[c.ts].start || c.end !== tokens[c.te - 1].end) continue;
    if (possessiveLength(tokens, c.te) === 0) continue;
    const name = text.slice(c.start, c.end);
    const list = byName.get(name);
    if (list) list.push(c);
    else byName.set(name, [c]);
  }
  if (byName.size === 0) return;
  const removed = new Set<Candidate>();
  const byStart = new Map<number, Candidate>();
  for (const c of cands) if (c.start === tokens[c.ts].start) byStart.set(c.ts, c);
  const asked = [...byName].filter(
    ([, list]) => list.length >= 2 && list.some((c) => CLAUSE_END.has(tokens[c.te + possessiveLength(tokens, c.te)]?.text ?? '.')),
  );
  // A few names are each searched for; many (a page of possessive names) are found in one pass over the text, as
  // a search per name grew with names times text.
  const alone =
    asked.length > SEARCHED_NAMES
      ? namesStandingAlone(
          asked.map(([name]) => name),
          text,
        )
      : null;
  for (const [name, list] of asked) {
    if (alone ? alone.has(name) : standsAlone(name, text)) continue;
    for (const c of list) {
      c.te += possessiveLength(tokens, c.te);
      c.end = tokens[c.te - 1].end;
      // "Boatmen's Bancshares Inc.": the name the tagger started after the 's is the rest of this one.
      const next = byStart.get(c.te);
      if (next && next.label !== 'MISC' && !removed.has(next)) {
        c.te = next.te;
        c.end = next.end;
        c.label = next.label;
        removed.add(next);
      }
    }
  }
  if (removed.size === 0) return;
  let w = 0;
  for (const c of cands) if (!removed.has(c)) cands[w++] = c;
  cands.length = w;
}

/** Tokens of a possessive at token i: "'s" is one, and "' s" two (the tokenizer's reading of "Lord 's" in CoNLL's spaced text). */
function possessiveLength(tokens: Token[], i: number): number {
  const t = tokens[i]?.text;
  if (t === undefined) return 0;
  if (POSSESSIVE.has(t)) return 1;
  if ((t === "'" || t === '’') && /^[sS]$/.test(tokens[i + 1]?.text ?? '') && tokens[i + 1].start === tokens[i].end) return 2;
  return 0;
}

/** Up to this many names, each is searched for in the text; more are found in one pass. */
const SEARCHED_NAMES = 8;

/** Whether the name occurs somewhere in the text as a whole word not followed by its 's. */
export function standsAlone(name: string, text: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) if (standsAt(name, text, at)) return true;
  return false;
}

/** Whether the occurrence of `name` at `at` is a whole word not followed by its 's. */
function standsAt(name: string, text: string, at: number): boolean {
  if (at > 0 && /[\p{L}\p{N}]/u.test(text[at - 1])) return false;
  const after = text.slice(at + name.length, at + name.length + 3);
  if (/^[\p{L}\p{N}]/u.test(after)) return false;
  return !/^ ?['’][sS]/.test(after);
}

/** The names for which `standsAlone` holds, found in one pass: at each position where one of them may start, those of each length. */
export function namesStandingAlone(names: readonly string[], text: string): Set<string> {
  const out = new Set<string>();
  const byLength = new Map<number, Set<string>>();
  const firsts = new Set<number>();
  for (const name of names) {
    if (name.length === 0) continue; // a token's text is never empty
    firsts.add(name.charCodeAt(0));
    const set = byLength.get(name.length);
    if (set) set.add(name);
    else byLength.set(name.length, new Set([name]));
  }
  const lengths = [...byLength.keys()];
  for (let at = 0; at < text.length && out.size < names.length; at++) {
    if (!firsts.has(text.charCodeAt(at))) continue;
    for (const len of lengths) {
      const name = text.slice(at, at + len);
      if (byLength.get(len)!.has(name) && !out.has(name) && standsAt(name, text, at)) out.add(name);
    }
  }
  return out;
}
