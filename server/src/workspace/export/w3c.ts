import { z } from 'zod';
import { CodePointIndex } from '../../../../common/anchoring';
import { correctionSchema, entityRefSchema, type Annotation } from '../../../../common/annotations';
import type { ImportedAnnotation } from '../../../../common/protocol';
import { place, type ExportDocument } from './documents';
import { escapeC1 } from '../../../../common/printable';

/*
 * W3C Web Annotation Data Model (JSON-LD). Offsets in TextPositionSelector
 * are Unicode code points, as the recommendation requires, not the UTF-16
 * units used everywhere else in Dossier. Entity tags and corrections have no
 * W3C vocabulary; they carry a `dossier` member that Dossier reads back and
 * other tools can ignore.
 */

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

interface W3cBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting';
  value: string;
  format?: string;
}

export interface W3cAnnotation {
  id: string;
  type: 'Annotation';
  motivation: string;
  created: string;
  modified: string;
  body: W3cBody[];
  target: {
    source: string;
    selector: Array<
      | { type: 'TextPositionSelector'; start: number; end: number }
      | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
    >;
  };
  dossier?: { kind: Annotation['kind']; entity?: z.infer<typeof entityRefSchema>; correction?: z.infer<typeof correctionSchema> };
}

export interface W3cCollection {
  '@context': string;
  type: 'AnnotationCollection';
  label: string;
  first: { type: 'AnnotationPage'; startIndex: 0; items: W3cAnnotation[] };
  total: number;
}

const LABEL = 'Dossier annotations';

/** The annotations of one document as W3C items. */
export function w3cItems(doc: ExportDocument): W3cAnnotation[] {
  const items: W3cAnnotation[] = [];
  const cp = new CodePointIndex(doc.text);
  for (const p of place(doc)) {
    const a = p.annotation;
    const body: W3cBody[] = a.body.tags.map((value) => ({ type: 'TextualBody', purpose: 'tagging', value }));
    if (a.body.note !== undefined) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.body.note, format: 'text/plain' });
    const selector: W3cAnnotation['target']['selector'] = [];
    if (p.start !== null && p.end !== null)
      selector.push({ type: 'TextPositionSelector', start: cp.toCodePoint(p.start), end: cp.toCodePoint(p.end) });
    selector.push({ type: 'TextQuoteSelector', exact: p.quote.exact, prefix: p.quote.prefix, suffix: p.quote.suffix });
    items.push({
      id: `urn:uuid:${a.id}`,
      type: 'Annotation',
      motivation: a.kind === 'correction' ? 'editing' : a.body.tags.length ? 'tagging' : 'commenting',
      created: a.created,
      modified: a.modified,
      body,
      target: { source: doc.uri, selector },
      ...(a.kind === 'entity-tag' ? { dossier: { kind: a.kind, entity: a.entity } } : {}),
      ...(a.kind === 'correction' ? { dossier: { kind: a.kind, entity: a.entity, correction: a.correction } } : {}),
    });
  }
  return items;
}

export function toW3c(docs: readonly ExportDocument[]): W3cCollection {
  const items: W3cAnnotation[] = [];
  for (const doc of docs) for (const item of w3cItems(doc)) items.push(item);
  // "total" last: a streamed export only knows it at the end, and both write the same bytes.
  return {
    '@context': ANNO_CONTEXT,
    type: 'AnnotationCollection',
    label: LABEL,
    first: { type: 'AnnotationPage', startIndex: 0, items },
    total: items.length,
  };
}

/**
 * The collection written document by document, byte for byte
 * `JSON.stringify(toW3c(docs), null, 2)` but for C1 control characters,
 * written as `\u` escapes (as `dossier analyze --json` writes them: the same
 * value, and a terminal shown the JSON does not obey a CSI), so that an export
 * of a whole corpus never holds more than one document's text and items in memory.
 */
export function w3cStream(): { head(): string; document(doc: ExportDocument): string; tail(): string } {
  let total = 0;
  return {
    head: () =>
      `{\n  "@context": ${JSON.stringify(ANNO_CONTEXT)},\n  "type": "AnnotationCollection",\n  "label": ${JSON.stringify(LABEL)},\n  "first": {\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": [`,
    document: (doc) => {
      let out = '';
      for (const item of w3cItems(doc)) {
        // Re-indented by splitting on "\n" only: JSON.stringify leaves U+2028 and U+2029 raw inside strings, where a /^/m replace would indent them too.
        out += `${total++ ? ',' : ''}\n      ${escapeC1(JSON.stringify(item, null, 2))
          .split('\n')
          .join('\n      ')}`;
      }
      return out;
    },
    tail: () => `${total ? '\n    ' : ''}]\n  },\n  "total": ${total}\n}\n`,
  };
}

// #region import

const oneOrMany = <T extends z.ZodTypeAny>(s: T) =>
  z.union([s, z.array(s)]).transform((v) => (Array.isArray(v) ? v : [v]) as Array<z.infer<T>>);

const selectorSchema = z.union([
  z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('TextQuoteSelector'),
    exact: z.string().min(1),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
  }),
  z.object({ type: z.string() }).passthrough(),
]);

