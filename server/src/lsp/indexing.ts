import { FileChangeType, type Connection, type DidChangeWatchedFilesParams } from 'vscode-languageserver';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  clearIndexCacheRequest,
  indexChangedNotification,
  indexingStatusNotification,
  type IndexingStatus,
} from '../../../common/protocol';
import type { Settings } from '../../../common/settings';
import type { SettingsManager } from './settingsManager';
import type { DocumentIndex } from '../workspace/documentIndex';
import { WorkspaceIndexer } from '../workspace/indexer';
import { Batcher } from './debouncer';
import { claimThresholds, isShown, thresholdsKey } from './features/claimFilter';
import type { ClientSession } from './session';

/** How long index changes are collected before the client is told (views refresh once per burst). */
const INDEX_CHANGED_MS = 300;

export interface Indexing {
  /** Indexes the document again from its file (its editor closed: unsaved edits are gone). */
  reindexFile(uri: string): void;
  dispose(): void;
}

const maxBytes = (s: Settings) => s.maxFileSizeMB * 1048576;

/**
 * Background indexing of the workspace folders: at start, when folders or
 * settings change, and per file when files change on disk. Progress (and
 * the documents that failed) goes to the status bar; index changes, batched,
 * to the views.
 */
export function registerIndexing(
  connection: Connection,
  deps: { index: DocumentIndex; settings: SettingsManager; session: ClientSession; isOpen(uri: string): boolean },
): Indexing {
  const { index, settings, session } = deps;
  const indexer = new WorkspaceIndexer(index, {
    isOpen: deps.isOpen,
    log: (m) => connection.console.info(m),
    progress: (indexed, total, failed) => {
      const status: IndexingStatus = { indexed, total, done: indexed >= total, failed: [...failed] };
      void connection.sendNotification(indexingStatusNotification, status);
      // The cache's size for the status bar's tooltip, once a run is done (counting it must not hold up "done").
      const store = index.shards;
      if (status.done && store) {
        void store.size().then(({ bytes }) => connection.sendNotification(indexingStatusNotification, { ...status, cacheBytes: bytes }));
      }
    },
  });
  // The claim thresholds last applied: when they change, every view that lists claims is told to ask again.
  let claimsKey: string | undefined;
  const reindex = async () => {
    const s = await settings.get();
    connection.console.info(`Dossier settings: ${JSON.stringify(s)}`);
    const thresholds = claimThresholds(s);
    const key = thresholdsKey(thresholds);
    if (claimsKey !== undefined && key !== claimsKey) for (const doc of index.all()) changed.add(doc.uri);
    // The hover's claim counts and first claims come from the aggregates: they count what the editor shows.
    if (key !== claimsKey) index.aggregates.setClaimFilter((c) => isShown(c, thresholds));
    claimsKey = key;
    await indexer.run({ folders: session.folders, include: s.include, exclude: s.exclude, maxBytes: maxBytes(s) });
  };

  connection.onInitialized(() => {
    if (session.folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((r) => r.uri));
        session.folders = session.folders
          .filter((f) => !removed.has(pathToFileURL(f).toString()))
          .concat(e.added.map((a) => fileURLToPath(a.uri)));
        void reindex();
      });
    }
    void reindex();
  });
  // A shard that vanished (or was damaged) under a document known only by its summary: analyse the file again.
  index.onDidLoseShard((uri) => {
    if (!uri.startsWith('file:') || deps.isOpen(uri)) return;
    void settings.get().then((s) => indexer.indexFile(fileURLToPath(uri), maxBytes(s)));
  });
  connection.onRequest(clearIndexCacheRequest, async () => {
    const store = index.shards;
    if (!store) return { cleared: false };
    indexer.cancel();
    // Documents known only by their summary need their shards: everything not open is indexed again from scratch.
    for (const doc of [...index.all()]) if (!deps.isOpen(doc.uri)) index.remove(doc.uri);
    await store.clear();
    connection.console.info(`Dossier: index cache cleared (${store.dir}); indexing the workspace again`);
    void reindex();
    return { cleared: true };
  });
  connection.onDidChangeConfiguration(() => {
    settings.clear();
    // Lenses and cue colours depend on the claim thresholds (the sidebar, outline and views follow the index-changed notice of reindex).
    session.refreshViews({ lenses: true, tokens: true });
    void reindex();
  });
  // A handler's rejection would go unhandled (the connection ignores the promise): log it instead.
  const onWatchedFiles = async (params: DidChangeWatchedFilesParams) => {
    const s = await settings.get();
    for (const change of params.changes) {
      if (!change.uri.startsWith('file:')) continue;
      if (change.type === FileChangeType.Deleted) {
        if (!deps.isOpen(change.uri)) index.remove(change.uri);
      } else {
        await indexer.indexFile(fileURLToPath(change.uri), maxBytes(s));
      }
    }
  };
  connection.onDidChangeWatchedFiles((params) => {
    onWatchedFiles(params).catch((err: unknown) =>
      connection.console.error(`Dossier: indexing changed files failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  });

  const changed = new Batcher<string>(INDEX_CHANGED_MS, (uris) => void connection.sendNotification(indexChangedNotification, { uris }));
  // A document over the engine's budget is analysed in part: say so once per version (the analysis carries why).
  const warned = new Map<string, number>();
  index.onDidChange((uri) => {
    changed.add(uri);
    const doc = index.get(uri);
    if (!doc) {
      warned.delete(uri);
      return;
    }
    // Never the shard: a document read back from it was not analysed now, and its warnings were said when it was.
    const warnings = index.warnings(uri);
    if (!warnings?.length || warned.get(uri) === doc.version) return;
    warned.set(uri, doc.version);
    for (const w of warnings) connection.console.warn(`Dossier: ${uri}: analysed in part: ${w}`);
  });

  return {
    reindexFile(uri) {
      if (!uri.startsWith('file:')) return;
      void settings.get().then((s) => indexer.indexFile(fileURLToPath(uri), maxBytes(s)));
    },
    dispose() {
      indexer.cancel();
      changed.dispose();
    },
  };
}
