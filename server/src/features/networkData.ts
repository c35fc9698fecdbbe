import { NETWORK_MAX_NODES, NETWORK_TOP_N, type NetworkData, type NetworkEdge, type NetworkFilter, type NetworkNode } from '../../../common/protocol';
import { sentenceEnds } from '../workspace/compact';
import { blockIndex, fullerName, sentenceIndex, type ResolveId, type ViewDocument } from './viewData';

/*
 * The network view's data: actors as nodes, and two kinds of links between
 * them, both read from what the index keeps (no re-analysis):
 *  - co-occurrence: both named in one sentence (sentence ends are kept by
 *    the index) or one paragraph (a structure block);
 *  - claims: a speaker → each actor named in the content of their claims.
 * Two passes over the documents: the first counts mentions per actor, the
 * filter then picks the visible actors, and the second links only those, so
 * the pair counts stay small (a visible × visible matrix) for any workspace.
 */

export const DEFAULT_MAX_EDGES = 2000;

interface Actor {
  id: string;
  name: string;
  type: 'person' | 'organization';
  typeWeight: number;
  mentionCount: number;
  documentCount: number;
  lastDoc: string;
}

export interface NetworkOptions extends NetworkFilter {
  /** At most this many edges of each kind, the heaviest (default DEFAULT_MAX_EDGES). */
  maxEdges?: number;
}

export class NetworkBuilder {
  private readonly actors: Actor[] = [];
  private readonly byId = new Map<string, number>();
  /** Per document (by uri): the actor number of each local entity, -1 for places. */
  private readonly local = new Map<string, Int32Array>();
  private documents = 0;
  /** Actor number → position among the shown nodes, or -1. */
  private shown = new Int32Array(0);
  private nodes: NetworkNode[] = [];
  private matching = 0;
  private sentences = new Int32Array(0);
  private paragraphs = new Int32Array(0);
  private claims = new Int32Array(0);

  constructor(private readonly resolve: ResolveId) {}

  /** First pass: mentions and documents per actor. */
  count(doc: ViewDocument): void {
    this.documents++;
    const entities = doc.analysis.entities;
    const numbers = new Int32Array(entities.length).fill(-1);
    for (let i = 0; i < entities.length; i++) {
      const e = entities[i];
      if (e.kind !== 'actor') continue;
      const id = this.resolve(doc.uri, e.id);
      let n = this.byId.get(id);
      if (n === undefined) {
        n = this.actors.length;
        this.byId.set(id, n);
        this.actors.push({ id, name: e.canonical, type: e.type as Actor['type'], typeWeight: -1, mentionCount: 0, documentCount: 0, lastDoc: '' });
      }
      const a = this.actors[n];
      a.name = fullerName(a.name, e.canonical);
      if (e.mentions.length > a.typeWeight) {
        a.type = e.type as Actor['type'];
        a.typeWeight = e.mentions.length;
      }
      a.mentionCount += e.mentions.length;
      if (a.lastDoc !== doc.uri) {
        a.lastDoc = doc.uri;
        a.documentCount++;
      }
      numbers[i] = n;
    }
    this.local.set(doc.uri, numbers);
  }

  /** Between the passes: the actors to show, by the filter. */
  select(filter: NetworkFilter = {}): void {
    const text = (filter.text ?? '').trim().toLowerCase();
    const min = Math.max(1, Math.floor(filter.minMentions ?? 1));
    const top = Math.max(1, Math.min(NETWORK_MAX_NODES, Math.floor(filter.topN ?? NETWORK_TOP_N)));
    const candidates: number[] = [];
    for (let n = 0; n < this.actors.length; n++) {
      const a = this.actors[n];
      if (a.mentionCount >= min && (!text || a.name.toLowerCase().includes(text))) candidates.push(n);
    }
    this.matching = candidates.length;
    candidates.sort((x, y) => {
      const a = this.actors[x];
      const b = this.actors[y];
      return b.mentionCount - a.mentionCount || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
    });
    const picked = candidates.slice(0, top);
    this.shown = new Int32Array(this.actors.length).fill(-1);
    this.nodes = picked.map((n, i) => {
      this.shown[n] = i;
      const a = this.actors[n];
      return { id: a.id, name: a.name, type: a.type, mentionCount: a.mentionCount, documentCount: a.documentCount };
    });
    const size = picked.length * picked.length;
    this.sentences = new Int32Array(size);
    this.paragraphs = new Int32Array(size);
    this.claims = new Int32Array(size);
  }

