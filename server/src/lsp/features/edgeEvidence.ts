import type { EdgeEvidence, NetworkEdge } from '../../../../common/protocol';
import { sentenceEnds } from '../../workspace/compact';
import { blockIndex, clip, sentenceIndex, type PositionedDocument, type ResolveId } from './viewData';
import { SHOW_ALL, shownClaims, type ClaimThresholds } from './claimFilter';

/*
 * What lies behind one edge of the network: the sentences and paragraphs that
 * name both actors, or the claims of one that name the other. Pure; the
 * server passes only the documents that mention both.
 */

const SENTENCE_CHARS = 400;
const PARAGRAPH_CHARS = 400;

export interface EvidenceQuery {
  kind: NetworkEdge['kind'];
  source: string;
  target: string;
  limit?: number;
  /** The claims that count (default: every claim); the network's links use the same. */
  claims?: ClaimThresholds;
}

export function edgeEvidence(
  docs: Iterable<PositionedDocument>,
  resolve: ResolveId,
  q: EvidenceQuery,
): { items: EdgeEvidence[]; total: number } {
  const limit = Math.max(1, Math.min(1000, q.limit ?? 100));
  const items: EdgeEvidence[] = [];
  let total = 0;
  const push = (item: () => EdgeEvidence) => {
    total++;
    if (items.length < limit) items.push(item());
  };
  for (const doc of docs) {
    const { analysis, document } = doc;
    const text = document.getText();
    const localIds = (wsId: string) =>
      new Set(analysis.entities.filter((e) => e.kind === 'actor' && resolve(doc.uri, e.id) === wsId).map((e) => e.id));
    const a = localIds(q.source);
    const b = localIds(q.target);
    if (!a.size || !b.size) continue;
    const spans = (ids: Set<string>) =>
      analysis.entities
        .filter((e) => ids.has(e.id))
        .flatMap((e) => e.mentions.map((i) => analysis.mentions[i]).filter((m) => m !== undefined));
    const ma = spans(a);
    const mb = spans(b);
    const at = (start: number, end: number) => ({ uri: doc.uri, start: document.positionAt(start), end: document.positionAt(end) });
    if (q.kind === 'claim') {
      for (const claim of shownClaims(analysis.claims, q.claims ?? SHOW_ALL)) {
        if (!claim.speaker || !a.has(claim.speaker)) continue;
        if (!mb.some((m) => m.start >= claim.start && m.end <= claim.end)) continue;
        push(() => ({
          kind: 'claim',
          ...at(claim.start, claim.end),
          text: clip(claim.text, SENTENCE_CHARS),
          speaker: analysis.entities.find((e) => e.id === claim.speaker)?.canonical ?? claim.source?.text,
          cue: claim.cue?.text ?? null,
        }));
      }
      continue;
    }
    const ends = sentenceEnds(analysis);
    const sentencesOf = (ms: typeof ma) => new Set(ms.map((m) => sentenceIndex(ends, m.start)));
    const sa = sentencesOf(ma);
    const shared = [...sentencesOf(mb)].filter((s) => sa.has(s)).sort((x, y) => x - y);
    const blocks = analysis.structure.blocks;
    const blocksWithSentence = new Set<number>();
    for (const s of shared) {
      let start = s > 0 ? ends[s - 1] : 0;
      const end = s < ends.length ? ends[s] : text.length;
      while (start < end && /\s/.test(text[start])) start++;
      blocksWithSentence.add(blockIndex(blocks, start));
      push(() => ({ kind: 'sentence', ...at(start, end), text: clip(text.slice(start, end), SENTENCE_CHARS) }));
    }
    const blocksOf = (ms: typeof ma) => new Set(ms.map((m) => blockIndex(blocks, m.start)).filter((i) => i >= 0));
    const ba = blocksOf(ma);
    for (const i of [...blocksOf(mb)].filter((x) => ba.has(x) && !blocksWithSentence.has(x)).sort((x, y) => x - y)) {
      const block = blocks[i];
      // A long paragraph is shown around the two names.
      const names = [...ma, ...mb].filter((m) => m.start >= block.start && m.end <= block.end);
      const from = Math.max(block.start, Math.min(...names.map((m) => m.start)) - 150);
      const to = Math.min(block.end, Math.max(...names.map((m) => m.end)) + 150);
      const excerpt = `${from > block.start ? '…' : ''}${text.slice(from, to)}${to < block.end ? '…' : ''}`;
      push(() => ({ kind: 'paragraph', ...at(block.start, block.end), text: clip(excerpt, PARAGRAPH_CHARS + 2) }));
    }
  }
  return { items, total };
}
