import type { NerLabel } from '../ner';
import type { Token } from '../types';
import { type Candidate, candidatesByStart } from './candidates';

/* Aliases the text itself gives (mentions.ts, step 3): bracketed acronyms and "also known as". */

/** "ISIS", "CoR", "KRG": two or more capitals, no lowercase run longer than one letter. */
export function isAcronym(t: string): boolean {
  let upper = 0;
  let run = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      run = 0;
    } else if (c >= 97 && c <= 122) {
      if (++run > 1 && !(i === t.length - 1 && c === 115)) return false;
    } else if (c !== 46 && c !== 38) return false;
  }
  return upper >= 2 && t.length <= 8;
}

/**
 * Aliases given in the text: "Daesh (ISIS, ISIL)", "Council of Representatives (CoR)", "Daesh, also known as ISIL".
 * When one of the names is an acronym tagged as an organisation, all of them are organisations; an untagged
 * acronym in brackets after a tagged name whose initial it shares is a mention with the name's label.
 */
export function aliases(cands: Candidate[], tokens: Token[], text: string, covered: Uint8Array, forced: Map<string, NerLabel>): void {
  // Only a bracket or a comma after a name asks.
  const startingAt = candidatesByStart(cands, tokens);
  const added: Candidate[] = [];
  for (const a of cands) {
    if (a.end !== tokens[a.te - 1].end) continue;
    let i = a.te;
    // Only a bracket or a comma after the name can give aliases: the rest is ruled out before any allocation.
    const after = tokens[i]?.text;
    if (after !== '(' && after !== ',') continue;
    const group: Candidate[] = [a];
    let untagged: number[] = [];
    if (tokens[i]?.text === '(') {
      i++;
      while (i < tokens.length && tokens[i].text !== ')' && i - a.te < 8) {
        const b = startingAt(i);
        if (b) {
          group.push(b);
          i = b.te;
        } else if (tokens[i].text === ',' || tokens[i].text === '/') i++;
        else if (!covered[i] && isAcronym(tokens[i].text)) untagged.push(i++);
        else break;
      }
      if (tokens[i]?.text !== ')') continue;
    } else if (
      tokens[i]?.text === ',' &&
      /^(?:also|or)$/.test(tokens[i + 1]?.text ?? '') &&
      tokens[i + 2]?.text === 'known' &&
      tokens[i + 3]?.text === 'as'
    ) {
      const b = startingAt(i + 4);
      if (b) group.push(b);
      untagged = [];
    } else continue;
    if (group.some((c) => c.label === 'ORG' && c.te - c.ts === 1 && isAcronym(tokens[c.ts].text))) {
      // Not a place: "WASHINGTON (AP)" is a dateline.
      for (const c of group) if (c.label === 'PER') forced.set(text.slice(c.start, c.end), 'ORG');
    }
    const initial = tokens[a.ts].text.charAt(0).toUpperCase();
    for (const k of untagged) {
      if (a.te - a.ts < 2 || tokens[k].text.charAt(0) !== initial) continue;
      covered[k] = 1;
      added.push({ ts: k, te: k + 1, label: a.label, start: tokens[k].start, end: tokens[k].end });
    }
  }
  for (const c of added) cands.push(c); // not push(...added): one per bracketed acronym, unbounded
}
