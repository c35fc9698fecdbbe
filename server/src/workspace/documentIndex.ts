import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCancelled, type DocumentAnalysis } from '../analysis/types';
import { EntityRegistry } from '../analysis/entities/crossDocument';
import { engineData } from './resources';
import type { AnalysisService } from './analysisService';
import { CancelSource, raceCancellation, type CancelToken } from './cancellation';
import { WorkspaceAggregates } from './aggregates';
import { fileURLToPath } from 'url';
import { checkPayload, textHash, utf8Hash, type ShardStore } from './cache/shardStore';
import { readTextSync } from './readDocument';
import { StoredDocument, type Whole } from './storedDocument';
import type { FileStamp } from './cache/manifest';
import { readManifest, type ManifestFound } from './cache/manifestReader';
import {
  decodeSummary,
  decodeSummaryData,
  encodeSummary,
  internSummary,
  StringPool,
  summarize,
  type DocumentSummary,
} from './cache/summary';

export interface IndexedDocument {
  readonly uri: string;
  readonly version: number;
  readonly document: TextDocument;
  readonly analysis: DocumentAnalysis;
}

/** The user's corrections applied to the analysis of a document's text. */
export type Corrector = (uri: string, text: string, analysis: DocumentAnalysis) => DocumentAnalysis;

export interface IndexStorage {
  /** Where shards are kept; without it every analysis stays in memory (as for a small workspace). */
  store?: ShardStore;
  /** Whole analyses kept in memory besides open documents (at least 1), least recently used first out (with a store). */
  resident?: number;
  /** Whether the user corrected the document: its stored summary (made before corrections) then does not do. */
  hasCorrections?(uri: string): boolean;
  /** The script of a thread that reads a warm start's manifest (dist/worker.js); without it, this thread reads it. */
  manifestThread?: string;
  /**
   * The text of a document read from disk, for its analysis to come back from
   * its shard (which does not hold the text); by default the file, read again.
   * Whatever it gives is used only when it has the shard's hash.
   */
  readText?(uri: string): string | undefined;
}

/** A file: uri's text as the indexer read it (undefined for other schemes, or a file that cannot be read). */
function readFileText(uri: string): string | undefined {
  return uri.startsWith('file:') ? readTextSync(fileURLToPath(uri)) : undefined;
}

/** Called when a document is added, replaced or removed, with its summary before and after: the hook for workspace-wide tallies. */
export type SummaryListener = (uri: string, before: DocumentSummary | undefined, after: DocumentSummary | undefined) => void;

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

/** What an update found: the stored summary of this very text, or a whole analysis (made now or read from the shard). */
type Produced =
  | { summary: DocumentSummary; json: string; hash: string; payload?: Uint8Array; warnings?: string[]; shardSize?: number }
  | { raw: DocumentAnalysis; hash?: string; persisted: boolean };

const DEFAULT_RESIDENT = 64;

const summaries = new WeakMap<DocumentAnalysis, DocumentSummary>();

/** The summary of any indexed document; made once per analysis for documents that are not the index's own (tests' fakes). */
export function documentSummary(doc: IndexedDocument): DocumentSummary {
  if (doc instanceof StoredDocument) return doc.summary;
  let s = summaries.get(doc.analysis);
  if (!s) summaries.set(doc.analysis, (s = summarize(doc.analysis, doc.document)));
  return s;
}

/** What a file read says of the text it gave (indexer.ts, readDocument.ts). */
export interface FileRead {
  /** The file's stamp, when it may stand for this text (manifest.ts): the workspace manifest then records it. */
  stamp?: FileStamp;
  /** The text's UTF-8 bytes, when the file held exactly them: its hash is taken from them. */
  utf8?: Uint8Array;
}

/**
 * Every analysed document of the workspace, one analysis per (uri, version),
 * and the cross-document entity registry kept in step with it. With a shard
 * store, documents read from disk are written to the persistent index and,
 * unless open or recently used, kept in memory only as their summary.
 */
