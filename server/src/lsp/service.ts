import type {
  CodeLens,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  SemanticTokens,
  WorkspaceSymbol,
} from 'vscode-languageserver';
import type { DocumentStats, EntityAtResult, OverviewClaim, OverviewMention, WorkspaceOverview } from '../../../common/protocol';
import type { Settings } from '../../../common/settings';
import { AnalysisCancelled } from '../analysis/types';
import { claimThresholds } from './features/claimFilter';
import { codeLenses } from './features/codeLens';
import type { FeatureContext } from './features/context';
import { definition } from './features/definition';
import { documentHighlights } from './features/documentHighlights';
import { documentStats } from './features/documentStats';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/foldingRanges';
import { hover } from './features/hover';
import { references } from './features/references';
import { semanticTokens } from './features/semanticTokens';
import { entityAt } from './features/entityAt';
import { WorkspaceOverviewService } from './features/workspaceOverview';
import { workspaceSymbols } from './features/workspaceSymbols';
import type { AnnotationIndex, ResolvedAnnotation } from '../workspace/annotationIndex';
import type { CancelToken } from '../workspace/cancellation';
import type { DocumentIndex, IndexedDocument } from '../workspace/documentIndex';
import { workspaceEntities, type WorkspaceEntities } from '../workspace/workspaceEntities';

/** A document open in the editor: its text wins over the file on disk. */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

export interface ServiceOptions {
  index: DocumentIndex;
  annotations: AnnotationIndex;
  settings: { get(scopeUri?: string): Promise<Settings> };
  /** The editor's open documents (TextDocuments, or a map in tests). */
  documents: { get(uri: string): OpenDocument | undefined };
  /** Where unexpected failures of a feature are reported; the request is answered with an empty result. */
  log?(message: string): void;
}

export interface PositionParams {
  textDocument: { uri: string };
  position: Position;
}

export interface DocumentParams {
  textDocument: { uri: string };
}

/**
 * Dossier's language features, without a connection: each request resolves
 * its document once (an open document is analysed at its current version),
 * hands the feature the indexed document, a narrow query over the
 * workspace's entities and the cancellation token, and answers a cancelled
 * or failed request with an empty result, never an error.
 */
export interface DossierService {
  /** The analysed document at its current text, or undefined when it is neither open nor indexed. */
  document(uri: string, token?: CancelToken): Promise<IndexedDocument | undefined>;
  hover(params: PositionParams, token: CancelToken): Promise<Hover | null>;
  codeLenses(params: DocumentParams, token: CancelToken): Promise<CodeLens[]>;
  documentSymbols(params: DocumentParams, token: CancelToken): Promise<DocumentSymbol[]>;
  references(params: PositionParams, token: CancelToken): Promise<Location[]>;
  documentHighlights(params: PositionParams, token: CancelToken): Promise<DocumentHighlight[]>;
  definition(params: PositionParams, token: CancelToken): Promise<Location | null>;
  foldingRanges(params: DocumentParams, token: CancelToken): Promise<FoldingRange[]>;
  semanticTokens(params: DocumentParams, token: CancelToken): Promise<SemanticTokens>;
  workspaceSymbols(params: { query: string }, token: CancelToken): Promise<WorkspaceSymbol[]>;
  entityAt(params: { uri: string; position: Position }, token: CancelToken): Promise<EntityAtResult | null>;
  documentStats(params: { uri: string }, token: CancelToken): Promise<DocumentStats | null>;
  workspaceOverview(params: { filter: string }, token: CancelToken): Promise<WorkspaceOverview>;
  entityDocuments(params: { id: string } & Paged, token: CancelToken): Promise<Array<{ uri: string; mentionCount: number }>>;
  entityMentions(params: { id: string; uri: string } & Paged, token: CancelToken): Promise<OverviewMention[]>;
  speakerClaims(params: { key: string; filter: string } & Paged, token: CancelToken): Promise<OverviewClaim[]>;
}

/** A page of a sidebar list (offset items skipped, at most limit); absent: the whole list. */
export interface Paged {
  offset?: number;
  limit?: number;
}

function slicePage<T>(items: T[], p: Paged): T[] {
  const offset = p.offset ?? 0;
  return offset === 0 && p.limit === undefined ? items : items.slice(offset, offset + (p.limit ?? items.length));
}

