import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Annotation, AnnotationEntityType as EntityType, Correction, EntityRef, PlaceChoice } from './annotations';

/*
 * Dossier's custom LSP messages, declared once for client and server.
 */

// #region client → server

export interface DocumentStatsParams {
  uri: string;
}

export interface DocumentStats {
  uri: string;
  entities: number;
  actors: number;
  places: number;
  claims: number;
  mentions: number;
}

/** Counts for the status bar. */
export const documentStatsRequest = new RequestType<DocumentStatsParams, DocumentStats | null, void>('dossier/documentStats');

export interface DocumentAnnotationsParams {
  uri: string;
  /** The document's annotations (sidecar format, positions for its current text); [] clears them. Validated by the server. */
  annotations: Annotation[];
}

/** The user's annotations of one document. The client owns the sidecars; the server applies corrections and shows tags. */
export const annotationsNotification = new NotificationType<DocumentAnnotationsParams>('dossier/annotations');

export type AnnotationExportFormat = 'w3c' | 'csv' | 'brat';

export interface ExportAnnotationsParams {
  format: AnnotationExportFormat;
  documents: Array<{ uri: string; name: string; text: string; annotations: Annotation[] }>;
}

/** Renders annotations in an exchange format (the client writes the file); shares the code of `dossier export`. */
export const exportAnnotationsRequest = new RequestType<ExportAnnotationsParams, { content: string }, void>('dossier/exportAnnotations');

/** One annotation read from a W3C file; positions are still Unicode code points. */
export interface ImportedAnnotation {
  id?: string;
  source: string;
  created?: string;
  modified?: string;
  kind: Annotation['kind'];
  entity?: EntityRef;
  correction?: Correction;
  tags: string[];
  note?: string;
  position?: { start: number; end: number };
  quote?: { exact: string; prefix: string; suffix: string };
}

export interface EntityAtParams {
  uri: string;
  position: { line: number; character: number };
}

export interface EntityAtResult {
  /** The mention under the position (UTF-16 offsets into the server's current text). */
  mention: { start: number; end: number; text: string };
  entity: { id: string; name: string; type: EntityType; mentionCount: number };
  /** The document's other entities, for "merge with…". */
  others: Array<{ id: string; name: string; type: EntityType }>;
  /** For a place name with several known places: the candidates, for "choose the place…"; `current` is the one it means now (-1: none). */
  places?: { current: number; candidates: PlaceChoice[] };
}

/** The detected entity at a position, for "Tag Entity" and "Correct Detection". */
export const entityAtRequest = new RequestType<EntityAtParams, EntityAtResult | null, void>('dossier/entityAt');

/** Parses W3C Web Annotation JSON-LD (the file's text); the client converts positions and re-anchors. */
export const importAnnotationsRequest = new RequestType<{ content: string }, { annotations: ImportedAnnotation[]; skipped: number }, void>(
  'dossier/importAnnotations',
);

// #endregion

// #region server → client

export interface IndexingStatus {
  indexed: number;
  total: number;
  done: boolean;
  /** Documents (uris, at most 20) whose analysis failed in this run; they were skipped and the others indexed. */
  failed?: string[];
  /** With a persistent index (a cache folder): its size on disk, sent when a run is done. */
  cacheBytes?: number;
}

/** Background indexing progress, for the status bar. */
export const indexingStatusNotification = new NotificationType<IndexingStatus>('dossier/indexingStatus');

/** Deletes the persistent index's shards and indexes the workspace again; answers whether there was a cache folder. */
export const clearIndexCacheRequest = new RequestType<Record<string, never>, { cleared: boolean }, void>('dossier/clearIndexCache');

// #endregion

// #region client → server: workspace overview for the sidebar

export interface OverviewMention {
  uri: string;
  start: { line: number; character: number };
  end: { line: number; character: number };
  /** The line the mention is on, for the tree item label. */
  context: string;
}

/** One workspace entity in the sidebar; its documents and mentions are fetched when expanded. */
export interface OverviewEntity {
  /** Workspace-wide entity id. */
  id: string;
  name: string;
  kind: 'actor' | 'place';
  type: string;
  mentionCount: number;
  documentCount: number;
}

/** Claims of one speaker (a resolved entity, else the source as written). */
export interface OverviewSpeaker {
  /** The workspace entity id, or `source:<source text>` for unresolved sources. */
  key: string;
  name: string;
  resolved: boolean;
  claimCount: number;
}

