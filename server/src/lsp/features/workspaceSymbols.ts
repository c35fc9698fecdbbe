import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver';
import { checkEvery, type WorkspaceContext } from './context';
import { label, typeLabel } from './markdown';
import { toRange } from './range';

const LIMIT = 500;

/** Actors and places of all indexed documents whose name or alias contains the query's characters in order. */
export function workspaceSymbols(query: string, ctx: WorkspaceContext): WorkspaceSymbol[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const out: WorkspaceSymbol[] = [];
  let n = 0;
  for (const doc of ctx.entities.documents()) {
    for (const e of doc.analysis.entities) {
      checkEvery(ctx.token, n++);
      const names = [e.canonical, ...e.aliases];
      if (q && !names.some((name) => fuzzyContains(name.toLowerCase(), q))) continue;
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
