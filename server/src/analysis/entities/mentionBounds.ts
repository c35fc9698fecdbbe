/**
 * Longest mention kept. Real names are far shorter (the longest of 929 news
 * documents, a title-case headline the tagger took whole, has 13 tokens and
 * 90 characters); a run of capitalised words would otherwise be one entity,
 * and its id, as long as the run.
 */
export const MAX_MENTION_TOKENS = 12;
export const MAX_MENTION_CHARS = 200;

/**
 * A mention is short enough and starts and ends at word boundaries: the
 * tokenizer cuts a word longer than its token limit into pieces, and a piece
 * is no name. Only a split-off "n't" may follow a name directly ("Can’t").
 */
export function nameSized(text: string, span: { start: number; end: number }, tokenCount: number): boolean {
  if (tokenCount > MAX_MENTION_TOKENS || span.end - span.start > MAX_MENTION_CHARS) return false;
  if (insideWord(text, span.start)) return false;
  return !insideWord(text, span.end) || /^n['’]t/i.test(text.slice(span.end, span.end + 3));
}

/** Whether offset i falls between two letters or digits of one word. */
function insideWord(text: string, i: number): boolean {
  return i > 0 && i < text.length && WORD_CHAR_RE.test(text.charAt(i - 1)) && WORD_CHAR_RE.test(text.charAt(i));
}

const WORD_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;