export class DocumentIndex {
  private readonly docs = new Map<string, StoredDocument>();
  private readonly pending = new Map<string, Pending>();
  /**
   * The last analysis that failed, per document (out of memory, too large, out of time): asked again for the same
   * text and version, it fails at once with the same error instead of running again. An open document is asked for
   * by every request (lenses, symbols, tokens, each hover), and each run of a doomed analysis took its thread to the
   * memory or time limit again. Any other update (an edit, the file's text once closed) forgets it. Open documents
   * only (see analyze).
   */
  private readonly failed = new Map<string, { version: number; text: string; error: unknown }>();
  readonly registry = new EntityRegistry(engineData().aliases.nicknames);
  /** Counts and top lists per workspace entity, kept in step with the registry in `commit` and `remove`. */
  readonly aggregates = new WorkspaceAggregates(this.registry);
  private listeners: Array<(uri: string) => void> = [];
  private summaryListeners: SummaryListener[] = [];
  private lostListeners: Array<(uri: string) => void> = [];
  private changes = 0;
  /** Documents whose whole analysis is in memory and may leave it, least recently used first. */
  private readonly recent = new Map<string, StoredDocument>();
  private store: ShardStore | undefined;
  private readonly writes = new Set<Promise<void>>();
  private resident = Infinity;
  /** One copy of each name for every summary in memory (the store's, so that warm and cold summaries share it). */
  private pool = new StringPool();

  /**
   * @param corrector applies the user's corrections to each new analysis
   *   (see analysis/corrections.ts); by default analyses are kept as the detector made them.
   */
  constructor(
    private readonly service: AnalysisService,
    private readonly corrector: Corrector = (_uri, _text, analysis) => analysis,
    private storage: IndexStorage = {},
  ) {
    this.persistTo(storage);
  }

  /** Makes the index persistent (the server learns its cache folder at initialize); only before anything is indexed. */
  persistTo(storage: IndexStorage): void {
    if (this.docs.size || this.pending.size) throw new Error('the index is persistent from the start or not at all');
    this.storage = storage;
    this.store = storage.store;
    this.pool = storage.store?.pool ?? new StringPool();
    this.resident = this.store ? Math.max(1, storage.resident ?? DEFAULT_RESIDENT) : Infinity;
  }

  /** Shards written and failed since the start (for logs and tests). */
  readonly stats = { fromShards: 0, fromManifest: 0, analysed: 0, written: 0, writeFailures: 0, restored: 0 };

