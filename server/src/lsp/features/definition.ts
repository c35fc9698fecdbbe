import type { Location, Position } from 'vscode-languageserver';
import type { IndexedDocument } from '../../workspace/documentIndex';
import { hitAt } from './lookup';
import { toRange } from './range';

/** The mention that introduces the entity: the one its first description is attached to, else its first mention. */
export function definition(doc: IndexedDocument, position: Position): Location | null {
  const hit = hitAt(doc, doc.document.offsetAt(position));
  if (!hit || hit.kind !== 'mention') return null;
  const mentions = hit.entity.mentions.map((i) => doc.analysis.mentions[i]);
  const described = hit.entity.descriptions[0];
  const intro = described ? mentions.find((m) => m.start >= described.sentence.start && m.end <= described.sentence.end) : undefined;
  const target = intro ?? mentions[0];
  return { uri: doc.uri, range: toRange(doc, target) };
}
