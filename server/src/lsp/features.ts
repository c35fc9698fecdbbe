import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import { semanticTokensLegend } from './features/semanticTokens';
import type { DossierService } from './service';

/** What registerFeatures answers, for the initialize result. */
export const featureCapabilities: ServerCapabilities = {
  hoverProvider: true,
  codeLensProvider: { resolveProvider: false },
  documentSymbolProvider: { label: 'Dossier' },
  referencesProvider: true,
  workspaceSymbolProvider: true,
  documentHighlightProvider: true,
  definitionProvider: true,
  foldingRangeProvider: true,
  semanticTokensProvider: { legend: semanticTokensLegend, full: true },
};

/** References sent per partial result when the client gives a partialResultToken. */
export const REFERENCES_PAGE = 1000;

/** The standard LSP features, each answered by the service. */
export function registerFeatures(connection: Connection, service: DossierService): void {
  connection.onHover((p, token) => service.hover(p, token));
  connection.onCodeLens((p, token) => service.codeLenses(p, token));
  connection.onDocumentSymbol((p, token) => service.documentSymbols(p, token));
  connection.onReferences(async (p, token, _work, partial) => {
    const all = await service.references(p, token);
    // A name in thousands of documents: a client that asked for partial results gets pages, not one huge message.
    if (!partial || all.length <= REFERENCES_PAGE) return all;
    for (let i = 0; i < all.length; i += REFERENCES_PAGE) partial.report(all.slice(i, i + REFERENCES_PAGE));
    return [];
  });
  connection.onDocumentHighlight((p, token) => service.documentHighlights(p, token));
  connection.onDefinition((p, token) => service.definition(p, token));
  connection.onFoldingRanges((p, token) => service.foldingRanges(p, token));
  connection.onWorkspaceSymbol((p, token) => service.workspaceSymbols(p, token));
  connection.languages.semanticTokens.on((p, token) => service.semanticTokens(p, token));
}
