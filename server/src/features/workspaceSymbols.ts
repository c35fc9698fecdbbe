import { SymbolKind, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import type { DocumentIndex } from '../workspace/documentIndex';
import { label, typeLabel } from './markdown';
import { toRange } from './range';

const LIMIT = 500;

/** Actors and places of all indexed documents whose name or alias contains the query's characters in order. */
export function workspaceSymbols(index: DocumentIndex, params: WorkspaceSymbolParams): WorkspaceSymbol[] {
  const query = params.query.toLowerCase().replace(/\s+/g, '');
  const out: WorkspaceSymbol[] = [];
  for (const doc of index.all()) {
    for (const e of doc.analysis.entities) {
      const names = [e.canonical, ...e.aliases];
      if (query && !names.some((n) => fuzzyContains(n.toLowerCase(), query))) continue;
      const first = doc.analysis.mentions[e.mentions[0]];
      out.push({
        name: label(e.canonical),
        kind: e.type === 'person' ? SymbolKind.Constructor : e.type === 'organization' ? SymbolKind.Class : SymbolKind.Module,
        containerName: `${typeLabel(e.type)} · ${e.mentions.length}×`,
        location: { uri: doc.uri, range: toRange(doc, first) },
      });
      if (out.length >= LIMIT) return out;
    }
  }
  return out;
}

function fuzzyContains(name: string, query: string): boolean {
  let i = 0;
  for (let k = 0; k < name.length && i < query.length; k++) if (name[k] === query[i]) i++;
  return i === query.length;
}