export interface OverviewClaim {
  uri: string;
  speakerId: string | null;
  speaker: string;
  cue: string | null;
  text: string;
  section: 'article' | 'comments';
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface WorkspaceOverview {
  /** The most mentioned entities of each kind (at most OVERVIEW_LIMIT per kind). */
  entities: OverviewEntity[];
  /** Speakers by claim count (at most OVERVIEW_LIMIT). */
  speakers: OverviewSpeaker[];
  documents: number;
  /** More entities or speakers matched than were sent. */
  truncated: boolean;
}

export const OVERVIEW_LIMIT = 1000;

/**
 * The sidebar's top level, filtered on the server (case-insensitive substring
 * of names and types; for speakers, of the speaker, cue or claim text), so a
 * workspace of any size answers with a bounded message.
 */
export const workspaceOverviewRequest = new RequestType<{ filter?: string }, WorkspaceOverview, void>('dossier/workspaceOverview');

/**
 * A slice of a long sidebar list: `offset` items skipped, at most `limit`
 * sent. Without `limit` the whole list comes; the sidebar asks page by page,
 * since a name can be in thousands of documents.
 */
export interface ListPage {
  offset?: number;
  limit?: number;
}

/** Items per sidebar page; a node "N more…" fetches the next. */
export const SIDEBAR_PAGE = 200;

/** Documents that mention a workspace entity, most mentions first. */
export const entityDocumentsRequest = new RequestType<{ id: string } & ListPage, Array<{ uri: string; mentionCount: number }>, void>(
  'dossier/entityDocuments',
);

/** The mentions of a workspace entity in one document, in text order. */
export const entityMentionsRequest = new RequestType<{ id: string; uri: string } & ListPage, OverviewMention[], void>(
  'dossier/entityMentions',
);

/** The claims of one speaker (OverviewSpeaker.key), filtered like the overview. */
export const speakerClaimsRequest = new RequestType<{ key: string; filter?: string } & ListPage, OverviewClaim[], void>(
  'dossier/speakerClaims',
);

/** Sent by the server when the index changed, so views refresh (debounced). */
export const indexChangedNotification = new NotificationType<{ uris: string[] }>('dossier/indexChanged');

// #endregion

// #region client commands the server puts in code lenses

/** Reveals a position and shows its hover. Arguments: [documentUri: string, position: { line, character }]. */
export const SHOW_DETAILS_COMMAND = '_dossier.showDetails';

/** Edits an annotation (a tag lens). Arguments: [documentUri: string, annotationId: string]. */
export const EDIT_ANNOTATION_COMMAND = 'dossier.editAnnotation';

// #endregion

// #region client → server: the map, network and report views

/** Which documents a view covers: the given ones (the current or the open documents), or the whole workspace when `uris` is absent. */
export interface ViewScopeParams {
  uris?: string[];
}

export type MapPlaceType = 'country' | 'city' | 'region' | 'facility';

/** One place with coordinates, summed over the documents in scope. */
export interface MapPlace {
  /** Workspace-wide entity id. */
  id: string;
  name: string;
  type: MapPlaceType;
  lat: number;
  lon: number;
  mentionCount: number;
  documentCount: number;
  /** The country the place lies in, when known. */
  country?: string;
}

export interface MapData {
  /** Places with coordinates, most mentioned first. */
  places: MapPlace[];
  /** Places in scope that have no coordinates (not drawn). */
  unlocated: number;
  /** Documents in scope that the index holds. */
  documents: number;
}

/** Places with coordinates in the scope, for the map view; computed from the index. */
export const mapDataRequest = new RequestType<ViewScopeParams, MapData, void>('dossier/mapData');

export interface ScopedMentionsParams extends ViewScopeParams {
  /** Workspace-wide entity id. */
  id: string;
  /** At most this many mentions (default 200). */
  limit?: number;
}

/** An entity's mentions in the scope, documents by uri, mentions in text order; `total` counts them all. */
export const scopedMentionsRequest = new RequestType<ScopedMentionsParams, { mentions: OverviewMention[]; total: number }, void>(
  'dossier/scopedMentions',
);

export interface NetworkFilter {
  /** Case-insensitive substring of the actor's name. */
  text?: string;
  /** Actors with fewer mentions in the scope are left out (default 1). */
  minMentions?: number;
  /** At most this many actors, the most mentioned (default NETWORK_TOP_N). */
  topN?: number;
}

export { NETWORK_MAX_NODES, NETWORK_TOP_N } from './viewLimits';

export interface NetworkNode {
  id: string;
  name: string;
  type: 'person' | 'organization';
  mentionCount: number;
  documentCount: number;
}

/**
 * A link between two actors. `cooccurrence` links are undirected (source <
 * target by id): `sentences` counts the sentences naming both, `paragraphs`
 * the paragraphs naming both, and weight = sentences + paragraphs (so a
 * shared sentence counts twice). `claim` links go from a speaker to an actor
 * named in the content of their claims; weight = claims.
 */
export interface NetworkEdge {
  kind: 'cooccurrence' | 'claim';
  source: string;
  target: string;
  sentences: number;
  paragraphs: number;
  claims: number;
  weight: number;
}

export interface NetworkData {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** Actors in scope that passed the text and minimum-mention filters (before top-N). */
  matching: number;
  /** Actors in scope. */
  actors: number;
  documents: number;
  /** Edges between the shown actors that were left out (the weakest). */
  droppedEdges: number;
}

export interface NetworkParams extends ViewScopeParams {
  filter?: NetworkFilter;
}

/** Actors and their links in the scope, for the network view; computed from the index. */
export const networkDataRequest = new RequestType<NetworkParams, NetworkData, void>('dossier/networkData');

/** One sentence, paragraph or claim behind a network edge. */
export interface EdgeEvidence {
  kind: 'sentence' | 'paragraph' | 'claim';
  uri: string;
  start: { line: number; character: number };
  end: { line: number; character: number };
  /** The sentence, paragraph (shortened) or claim content, whitespace collapsed. */
  text: string;
  /** For claims: the speaker's name and the cue. */
  speaker?: string;
  cue?: string | null;
}

export interface EdgeEvidenceParams extends ViewScopeParams {
  kind: NetworkEdge['kind'];
  source: string;
  target: string;
  /** At most this many items (default 100). */
  limit?: number;
}

/** What lies behind one edge of the network. */
export const edgeEvidenceRequest = new RequestType<EdgeEvidenceParams, { items: EdgeEvidence[]; total: number }, void>(
  'dossier/edgeEvidence',
);

export interface ReportParams {
  /** A file URI of the folder the report will be saved in: citations link to documents relative to it. */
  base?: string;
}

/** The Markdown report of the user's tags, notes and the claims of the actors they tagged (same text as `dossier report`). */
export const writeReportRequest = new RequestType<ReportParams, { markdown: string }, void>('dossier/writeReport');

// #endregion
