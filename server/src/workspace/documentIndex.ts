import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Cancellation, DocumentAnalysis, EntityCluster, EntityMention } from '../analysis/types';
import { EntityRegistry } from '../analysis/entities/crossDocument';
import { engineData } from '../resources';
import type { AnalysisService } from './analysisService';

export interface IndexedDocument {
  uri: string;
  version: number;
  document: TextDocument;
  analysis: DocumentAnalysis;
}

export interface MentionRef {
  doc: IndexedDocument;
  mention: EntityMention;
  entity: EntityCluster;
}

/**
 * Every analysed document of the workspace, one analysis per (uri, version),
 * and the cross-document entity registry kept in step with it.
 */
export class DocumentIndex {
  private readonly docs = new Map<string, IndexedDocument>();
  private readonly pending = new Map<string, { version: number; text: string; promise: Promise<IndexedDocument> }>();
  readonly registry = new EntityRegistry(engineData().aliases.nicknames);
  private listeners: Array<(uri: string) => void> = [];
  private changes = 0;
  /** Analyses as the detector produced them, before the user's corrections. */
  private readonly raw = new Map<string, DocumentAnalysis>();
  private corrector: (uri: string, text: string, analysis: DocumentAnalysis) => DocumentAnalysis = (_uri, _text, analysis) => analysis;

  constructor(private readonly service: AnalysisService) {}

  /** Sets how the user's corrections are applied to each new analysis (see analysis/corrections.ts). */
  setCorrector(corrector: (uri: string, text: string, analysis: DocumentAnalysis) => DocumentAnalysis): void {
    this.corrector = corrector;
  }

  /** Applies the corrections again to the stored analysis of uri, after the user's annotations changed. */
  reapply(uri: string): void {
    const doc = this.docs.get(uri);
    const raw = this.raw.get(uri);
    if (!doc || !raw) return;
    const analysis = this.corrector(uri, doc.document.getText(), raw);
    this.docs.set(uri, { ...doc, analysis });
    this.registry.update(uri, analysis.entities);
    this.changed(uri);
  }

  /**
   * The analysis of this exact text and version: the cached one, the one
   * already being computed, or a new one. Results of versions that were
   * superseded while they were computed are not stored.
   */
  update(uri: string, text: string, version: number, token?: Cancellation, background = false): Promise<IndexedDocument> {
    const existing = this.docs.get(uri);
    if (existing && existing.version === version && existing.document.getText() === text) return Promise.resolve(existing);
    const inFlight = this.pending.get(uri);
    if (inFlight && inFlight.version === version && inFlight.text === text) return inFlight.promise;
    const promise = this.service.analyze(text, token, background).then((raw) => {
      const analysis = this.corrector(uri, text, raw);
      const entry: IndexedDocument = { uri, version, document: TextDocument.create(uri, 'plaintext', version, text), analysis };
      if (this.pending.get(uri)?.promise === promise) {
        this.pending.delete(uri);
        this.raw.set(uri, raw);
        this.docs.set(uri, entry);
        this.registry.update(uri, analysis.entities);
        this.changed(uri);
      }
      return entry;
    });
    promise.catch(() => {
      if (this.pending.get(uri)?.promise === promise) this.pending.delete(uri);
    });
    this.pending.set(uri, { version, text, promise });
    return promise;
  }

  remove(uri: string): void {
    this.pending.delete(uri);
    this.raw.delete(uri);
    if (!this.docs.delete(uri)) return;
    this.registry.remove(uri);
    this.changed(uri);
  }

  private changed(uri: string): void {
    this.changes++;
    for (const l of this.listeners) l(uri);
  }

  /** Counts changes to the documents or their analyses: a cheap key for caches of workspace-wide results. */
  get generation(): number {
    return this.changes;
  }

  get(uri: string): IndexedDocument | undefined {
    return this.docs.get(uri);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  all(): IterableIterator<IndexedDocument> {
    return this.docs.values();
  }

  get size(): number {
    return this.docs.size;
  }

  onDidChange(listener: (uri: string) => void): void {
    this.listeners.push(listener);
  }

  /** The workspace-wide id of an entity of one document. */
  workspaceId(uri: string, localId: string): string {
    return this.registry.resolve(uri, localId);
  }

  /** All mentions across the workspace of the entity with this workspace id, documents in index order. */
  mentionsOf(workspaceId: string): MentionRef[] {
    const refs: MentionRef[] = [];
    for (const [doc, entities] of this.membersIn(workspaceId)) {
      for (const entity of entities) {
        for (const i of entity.mentions) refs.push({ doc, mention: doc.analysis.mentions[i], entity });
      }
    }
    return refs;
  }

  /** The analysed documents that mention the workspace entity, sorted by uri, each with its local entities that belong to it. */
  membersIn(workspaceId: string): Array<[IndexedDocument, EntityCluster[]]> {
    const out: Array<[IndexedDocument, EntityCluster[]]> = [];
    const members = this.registry.membersOf(workspaceId);
    for (const uri of [...members.keys()].sort()) {
      const entities = this.localEntities(uri, members.get(uri) ?? []);
      if (entities) out.push(entities);
    }
    return out;
  }

  /** The local entities of one document that belong to the workspace entity, or undefined when it has none. */
  membersInDocument(workspaceId: string, uri: string): [IndexedDocument, EntityCluster[]] | undefined {
    return this.localEntities(uri, this.registry.membersOf(workspaceId).get(uri) ?? []);
  }

  private localEntities(uri: string, localIds: readonly string[]): [IndexedDocument, EntityCluster[]] | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    const byId = entitiesById(doc.analysis);
    const entities: EntityCluster[] = [];
    for (const id of localIds) {
      const entity = byId.get(id);
      if (entity) entities.push(entity);
    }
    return entities.length ? [doc, entities] : undefined;
  }
}

const byIdCache = new WeakMap<DocumentAnalysis, Map<string, EntityCluster>>();

function entitiesById(analysis: DocumentAnalysis): Map<string, EntityCluster> {
  let map = byIdCache.get(analysis);
  if (!map) {
    map = new Map(analysis.entities.map((e) => [e.id, e]));
    byIdCache.set(analysis, map);
  }
  return map;
}
