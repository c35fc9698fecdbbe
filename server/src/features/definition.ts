import type { Location, DefinitionParams } from 'vscode-languageserver';
import type { DocumentIndex } from '../workspace/documentIndex';
import { hitAt } from './lookup';
import { toRange } from './range';

/** The mention that introduces the entity: the one its first description is attached to, else its first mention. */
export function definition(index: DocumentIndex, params: DefinitionParams): Location | null {
  const doc = index.get(params.textDocument.uri);
  if (!doc) return null;
  const hit = hitAt(doc, doc.document.offsetAt(params.position));
  if (!hit || hit.kind !== 'mention') return null;
  const mentions = hit.entity.mentions.map((i) => doc.analysis.mentions[i]);
  const described = hit.entity.descriptions[0];
  const intro = described ? mentions.find((m) => m.start >= described.sentence.start && m.end <= described.sentence.end) : undefined;
  const target = intro ?? mentions[0];
  return { uri: doc.uri, range: toRange(doc, target) };
}
