import * as os from 'os';
import {
  CodeLensRefreshRequest,
  SemanticTokensRefreshRequest,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type TextDocumentIdentifier,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  annotationsNotification,
  documentStatsRequest,
  entityAtRequest,
  exportAnnotationsRequest,
  importAnnotationsRequest,
  indexChangedNotification,
  indexingStatusNotification,
  entityDocumentsRequest,
  entityMentionsRequest,
  speakerClaimsRequest,
  workspaceOverviewRequest,
} from '../../common/protocol';
import { applyCorrections } from './analysis/corrections';
import { AnalysisCancelled } from './analysis/types';
import { codeLenses } from './features/codeLens';
import { definition } from './features/definition';
import { documentHighlights } from './features/documentHighlights';
import { documentStats } from './features/documentStats';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/foldingRanges';
import { hover } from './features/hover';
import { references } from './features/references';
import { semanticTokens, semanticTokensLegend } from './features/semanticTokens';
import { entityAt, tagsAt } from './features/tags';
import { registerViews } from './features/viewsService';
import { WorkspaceOverviewService } from './features/workspaceOverview';
import { workspaceSymbols } from './features/workspaceSymbols';
import { exportAnnotations, importAnnotations } from './export/requests';
import { loadResources } from './resources';
import { SettingsManager } from './settingsManager';
import { AnnotationIndex } from './workspace/annotationIndex';
import { WorkerAnalysisService } from './workspace/analysisService';
import { DocumentIndex } from './workspace/documentIndex';
import { WorkspaceIndexer } from './workspace/indexer';

