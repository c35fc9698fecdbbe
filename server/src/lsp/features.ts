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

/** The standard LSP features, each answered by the service. */
export function registerFeatures(connection: Connection, service: DossierService): void {
  connection.onHover((p, token) => service.hover(p, token));
  connection.onCodeLens((p, token) => service.codeLenses(p, token));
  connection.onDocumentSymbol((p, token) => service.documentSymbols(p, token));
  connection.onReferences((p, token) => service.references(p, token));
  connection.onDocumentHighlight((p, token) => service.documentHighlights(p, token));
  connection.onDefinition((p, token) => service.definition(p, token));
  connection.onFoldingRanges((p, token) => service.foldingRanges(p, token));
  connection.onWorkspaceSymbol((p, token) => service.workspaceSymbols(p, token));
  connection.languages.semanticTokens.on((p, token) => service.semanticTokens(p, token));
}
