import { z } from 'zod';
import { fnv1a32 } from './strings';

/*
 * The sidecar file `<document>.annotations.json`: the user's decisions about
 * one document (tagged passages, notes, entity tags, corrections of the
 * detector). Detector output is never stored here; it is recomputed.
 *
 * Imported by the client (which alone writes sidecars), the server (which
 * receives annotations over `dossier/annotations`) and the CLI (export), so
 * it uses neither `vscode` nor Node built-ins.
 */

export const SIDECAR_VERSION = 1;
export const SIDECAR_SUFFIX = '.annotations.json';

const isoTime = z.string().datetime({ offset: true });
const offset = z.number().int().nonnegative();

export const textPositionSelectorSchema = z
  .object({ type: z.literal('TextPositionSelector'), start: offset, end: offset })
  .refine((s) => s.end >= s.start, 'end must not be before start');

export const textQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
});

export const targetSchema = z.object({
  /** UTF-16 offsets into the document text as it was when the annotation was saved. */
  position: textPositionSelectorSchema,
  quote: textQuoteSelectorSchema,
  /** `textHash` of the document text the position refers to; '' when unknown (migrated data). */
  hash: z.string(),
});

export const tagSchema = z
  .string()
  .transform((t) => t.trim())
  .pipe(
    z
      .string()
      .min(1)
      .max(100)
      .regex(/^[^\r\n]*$/, 'a tag is one line'),
  );

export const bodySchema = z.object({
  tags: z.array(tagSchema).transform((tags) => [...new Set(tags)]),
  note: z.string().optional(),
});

export const entityTypes = ['person', 'organization', 'country', 'city', 'region', 'facility'] as const;
export const entityTypeSchema = z.enum(entityTypes);
export type AnnotationEntityType = z.infer<typeof entityTypeSchema>;

/** The detected entity an annotation is about, as it was when the user decided. */
export const entityRefSchema = z.object({
  /** The detector's document-local entity id (canonical, hyphenated); used to find it again. */
  id: z.string().min(1),
  name: z.string().min(1),
  type: entityTypeSchema.optional(),
});

/** A known place, as the user chose it among a name's candidates: enough to apply without the gazetteer. */
export const placeChoiceSchema = z.object({
  /** The entity id the name takes with this place ("paris-texas"). */
  id: z.string().min(1).optional(),
  type: z.enum(['country', 'city', 'region']),
  name: z.string().min(1),
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/),
  countryName: z.string().min(1).optional(),
  admin1: z.string().min(1).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  population: z.number().int().nonnegative().optional(),
});
export type PlaceChoice = z.infer<typeof placeChoiceSchema>;

export const correctionSchema = z.discriminatedUnion('action', [
  /** The anchored mention is not an entity at all. */
  z.object({ action: z.literal('not-entity') }),
  /** The anchored mention's entity has another type. */
  z.object({ action: z.literal('change-type'), type: entityTypeSchema }),
  /** The anchored mention's entity is the same as another entity of the document. */
  z.object({ action: z.literal('merge'), into: entityRefSchema }),
  /** The anchored mention is a different entity from the others it was clustered with. */
  z.object({ action: z.literal('split') }),
  /** The anchored mention's place name means this place (one of the name's candidates). */
  z.object({ action: z.literal('choose-place'), place: placeChoiceSchema }),
]);

const base = {
  id: z.string().uuid(),
  created: isoTime,
  modified: isoTime,
  target: targetSchema,
  body: bodySchema,
};

export const passageAnnotationSchema = z.object({ ...base, kind: z.literal('passage') });
export const entityTagAnnotationSchema = z.object({ ...base, kind: z.literal('entity-tag'), entity: entityRefSchema });
export const correctionAnnotationSchema = z.object({
  ...base,
  kind: z.literal('correction'),
  entity: entityRefSchema,
  correction: correctionSchema,
});

export const annotationSchema = z.discriminatedUnion('kind', [
  passageAnnotationSchema,
  entityTagAnnotationSchema,
  correctionAnnotationSchema,
]);