const bodySchema = z.union([
  z.string().transform((value) => ({ type: 'TextualBody', value, purpose: undefined as string | undefined })),
  z.object({ type: z.string().optional(), value: z.string(), purpose: z.string().optional() }).passthrough(),
  z
    .object({})
    .passthrough()
    .transform(() => null),
]);

const w3cAnnotationSchema = z
  .object({
    id: z.string().optional(),
    type: z.union([z.literal('Annotation'), z.array(z.string()).refine((t) => t.includes('Annotation'))]),
    motivation: z.union([z.string(), z.array(z.string())]).optional(),
    created: z.string().datetime({ offset: true }).optional(),
    modified: z.string().datetime({ offset: true }).optional(),
    body: oneOrMany(bodySchema).optional(),
    target: z.object({ source: z.string(), selector: oneOrMany(selectorSchema) }).passthrough(),
    dossier: z
      .object({
        kind: z.enum(['passage', 'entity-tag', 'correction']),
        entity: entityRefSchema.optional(),
        correction: correctionSchema.optional(),
      })
      .optional(),
  })
  .passthrough();

const containerSchema = z.union([
  z
    .object({
      type: z.literal('AnnotationCollection'),
      first: z.union([z.object({ items: z.array(z.unknown()) }).passthrough(), z.string()]).optional(),
    })
    .passthrough(),
  z.object({ type: z.literal('AnnotationPage'), items: z.array(z.unknown()) }).passthrough(),
  z.array(z.unknown()),
  z.object({ type: z.unknown() }).passthrough(),
]);

/**
 * Reads W3C Web Annotation JSON-LD: a collection with its first page
 * embedded, a page, a list, or one annotation. Positions stay in code
 * points: only the client has the document text to convert them. Items
 * without a text quote or position, and items Dossier cannot represent, are
 * skipped and counted.
 */
export function parseW3c(json: unknown): { annotations: ImportedAnnotation[]; skipped: number } {
  const container = containerSchema.safeParse(json);
  if (!container.success) throw new Error('not W3C Web Annotation JSON');
  let raw: unknown[];
  const c = container.data;
  if (Array.isArray(c)) raw = c;
  else if (c.type === 'AnnotationCollection') {
    const first = (c as { first?: unknown }).first;
    if (typeof first === 'string')
      throw new Error('the collection\'s pages are not embedded (only "first" as an IRI); export them embedded');
    raw =
      typeof first === 'object' && first !== null && Array.isArray((first as { items?: unknown }).items)
        ? (first as { items: unknown[] }).items
        : [];
  } else if (c.type === 'AnnotationPage') raw = (c as { items: unknown[] }).items;
  else raw = [c];
  const out: ImportedAnnotation[] = [];
  let skipped = 0;
  for (const item of raw) {
    const parsed = w3cAnnotationSchema.safeParse(item);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const a = parsed.data;
    let position: ImportedAnnotation['position'];
    let quote: ImportedAnnotation['quote'];
    for (const s of a.target.selector) {
      if (s.type === 'TextPositionSelector' && typeof s.start === 'number' && typeof s.end === 'number')
        position = { start: s.start, end: Math.max(s.start, s.end) };
      if (s.type === 'TextQuoteSelector' && typeof s.exact === 'string')
        quote = {
          exact: s.exact,
          prefix: typeof s.prefix === 'string' ? s.prefix : '',
          suffix: typeof s.suffix === 'string' ? s.suffix : '',
        };
    }
    if (!position && !quote) {
      skipped++;
      continue;
    }
    const tags: string[] = [];
    const notes: string[] = [];
    const motivations = Array.isArray(a.motivation) ? a.motivation : a.motivation ? [a.motivation] : [];
    for (const b of a.body ?? []) {
      if (!b || typeof b.value !== 'string') continue;
      const purpose = typeof b.purpose === 'string' ? b.purpose : motivations.includes('tagging') ? 'tagging' : 'commenting';
      if (purpose === 'tagging' || purpose === 'classifying') tags.push(b.value.trim());
      else notes.push(b.value);
    }
    const kind = a.dossier?.kind ?? 'passage';
    if (kind !== 'passage' && !a.dossier?.entity) {
      skipped++;
      continue;
    }
    if (kind === 'correction' && !a.dossier?.correction) {
      skipped++;
      continue;
    }
    const uuid = a.id ? /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(a.id)?.[1] : undefined;
    out.push({
      ...(uuid ? { id: uuid.toLowerCase() } : {}),
      source: a.target.source,
      ...(a.created ? { created: a.created } : {}),
      ...(a.modified ? { modified: a.modified } : {}),
      kind,
      ...(a.dossier?.entity ? { entity: a.dossier.entity } : {}),
      ...(a.dossier?.correction ? { correction: a.dossier.correction } : {}),
      tags: tags.filter((t) => t.length > 0),
      ...(notes.length ? { note: notes.join('\n\n') } : {}),
      ...(position ? { position } : {}),
      ...(quote ? { quote } : {}),
    });
  }
  return { annotations: out, skipped };
}

// #endregion
