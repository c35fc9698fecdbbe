import type { Claim, DocumentStructure, EntityCluster, EntityMention, Sentence, Token } from '../types';

export interface ClaimInput {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  structure: DocumentStructure;
  mentions: EntityMention[];
  entities: EntityCluster[];
}

/** Interim: sentences of the form "X said that Y". */
export function detectClaims(input: ClaimInput): Claim[] {
  const { text, tokens, sentences, structure } = input;
  const claims: Claim[] = [];
  for (const s of sentences) {
    for (let k = s.tokenStart; k < s.tokenEnd - 2; k++) {
      if (tokens[k].text !== 'said' || tokens[k + 1].text !== 'that') continue;
      const start = tokens[k + 2].start;
      let end = s.end;
      if (text[end - 1] === '.') end--;
      const source = k > s.tokenStart ? { start: tokens[s.tokenStart].start, end: tokens[k - 1].end, text: text.slice(tokens[s.tokenStart].start, tokens[k - 1].end) } : null;
      const mention = input.mentions.find((m) => source && m.start >= source.start && m.end <= source.end);
      claims.push({
        start,
        end,
        text: text.slice(start, end),
        cue: { start: tokens[k].start, end: tokens[k].end, text: 'said' },
        source,
        speaker: mention?.id ?? null,
        hedges: [],
        section: structure.commentsStart !== null && start >= structure.commentsStart ? 'comments' : 'article',
        form: 'indirect',
      });
      break;
    }
  }
  return claims;
}
