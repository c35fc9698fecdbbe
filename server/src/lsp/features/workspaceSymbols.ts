import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver';
import { checkEvery, type WorkspaceContext } from './context';
import { label, typeLabel } from './markdown';

const LIMIT = 500;

/** Actors and places of all indexed documents whose name or alias contains the query's characters in order. */
export function workspaceSymbols(query: string, ctx: WorkspaceContext): WorkspaceSymbol[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const out: WorkspaceSymbol[] = [];
  let n = 0;
  // In uri order: the order documents were indexed in varies from run to run (and between a cold and a warm start).
  const docs = [...ctx.entities.documents()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const doc of docs) {
    // The summary: a query over every document reads no shard.
    for (const e of ctx.entities.summary(doc).entities) {
      checkEvery(ctx.token, n++);
      const names = [e.canonical, ...e.aliases];
      if (q && !names.some((name) => fuzzyContains(name.toLowerCase(), q))) continue;
      out.push({
        name: label(e.canonical),
        kind: e.type === 'person' ? SymbolKind.Constructor : e.type === 'organization' ? SymbolKind.Class : SymbolKind.Module,
        containerName: `${typeLabel(e.type)} · ${e.n}×`,
        location: {
          uri: doc.uri,
          range: { start: { line: e.first[0], character: e.first[1] }, end: { line: e.first[2], character: e.first[3] } },
        },
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
