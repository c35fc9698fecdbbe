import { SymbolKind, type CodeLens, type DocumentSymbol } from 'vscode-languageserver';
import { EDIT_ANNOTATION_COMMAND } from '../../../../common/protocol';
import type { DocumentAnalysis, Span } from '../../analysis/types';
import type { IndexedDocument } from '../../workspace/documentIndex';
import type { ResolvedAnnotation } from '../../workspace/annotationIndex';
import { entitiesById } from '../../workspace/entitiesById';
import { label, lensText, truncate } from './markdown';
import { cover, toRange } from './range';

const overlaps = (a: Span, b: Span) =>
  (a.start < b.end && b.start < a.end) || (a.start === a.end && a.start >= b.start && a.start <= b.end);

/**
 * The entity (document-local id) each entity-tag annotation is about: the
 * entity of the mention under its anchor in the given analysis.
 */
export function taggedEntities(annotations: readonly ResolvedAnnotation[], analysis: DocumentAnalysis): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of annotations) {
    if (r.annotation.kind !== 'entity-tag') continue;
    const mention = analysis.mentions.find((m) => overlaps(m, r));
    const id = mention?.id ?? r.annotation.entity.id;
    if (!entitiesById(analysis).has(id)) continue;
    const tags = out.get(id) ?? [];
    for (const t of r.annotation.body.tags) if (!tags.includes(t)) tags.push(t);
    out.set(id, tags);
  }
  return out;
}

/**
 * Tags on a span: those of tagged passages overlapping it and, when the
 * analysis is given, those of tagged entities with a mention overlapping it
 * (an entity tag applies wherever the entity appears).
 */
export function tagsAt(annotations: readonly ResolvedAnnotation[], span: Span, analysis?: DocumentAnalysis): string[] {
  const tags = new Set<string>();
  for (const r of annotations) if (r.annotation.kind === 'passage' && overlaps(r, span)) r.annotation.body.tags.forEach((t) => tags.add(t));
  if (analysis) {
    const byEntity = taggedEntities(annotations, analysis);
    if (byEntity.size) {
      for (const m of analysis.mentions) if (overlaps(m, span)) byEntity.get(m.id)?.forEach((t) => tags.add(t));
    }
  }
  return [...tags];
}

/** A lens above each tagged or noted passage: its tags and note; clicking edits it. */
export function tagLenses(doc: IndexedDocument, annotations: readonly ResolvedAnnotation[]): CodeLens[] {
  return annotations
    .filter((r) => r.annotation.kind === 'passage' && (r.annotation.body.tags.length || r.annotation.body.note))
    .map((r) => {
      const { tags, note } = r.annotation.body;
      const parts: string[] = [];
      if (tags.length) parts.push(`$(tag) ${tags.map((t) => lensText(t, 30)).join(', ')}`);
      if (note) parts.push(`$(note) ${lensText(note, 50)}`);
      return {
        range: toRange(doc, { start: r.start, end: r.start }),
        command: { title: parts.join(' · '), command: EDIT_ANNOTATION_COMMAND, arguments: [doc.uri, r.annotation.id] },
      };
    });
}

/** The outline's "Tags" group: one child per tag, holding the passages with that tag. */
export function tagSymbols(doc: IndexedDocument, annotations: readonly ResolvedAnnotation[]): DocumentSymbol | null {
  const byTag = new Map<string, ResolvedAnnotation[]>();
  for (const r of annotations) {
    if (r.annotation.kind !== 'passage' || r.end <= r.start) continue;
    for (const t of r.annotation.body.tags) {
      const list = byTag.get(t);
      if (list) list.push(r);
      else byTag.set(t, [r]);
    }
  }
  if (!byTag.size) return null;
  const children: DocumentSymbol[] = [...byTag.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((tag) => {
      const passages = byTag.get(tag)!;
      const all = cover(passages) ?? passages[0];
      return {
        name: label(tag),
        detail: String(passages.length),
        kind: SymbolKind.Key,
        range: toRange(doc, all),
        selectionRange: toRange(doc, passages[0]),
        children: passages.map((r) => ({
          name: truncate(r.annotation.target.quote.exact, 60),
          detail: r.annotation.body.note ? truncate(r.annotation.body.note, 60) : '',
          kind: SymbolKind.String,
          range: toRange(doc, r),
          selectionRange: toRange(doc, r),
        })),
      };
    });
  const all = cover(annotations.filter((r) => r.annotation.kind === 'passage' && r.end > r.start && r.annotation.body.tags.length)) ?? {
    start: 0,
    end: 0,
  };
  return {
    name: 'Tags',
    detail: String(byTag.size),
    kind: SymbolKind.Namespace,
    range: toRange(doc, all),
    selectionRange: toRange(doc, { start: all.start, end: all.start }),
    children,
  };
}
