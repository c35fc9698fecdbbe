import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver';
import { defaultSettings, type Settings } from '../../../common/settings';
import { applyCorrections } from '../../../server/src/analysis/corrections';
import { createDossierService, type DossierService } from '../../../server/src/lsp/service';
import { loadResources } from '../../../server/src/workspace/resources';
import { InlineAnalysisService, type AnalysisService } from '../../../server/src/workspace/analysisService';
import { AnnotationIndex } from '../../../server/src/workspace/annotationIndex';
import type { CancelToken } from '../../../server/src/workspace/cancellation';
import type { DocumentAnalysis } from '../../../server/src/analysis/types';
import { DocumentIndex } from '../../../server/src/workspace/documentIndex';

/*
 * The language service without a process or an editor, as
 * vscode-markdown-languageservice tests its own: documents live in memory,
 * the real engine analyses them on the test's thread, and a CURSOR marker in
 * a text says where a request points.
 */

export const CURSOR = '$$CURSOR$$';

/** A token nobody cancels. */
export const NEVER: CancelToken = { isCancellationRequested: false };

/** The text without its CURSOR marker, and the marker's position. */
export function withCursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf(CURSOR);
  if (at < 0 || marked.indexOf(CURSOR, at + 1) >= 0) throw new Error('the text needs exactly one CURSOR');
  const text = marked.slice(0, at) + marked.slice(at + CURSOR.length);
  return { text, position: TextDocument.create('file:///x', 'plaintext', 1, text).positionAt(at) };
}

/** Open documents, as TextDocuments holds them in the server. */
export class InMemoryDocuments {
  private readonly docs = new Map<string, TextDocument>();
  /** How often the service looked a document up. */
  lookups = 0;

  open(uri: string, text: string): TextDocument {
    const doc = TextDocument.create(uri, 'plaintext', (this.docs.get(uri)?.version ?? 0) + 1, text);
    this.docs.set(uri, doc);
    return doc;
  }

  get(uri: string): TextDocument | undefined {
    this.lookups++;
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }
}

export interface InMemoryWorkspace {
  service: DossierService;
  documents: InMemoryDocuments;
  index: DocumentIndex;
  annotations: AnnotationIndex;
}

/** The service as the server builds it, on in-memory documents (uri → text, opened in this order). */
export async function inMemoryWorkspace(
  files: Record<string, string>,
  options: { settings?: Settings; analysis?: AnalysisService } = {},
): Promise<InMemoryWorkspace> {
  const documents = new InMemoryDocuments();
  const annotations = new AnnotationIndex();
  const settings = options.settings ?? defaultSettings;
  const index = new DocumentIndex(options.analysis ?? new InlineAnalysisService(loadResources), (uri, text, raw) =>
    applyCorrections(raw, annotations.corrections(uri, text)),
  );
  const service = createDossierService({
    index,
    annotations,
    documents,
    settings: { get: () => Promise.resolve(settings) },
    log: (m) => {
      throw new Error(`the service logged a failure: ${m}`);
    },
  });
  for (const [uri, text] of Object.entries(files)) {
    documents.open(uri, text);
    await service.document(uri);
  }
  return { service, documents, index, annotations };
}

/** The real engine, but each analysis waits until the test releases it: a request can be cancelled while it runs. */
export class HeldAnalyses implements AnalysisService {
  private readonly engine = new InlineAnalysisService(loadResources);
  private readonly held: Array<() => void> = [];

  analyze(text: string): Promise<DocumentAnalysis> {
    return new Promise((resolve) => this.held.push(() => resolve(this.engine.analyze(text))));
  }

  get waiting(): number {
    return this.held.length;
  }

  release(): void {
    for (const go of this.held.splice(0)) go();
  }

  dispose(): void {}
}