/** A deletion remembered so that a merge with an older copy does not bring the annotation back. */
export const tombstoneSchema = z.object({ id: z.string().uuid(), deleted: isoTime });

export const sidecarSchema = z.object({
  version: z.literal(SIDECAR_VERSION),
  /** The document's file name, for people reading the file; the sidecar's own name is what links them. */
  document: z.string(),
  /** `textHash` of the document's text when the file was last written: finds the document again after a rename outside the editor. */
  documentHash: z.string().optional(),
  annotations: z.array(annotationSchema),
  deleted: z.array(tombstoneSchema).default([]),
});

export type TextPositionSelector = z.infer<typeof textPositionSelectorSchema>;
export type TextQuoteSelector = z.infer<typeof textQuoteSelectorSchema>;
export type AnnotationTarget = z.infer<typeof targetSchema>;
export type AnnotationBody = z.infer<typeof bodySchema>;
export type EntityRef = z.infer<typeof entityRefSchema>;
export type Correction = z.infer<typeof correctionSchema>;
export type Annotation = z.infer<typeof annotationSchema>;
export type CorrectionAnnotation = z.infer<typeof correctionAnnotationSchema>;
export type AnnotationKind = Annotation['kind'];
export type Tombstone = z.infer<typeof tombstoneSchema>;
export type Sidecar = z.infer<typeof sidecarSchema>;

// #region version 0 and migration

/**
 * Version 0: the prototype format, written before sidecars had a version:
 * bare offsets and the quoted text, no ids, no context, tags and an optional
 * note. Accepted on read and migrated; never written.
 */
export const sidecarV0Schema = z.object({
  version: z.literal(0).optional(),
  annotations: z.array(
    z.object({
      start: offset,
      end: offset,
      text: z.string().min(1),
      tags: z.array(tagSchema).default([]),
      note: z.string().optional(),
      created: isoTime.optional(),
    }),
  ),
});
export type SidecarV0 = z.infer<typeof sidecarV0Schema>;

/**
 * v0 → v1. Ids are derived from the content (not random) so that two windows
 * migrating the same file produce the same ids and later merge cleanly.
 * Context and hash are unknown; they are filled in on the next save.
 */
export function migrateV0(old: SidecarV0, documentName: string, now: string): Sidecar {
  return {
    version: 1,
    document: documentName,
    annotations: old.annotations.map((a, i) => ({
      id: contentUuid(`${i}\u0000${a.start}\u0000${a.end}\u0000${a.text}`),
      created: a.created ?? now,
      modified: a.created ?? now,
      kind: 'passage' as const,
      target: {
        position: { type: 'TextPositionSelector' as const, start: a.start, end: Math.max(a.start, a.end) },
        quote: { type: 'TextQuoteSelector' as const, exact: a.text, prefix: '', suffix: '' },
        hash: '',
      },
      body: { tags: [...new Set(a.tags)], ...(a.note !== undefined ? { note: a.note } : {}) },
    })),
    deleted: [],
  };
}

// #endregion

// #region reading and writing

export type ParseResult = { ok: true; sidecar: Sidecar; migratedFrom?: number } | { ok: false; error: string };

/**
 * Parses a sidecar file's text. Never throws: a file that is not JSON, has a
 * version this code does not know, or breaks the schema is reported as an
 * error, and callers must then leave the file alone.
 */
