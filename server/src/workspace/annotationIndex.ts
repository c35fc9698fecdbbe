import { anchor, shiftRange, type AnchorResult, type TextAnchor, type TextChange } from '../../../common/anchoring';
import { annotationSchema, type Annotation } from '../../../common/annotations';
import type { ResolvedCorrection } from '../analysis/corrections';
import type { Span } from '../analysis/types';

/** An annotation and where it sits in the document's current text. */
export interface ResolvedAnnotation extends Span {
  annotation: Annotation;
}

/** Where each annotation (by id) sits in `text`: a span, or null when it is orphaned there. */
interface Placements {
  text: string;
  at: Map<string, Span | null>;
}

interface Entry {
  annotations: Annotation[];
  /** Placements in the last text asked about; an annotation missing from it is anchored on the next resolve. */
  placed?: Placements;
  /** The resolved list for `placed.text`, once complete. */
  resolved?: ResolvedAnnotation[];
}

export type AnchorFunction = (text: string, target: TextAnchor) => AnchorResult | null;

/**
 * The user's annotations per document, as last sent by the client over
 * `dossier/annotations`. The client owns them (it alone reads and writes
 * sidecars); the server only anchors them to the text it analyses.
 *
 * Anchoring is incremental: after an edit, an annotation the edit did not
 * touch moves with the text, and an orphan is looked for only around the
 * edit (an exact quote that was nowhere in the old text can only appear
 * where the text changed). When the client sends the same annotations
 * again, their placements are kept. So 20,000 orphans cost nothing per edit
 * instead of 20,000 searches of the whole document.
 */