/** Wires the LSP connection to the index and the features; no logic of its own. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const service = WorkerAnalysisService.create(loadResources, __dirname, analysisThreads());
  const index = new DocumentIndex(service);
  const annotations = new AnnotationIndex();
  index.setCorrector((uri, text, analysis) => applyCorrections(analysis, annotations.corrections(uri, text)));
  const settings = new SettingsManager(connection);
  let folders: string[] = [];
  let folderEvents = false;
  let lensRefresh = false;
  let tokensRefresh = false;
  let refreshTimer: NodeJS.Timeout | undefined;
  const indexer = new WorkspaceIndexer(index, {
    isOpen: (uri) => documents.get(uri) !== undefined,
    log: (m) => connection.console.info(m),
    progress: (indexed, total) => void connection.sendNotification(indexingStatusNotification, { indexed, total, done: indexed >= total }),
  });

  /** The analysis of the document's current version, computed on first use. */
  const fresh = async (id: TextDocumentIdentifier, token?: CancellationToken) => {
    const open = documents.get(id.uri);
    if (open) return index.update(open.uri, open.getText(), open.version, token);
    return index.get(id.uri);
  };
  const guard = <P extends { textDocument: TextDocumentIdentifier }, R>(empty: R, run: (p: P) => R | Promise<R>) =>
    async (params: P, token: CancellationToken): Promise<R> => {
      try {
        if (!(await fresh(params.textDocument, token)) || token.isCancellationRequested) return empty;
        return await run(params);
      } catch (err) {
        if (err instanceof AnalysisCancelled) return empty;
        connection.console.error(`Dossier: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return empty;
      }
    };

  connection.onInitialize((params): InitializeResult => {
    settings.enable(params.capabilities.workspace?.configuration === true);
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    tokensRefresh = params.capabilities.workspace?.semanticTokens?.refreshSupport === true;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    if (!folders.length && params.rootUri?.startsWith('file:')) folders = [fileURLToPath(params.rootUri)];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: { label: 'Dossier' },
        referencesProvider: true,
        workspaceSymbolProvider: true,
        documentHighlightProvider: true,
        definitionProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'dossier', version: '0.1.0' },
    };
  });

  const reindex = async () => {
    const s = await settings.get();
    connection.console.info(`Dossier settings: ${JSON.stringify(s)}`);
    await indexer.run({ folders, include: s.include, exclude: s.exclude, maxBytes: s.maxFileSizeMB * 1048576 });
  };
  connection.onInitialized(() => {
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((r) => r.uri));
        folders = folders.filter((f) => !removed.has(pathToFileURL(f).toString())).concat(e.added.map((a) => fileURLToPath(a.uri)));
        void reindex();
      });
    }
    void reindex();
  });
  connection.onDidChangeConfiguration(() => {
    settings.clear();
    if (lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    void reindex();
  });
  connection.onDidChangeWatchedFiles(async (params) => {
    const s = await settings.get();
    for (const change of params.changes) {
      if (!change.uri.startsWith('file:')) continue;
      if (change.type === FileChangeType.Deleted) {
        if (!documents.get(change.uri)) index.remove(change.uri);
      } else {
        await indexer.indexFile(fileURLToPath(change.uri), s.maxFileSizeMB * 1048576);
      }
    }
  });

  /** The user's annotations placed in the document's current text. */
  const resolved = (uri: string) => {
    const doc = index.get(uri);
    return doc ? annotations.resolve(uri, doc.document.getText()) : [];
  };
  const hoverExtras = {
    tagsAt: (uri: string, span: { start: number; end: number }) => tagsAt(resolved(uri), span, index.get(uri)?.analysis),
  };
  connection.onHover(guard(null, (p) => hover(index, p, hoverExtras)));
  connection.onCodeLens(guard([], async (p) => codeLenses(index, p, await settings.get(p.textDocument.uri), resolved(p.textDocument.uri))));
  connection.onDocumentSymbol(guard([], (p) => documentSymbols(index, p, resolved(p.textDocument.uri))));
  connection.onReferences(guard([], (p) => references(index, p)));
  connection.onDocumentHighlight(guard([], (p) => documentHighlights(index, p)));
  connection.onDefinition(guard(null, (p) => definition(index, p)));
  connection.onFoldingRanges(guard([], (p) => foldingRanges(index, p)));
  connection.onWorkspaceSymbol((p) => workspaceSymbols(index, p));
  connection.languages.semanticTokens.on(guard({ data: [] }, (p) => semanticTokens(index, p)));
  const overview = new WorkspaceOverviewService(index);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  connection.onRequest(workspaceOverviewRequest, (p) => overview.overview(str(p?.filter)));
  connection.onRequest(entityDocumentsRequest, (p) => overview.entityDocuments(str(p?.id)));
  connection.onRequest(entityMentionsRequest, (p) => overview.entityMentions(str(p?.id), str(p?.uri)));
  connection.onRequest(speakerClaimsRequest, (p) => overview.speakerClaims(str(p?.key), str(p?.filter)));
  registerViews(connection, { index, annotations, folders: () => folders, log: (m) => connection.console.warn(m) });
  connection.onNotification(annotationsNotification, (p) => {
    if (typeof p?.uri !== 'string' || !Array.isArray(p.annotations)) return;
    const { problems } = annotations.set(p.uri, p.annotations);
    if (problems.length) connection.console.warn(`Dossier: ${p.uri}: ignored ${problems.length} invalid annotation(s): ${problems[0]}`);
    index.reapply(p.uri);
    // Tags and corrections change lenses and colours without any edit; bursts (all sidecars at start) ask once.
    refreshTimer ??= setTimeout(() => {
      refreshTimer = undefined;
      if (lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      if (tokensRefresh) void connection.sendRequest(SemanticTokensRefreshRequest.type).catch(() => undefined);
    }, 50);
  });
  connection.onRequest(exportAnnotationsRequest, (p) => exportAnnotations(p));
  connection.onRequest(importAnnotationsRequest, (p) => importAnnotations(p));
  connection.onRequest(entityAtRequest, async (p) => entityAt(await fresh({ uri: p.uri }).catch(() => undefined), p));
  let changed = new Set<string>();
  let changeTimer: NodeJS.Timeout | undefined;
  index.onDidChange((uri) => {
    changed.add(uri);
    changeTimer ??= setTimeout(() => {
      const uris = [...changed];
      changed = new Set();
      changeTimer = undefined;
      void connection.sendNotification(indexChangedNotification, { uris });
    }, 300);
  });
  connection.onRequest(documentStatsRequest, async (p) => ((await fresh({ uri: p.uri }).catch(() => undefined)) ? documentStats(index, p.uri) : null));
  connection.onShutdown(() => {
    indexer.cancel();
    service.dispose();
  });

  // Open documents are analysed soon after each change, not only when a request needs them,
  // so that references and workspace symbols include them (also after a server restart).
  const timers = new Map<string, NodeJS.Timeout>();
  documents.onDidChangeContent(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        void fresh({ uri: document.uri }).catch(() => undefined);
      }, 200),
    );
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    // Unsaved edits are gone with the editor: the index goes back to the file on disk.
    if (document.uri.startsWith('file:')) {
      void settings.get().then((s) => indexer.indexFile(fileURLToPath(document.uri), s.maxFileSizeMB * 1048576));
    }
  });

  documents.listen(connection);
}

/**
 * Analysis threads: one core stays free for the thread that answers requests
 * (hovers stay instant while the workspace is indexed). DOSSIER_ANALYSIS_THREADS overrides.
 */
function analysisThreads(): number {
  const env = Number(process.env.DOSSIER_ANALYSIS_THREADS);
  if (Number.isInteger(env) && env >= 1 && env <= 16) return env;
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return Math.max(1, Math.min(4, cores - 1));
}