export function parseSidecar(text: string, documentName: string, now: string = new Date().toISOString()): ParseResult {
  let raw: unknown;
  try {
    // Editors on Windows may save the file with a UTF-8 byte order mark, which JSON.parse rejects.
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { ok: false, error: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'not a JSON object' };
  const version = (raw as { version?: unknown }).version;
  if (version === undefined || version === 0) {
    const old = sidecarV0Schema.safeParse(raw);
    if (!old.success) return { ok: false, error: describeIssues(old.error) };
    return { ok: true, sidecar: migrateV0(old.data, documentName, now), migratedFrom: 0 };
  }
  if (typeof version === 'number' && version > SIDECAR_VERSION) {
    return { ok: false, error: `version ${version} was written by a newer Dossier (this one reads up to ${SIDECAR_VERSION})` };
  }
  const parsed = sidecarSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const ids = new Set<string>();
  for (const a of parsed.data.annotations) {
    if (ids.has(a.id)) return { ok: false, error: `annotation id ${a.id} appears twice` };
    ids.add(a.id);
  }
  return { ok: true, sidecar: parsed.data };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * The file text: fixed key order, 2-space indent, annotations in creation
 * order (so that moving a passage does not move its block), trailing newline.
 * Keys are written explicitly rather than in whatever order objects were
 * built, so that the file diffs well under version control.
 */
export function serializeSidecar(sidecar: Sidecar): string {
  const annotations = [...sidecar.annotations].sort(byCreation).map(canonicalAnnotation);
  const deleted = [...sidecar.deleted].sort((a, b) => compare(a.id, b.id)).map((t) => ({ id: t.id, deleted: t.deleted }));
  const documentHash = sidecar.documentHash ? { documentHash: sidecar.documentHash } : {};
  return JSON.stringify({ version: SIDECAR_VERSION, document: sidecar.document, ...documentHash, annotations, deleted }, null, 2) + '\n';
}

export function canonicalAnnotation(a: Annotation): Annotation {
  const target = {
    position: { type: 'TextPositionSelector' as const, start: a.target.position.start, end: a.target.position.end },
    quote: {
      type: 'TextQuoteSelector' as const,
      exact: a.target.quote.exact,
      prefix: a.target.quote.prefix,
      suffix: a.target.quote.suffix,
    },
    hash: a.target.hash,
  };
  const body = { tags: [...a.body.tags], ...(a.body.note !== undefined ? { note: a.body.note } : {}) };
  const head = { id: a.id, created: a.created, modified: a.modified };
  switch (a.kind) {
    case 'passage':
      return { ...head, kind: a.kind, target, body };
    case 'entity-tag':
      return { ...head, kind: a.kind, entity: canonicalEntity(a.entity), target, body };
    case 'correction':
      return { ...head, kind: a.kind, entity: canonicalEntity(a.entity), correction: canonicalCorrection(a.correction), target, body };
  }
}

function canonicalEntity(e: EntityRef): EntityRef {
  return { id: e.id, name: e.name, ...(e.type ? { type: e.type } : {}) };
}

function canonicalCorrection(c: Correction): Correction {
  switch (c.action) {
    case 'change-type':
      return { action: c.action, type: c.type };
    case 'merge':
      return { action: c.action, into: canonicalEntity(c.into) };
    case 'choose-place':
      return { action: c.action, place: canonicalPlace(c.place) };
    default:
      return { action: c.action };
  }
}

function canonicalPlace(p: PlaceChoice): PlaceChoice {
  const { id, type, name, country, countryName, admin1, lat, lon, population } = p;
  return {
    ...(id !== undefined ? { id } : {}),
    type,
    name,
    country,
    ...(countryName !== undefined ? { countryName } : {}),
    ...(admin1 !== undefined ? { admin1 } : {}),
    ...(lat !== undefined ? { lat } : {}),
    ...(lon !== undefined ? { lon } : {}),
    ...(population !== undefined ? { population } : {}),
  };
}

export function emptySidecar(documentName: string): Sidecar {
  return { version: SIDECAR_VERSION, document: documentName, annotations: [], deleted: [] };
}

// #endregion

// #region merging

/**
 * Merges the in-memory copy of a sidecar with the copy found on disk (after
 * a git pull, an edit in another window, ...). `base` is what this process
 * last read from or wrote to disk, or null.
 *
 * The rule, per annotation id:
 * - present on both sides: the newer `modified` wins (on a tie, disk wins, so
 *   that every window converges on the file's content);
 * - a tombstone newer than (or as new as) the annotation deletes it; tombstones
 *   from both sides are kept, so a deletion survives merging with old copies;
 * - only in memory: kept if it is new or changed since `base`; if it is in
 *   `base` unchanged, it was deleted outside (e.g. by hand or by a pull that
 *   removed it) and is dropped;
 * - only on disk: kept (added outside), unless deleted here (tombstone).
 */
export function mergeSidecars(base: Sidecar | null, local: Sidecar, remote: Sidecar): Sidecar {
  const tombstones = new Map<string, string>();
  for (const t of [...local.deleted, ...remote.deleted]) {
    const seen = tombstones.get(t.id);
    if (!seen || seen < t.deleted) tombstones.set(t.id, t.deleted);
  }
  const baseById = new Map((base?.annotations ?? []).map((a) => [a.id, a]));
  const remoteById = new Map(remote.annotations.map((a) => [a.id, a]));
  const localById = new Map(local.annotations.map((a) => [a.id, a]));
  const out: Annotation[] = [];
  for (const id of new Set([...localById.keys(), ...remoteById.keys()])) {
    const l = localById.get(id);
    const r = remoteById.get(id);
    let winner: Annotation | undefined;
    if (l && r) winner = time(l.modified) > time(r.modified) ? l : r;
    else if (l) {
      const b = baseById.get(id);
      winner = b && b.modified === l.modified ? undefined : l;
    } else winner = r;
    if (!winner) continue;
    const deleted = tombstones.get(id);
    if (deleted && time(deleted) >= time(winner.modified)) continue;
    out.push(winner);
  }
  const documentHash = remote.documentHash ?? local.documentHash;
  return {
    version: SIDECAR_VERSION,
    document: remote.document || local.document,
    ...(documentHash ? { documentHash } : {}),
    annotations: out.sort(byCreation),
    deleted: [...tombstones].map(([id, deleted]) => ({ id, deleted })),
  };
}

/** How long a deletion is remembered: long enough for every copy of the file (another window, a clone) to see it. */
export const TOMBSTONE_DAYS = 90;

/**
 * Drops tombstones older than TOMBSTONE_DAYS, so that a file where much was
 * deleted does not grow for ever. A copy of the file older than that could
 * bring a deleted annotation back when merged.
 */
export function pruneTombstones(sidecar: Sidecar, now: Date): Sidecar {
  const oldest = now.getTime() - TOMBSTONE_DAYS * 86_400_000;
  const deleted = sidecar.deleted.filter((t) => time(t.deleted) >= oldest);
  return deleted.length === sidecar.deleted.length ? sidecar : { ...sidecar, deleted };
}

/** Same annotations, tombstones and content, ignoring order. */
export function sameSidecar(a: Sidecar, b: Sidecar): boolean {
  return serializeSidecar(a) === serializeSidecar(b);
}

function time(iso: string): number {
  return Date.parse(iso);
}

function byCreation(a: Annotation, b: Annotation): number {
  return time(a.created) - time(b.created) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// #endregion

// #region hashing

/**
 * A fast, stable 64-bit hash of the document text (two 32-bit FNV-1a lanes
 * over UTF-16 code units), as 16 hex digits prefixed with its name. It only
 * tells "same text as when saved" apart from "changed", so it need not be
 * cryptographic; it must be the same in client, server and CLI.
 */
export function textHash(text: string): string {
  // Lane 1 is the shared FNV-1a; lane 2 a murmur-style mix, so that 64 bits tell texts apart.
  const h1 = fnv1a32(text) ^ text.length;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return `fnv64:${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

/** A UUID-shaped id derived from content (FNV lanes, version nibble 8 = "custom"). */
export function contentUuid(content: string): string {
  const hex = [0, 1, 2, 3].map((seed) => textHash(`${seed}:${content}`).slice(6, 14)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// #endregion

/** Tags used in a set of sidecars, most used first, then alphabetically. */
export function tagsInUse(sidecars: Iterable<Sidecar>): string[] {
  const counts = new Map<string, number>();
  for (const s of sidecars) for (const a of s.annotations) for (const t of a.body.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compare(a[0].toLowerCase(), b[0].toLowerCase())).map(([t]) => t);
}
