import {
  OVERVIEW_LIMIT,
  type OverviewClaim,
  type OverviewEntity,
  type OverviewMention,
  type OverviewSpeaker,
  type WorkspaceOverview,
} from '../../../../common/protocol';
import type { Claim } from '../../analysis/types';
import { raceCancellation, type CancelToken } from '../../workspace/cancellation';
import type { IndexedDocument } from '../../workspace/documentIndex';
import type { WorkspaceEntities } from '../../workspace/workspaceEntities';
import { isShown, thresholdsKey, type ClaimThresholds } from './claimFilter';
import { speakerFrom } from './claimsOf';
import { checkEvery, throwIfCancelled } from './context';
import { label, LABEL_MAX, truncate } from './markdown';
import { fullerName } from './viewData';

/*
 * The sidebar, level by level: the overview is a bounded summary (counts, no
 * mentions), and documents, mentions and claims are fetched when a node is
 * expanded. The summary walks every document, so it is computed in slices that
 * yield to the event loop (hovers are answered in between) and cached until
 * the index or the claim thresholds change. A cancelled request stops waiting for the summary; the
 * summary itself is finished, for the next request.
 */

const CONTEXT = 60;
/** Longest claim text sent for one sidebar item. */
const CLAIM_MAX = 300;
const SLICE_MS = 8;
/** The sidebar key of the claims whose source is a pronoun or description that was not resolved. */
export const UNRESOLVED_KEY = 'unresolved:';

interface SpeakerEntry extends OverviewSpeaker {
  /** Each claim as its document and place in the document's claims: the claim itself is read when it is shown or filtered. */
  claims: Array<{ doc: IndexedDocument; index: number }>;
}

const claimOf = (c: { doc: IndexedDocument; index: number }): Claim => c.doc.analysis.claims[c.index];

interface Summary {
  generation: number;
  entities: Array<OverviewEntity & { lastDoc: string }>;
  speakers: Map<string, SpeakerEntry>;
  documents: number;
}

export class WorkspaceOverviewService {
  private cached: Promise<Summary> | undefined;
  private cachedGeneration = -1;
  private cachedThresholds = '';
  private readonly docsCache = new Map<string, Array<{ uri: string; mentionCount: number }>>();
  private docsGeneration = -1;

  constructor(private readonly entities: WorkspaceEntities) {}

  async overview(filter: string, token: CancelToken, thresholds: ClaimThresholds): Promise<WorkspaceOverview> {
    const s = await raceCancellation(this.summary(thresholds), token);
    throwIfCancelled(token);
    const f = filter.trim().toLowerCase();
    const hit = (...texts: string[]) => !f || texts.some((t) => t.toLowerCase().includes(f));
    let truncated = false;
    const entities: OverviewEntity[] = [];
    for (const kind of ['actor', 'place'] as const) {
      const matching = s.entities.filter((e) => e.kind === kind && hit(e.name, e.type));
      if (matching.length > OVERVIEW_LIMIT) truncated = true;
      for (const { lastDoc: _, ...e } of matching.slice(0, OVERVIEW_LIMIT)) entities.push(e);
    }
    const speakers: OverviewSpeaker[] = [];
    for (const sp of s.speakers.values()) {
      const claimCount = f ? sp.claims.filter((c) => hit(sp.name, claimOf(c).text, claimOf(c).cue?.text ?? '')).length : sp.claims.length;
      if (claimCount) speakers.push({ key: sp.key, name: sp.name, resolved: sp.resolved, claimCount });
    }
    speakers.sort((a, b) => b.claimCount - a.claimCount || a.name.localeCompare(b.name));
    if (speakers.length > OVERVIEW_LIMIT) truncated = true;
    return { entities, speakers: speakers.slice(0, OVERVIEW_LIMIT), documents: s.documents, truncated };
  }

  /**
   * Documents that mention the entity, most mentions first: from the
   * aggregates' postings (no analysis is looked at), sorted once per change
   * and entity, so that the sidebar's pages of a name in 8,000 documents are slices.
   */
  entityDocuments(id: string): Array<{ uri: string; mentionCount: number }> {
    if (this.docsGeneration !== this.entities.generation) {
      this.docsCache.clear();
      this.docsGeneration = this.entities.generation;
    }
    let docs = this.docsCache.get(id);
    if (!docs) {
      docs = this.entities
        .documentCounts(id)
        .map((d) => ({ uri: d.uri, mentionCount: d.mentions }))
        .sort((a, b) => b.mentionCount - a.mentionCount || a.uri.localeCompare(b.uri));
      this.docsCache.set(id, docs);
      if (this.docsCache.size > 16) this.docsCache.delete(this.docsCache.keys().next().value as string);
    }
    return docs;
  }

