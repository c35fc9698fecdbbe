import type { AnalysisResources } from '../resources';
import type { EntityType, Sentence, Token } from '../types';
import type { NerLabel } from '../ner';
import type { RawMention } from './rawMention';

/** Interim: tagger spans typed by label and gazetteer. */
export function detectMentions(text: string, tokens: Token[], sentences: Sentence[], res: AnalysisResources): RawMention[] {
  const out: RawMention[] = [];
  for (const span of res.tagger.tag(text, tokens, sentences)) {
    const type = typeFor(span.label, text.slice(span.start, span.end), res);
    if (type) out.push({ start: span.start, end: span.end, text: text.slice(span.start, span.end), type });
  }
  return out;
}

function typeFor(label: NerLabel, name: string, res: AnalysisResources): EntityType | null {
  switch (label) {
    case 'PER':
      return 'person';
    case 'ORG':
      return 'organization';
    case 'LOC':
      return res.gazetteer.lookup(name)?.type ?? 'region';
    default:
      return null;
  }
}
