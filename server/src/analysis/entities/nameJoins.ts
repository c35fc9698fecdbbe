import type { Token } from '../types';
import { type Candidate, candidatesByStart, hasLower, isCapitalised } from './candidates';

/*
 * Names the tagger cut in two, joined again by the form of the text around them:
 *  - "Douglas & Lomason", "Procter & Gamble": an ampersand joins the names of one firm, never two entities
 *    (two names listed side by side are joined by "and" or a comma);
 *  - "Mladost ( L ) 2 Cukaricki 1": results tables tell clubs of the same name apart by a town initial in
 *    brackets, which belongs to the club's name. The form must recur in the document (a table), so that a
 *    single "Smith ( R )" is left alone.
 */

/** A town initial in brackets at token i: "(", one to three capitals, ")". */
function initialInBrackets(tokens: Token[], i: number): boolean {
  return tokens[i]?.text === '(' && /^\p{Lu}{1,3}$/u.test(tokens[i + 1]?.text ?? '') && tokens[i + 2]?.text === ')';
}

/** What follows a club in a results table or a standings line: a score, a dash, or the end of the line. */
function tableCell(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i];
  if (!t) return true;
  return /^\d/.test(t.text) || t.text === '-' || text.slice(tokens[i - 1].end, t.start).includes('\n');
}

export function joinNames(cands: Candidate[], tokens: Token[], text: string, covered: Uint8Array): void {
  const removed = new Set<Candidate>();
  // Only an "&" after a name or a table of clubs asks.
  const startingAt = candidatesByStart(cands, tokens, (c) => c.label !== 'MISC');
  const whole = (c: Candidate) => c.start === tokens[c.ts].start && c.end === tokens[c.te - 1].end && c.label !== 'MISC';

  for (const c of cands) {
    // The "&" first: it rules out almost every candidate without a Set probe.
    if (tokens[c.te]?.text !== '&') continue;
    if (removed.has(c) || !whole(c) || (c.label !== 'ORG' && c.label !== 'PER')) continue;
    const next = startingAt(c.te + 1);
    if (!next || removed.has(next) || !whole(next) || (next.label !== 'ORG' && next.label !== 'PER')) continue;
    c.te = next.te;
    c.end = next.end;
    c.label = 'ORG';
    removed.add(next);
  }

  const clubs: Candidate[] = [];
  for (const c of cands)
    if (initialInBrackets(tokens, c.te) && !removed.has(c) && whole(c) && tableCell(tokens, c.te + 3, text)) clubs.push(c);
  // Clubs of the same table the tagger left untagged: a capitalised word between two table cells.
  const untagged: number[] = [];
  for (let i = 1; i < tokens.length; i++) {
    // The bracket first: it rules out almost every token without a string allocation. Read from the document's text
    // (a token starting with "(" is that one character), not compared with the token's own string: see splitSentences.
    const next = tokens[i + 1];
    if (
      next === undefined ||
      text.charCodeAt(next.start) !== 40 ||
      covered[i] ||
      !initialInBrackets(tokens, i + 1) ||
      !isCapitalised(tokens[i].text) ||
      !hasLower(tokens[i].text)
    )
      continue;
    if (!tableCell(tokens, i + 4, text)) continue;
    if (/^\d/.test(tokens[i - 1].text) || text.slice(tokens[i - 1].end, tokens[i].start).includes('\n')) untagged.push(i);
  }
  if (clubs.length + untagged.length < 2) {
    dropRemoved(cands, removed);
    return;
  }
  for (const c of clubs) {
    const inner = startingAt(c.te + 1);
    if (inner && inner.te === c.te + 2) removed.add(inner);
    c.te += 3;
    c.end = tokens[c.te - 1].end;
    c.label = 'ORG';
  }
  for (const i of untagged) {
    covered.fill(1, i, i + 4);
    cands.push({ ts: i, te: i + 4, label: 'ORG', start: tokens[i].start, end: tokens[i + 3].end });
  }
  dropRemoved(cands, removed);
}

function dropRemoved(cands: Candidate[], removed: Set<Candidate>): void {
  if (removed.size === 0) return;
  let w = 0;
  for (const c of cands) if (!removed.has(c)) cands[w++] = c;
  cands.length = w;
}
