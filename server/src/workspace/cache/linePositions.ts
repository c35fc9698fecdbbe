import { TextDocument } from 'vscode-languageserver-textdocument';

/** What a summary reads of a document: the editor's line and character of an offset. */
export interface Positions {
  positionAt(offset: number): { line: number; character: number };
}

/**
 * The positions of `text` as a TextDocument gives them, for an analysis
 * thread's summary. A TextDocument finds its line starts with a JavaScript
 * loop over every character (about 40 µs of a seed-sized document's ~10 ms,
 * for a summary that asks a hundred positions); without a carriage return,
 * every line ends at a '\n' and indexOf finds them natively. Text with one
 * keeps the TextDocument ("\r\n", a lone "\r", and offsets between the two).
 */
export function linePositions(text: string): Positions {
  if (text.includes('\r')) return TextDocument.create('', 'plaintext', -1, text);
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return {
    positionAt(offset: number) {
      // As TextDocument.positionAt: clamped to the text, then the last line that starts at or before it.
      const o = Math.max(Math.min(offset, text.length), 0);
      let low = 0;
      let high = starts.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (starts[mid] > o) high = mid;
        else low = mid + 1;
      }
      return { line: low - 1, character: o - starts[low - 1] };
    },
  };
}