  /** The entity's mentions in one document, in text order, with the text around each: `limit` of them from `offset`. */
  entityMentions(id: string, uri: string, offset = 0, limit = Infinity): OverviewMention[] {
    const member = this.entities.membersIn(id, uri);
    if (!member) return [];
    const [doc, entities] = member;
    const text = doc.document.getText();
    // The page is cut before the contexts are made: a long document can name an entity thousands of times.
    return entities
      .flatMap((e) => e.mentions.map((i) => doc.analysis.mentions[i]))
      .sort((a, b) => a.start - b.start)
      .slice(offset, offset + limit)
      .map((m) => ({
        uri,
        start: doc.document.positionAt(m.start),
        end: doc.document.positionAt(m.end),
        context: truncate(text.slice(Math.max(0, m.start - CONTEXT), Math.min(text.length, m.end + CONTEXT)), 2 * CONTEXT + LABEL_MAX),
      }));
  }

  async speakerClaims(key: string, filter: string, token: CancelToken, thresholds: ClaimThresholds): Promise<OverviewClaim[]> {
    const sp = (await raceCancellation(this.summary(thresholds), token)).speakers.get(key);
    if (!sp) return [];
    const f = filter.trim().toLowerCase();
    const out: OverviewClaim[] = [];
    for (let i = 0; i < sp.claims.length; i++) {
      checkEvery(token, i);
      const { doc } = sp.claims[i];
      const claim = claimOf(sp.claims[i]);
      if (f && ![sp.name, claim.text, claim.cue?.text ?? ''].some((t) => t.toLowerCase().includes(f))) continue;
      out.push({
        uri: doc.uri,
        speakerId: sp.resolved ? sp.key : null,
        speaker: sp.name,
        cue: claim.cue ? label(claim.cue.text) : null,
        text: truncate(claim.text, CLAIM_MAX),
        section: claim.section,
        start: doc.document.positionAt(claim.start),
        end: doc.document.positionAt(claim.end),
      });
    }
    return out;
  }

  private summary(thresholds: ClaimThresholds): Promise<Summary> {
    const key = thresholdsKey(thresholds);
    if (this.cached && this.cachedGeneration === this.entities.generation && this.cachedThresholds === key) return this.cached;
    this.cachedGeneration = this.entities.generation;
    this.cachedThresholds = key;
    const pending = this.compute(thresholds);
    this.cached = pending;
    // A failed walk is not cached.
    pending.catch(() => {
      if (this.cached === pending) this.cached = undefined;
    });
    return pending;
  }

  private async compute(thresholds: ClaimThresholds): Promise<Summary> {
    const generation = this.entities.generation;
    const entities = new Map<string, OverviewEntity & { lastDoc: string }>();
    const speakers = new Map<string, SpeakerEntry>();
    let documents = 0;
    let sliceStart = performance.now();
    // In uri order: names and types come from the first document that has the entity, whatever order indexing took.
    const docs = [...this.entities.documents()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    for (const doc of docs) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      // The document may have been replaced or removed while we yielded.
      if (this.entities.document(doc.uri) !== doc) continue;
      documents++;
      // Summaries only: the walk over every document reads no shard.
      const summary = this.entities.summary(doc);
      const canonical = new Map(summary.entities.map((e) => [e.id, e.canonical]));
      for (const e of summary.entities) {
        const id = this.entities.workspaceId(doc.uri, e.id);
        let entry = entities.get(id);
        if (!entry) {
          entry = { id, name: label(e.canonical), kind: e.kind, type: e.type, mentionCount: 0, documentCount: 0, lastDoc: '' };
          entities.set(id, entry);
        } else entry.name = fullerName(entry.name, label(e.canonical));
        entry.mentionCount += e.n;
        if (entry.lastDoc !== doc.uri) {
          entry.lastDoc = doc.uri;
          entry.documentCount++;
        }
      }
      for (let index = 0; index < summary.claims.length; index++) {
        const claim = summary.claims[index];
        if (!isShown(claim, thresholds)) continue;
        const entityName = claim.speaker ? canonical.get(claim.speaker) : undefined;
        const speaker = speakerFrom(entityName, claim.source);
        const speakerId = speaker.kind === 'entity' && claim.speaker ? this.entities.workspaceId(doc.uri, claim.speaker) : null;
        // Unresolved pronouns and descriptions ("they", "the ministry") are one group, never a speaker named "they".
        const name = label(speaker.kind === 'none' ? 'Unattributed' : speaker.kind === 'unresolved' ? 'Unresolved' : speaker.name);
        const key = speakerId ?? (speaker.kind === 'unresolved' ? UNRESOLVED_KEY : `source:${name.toLowerCase()}`);
        let sp = speakers.get(key);
        if (!sp) speakers.set(key, (sp = { key, name, resolved: speakerId !== null, claimCount: 0, claims: [] }));
        // A resolved speaker is one entity under several spellings: named as its actor is, whatever the documents' order.
        else if (speakerId) sp.name = fullerName(sp.name, name);
        sp.claims.push({ doc, index });
        sp.claimCount++;
      }
    }
    for (const sp of speakers.values()) {
      const e = sp.resolved ? entities.get(sp.key) : undefined;
      if (e) sp.name = e.name;
    }
    const sorted = [...entities.values()].sort((x, y) => y.mentionCount - x.mentionCount || x.name.localeCompare(y.name));
    return { generation, entities: sorted, speakers, documents };
  }
}
