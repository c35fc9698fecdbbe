import {
  NETWORK_MAX_NODES,
  NETWORK_TOP_N,
  type NetworkData,
  type NetworkEdge,
  type NetworkFilter,
  type NetworkNode,
} from '../../../../common/protocol';
import { actorSummary } from './actorSummary';
import { SHOW_ALL, type ClaimThresholds } from './claimFilter';
import { fullerName, type EntityIds, type ViewDocument } from './viewData';

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
  /** Claims below these are not links (default: every claim). */
  claims?: ClaimThresholds;
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
  /** Scratch space of link(): the shown node of each mention, a visit stamp per node, a group's members. */
  private node = new Int32Array(64);
  private seen = new Int32Array(0);
  private members: number[] = [];
  private stamp = 0;

  /** The claims that make links: those the editor shows (`dossier.claims.*`). */
  constructor(
    private readonly ids: EntityIds,
    private readonly thresholds: ClaimThresholds,
  ) {}

  /** First pass: mentions and documents per actor. */
  count(doc: ViewDocument): void {
    this.documents++;
    const entities = doc.analysis.entities;
    const numbers = new Int32Array(entities.length).fill(-1);
    const ids = this.ids(doc);
    for (const i of actorSummary(doc.analysis).actors) {
      const e = entities[i];
      const id = ids[i];
      let n = this.byId.get(id);
      if (n === undefined) {
        n = this.actors.length;
        this.byId.set(id, n);
        this.actors.push({
          id,
          name: e.canonical,
          type: e.type as Actor['type'],
          typeWeight: -1,
          mentionCount: 0,
          documentCount: 0,
          lastDoc: '',
        });
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
      // Code-unit order for ties: localeCompare would dominate the time with thousands of rare actors.
      return b.mentionCount - a.mentionCount || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1);
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
    this.seen = new Int32Array(picked.length);
    this.stamp = 0;
  }

  /** Second pass: the links between shown actors in one document. */
  link(doc: ViewDocument): void {
    const numbers = this.local.get(doc.uri);
    if (!numbers || !this.nodes.length) return;
    const s = actorSummary(doc.analysis);
    const M = s.entity.length;
    if (!M) return;
    if (this.node.length < M) this.node = new Int32Array(M * 2);
    const node = this.node;
    for (let k = 0; k < M; k++) {
      const a = numbers[s.entity[k]];
      node[k] = a >= 0 ? this.shown[a] : -1;
    }
    const V = this.nodes.length;
    this.groups(s.sentence, M, this.sentences, V);
    this.groups(s.block, M, this.paragraphs, V);
    // Claims: the speaker → every other shown actor named inside the content.
    const { minConfidence, minConfidenceInComments } = this.thresholds;
    for (let c = 0; c < s.claimSpeaker.length; c++) {
      if (s.claimScore[c] < (s.claimInComments[c] ? minConfidenceInComments : minConfidence)) continue;
      const a = numbers[s.claimSpeaker[c]];
      const speaker = a >= 0 ? this.shown[a] : -1;
      if (speaker < 0) continue;
      const stamp = ++this.stamp;
      for (let k = s.claimFrom[c]; k < s.claimTo[c]; k++) {
        const target = node[k];
        if (target < 0 || target === speaker || s.end[k] > s.claimEnd[c] || this.seen[target] === stamp) continue;
        this.seen[target] = stamp;
        this.claims[speaker * V + target]++;
      }
    }
  }

  /** Counts each unordered pair of distinct shown nodes once per group: runs of equal keys (-1: no group) over the mentions. */
  private groups(keys: Int32Array, M: number, into: Int32Array, V: number): void {
    const node = this.node;
    const members = this.members;
    let i = 0;
    while (i < M) {
      const key = keys[i];
      const stamp = ++this.stamp;
      let count = 0;
      let j = i;
      for (; j < M && keys[j] === key; j++) {
        const n = node[j];
        if (n >= 0 && this.seen[n] !== stamp) {
          this.seen[n] = stamp;
          members[count++] = n;
        }
      }
      if (key >= 0) {
        for (let a = 0; a < count; a++) {
          for (let b = a + 1; b < count; b++) {
            const x = members[a];
            const y = members[b];
            into[x < y ? x * V + y : y * V + x]++;
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
          co.push({
            kind: 'cooccurrence',
            source,
            target,
            sentences: this.sentences[k],
            paragraphs: this.paragraphs[k],
            claims: 0,
            weight: this.sentences[k] + this.paragraphs[k],
          });
        }
        if (this.claims[k])
          said.push({
            kind: 'claim',
            source: this.nodes[x].id,
            target: this.nodes[y].id,
            sentences: 0,
            paragraphs: 0,
            claims: this.claims[k],
            weight: this.claims[k],
          });
      }
    }
    const heaviest = (a: NetworkEdge, b: NetworkEdge) =>
      b.weight - a.weight || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0);
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

/** The network of these documents with the filter applied. */
export function buildNetworkData(docs: readonly ViewDocument[], ids: EntityIds, options: NetworkOptions = {}): NetworkData {
  const builder = new NetworkBuilder(ids, options.claims ?? SHOW_ALL);
  for (const doc of docs) builder.count(doc);
  builder.select(options);
  for (const doc of docs) builder.link(doc);
  return builder.result(options.maxEdges);
}
