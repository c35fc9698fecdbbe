import type { EntityCluster, EntityMention, Sentence, Token } from '../types';

/** Interim: appositives directly after a person mention (", the head of X,"). */
export function attachDescriptions(text: string, tokens: Token[], sentences: Sentence[], mentions: EntityMention[], entities: EntityCluster[]): void {
  const byId = new Map(entities.map((e) => [e.id, e]));
  for (const m of mentions) {
    if (m.type !== 'person') continue;
    const rest = text.slice(m.end, Math.min(text.length, m.end + 200));
    const match = /^, ((?:the|a|an) [^,.;]{3,150}?)[,.;]/.exec(rest);
    if (!match) continue;
    const start = m.end + 2;
    const sentence = sentences.find((s) => s.start <= m.start && m.end <= s.end) ?? { start: m.start, end: m.end };
    byId.get(m.id)?.descriptions.push({ start, end: start + match[1].length, text: match[1], sentence: { start: sentence.start, end: sentence.end } });
  }
  void tokens;
}