  /** Applies the corrections again to the stored analysis of uri, after the user's annotations changed. */
  reapply(uri: string): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    const whole = doc.load();
    const analysis = this.corrector(uri, whole.document.getText(), whole.raw);
    const entry = this.entry(uri, doc.version, doc.hash, { ...whole, analysis });
    entry.persisted = doc.persisted;
    this.commit(entry);
  }

  /**
   * The analysis of this exact text and version: the cached one, the one
   * already being computed, or a new one. A new version stops the analysis
   * of the one it replaces. A caller whose token is cancelled hears at once
   * (AnalysisCancelled); the analysis goes on while anyone else waits for it
   * and stops when nobody does. Callers without a token always want it.
   * `file`: what the file the text was just read from says of it (see FileRead).
   */
  update(uri: string, text: string, version: number, token?: CancelToken, background = false, file?: FileRead): Promise<IndexedDocument> {
    const existing = this.docs.get(uri);
    if (existing && existing.version === version && this.sameText(existing, text)) return Promise.resolve(existing);
    const failed = this.failed.get(uri);
    if (failed && failed.version === version && failed.text === text) return Promise.reject(failed.error);
    let pending = this.pending.get(uri);
    // A stopped analysis is not waited for: it is about to fail with AnalysisCancelled.
    if (!pending || pending.version !== version || pending.text !== text || pending.stop.token.isCancellationRequested) {
      pending?.stop.cancel();
      // Another text or version (an edit; the file's text once the editor closes it): a failure is no longer remembered.
      this.failed.delete(uri);
      pending = this.analyze(uri, text, version, background, file);
    }
    return this.wait(pending, token);
  }

  private sameText(doc: StoredDocument, text: string): boolean {
    if (doc.whole) return doc.whole.document.getText() === text;
    return doc.hash !== undefined && doc.hash === textHash(text);
  }

  private analyze(uri: string, text: string, version: number, background: boolean, file?: FileRead): Pending {
    const stop = new CancelSource();
    const stamp = file?.stamp;
    // Only documents read from disk have shards: an editor's unsaved text is not worth keeping.
    const hash = this.store && version === -1 ? (file?.utf8 ? utf8Hash(file.utf8) : textHash(text)) : undefined;
    const promise = this.produce(uri, text, hash, stop.token, background).then((produced) => {
      let entry: StoredDocument;
      if ('summary' in produced) {
        entry = new StoredDocument(uri, version, produced.hash, produced.summary, undefined, this);
        entry.persisted = produced.payload === undefined;
        entry.payload = produced.payload;
        entry.warnings = produced.warnings;
      } else {
        const document = TextDocument.create(uri, 'plaintext', version, text);
        entry = this.entry(uri, version, produced.hash, { document, raw: produced.raw, analysis: this.corrector(uri, text, produced.raw) });
        entry.persisted = produced.persisted;
      }
      if (this.pending.get(uri)?.promise === promise) {
        this.pending.delete(uri);
        this.commit(entry);
        if (entry.hash !== undefined && !entry.persisted && entry.whole) this.persist(entry, text, entry.whole.raw, stamp);
        // A summary read or sent as JSON is the shard's (before corrections): the manifest may hold it as it is.
        const record = stamp && 'json' in produced ? { stamp, json: produced.json, size: produced.shardSize } : undefined;
        if (entry.payload) this.persistPayload(entry, entry.payload, record);
        else if (record) this.record(entry, record.stamp, record.json, record.size);
      }
      return entry;
    });
    promise.then(
      () => {
        this.failed.delete(uri);
      },
      (error: unknown) => {
        if (this.pending.get(uri)?.promise !== promise) return;
        this.pending.delete(uri);
        // A stopped analysis did not fail: asked again, it runs. Only an editor's documents (version -1 is a file read
        // from disk) are remembered: the editor holds their text anyway, where a file's text would be kept for nothing.
        if (version >= 0 && !(error instanceof AnalysisCancelled) && !stop.token.isCancellationRequested)
          this.failed.set(uri, { version, text, error });
      },
    );
    const pending: Pending = { version, text, promise, stop, waiting: 0, wanted: false };
    this.pending.set(uri, pending);
    return pending;
  }

  /**
   * The shard of this text when there is one (a summary is enough unless the user corrected it), else a new
   * analysis. `hash`: the text's, when the document may have a shard (see analyze).
   */
  private async produce(uri: string, text: string, hash: string | undefined, token: CancelToken, background: boolean): Promise<Produced> {
    if (this.store && hash !== undefined) {
      const read = this.store.readSummaryJson(uri, hash);
      const summary = read?.summary;
      if (read && !this.storage.hasCorrections?.(uri)) {
        this.stats.fromShards++;
        return { summary: read.summary, json: read.json, hash, shardSize: read.size };
      }
      const full = summary && this.store.readFull(uri, hash, text);
      if (full) {
        this.stats.fromShards++;
        return { raw: full.analysis, hash, persisted: true };
      }
    }
    // A thread makes and writes the shard itself: this thread gets the summary, not the analysis to copy, encode and write.
    if (this.store && hash !== undefined && background && this.service.analyzeToShard && !this.storage.hasCorrections?.(uri)) {
      const shard = await this.service.analyzeToShard(text, this.store.target(uri, hash), token);
      this.stats.analysed++;
      const summary = decodeSummary(shard.summary, this.pool);
      if (!summary) throw new Error('the analysis thread sent an unreadable summary');
      if (!shard.payload) this.stats.written++;
      return { summary, json: shard.summary, hash, payload: shard.payload, warnings: shard.warnings, shardSize: shard.size };
    }
    const raw = await this.service.analyze(text, token, background);
    this.stats.analysed++;
    return { raw, hash, persisted: false };
  }

  private entry(uri: string, version: number, hash: string | undefined, whole: Whole): StoredDocument {
    return new StoredDocument(uri, version, hash, internSummary(summarize(whole.analysis, whole.document), this.pool), whole, this);
  }

  private persist(entry: StoredDocument, text: string, raw: DocumentAnalysis, stamp?: FileStamp): void {
    const store = this.store;
    if (!store || entry.hash === undefined) return;
    // The shard keeps the analysis as the engine made it: corrections are applied again when it is read.
    const summary = summarize(raw, entry.whole?.document ?? entry.document);
    const write = store.write(entry.uri, entry.hash, summary, { text, analysis: raw }).then(
      () => {
        this.stats.written++;
        entry.persisted = true;
        // The manifest holds the summary before corrections, as the shard does (a corrected document is never filed from it).
        if (stamp && this.docs.get(entry.uri) === entry && !this.storage.hasCorrections?.(entry.uri))
          this.record(entry, stamp, encodeSummary(summary));
        if (this.docs.get(entry.uri) === entry) this.touch(entry);
      },
      () => {
        // The whole analysis stays in memory: the index works, only without the shard.
        this.stats.writeFailures++;
      },
    );
    this.writes.add(write);
    void write.then(() => this.writes.delete(write));
  }

  /**
   * Puts a document whose shard is on disk in the workspace manifest, with the
   * summary as its shard holds it (a warm start then files it without reading
   * its file). Only while the entry is the document's current one.
   * `size`: the shard's bytes when the one who wrote or read it knows them (else the file is asked: a stat).
   */
  private record(entry: StoredDocument, stamp: FileStamp, summaryJson: string, size?: number): void {
    const store = this.store;
    if (!store || entry.hash === undefined || this.docs.get(entry.uri) !== entry) return;
    const shardSize = size ?? store.shardSize(entry.uri);
    if (shardSize) store.manifest.record(entry.uri, stamp, entry.hash, shardSize, summaryJson);
  }

  /**
   * Files a document straight from the workspace manifest when its file has
   * the stamp recorded there: no text read or hashed, no shard opened (its
   * whole analysis is read from the shard when a feature asks, as for any
   * document known by its summary). False when the manifest cannot say (the
   * caller indexes the file the usual way).
   */
  adopt(uri: string, stamp: FileStamp): boolean {
    const store = this.store;
    if (!store || this.pending.has(uri) || this.storage.hasCorrections?.(uri)) return false;
    const found = store.unchanged(uri, stamp);
    if (!found) return false;
    const existing = this.docs.get(uri);
    if (existing && existing.version === -1 && existing.hash === found.hash) return true;
    const summary = decodeSummaryData(found.summary, this.pool);
    if (!summary) return false;
    const entry = new StoredDocument(uri, -1, found.hash, summary, undefined, this);
    entry.persisted = true;
    this.stats.fromShards++;
    this.stats.fromManifest++;
    this.commit(entry);
    return true;
  }

  /**
   * The documents the workspace manifest can file, read and checked in a
   * thread of their own (cache/manifestReader.ts), batch by batch; each is
   * filed with adoptSummary. Undefined without a store or such a thread.
   */
  readManifest(files: string[], maxBytes: number): AsyncGenerator<ManifestFound> | undefined {
    const store = this.store;
    const script = this.storage.manifestThread;
    if (!store || !script) return undefined;
    return readManifest(script, { cacheDir: store.cacheDir, engine: store.engine, files, maxBytes }, this.pool);
  }

  /** Files a document the manifest's thread found unchanged (file stamp and shard size checked there), as adopt does. */
  adoptSummary(uri: string, hash: string, summary: DocumentSummary): boolean {
    if (!this.store || this.pending.has(uri) || this.storage.hasCorrections?.(uri)) return false;
    const existing = this.docs.get(uri);
    if (existing && existing.version === -1 && existing.hash === hash) return true;
    const entry = new StoredDocument(uri, -1, hash, summary, undefined, this);
    entry.persisted = true;
    this.stats.fromShards++;
    this.stats.fromManifest++;
    this.commit(entry);
    return true;
  }

  private persistPayload(entry: StoredDocument, payload: Uint8Array, record?: { stamp: FileStamp; json: string }): void {
    const store = this.store;
    if (!store || entry.hash === undefined) return;
    const write = store.writePayload(entry.uri, entry.hash, entry.summary, payload).then(
      () => {
        this.stats.written++;
        entry.persisted = true;
        entry.payload = undefined;
        if (record) this.record(entry, record.stamp, record.json);
        if (entry.whole && this.docs.get(entry.uri) === entry) this.touch(entry);
      },
      () => {
        // The payload stays in memory: the document is still read back from it.
        this.stats.writeFailures++;
      },
    );
    this.writes.add(write);
    void write.then(() => this.writes.delete(write));
  }

  /** Resolves when the shards being written now are on disk (or failed). */
  async flushed(): Promise<void> {
    while (this.writes.size) await Promise.all([...this.writes]);
    await this.store?.manifest.flush();
  }

  /** Puts a new entry in place of the old one and tells the registry and the listeners. */
  private commit(entry: StoredDocument): void {
    const before = this.docs.get(entry.uri);
    this.recent.delete(entry.uri);
    this.docs.set(entry.uri, entry);
    this.registry.updateCounted(entry.uri, entry.summary.entities);
    this.aggregates.set(entry.uri, entry.summary);
    if (entry.whole) this.touch(entry);
    for (const l of this.summaryListeners) l(entry.uri, before?.summary, entry.summary);
    this.changed(entry.uri);
  }

  /**
   * The whole analysis of a document: in memory, or read back from its shard
   * with the file's text (the shard does not hold it). A shard that is gone or
   * damaged meanwhile, or a file whose text no longer has the shard's hash
   * (edited since, and not yet indexed again), cannot answer now: the
   * document is indexed again (lost listeners) and this read fails.
   */
  restore(doc: StoredDocument): Whole {
    // The value, not the field, is returned: touching may send it out of memory at once (a resident budget of 0).
    const whole = doc.whole;
    if (whole) {
      this.touch(doc);
      return whole;
    }
    const text = doc.hash === undefined ? undefined : (this.storage.readText ?? readFileText)(doc.uri);
    const raw =
      doc.hash === undefined || text === undefined
        ? undefined
        : doc.payload
          ? checkPayload(doc.payload, text, doc.hash)
          : this.store?.readFull(doc.uri, doc.hash, text)?.analysis;
    if (!raw || text === undefined) {
      // A replaced document's shard was overwritten by its successor's: only the current one is indexed again.
      if (this.docs.get(doc.uri) === doc) for (const l of this.lostListeners) l(doc.uri);
      throw new Error(`the index cache lost ${doc.uri}, or the file changed; it is analysed again`);
    }
    this.stats.restored++;
    const document = TextDocument.create(doc.uri, 'plaintext', doc.version, text);
    const restored = { document, raw, analysis: this.corrector(doc.uri, text, raw) };
    doc.whole = restored;
    this.touch(doc);
    return restored;
  }

  /** Marks a whole analysis as just used; the least recently used ones with a shard on disk leave memory. */
  private touch(doc: StoredDocument): void {
    if (!this.store || !doc.persisted || doc.version !== -1) return;
    this.recent.delete(doc.uri);
    this.recent.set(doc.uri, doc);
    while (this.recent.size > this.resident) {
      const [uri, oldest] = this.recent.entries().next().value as [string, StoredDocument];
      this.recent.delete(uri);
      oldest.whole = undefined;
    }
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
    this.failed.delete(uri);
    this.recent.delete(uri);
    const before = this.docs.get(uri);
    if (!before) return;
    this.docs.delete(uri);
    this.registry.remove(uri);
    this.aggregates.set(uri, undefined);
    for (const l of this.summaryListeners) l(uri, before.summary, undefined);
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

  /** The summary of an indexed document (always in memory: reading it never loads a shard). */
  summary(uri: string): DocumentSummary | undefined {
    return this.docs.get(uri)?.summary;
  }

  /** Why the document's analysis is partial, when it was analysed in this run (never reads a shard). */
  warnings(uri: string): string[] | undefined {
    const doc = this.docs.get(uri);
    return doc?.whole ? doc.whole.analysis.warnings : doc?.warnings;
  }

  /** Whether the document's whole analysis is in memory now (for tests and logs). */
  isResident(uri: string): boolean {
    return this.docs.get(uri)?.whole !== undefined;
  }

  get size(): number {
    return this.docs.size;
  }

  /** The shard store, when the index is persistent. */
  get shards(): ShardStore | undefined {
    return this.store;
  }

  onDidChange(listener: (uri: string) => void): void {
    this.listeners.push(listener);
  }

  /** Each add, replacement and removal with the summaries before and after (workspace-wide tallies keep in step with it). */
  onDidChangeSummary(listener: SummaryListener): void {
    this.summaryListeners.push(listener);
  }

  /** A document whose shard disappeared while only its summary was in memory: it must be indexed again. */
  onDidLoseShard(listener: (uri: string) => void): void {
    this.lostListeners.push(listener);
  }
}
