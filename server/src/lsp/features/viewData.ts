import type { DocumentAnalysis, EntityCluster } from '../../analysis/types';
import { lowerBound } from '../../../../common/search';

/*
 * What the map and network builders need of an indexed document, and small
 * helpers they share. Pure: the builders are functions of these documents
 * and of the workspace-id resolution, so they are tested without a server.
 */

export interface ViewDocument {
  uri: string;
  analysis: DocumentAnalysis;
}

/** A document whose text positions can be computed (vscode-languageserver-textdocument's TextDocument fits). */
export interface PositionedDocument extends ViewDocument {
  document: { getText(): string; positionAt(offset: number): { line: number; character: number } };
}

/** The workspace-wide id of a document-local entity (DocumentIndex.workspaceId). */
export type ResolveId = (uri: string, localId: string) => string;

/** The workspace-wide ids of a document's entities, by index into analysis.entities. */
export type EntityIds = (doc: ViewDocument) => readonly string[];

/** EntityIds by asking for each entity. */
export function entityIds(resolve: ResolveId): EntityIds {
  return (doc) => doc.analysis.entities.map((e) => resolve(doc.uri, e.id));
}

/**
 * EntityIds kept per analysis until the index changes, so that the map and
 * the network, and requests with another filter or scope, resolve each
 * entity once: resolution is most of the cost of building either.
 */
export class EntityIdCache {
  private cache = new WeakMap<DocumentAnalysis, readonly string[]>();
  private generation = -1;

  constructor(private readonly index: { readonly generation: number; workspaceId(uri: string, localId: string): string }) {}

  readonly ids: EntityIds = (doc) => {
    if (this.generation !== this.index.generation) {
      this.cache = new WeakMap();
      this.generation = this.index.generation;
    }
    let ids = this.cache.get(doc.analysis);
    if (!ids) this.cache.set(doc.analysis, (ids = doc.analysis.entities.map((e) => this.index.workspaceId(doc.uri, e.id))));
    return ids;
  };
}

/**
 * Coordinates of a place entity. The one place to change when place
 * entities carry resolved coordinates of their own.
 */
export function placeCoordinates(e: EntityCluster): { lat: number; lon: number } | undefined {
  const lat = e.facts?.lat;
  const lon = e.facts?.lon;
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
}

/** The index of the last element of the ascending `ends` that is ≤ offset, plus one: the sentence containing offset. */
export function sentenceIndex(ends: readonly number[], offset: number): number {
  return lowerBound(ends, (end) => end <= offset);
}

/** The index of the block containing offset (blocks are ascending and disjoint), or -1. */
export function blockIndex(blocks: ReadonlyArray<{ start: number; end: number }>, offset: number): number {
  const i = lowerBound(blocks, (b) => b.end <= offset);
  return i < blocks.length && blocks[i].start <= offset ? i : -1;
}

/** Whitespace collapsed; longer than max characters: cut with an ellipsis. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/**
 * Keeps the name with more characters: the fullest spelling wins. Between two of one length ("Hakim
 * al-Zamili", "Hakim al-Zimili") the first in code-unit order does, never the first met: documents are
 * met in the order the index filed them, which the analysis threads' timing decides, and a name that
 * changed from one start to the next was a node the user (and a test) could no longer find.
 */
export function fullerName(current: string, candidate: string): string {
  return candidate.length > current.length || (candidate.length === current.length && candidate < current) ? candidate : current;
}
