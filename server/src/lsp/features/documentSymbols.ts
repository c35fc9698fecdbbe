import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { EntityCluster } from '../../analysis/types';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { shownClaims } from './claimFilter';
import { speakerName } from './claimsOf';
import { label, truncate, typeLabel } from './markdown';
import { cover, toRange } from './range';
import { tagSymbols } from './tags';
import { throwIfCancelled, type FeatureContext } from './context';

/** Outline: Headline, Actors, Places, Claims and Comments groups, entities in order of first mention. */
export function documentSymbols(doc: IndexedDocument, ctx: Pick<FeatureContext, 'annotations' | 'token' | 'claims'>): DocumentSymbol[] {
  const a = doc.analysis;
  const out: DocumentSymbol[] = [];

  if (a.structure.headline) {
    const r = toRange(doc, a.structure.headline);
    out.push({ name: 'Headline', detail: truncate(doc.document.getText(r), 80), kind: SymbolKind.File, range: r, selectionRange: r });
  }
  const byFirstMention = [...a.entities].sort((x, y) => a.mentions[x.mentions[0]].start - a.mentions[y.mentions[0]].start);
  const group = (name: string, kind: SymbolKind, items: DocumentSymbol[]) => {
    // Each group is a pass over the document's items: a cancelled request stops between them.
    throwIfCancelled(ctx.token);
    const all = cover(items.map((i) => ({ start: doc.document.offsetAt(i.range.start), end: doc.document.offsetAt(i.range.end) })));
    if (!all) return;
    out.push({
      name,
      detail: String(items.length),
      kind,
      range: toRange(doc, all),
      selectionRange: toRange(doc, { start: all.start, end: all.start }),
      children: items,
    });
  };
  group(
    'Actors',
    SymbolKind.Namespace,
    byFirstMention.filter((e) => e.kind === 'actor').map((e) => entitySymbol(doc, e)),
  );
  group(
    'Places',
    SymbolKind.Namespace,
    byFirstMention.filter((e) => e.kind === 'place').map((e) => entitySymbol(doc, e)),
  );
  group(
    'Claims',
    SymbolKind.Namespace,
    shownClaims(a.claims, ctx.claims)
      .filter((c) => c.section === 'article')
      .map((c) => {
        const speaker = speakerName(doc, c) ?? 'unattributed';
        const range = toRange(doc, {
          start: Math.min(c.start, c.source?.start ?? c.start, c.cue?.start ?? c.start),
          end: Math.max(c.end, c.source?.end ?? 0, c.cue?.end ?? 0),
        });
        return {
          name: truncate(speaker, 60),
          detail: truncate(c.text, 80),
          kind: SymbolKind.String,
          range,
          selectionRange: toRange(doc, c),
        };
      }),
  );
  const comments = a.structure.blocks.filter((b) => b.kind === 'comment');
  group(
    'Comments',
    SymbolKind.Namespace,
    comments.map((b) => {
      const range = toRange(doc, b);
      return {
        name: b.handle ? label(b.handle) : 'comment',
        detail: truncate(doc.document.getText(range), 60),
        kind: SymbolKind.Event,
        range,
        selectionRange: toRange(doc, b.handleSpan ?? b),
      };
    }),
  );
  const tags = tagSymbols(doc, ctx.annotations);
  if (tags) out.push(tags);
  return out;
}

function entitySymbol(doc: IndexedDocument, e: EntityCluster): DocumentSymbol {
  const mentions = e.mentions.map((i) => doc.analysis.mentions[i]);
  const first = mentions[0];
  const last = mentions[mentions.length - 1];
  return {
    name: label(e.canonical),
    detail: `${typeLabel(e.type)} · ${mentions.length}×`,
    kind: e.type === 'person' ? SymbolKind.Constructor : e.type === 'organization' ? SymbolKind.Class : SymbolKind.Module,
    range: toRange(doc, { start: first.start, end: last.end }),
    selectionRange: toRange(doc, first),
  };
}
