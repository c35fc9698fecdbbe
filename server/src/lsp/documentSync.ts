import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Debouncer } from './debouncer';
import type { Indexing } from './indexing';
import type { DossierService } from './service';

/** Pause after the last keystroke before an open document is analysed again. */
const ANALYSE_AFTER_EDIT_MS = 200;

/**
 * The editor's open documents. Each is analysed soon after it changes, not
 * only when a request needs it, so that references and workspace symbols
 * include it (also after a server restart). A closed document goes back to
 * its file on disk.
 */
export function registerDocumentSync(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: DossierService,
  indexing: Indexing,
): { dispose(): void } {
  const analyse = new Debouncer<string>(ANALYSE_AFTER_EDIT_MS, (uri) => void service.document(uri).catch(() => undefined));
  documents.onDidChangeContent(({ document }) => analyse.touch(document.uri));
  documents.onDidClose(({ document }) => {
    analyse.cancel(document.uri);
    indexing.reindexFile(document.uri);
  });
  documents.listen(connection);
  return { dispose: () => analyse.dispose() };
}