  /** Second pass: the links between shown actors in one document. */
  link(doc: ViewDocument): void {
    const numbers = this.local.get(doc.uri);
    if (!numbers || !this.nodes.length) return;
    const { mentions, entities, claims, structure } = doc.analysis;
    // Shown actors' mentions, as (start, end, node) in text order.
    const starts: number[] = [];
    const ends: number[] = [];
    const nodeOf: number[] = [];
    const byLocalId = new Map<string, number>();
    for (let i = 0; i < entities.length; i++) {
      const n = numbers[i] >= 0 ? this.shown[numbers[i]] : -1;
      if (n < 0) continue;
      byLocalId.set(entities[i].id, n);
      for (const m of entities[i].mentions) {
        const mention = mentions[m];
        if (!mention) continue;
        starts.push(mention.start);
        ends.push(mention.end);
        nodeOf.push(n);
      }
    }
    if (!nodeOf.length) return;
    const order = nodeOf.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
    const V = this.nodes.length;
    const sentenceBounds = sentenceEnds(doc.analysis);
    const blocks = structure.blocks;
    this.pairs(order.map((i) => sentenceIndex(sentenceBounds, starts[i])), order.map((i) => nodeOf[i]), this.sentences, V);
    this.pairs(order.map((i) => blockIndex(blocks, starts[i])), order.map((i) => nodeOf[i]), this.paragraphs, V);
    // Claims: the speaker → every other shown actor named inside the content.
    const sortedStarts = order.map((i) => starts[i]);
    for (const claim of claims) {
      if (!claim.speaker) continue;
      const speaker = byLocalId.get(claim.speaker);
      if (speaker === undefined) continue;
      const seen = new Set<number>();
      for (let k = lowerBound(sortedStarts, claim.start); k < order.length && sortedStarts[k] < claim.end; k++) {
        const i = order[k];
        const target = nodeOf[i];
        if (ends[i] <= claim.end && target !== speaker && !seen.has(target)) {
          seen.add(target);
          this.claims[speaker * V + target]++;
        }
      }
    }
  }

  /** Counts each unordered pair of distinct nodes once per group (groups are runs of equal keys; key -1 is no group). */
  private pairs(keys: number[], nodes: number[], into: Int32Array, V: number): void {
    let i = 0;
    while (i < keys.length) {
      let j = i;
      const group = new Set<number>();
      while (j < keys.length && keys[j] === keys[i]) group.add(nodes[j++]);
      if (keys[i] >= 0 && group.size > 1) {
        const members = [...group];
        for (let a = 0; a < members.length; a++) {
          for (let b = a + 1; b < members.length; b++) {
            const [x, y] = members[a] < members[b] ? [members[a], members[b]] : [members[b], members[a]];
            into[x * V + y]++;
          }
        }
      }
      i = j;
    }
  }

  result(maxEdges = DEFAULT_MAX_EDGES): NetworkData {
    const V = this.nodes.length;
    const co: NetworkEdge[] = [];
    const said: NetworkEdge[] = [];
    for (let x = 0; x < V; x++) {
      for (let y = 0; y < V; y++) {
        const k = x * V + y;
        if (x < y && (this.sentences[k] || this.paragraphs[k])) {
          const [source, target] = ordered(this.nodes[x].id, this.nodes[y].id);
          co.push({ kind: 'cooccurrence', source, target, sentences: this.sentences[k], paragraphs: this.paragraphs[k], claims: 0, weight: this.sentences[k] + this.paragraphs[k] });
        }
        if (this.claims[k]) said.push({ kind: 'claim', source: this.nodes[x].id, target: this.nodes[y].id, sentences: 0, paragraphs: 0, claims: this.claims[k], weight: this.claims[k] });
      }
    }
    const heaviest = (a: NetworkEdge, b: NetworkEdge) => b.weight - a.weight || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0);
    co.sort(heaviest);
    said.sort(heaviest);
    const edges = [...co.slice(0, maxEdges), ...said.slice(0, maxEdges)];
    return {
      nodes: this.nodes,
      edges,
      matching: this.matching,
      actors: this.actors.length,
      documents: this.documents,
      droppedEdges: co.length + said.length - edges.length,
    };
  }
}

function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

function lowerBound(xs: readonly number[], value: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The network of these documents with the filter applied. */
export function buildNetworkData(docs: readonly ViewDocument[], resolve: ResolveId, options: NetworkOptions = {}): NetworkData {
  const builder = new NetworkBuilder(resolve);
  for (const doc of docs) builder.count(doc);
  builder.select(options);
  for (const doc of docs) builder.link(doc);
  return builder.result(options.maxEdges);
}
