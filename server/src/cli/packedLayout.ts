import type { TextLayout } from '../analysis/pipeline';
import type { DocumentStructure, Sentence, Token } from '../analysis/types';

/*
 * A text's layout (pipeline.ts, `layoutText`) as the tagging thread sends it
 * to the thread that completes the analysis, so that the layout is computed
 * once, not on both threads. Tokens and sentences travel as offsets in typed
 * arrays, whose buffers are transferred rather than copied: cloning thousands
 * of small objects costs more than scanning the text again, but rebuilding
 * them from offsets costs a fraction of tokenizing (each token's text is
 * `text.slice(start, end)`, as the tokenizer makes it). The structure is a
 * few blocks and travels as it is.
 */

export interface PackedLayout {
  structure: DocumentStructure;
  /** start, end of each token. */
  tokens: Int32Array;
  /** tokenStart, tokenEnd of each sentence; its offsets are its first token's start and its last token's end. */
  sentences: Int32Array;
}

export function packLayout(layout: TextLayout): PackedLayout {
  const { tokens, sentences } = layout;
  const t = new Int32Array(tokens.length * 2);
  for (let i = 0; i < tokens.length; i++) {
    t[2 * i] = tokens[i].start;
    t[2 * i + 1] = tokens[i].end;
  }
  const s = new Int32Array(sentences.length * 2);
  for (let i = 0; i < sentences.length; i++) {
    s[2 * i] = sentences[i].tokenStart;
    s[2 * i + 1] = sentences[i].tokenEnd;
  }
  return { structure: layout.structure, tokens: t, sentences: s };
}

/** The buffers to transfer with a message holding the packed layout. */
export function layoutBuffers(packed: PackedLayout): ArrayBuffer[] {
  return [packed.tokens.buffer as ArrayBuffer, packed.sentences.buffer as ArrayBuffer];
}

/** The layout `packLayout` was given, for the same text: equal field by field (deepStrictEqual). */
export function unpackLayout(text: string, packed: PackedLayout): TextLayout {
  const t = packed.tokens;
  const n = t.length >> 1;
  // Pushed, as the tokenizer does, so that the arrays are packed (not holey) for the stages that index them.
  const tokens: Token[] = [];
  for (let i = 0; i < n; i++) {
    const start = t[2 * i];
    const end = t[2 * i + 1];
    tokens.push({ start, end, text: text.slice(start, end) });
  }
  const s = packed.sentences;
  const sentences: Sentence[] = [];
  for (let i = 0; i < s.length; i += 2) {
    const tokenStart = s[i];
    const tokenEnd = s[i + 1];
    sentences.push({ start: tokens[tokenStart].start, end: tokens[tokenEnd - 1].end, tokenStart, tokenEnd });
  }
  return { structure: packed.structure, tokens, sentences };
}
