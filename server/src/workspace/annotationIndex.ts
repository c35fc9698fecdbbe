import { anchor } from '../../../common/anchoring';
import { annotationSchema, type Annotation } from '../../../common/annotations';
import type { ResolvedCorrection } from '../analysis/corrections';
import type { Span } from '../analysis/types';

/** An annotation and where it sits in the document's current text. */
export interface ResolvedAnnotation extends Span {
  annotation: Annotation;
}

interface Entry {
  annotations: Annotation[];
  /** Resolution against the last text asked about; recomputed when the text changes. */
  resolvedFor?: { text: string; resolved: ResolvedAnnotation[] };
}

/**
 * The user's annotations per document, as last sent by the client over
 * `dossier/annotations`. The client owns them (it alone reads and writes
 * sidecars); the server only anchors them to the text it analyses.
 */
export class AnnotationIndex {
  private readonly entries = new Map<string, Entry>();

  /**
   * Replaces the annotations of a document. Each item is validated, since it
   * crossed a process boundary; invalid ones are skipped and reported.
   */
  set(uri: string, raw: readonly unknown[]): { accepted: number; problems: string[] } {
    const annotations: Annotation[] = [];
    const problems: string[] = [];
    raw.forEach((item, i) => {
      const parsed = annotationSchema.safeParse(item);
      if (parsed.success) annotations.push(parsed.data);
      else problems.push(`annotation ${i}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    });
    if (annotations.length) this.entries.set(uri, { annotations });
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
    if (entry.resolvedFor?.text === text) return entry.resolvedFor.resolved;
    const resolved: ResolvedAnnotation[] = [];
    for (const annotation of entry.annotations) {
      const { position, quote } = annotation.target;
      const at = anchor(text, { start: position.start, end: position.end, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix });
      if (at) resolved.push({ annotation, start: at.start, end: at.end });
    }
    resolved.sort((a, b) => a.start - b.start || a.end - b.end);
    entry.resolvedFor = { text, resolved };
    return resolved;
  }

  /** The corrections for `text`, in the order the user made them. */
  corrections(uri: string, text: string): ResolvedCorrection[] {
    return this.resolve(uri, text)
      .filter((r) => r.annotation.kind === 'correction')
      .sort((a, b) => Date.parse(a.annotation.created) - Date.parse(b.annotation.created))
      .flatMap((r): ResolvedCorrection[] => (r.annotation.kind === 'correction' ? [{ start: r.start, end: r.end, ...r.annotation.correction }] : []));
  }

  /** Every tag used in the workspace's annotations. */
  allTags(): string[] {
    const tags = new Set<string>();
    for (const e of this.entries.values()) for (const a of e.annotations) for (const t of a.body.tags) tags.add(t);
    return [...tags].sort();
  }
}
