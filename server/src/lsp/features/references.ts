import type { Location, Position } from 'vscode-languageserver';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { checkEvery, type FeatureContext } from './context';
import { hitAt } from './lookup';
import { toRange } from './range';

/** Every mention of the entity under the cursor, aliases included, across the workspace. */
export function references(doc: IndexedDocument, position: Position, ctx: FeatureContext): Location[] {
  const hit = hitAt(doc, doc.document.offsetAt(position));
  if (!hit || hit.kind !== 'mention') return [];
  const refs = ctx.entities.mentionsOf(ctx.entities.workspaceId(doc.uri, hit.entity.id));
  const out: Location[] = [];
  for (let i = 0; i < refs.length; i++) {
    checkEvery(ctx.token, i);
    out.push({ uri: refs[i].doc.uri, range: toRange(refs[i].doc, refs[i].mention) });
  }
  return out;
}
