import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { shownClaims } from './claimFilter';
import { checkEvery, type FeatureContext } from './context';

/* Token types and modifiers are contributed in package.json (semanticTokenTypes, semanticTokenScopes). */
export const TOKEN_TYPES = ['actor', 'place', 'claimCue', 'demonym'] as const;
export const TOKEN_MODIFIERS = ['person', 'organization', 'country', 'city', 'region', 'facility', 'hedged'] as const;

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

interface Tok {
  start: number;
  end: number;
  type: number;
  mods: number;
}

const mod = (name: (typeof TOKEN_MODIFIERS)[number]) => 1 << TOKEN_MODIFIERS.indexOf(name);

export function semanticTokens(doc: IndexedDocument, ctx: Pick<FeatureContext, 'token' | 'claims'>): SemanticTokens {
  const a = doc.analysis;
  const toks: Tok[] = [];
  for (const m of a.mentions) toks.push({ start: m.start, end: m.end, type: m.kind === 'actor' ? 0 : 1, mods: mod(m.type) });
  for (const c of shownClaims(a.claims, ctx.claims))
    if (c.cue) toks.push({ start: c.cue.start, end: c.cue.end, type: 2, mods: c.hedges.length ? mod('hedged') : 0 });
  for (const d of a.demonyms) toks.push({ start: d.start, end: d.end, type: 3, mods: 0 });
  toks.sort((x, y) => x.start - y.start || y.end - x.end);

  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  const text = doc.document.getText();
  // The first line break at or after the last place asked: found once per line, not once per token, which on a
  // document of one long line would scan the rest of the text for each token.
  let nextBreak = -1;
  for (let i = 0; i < toks.length; i++) {
    checkEvery(ctx.token, i);
    const t = toks[i];
    if (t.start < lastEnd) continue; // overlapping tokens are not allowed
    lastEnd = t.end;
    // A token may not span lines: emit one piece per line.
    let from = t.start;
    while (from < t.end) {
      if (nextBreak < from) {
        const nl = text.indexOf('\n', from);
        nextBreak = nl < 0 ? text.length : nl;
      }
      const to = Math.min(nextBreak, t.end);
      if (to > from) {
        const pos = doc.document.positionAt(from);
        data.push(pos.line - prevLine, pos.line === prevLine ? pos.character - prevChar : pos.character, to - from, t.type, t.mods);
        prevLine = pos.line;
        prevChar = pos.character;
      }
      from = to + 1;
    }
  }
  return { data };
}
