import { anchor, quoteSelectors, shiftThrough, type TextChange } from '../../../common/anchoring';
import type { Annotation } from '../../../common/annotations';
import type { Placement } from './sidecarFile';

/*
 * Placements: where each annotation sits in the document's current text.
 * Pure (no `vscode`): the store feeds it texts and edits.
 */

/** Finds an annotation in a text, near `hint` (where edits moved it) or else its stored position. */
export function place(a: Annotation, text: string, hint?: { start: number; end: number }): Placement {
  const { position, quote } = a.target;
  const at = anchor(text, {
    start: hint?.start ?? position.start,
    end: hint ? hint.start + quote.exact.length : position.end,
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
  });
  return at ? { start: at.start, end: at.end } : null;
}

/** Places every annotation in a text (on open, on close, after loading). */
export function placeAll(annotations: readonly Annotation[], placements: Map<string, Placement>, text: string): void {
  for (const a of annotations) placements.set(a.id, place(a, text));
}

/**
 * Follows edits: placements shift through the changed ranges. A passage an
 * edit touched is found again by its quote when it collapsed, or always on a
 * `reload` (the buffer was replaced from disk, so the diff says nothing about
 * where passages went); orphans are looked for again on a reload.
 */
export function followEdits(
  annotations: readonly Annotation[],
  placements: Map<string, Placement>,
  changes: readonly TextChange[],
  reload: boolean,
  text: () => string,
): void {
  for (const a of annotations) {
    const at = placements.get(a.id);
    if (at === undefined) continue;
    if (at === null) {
      if (reload) placements.set(a.id, place(a, text()));
      continue;
    }
    const shifted = shiftThrough(at, changes);
    if (shifted.touched && (reload || shifted.start === shifted.end)) placements.set(a.id, place(a, text(), shifted));
    else placements.set(a.id, { start: shifted.start, end: shifted.end });
  }
}

/** The annotation's target recomputed at its placement; unchanged when orphaned or unplaced. */
export function withSelectors(a: Annotation, at: Placement | undefined, text: string, hash: string): Annotation {
  if (!at || at.end <= at.start || at.end > text.length) return a;
  const q = quoteSelectors(text, at.start, at.end);
  const t = a.target;
  if (
    t.position.start === at.start &&
    t.position.end === at.end &&
    t.quote.exact === q.exact &&
    t.quote.prefix === q.prefix &&
    t.quote.suffix === q.suffix &&
    t.hash === hash
  )
    return a;
  return {
    ...a,
    target: {
      position: { type: 'TextPositionSelector', start: at.start, end: at.end },
      quote: { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix },
      hash,
    },
  };
}
