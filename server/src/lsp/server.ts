import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { boundHeapGrowth, threadsAtDefaultHeap } from './heapFlags';
import { TextDocumentSyncKind, TextDocuments, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyCorrections } from '../analysis/corrections';
import { registerAnnotations } from './annotations';
import { registerDocumentSync } from './documentSync';
import { featureCapabilities, registerFeatures } from './features';
import { registerIndexing } from './indexing';
import { createDossierService } from './service';
import { ClientSession } from './session';
import { registerSidebar } from './sidebar';
import { registerViews } from './features/viewsService';
import { claimThresholds } from './features/claimFilter';
import { loadResources } from '../workspace/resources';
import { SettingsManager } from './settingsManager';
import { WorkerAnalysisService } from '../workspace/analysisService';
import { AnnotationIndex } from '../workspace/annotationIndex';
import { DocumentIndex } from '../workspace/documentIndex';
import { engineVersion } from '../workspace/cache/engineVersion';
import { ShardStore } from '../workspace/cache/shardStore';

/**
 * Wires the LSP connection to the language service: the parts (document
 * sync, indexing, annotations, sidebar, features) register their handlers;
 * none has logic of its own.
 */
export function startServer(connection: Connection): void {
  boundHeapGrowth(process.execArgv);
  threadsAtDefaultHeap(process.execArgv);
  const documents = new TextDocuments(TextDocument);
  // Threads start at initialize: with a warm persistent index they wait until a document changed, not during start.
  const analysis = WorkerAnalysisService.create(loadResources, __dirname, analysisThreads(), 0, false);
  const annotations = new AnnotationIndex();
  const index = new DocumentIndex(analysis, (uri, text, raw) => applyCorrections(raw, annotations.corrections(uri, text)));
  const settings = new SettingsManager(connection);
  const session = new ClientSession(connection);
  const service = createDossierService({ index, annotations, settings, documents, log: (m) => connection.console.error(m) });

  connection.onInitialize((params): InitializeResult => {
    session.initialize(params);
    settings.enable(session.configuration);
    if (session.cacheDir) {
      index.persistTo({
        store: new ShardStore(session.cacheDir, engineVersion()),
        hasCorrections: (uri) => annotations.get(uri).some((a) => a.kind === 'correction'),
        // A warm start's manifest is read in a thread of dist/worker.js when the bundle has one beside it.
        manifestThread: manifestThread(),
      });
    } else if (analysis instanceof WorkerAnalysisService) analysis.prewarm();
    return {
      capabilities: {
        ...featureCapabilities,
        textDocumentSync: TextDocumentSyncKind.Incremental,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'dossier', version: '0.1.0' },
    };
  });

  const indexing = registerIndexing(connection, { index, settings, session, isOpen: (uri) => documents.get(uri) !== undefined });
  const sync = registerDocumentSync(connection, documents, service, indexing);
  const annotationViews = registerAnnotations(connection, { annotations, index, session, service });
  registerSidebar(connection, service);
  registerFeatures(connection, service);
  registerViews(connection, {
    index,
    annotations,
    folders: () => session.folders,
    log: (m) => connection.console.warn(m),
    claims: async () => claimThresholds(await settings.get()),
  });

  connection.onShutdown(async () => {
    indexing.dispose();
    sync.dispose();
    annotationViews.dispose();
    analysis.dispose();
    // Shards still being written are finished, so the next start finds them (a write takes milliseconds).
    await index.flushed();
  });
}

/**
 * Background analysis threads: one per core (at most 4). The thread that
 * answers requests does little per indexed document (it files the summary
 * the analysis thread made), so leaving it a core of its own left half of a
 * two-core machine idle while indexing. DOSSIER_ANALYSIS_THREADS overrides.
 */
function analysisThreads(): number {
  const env = Number(process.env.DOSSIER_ANALYSIS_THREADS);
  if (Number.isInteger(env) && env >= 1 && env <= 16) return env;
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

function manifestThread(): string | undefined {
  const script = path.join(__dirname, 'worker.js');
  return fs.existsSync(script) ? script : undefined;
}
