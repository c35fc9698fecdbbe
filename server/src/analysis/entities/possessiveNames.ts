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
  for (const [name, list] of byName) {
    if (list.length < 2 || !list.some((c) => CLAUSE_END.has(tokens[c.te + possessiveLength(tokens, c.te)]?.text ?? '.'))) continue;
    if (standsAlone(name, text)) continue;
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

/** Whether the name occurs somewhere in the text as a whole word not followed by its 's. */
function standsAlone(name: string, text: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (at > 0 && /[\p{L}\p{N}]/u.test(text[at - 1])) continue;
    const after = text.slice(at + name.length, at + name.length + 3);
    if (/^[\p{L}\p{N}]/u.test(after)) continue;
    if (!/^ ?['’][sS]/.test(after)) return true;
  }
  return false;
}
