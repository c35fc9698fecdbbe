import type { DocumentAnalysis } from '../../analysis/types';
import { sentenceEnds } from '../../workspace/compact';
import { blockIndex, sentenceIndex } from './viewData';
import { lowerBound } from '../../../../common/search';
import { claimScore } from './claimFilter';

/*
 * What the network needs of one analysis, as flat number arrays: its actor
 * mentions in text order with their sentence and paragraph, and its claims
 * with the mentions inside their content. Computed once per analysis (the
 * index replaces the analysis object when a document changes), so repeated
 * network requests only count.
 */

export interface ActorSummary {
  /** Indices (into analysis.entities) of the actor entities. */
  actors: Int32Array;
  /** Per actor mention, in text order: its entity index, end offset, sentence and paragraph (-1: none). */
  entity: Int32Array;
  end: Int32Array;
  sentence: Int32Array;
  block: Int32Array;
  /** Per claim whose speaker is an actor: the speaker's entity index, the mentions [from, to) that start inside it, and its end. */
  claimSpeaker: Int32Array;
  claimFrom: Int32Array;
  claimTo: Int32Array;
  claimEnd: Int32Array;
  /** Per such claim: its confidence and whether it is in the reader comments (the thresholds are applied per request). */
  claimScore: Float64Array;
  claimInComments: Uint8Array;
}

const cache = new WeakMap<DocumentAnalysis, ActorSummary>();

export function actorSummary(analysis: DocumentAnalysis): ActorSummary {
  let s = cache.get(analysis);
  if (!s) cache.set(analysis, (s = summarise(analysis)));
  return s;
}

function summarise(analysis: DocumentAnalysis): ActorSummary {
  const { entities, mentions, claims, structure } = analysis;
  const actors: number[] = [];
  const found: Array<{ entity: number; start: number; end: number }> = [];
  const indexOf = new Map<string, number>();
  entities.forEach((e, i) => {
    if (e.kind !== 'actor') return;
    actors.push(i);
    indexOf.set(e.id, i);
    for (const m of e.mentions) {
      const mention = mentions[m];
      if (mention) found.push({ entity: i, start: mention.start, end: mention.end });
    }
  });
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const ends = sentenceEnds(analysis);
  const starts = found.map((f) => f.start);
  const speaking = claims.filter((c) => c.speaker !== null && indexOf.has(c.speaker));
  return {
    actors: Int32Array.from(actors),
    entity: Int32Array.from(found, (f) => f.entity),
    end: Int32Array.from(found, (f) => f.end),
    sentence: Int32Array.from(found, (f) => sentenceIndex(ends, f.start)),
    block: Int32Array.from(found, (f) => blockIndex(structure.blocks, f.start)),
    claimSpeaker: Int32Array.from(speaking, (c) => indexOf.get(c.speaker as string) as number),
    claimFrom: Int32Array.from(speaking, (c) => firstAtLeast(starts, c.start)),
    claimTo: Int32Array.from(speaking, (c) => firstAtLeast(starts, c.end)),
    claimEnd: Int32Array.from(speaking, (c) => c.end),
    claimScore: Float64Array.from(speaking, claimScore),
    claimInComments: Uint8Array.from(speaking, (c) => (c.section === 'comments' ? 1 : 0)),
  };
}

function firstAtLeast(xs: readonly number[], value: number): number {
  return lowerBound(xs, (x) => x < value);
}
