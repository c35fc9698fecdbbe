import type { OverviewClaim, OverviewEntity, WorkspaceOverview } from '../../../common/protocol';
import type { DocumentIndex } from '../workspace/documentIndex';
import { speakerName } from './claimsOf';

const CONTEXT = 60;

/** The sidebar's model: every workspace entity with documents and mentions, and every claim. */
export function workspaceOverview(index: DocumentIndex): WorkspaceOverview {
  const entities = new Map<string, OverviewEntity>();
  const claims: OverviewClaim[] = [];
  let documents = 0;
  for (const doc of index.all()) {
    documents++;
    const a = doc.analysis;
    const text = doc.document.getText();
    for (const e of a.entities) {
      const id = index.workspaceId(doc.uri, e.id);
      let entry = entities.get(id);
      if (!entry) {
        entry = { id, name: e.canonical, kind: e.kind, type: e.type, mentionCount: 0, documents: [] };
        entities.set(id, entry);
      } else if (e.canonical.length > entry.name.length) entry.name = e.canonical;
      const mentions = e.mentions.map((i) => {
        const m = a.mentions[i];
        const from = Math.max(0, m.start - CONTEXT);
        const context = text.slice(from, Math.min(text.length, m.end + CONTEXT)).replace(/\s+/g, ' ').trim();
        return { uri: doc.uri, start: doc.document.positionAt(m.start), end: doc.document.positionAt(m.end), context };
      });
      entry.mentionCount += mentions.length;
      const existing = entry.documents.find((d) => d.uri === doc.uri);
      if (existing) existing.mentions.push(...mentions);
      else entry.documents.push({ uri: doc.uri, mentions });
    }
    for (const c of a.claims) {
      claims.push({
        uri: doc.uri,
        speakerId: c.speaker ? index.workspaceId(doc.uri, c.speaker) : null,
        speaker: speakerName(doc, c) ?? 'Unattributed',
        cue: c.cue?.text ?? null,
        text: c.text.replace(/\s+/g, ' '),
        section: c.section,
        start: doc.document.positionAt(c.start),
        end: doc.document.positionAt(c.end),
      });
    }
  }
  return { entities: [...entities.values()].sort((x, y) => y.mentionCount - x.mentionCount || x.name.localeCompare(y.name)), claims, documents };
}