export function createDossierService(options: ServiceOptions): DossierService {
  const { index, annotations, settings, documents } = options;
  const entities: WorkspaceEntities = workspaceEntities(index);
  const overview = new WorkspaceOverviewService(entities);
  /** Workspace-wide views (the sidebar) use the workspace's setting, not a document's. */
  const workspaceThresholds = async () => claimThresholds(await settings.get());

  const document = (uri: string, token?: CancelToken): Promise<IndexedDocument | undefined> => {
    const open = documents.get(uri);
    if (open) return index.update(open.uri, open.getText(), open.version, token);
    return Promise.resolve(index.get(uri));
  };

  const logged = new WeakSet<Error>();
  /** Runs a request; cancellation (at any await or loop check) and failures answer `empty`. */
  const guarded = async <R>(empty: R, token: CancelToken, run: () => R | Promise<R>): Promise<R> => {
    try {
      if (token.isCancellationRequested) return empty;
      const result = await run();
      return token.isCancellationRequested ? empty : result;
    } catch (err) {
      if (err instanceof AnalysisCancelled) return empty;
      // A failed analysis is given again to every request on its document (DocumentIndex.failed): logged once.
      if (err instanceof Error && logged.has(err)) return empty;
      if (err instanceof Error) logged.add(err);
      options.log?.(`Dossier: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return empty;
    }
  };

  /** A feature of one document: the document is resolved here, once, and the feature gets it with its context. */
  const onDocument = <R>(
    uri: string,
    token: CancelToken,
    empty: R,
    run: (doc: IndexedDocument, ctx: FeatureContext) => R | Promise<R>,
  ): Promise<R> =>
    guarded(empty, token, async () => {
      const doc = await document(uri, token);
      if (!doc || token.isCancellationRequested) return empty;
      const thresholds = claimThresholds(await settings.get(doc.uri));
      if (token.isCancellationRequested) return empty;
      let placed: readonly ResolvedAnnotation[] | undefined;
      const ctx: FeatureContext = {
        entities,
        token,
        claims: thresholds,
        // Placed on first use: most features never look at annotations.
        get annotations() {
          return (placed ??= annotations.resolve(doc.uri, doc.document.getText()));
        },
      };
      return run(doc, ctx);
    });

  return {
    document,
    hover: (p, token) => onDocument(p.textDocument.uri, token, null, (doc, ctx) => hover(doc, p.position, ctx)),
    codeLenses: (p, token) =>
      onDocument(p.textDocument.uri, token, [], async (doc, ctx) => {
        const s = await settings.get(doc.uri);
        return token.isCancellationRequested ? [] : codeLenses(doc, s, ctx);
      }),
    documentSymbols: (p, token) => onDocument(p.textDocument.uri, token, [], (doc, ctx) => documentSymbols(doc, ctx)),
    references: (p, token) => onDocument(p.textDocument.uri, token, [], (doc, ctx) => references(doc, p.position, ctx)),
    documentHighlights: (p, token) => onDocument(p.textDocument.uri, token, [], (doc) => documentHighlights(doc, p.position)),
    definition: (p, token) => onDocument(p.textDocument.uri, token, null, (doc) => definition(doc, p.position)),
    foldingRanges: (p, token) => onDocument(p.textDocument.uri, token, [], (doc) => foldingRanges(doc)),
    semanticTokens: (p, token) => onDocument(p.textDocument.uri, token, { data: [] }, (doc, ctx) => semanticTokens(doc, ctx)),
    entityAt: (p, token) => onDocument(p.uri, token, null, (doc) => entityAt(doc, p.position)),
    documentStats: (p, token) => onDocument(p.uri, token, null, (doc, ctx) => documentStats(doc, ctx.claims)),
    workspaceSymbols: (p, token) => guarded([], token, () => workspaceSymbols(p.query, { entities, token })),
    workspaceOverview: (p, token) =>
      guarded({ entities: [], speakers: [], documents: 0, truncated: false }, token, async () =>
        overview.overview(p.filter, token, await workspaceThresholds()),
      ),
    entityDocuments: (p, token) => guarded([], token, () => slicePage(overview.entityDocuments(p.id), p)),
    entityMentions: (p, token) => guarded([], token, () => overview.entityMentions(p.id, p.uri, p.offset, p.limit)),
    speakerClaims: (p, token) =>
      guarded([], token, async () => slicePage(await overview.speakerClaims(p.key, p.filter, token, await workspaceThresholds()), p)),
  };
}
