import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../analysis/types';
import { EntityRegistry } from '../analysis/entities/crossDocument';
import { engineData } from './resources';
import type { AnalysisService } from './analysisService';
import { CancelSource, raceCancellation, type CancelToken } from './cancellation';
import { WorkspaceAggregates } from './aggregates';

export interface IndexedDocument {
  uri: string;
  version: number;
  document: TextDocument;
  analysis: DocumentAnalysis;
}

/** The user's corrections applied to the analysis of a document's text. */
export type Corrector = (uri: string, text: string, analysis: DocumentAnalysis) => DocumentAnalysis;

/** An analysis in progress and who waits for it. */
interface Pending {
  version: number;
  text: string;
  promise: Promise<IndexedDocument>;
  /** Stops the analysis: when a newer version replaces it, the document is removed, or nobody waits any longer. */
  stop: CancelSource;
  /** Callers with a token still waiting. */
  waiting: number;
  /** A caller without a token asked: the analysis runs to the end. */
  wanted: boolean;
}

/**
 * Every analysed document of the workspace, one analysis per (uri, version),
 * and the cross-document entity registry kept in step with it.
 */
export class DocumentIndex {
  private readonly docs = new Map<string, IndexedDocument>();
  private readonly pending = new Map<string, Pending>();
  readonly registry = new EntityRegistry(engineData().aliases.nicknames);
  /** Counts and top lists per workspace entity, kept in step through `stored`. */
  readonly aggregates = new WorkspaceAggregates(this.registry);
  private listeners: Array<(uri: string) => void> = [];
  private changes = 0;
  /** Analyses as the detector produced them, before the user's corrections. */
  private readonly raw = new Map<string, DocumentAnalysis>();

  /**
   * @param corrector applies the user's corrections to each new analysis
   *   (see analysis/corrections.ts); by default analyses are kept as the detector made them.
   */
  constructor(
    private readonly service: AnalysisService,
    private readonly corrector: Corrector = (_uri, _text, analysis) => analysis,
  ) {}

  /** Applies the corrections again to the stored analysis of uri, after the user's annotations changed. */
  reapply(uri: string): void {
    const doc = this.docs.get(uri);
    const raw = this.raw.get(uri);
    if (!doc || !raw) return;
    const analysis = this.corrector(uri, doc.document.getText(), raw);
    this.stored(uri, { ...doc, analysis });
  }

  /**
   * The analysis of this exact text and version: the cached one, the one
   * already being computed, or a new one. A new version stops the analysis
   * of the one it replaces. A caller whose token is cancelled hears at once
   * (AnalysisCancelled); the analysis goes on while anyone else waits for it
   * and stops when nobody does. Callers without a token always want it.
   */
  update(uri: string, text: string, version: number, token?: CancelToken, background = false): Promise<IndexedDocument> {
    const existing = this.docs.get(uri);
    if (existing && existing.version === version && existing.document.getText() === text) return Promise.resolve(existing);
    let pending = this.pending.get(uri);
    // A stopped analysis is not waited for: it is about to fail with AnalysisCancelled.
    if (!pending || pending.version !== version || pending.text !== text || pending.stop.token.isCancellationRequested) {
      pending?.stop.cancel();
      pending = this.analyze(uri, text, version, background);
    }
    return this.wait(pending, token);
  }

  private analyze(uri: string, text: string, version: number, background: boolean): Pending {
    const stop = new CancelSource();
    const promise = this.service.analyze(text, stop.token, background).then((raw) => {
      const analysis = this.corrector(uri, text, raw);
      const entry: IndexedDocument = { uri, version, document: TextDocument.create(uri, 'plaintext', version, text), analysis };
      if (this.pending.get(uri)?.promise === promise) {
        this.pending.delete(uri);
        this.raw.set(uri, raw);
        this.stored(uri, entry);
      }
      return entry;
    });
    promise.catch(() => {
      if (this.pending.get(uri)?.promise === promise) this.pending.delete(uri);
    });
    const pending: Pending = { version, text, promise, stop, waiting: 0, wanted: false };
    this.pending.set(uri, pending);
    return pending;
  }

  private wait(pending: Pending, token?: CancelToken): Promise<IndexedDocument> {
    if (!token) {
      pending.wanted = true;
      return pending.promise;
    }
    pending.waiting++;
    const waited = raceCancellation(pending.promise, token);
    const done = () => {
      pending.waiting--;
      if (token.isCancellationRequested && !pending.wanted && pending.waiting === 0) pending.stop.cancel();
    };
    waited.then(done, done);
    return waited;
  }

  remove(uri: string): void {
    this.pending.get(uri)?.stop.cancel();
    this.pending.delete(uri);
    this.raw.delete(uri);
    if (!this.docs.has(uri)) return;
    this.stored(uri, undefined);
  }

  /**
   * The one place where a document's analysis enters or leaves the index:
   * the registry and the aggregates follow it here, then listeners hear.
   */
  private stored(uri: string, doc: IndexedDocument | undefined): void {
    if (doc) {
      this.docs.set(uri, doc);
      this.registry.update(uri, doc.analysis.entities);
    } else {
      this.docs.delete(uri);
      this.registry.remove(uri);
    }
    this.aggregates.set(uri, doc);
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
}