export class AnnotationIndex {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly anchorIn: AnchorFunction = anchor) {}

  /**
   * Replaces the annotations of a document. Each item is validated, since it
   * crossed a process boundary; invalid ones are skipped and reported.
   */
  set(uri: string, raw: readonly unknown[]): { accepted: number; problems: string[] } {
    const annotations: Annotation[] = [];
    const problems: string[] = [];
    const before = new Map((this.entries.get(uri)?.annotations ?? []).map((a) => [a.id, a]));
    raw.forEach((item, i) => {
      // The client sends every annotation of the document after each change; most come back as they were, already validated.
      const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
      const known = typeof id === 'string' ? before.get(id) : undefined;
      if (known && sameJson(item, known)) {
        annotations.push(known);
        return;
      }
      const parsed = annotationSchema.safeParse(item);
      if (parsed.success) annotations.push(parsed.data);
      else problems.push(`annotation ${i}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    });
    if (annotations.length) this.entries.set(uri, { annotations, placed: carryOver(this.entries.get(uri), annotations) });
    else this.entries.delete(uri);
    return { accepted: annotations.length, problems };
  }

  get(uri: string): readonly Annotation[] {
    return this.entries.get(uri)?.annotations ?? [];
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  /** The annotations that can be placed in `text`; orphans (which the client shows) are left out. */
  resolve(uri: string, text: string): ResolvedAnnotation[] {
    const entry = this.entries.get(uri);
    if (!entry) return [];
    if (entry.placed?.text === text && entry.resolved) return entry.resolved;
    const at = !entry.placed ? new Map<string, Span | null>() : entry.placed.text === text ? entry.placed.at : this.follow(entry, text);
    for (const annotation of entry.annotations) {
      if (!at.has(annotation.id)) at.set(annotation.id, this.place(text, annotation, 0, text.length));
    }
    const resolved: ResolvedAnnotation[] = [];
    for (const annotation of entry.annotations) {
      const span = at.get(annotation.id);
      if (span) resolved.push({ annotation, start: span.start, end: span.end });
    }
    resolved.sort((a, b) => a.start - b.start || a.end - b.end);
    entry.placed = { text, at };
    entry.resolved = resolved;
    return resolved;
  }

  /** The corrections for `text`, in the order the user made them. */
  corrections(uri: string, text: string): ResolvedCorrection[] {
    return this.resolve(uri, text)
      .filter((r) => r.annotation.kind === 'correction')
      .sort((a, b) => Date.parse(a.annotation.created) - Date.parse(b.annotation.created))
      .flatMap((r): ResolvedCorrection[] =>
        r.annotation.kind === 'correction' ? [{ start: r.start, end: r.end, ...r.annotation.correction }] : [],
      );
  }

  /** Every tag used in the workspace's annotations. */
  allTags(): string[] {
    const tags = new Set<string>();
    for (const e of this.entries.values()) for (const a of e.annotations) for (const t of a.body.tags) tags.add(t);
    return [...tags].sort();
  }

  /**
   * The placements of the entry's last text carried to `text`: untouched
   * spans move with the edit, orphans are searched for around it, and spans
   * the edit touched are left out to be anchored again.
   */
  private follow(entry: Entry, text: string): Map<string, Span | null> {
    const old = entry.placed as Placements;
    const change = changeBetween(old.text, text);
    const at = new Map<string, Span | null>();
    for (const annotation of entry.annotations) {
      if (!old.at.has(annotation.id)) continue;
      const span = old.at.get(annotation.id);
      if (span) {
        const moved = shiftRange(span, change);
        if (!moved.touched) at.set(annotation.id, { start: moved.start, end: moved.end });
      } else {
        const reach = annotation.target.quote.exact.length + annotation.target.quote.prefix.length + annotation.target.quote.suffix.length;
        const from = Math.max(0, change.offset - reach);
        const to = Math.min(text.length, change.offset + change.text.length + reach);
        at.set(
          annotation.id,
          mayAppear(text.slice(from, to), annotation.target.quote.exact) ? this.place(text, annotation, from, to) : null,
        );
      }
    }
    return at;
  }

  /** Anchors the annotation in text[from, to); the stored position counts only if it lies in that window. */
  private place(text: string, annotation: Annotation, from: number, to: number): Span | null {
    const { position, quote } = annotation.target;
    const window = from === 0 && to === text.length ? text : text.slice(from, to);
    const inside = (n: number) => Math.min(Math.max(n - from, 0), window.length);
    const found = this.anchorIn(window, {
      start: inside(position.start),
      end: inside(position.end),
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
    });
    return found ? { start: found.start + from, end: found.end + from } : null;
  }
}

/** Pieces of a quote looked for before an orphan is searched for in earnest. */
const PIECE = 8;

/**
 * Whether the quote, or a passage close enough for the fuzzy anchoring, can
 * be in the window: some piece of it must be there intact (the anchoring
 * finds fuzzy candidates from exact pieces the same way). Most orphans fail
 * this at once, so an edit costs them next to nothing.
 */
function mayAppear(window: string, exact: string): boolean {
  if (exact.length <= PIECE) return window.includes(exact);
  for (let at = 0; at < exact.length; at += PIECE) {
    // The last piece ends where the quote ends: a short remainder would be found anywhere.
    const from = Math.min(at, exact.length - PIECE);
    if (window.includes(exact.slice(from, from + PIECE))) return true;
  }
  return false;
}

/** The placements that stay valid when the client sends the annotations again: those whose target did not change. */
function carryOver(previous: Entry | undefined, annotations: readonly Annotation[]): Placements | undefined {
  if (!previous?.placed) return undefined;
  const before = new Map(previous.annotations.map((a) => [a.id, a]));
  const at = new Map<string, Span | null>();
  for (const a of annotations) {
    const old = before.get(a.id);
    if (old && sameTarget(old, a) && previous.placed.at.has(a.id)) at.set(a.id, previous.placed.at.get(a.id) ?? null);
  }
  return { text: previous.placed.text, at };
}

/** Deep equality of JSON values (what crosses the protocol). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && sameJson(x[k], y[k]));
}

function sameTarget(a: Annotation, b: Annotation): boolean {
  const x = a.target;
  const y = b.target;
  return (
    x.position.start === y.position.start &&
    x.position.end === y.position.end &&
    x.quote.exact === y.quote.exact &&
    x.quote.prefix === y.quote.prefix &&
    x.quote.suffix === y.quote.suffix
  );
}

/** The one replacement that turns `before` into `after`: their common start and end are left out. */
export function changeBetween(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let head = 0;
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < max - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { offset: head, length: before.length - head - tail, text: after.slice(head, after.length - tail) };
}
