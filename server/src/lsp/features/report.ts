import { anchor } from '../../../../common/anchoring';
import type { Annotation } from '../../../../common/annotations';
import type { EntityCluster } from '../../analysis/types';
import type { WorkspaceEntities } from '../../workspace/workspaceEntities';
import { blockQuote, escapeBlock, escapeInline, linkTarget } from './reportMarkdown';
import { lowerBound } from '../../../../common/search';
import { SHOW_ALL, shownClaims, type ClaimThresholds } from './claimFilter';
import { quoted } from './markdown';
import { fullerName } from './viewData';

/*
 * `Dossier: Write Report` and `dossier report`: the user's tagged passages by
 * tag, their notes without tags, and the claims of the actors they tagged, as
 * Markdown. Pure: the server and the CLI read the documents and sidecars and
 * pass them in, with an index for the claims; both print the same text.
 */

export interface ReportDocument {
  uri: string;
  /** How the reader knows the document: its path relative to the folder. */
  name: string;
  /** Its path relative to where the report is saved, '/'-separated, for links. */
  link: string;
  text: string;
  annotations: readonly Annotation[];
}

interface Citation {
  name: string;
  link: string;
  line: number | null;
}

interface Passage {
  annotation: Annotation;
  quote: string;
  citation: Citation;
}

interface ActorEntry {
  id: string;
  name: string;
  type: string;
  tags: Set<string>;
  notes: string[];
}

/** What the report needs of the index: claims by workspace entity, and local → workspace ids. */
export type ReportIndex = Pick<WorkspaceEntities, 'document' | 'membersOf' | 'workspaceId'>;

export interface ReportInput {
  documents: readonly ReportDocument[];
  /** The index of the analysed documents; without it, the claims section says so. */
  index?: ReportIndex;
  /** Citation name and link of a document the report has no ReportDocument for (claims elsewhere). */
  describe(uri: string): { name: string; link: string };
  /** The claims listed: those at or above these thresholds (default: every claim). */
  claims?: ClaimThresholds;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function writeReport(input: ReportInput): string {
  const docs = [...input.documents].sort((a, b) => collator.compare(a.name, b.name));
  const passages: Passage[] = [];
  const actors = new Map<string, ActorEntry>();
  for (const doc of docs) {
    const lineOf = lineFinder(doc.text);
    for (const a of doc.annotations) {
      if (a.kind === 'correction') continue;
      const { position, quote } = a.target;
      const at = anchor(doc.text, {
        start: position.start,
        end: position.end,
        exact: quote.exact,
        prefix: quote.prefix,
        suffix: quote.suffix,
      });
      const citation = { name: doc.name, link: doc.link, line: at ? lineOf(at.start) : null };
      passages.push({ annotation: a, quote: at ? doc.text.slice(at.start, at.end) : quote.exact, citation });
      if (a.kind === 'entity-tag') {
        const actor = taggedActor(input.index, doc, a, at?.start ?? null);
        if (!actor) continue;
        let entry = actors.get(actor.id);
        if (!entry) actors.set(actor.id, (entry = { ...actor, tags: new Set(), notes: [] }));
        for (const t of a.body.tags) entry.tags.add(t);
        if (a.body.note?.trim()) entry.notes.push(a.body.note.trim());
      }
    }
  }
  const tagged = passages.filter((p) => p.annotation.body.tags.length > 0);
  const notes = passages.filter((p) => !p.annotation.body.tags.length && p.annotation.body.note?.trim());
  const tags = [...new Set(tagged.flatMap((p) => p.annotation.body.tags))].sort(collator.compare);
  const out: string[] = ['# Dossier report', ''];
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  out.push(
    `${count(tagged.length, 'tagged passage')} under ${count(tags.length, 'tag')}, ${count(notes.length, 'note')} without tags, ${count(actors.size, 'tagged actor')}; from ${count(new Set(passages.map((p) => p.citation.name)).size, 'document')}.`,
    '',
  );

  out.push('## Tags', '');
  if (!tags.length) out.push('No tagged passages.', '');
  for (const tag of tags) {
    out.push(`### ${escapeInline(tag)}`, '');
    const withTag = tagged.filter((p) => p.annotation.body.tags.includes(tag));
    for (const p of withTag.filter((x) => x.annotation.kind === 'passage')) {
      const others = p.annotation.body.tags.filter((t) => t !== tag);
      out.push(...passageBlock(p, others.length ? `also tagged ${others.map(escapeInline).join(', ')}` : ''));
    }
    const entities = withTag.filter((x) => x.annotation.kind === 'entity-tag');
    if (entities.length) {
      const names = entities.map((p) =>
        p.annotation.kind === 'entity-tag' ? `${escapeInline(p.annotation.entity.name)} (${cite(p.citation)})` : '',
      );
      out.push(`Entities tagged ${escapeInline(tag)}: ${[...new Set(names)].join('; ')}.`, '');
    }
  }

  out.push('## Notes without tags', '');
  if (!notes.length) out.push('No notes without tags.', '');
  for (const p of notes) out.push(...passageBlock(p, ''));

  out.push('## Claims of tagged actors', '');
  if (!actors.size) out.push('No actor is tagged: tag one with “Dossier: Tag Entity” to list their claims here.', '');
  else if (!input.index) out.push('The documents were not analysed, so claims are not listed.', '');
  const index = input.index;
  if (index) {
    const known = new Map(docs.map((d) => [d.uri, d]));
    const describe = (uri: string) => known.get(uri) ?? input.describe(uri);
    for (const actor of [...actors.values()].sort((a, b) => collator.compare(a.name, b.name)))
      out.push(...actorSection(actor, index, describe, input.claims ?? SHOW_ALL));
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

function actorSection(
  actor: ActorEntry,
  index: ReportIndex,
  describe: (uri: string) => { name: string; link: string },
  thresholds: ClaimThresholds,
): string[] {
  const out = [`### ${escapeInline(actor.name)}`, ''];
  const about = [`*${actor.type}*`];
  if (actor.tags.size) about.push(`tagged ${[...actor.tags].sort(collator.compare).map(escapeInline).join(', ')}`);
  out.push(about.join(' · '), '');
  for (const note of actor.notes) out.push(...noteLines(note), '');
  const claims = claimsOf(index, actor.id, thresholds);
  if (!claims.length) out.push('No claims by this actor in the documents.', '');
  for (const { doc, claim } of claims) {
    const { name, link } = describe(doc.uri);
    const cue = claim.cue ? ` — ${escapeInline(claim.cue.text)}` : '';
    const content = claim.text.replace(/\s+/g, ' ').trim();
    out.push(`- ${quoted(escapeInline(content))}${cue} · ${cite({ name, link, line: doc.document.positionAt(claim.start).line + 1 })}`);
  }
  out.push('');
  return out;
}

/** The claims shown whose speaker belongs to the workspace entity, documents by uri, claims in text order. */
function claimsOf(index: ReportIndex, id: string, thresholds: ClaimThresholds) {
  return index.membersOf(id).flatMap(([doc, entities]) => {
    const ids = new Set(entities.map((e) => e.id));
    return shownClaims(doc.analysis.claims, thresholds)
      .filter((c) => c.speaker !== null && ids.has(c.speaker))
      .map((claim) => ({ doc, claim }));
  });
}

function passageBlock(p: Passage, extra: string): string[] {
  const lines = [blockQuote(p.quote), '', [cite(p.citation), extra].filter(Boolean).join(' · '), ''];
  const note = p.annotation.body.note?.trim();
  if (note) lines.push(...noteLines(note), '');
  return lines;
}

function noteLines(note: string): string[] {
  const [first, ...rest] = escapeBlock(note);
  return [`**Note:** ${first ?? ''}`, ...rest];
}

function cite(c: Citation): string {
  if (c.line === null) return `[${escapeInline(c.name)}](${linkTarget(c.link, null)}) (passage not found in the current text)`;
  return `[${escapeInline(c.name)}, line ${c.line}](${linkTarget(c.link, c.line)})`;
}

/** 1-based line of an offset. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  // The 1-based line: the number of line starts at or before the offset.
  return (offset) =>
    Math.max(
      1,
      lowerBound(starts, (start) => start <= offset),
    );
}

/**
 * The workspace actor an entity tag is about: the detected entity whose
 * mention the tag is anchored on, else the one with the stored local id;
 * none when it is a place. Without an analysis, the stored entity.
 */
function taggedActor(
  index: ReportIndex | undefined,
  doc: ReportDocument,
  a: Extract<Annotation, { kind: 'entity-tag' }>,
  start: number | null,
): { id: string; name: string; type: string } | null {
  const analysis = index?.document(doc.uri)?.analysis;
  if (!index || !analysis) {
    const type = a.entity.type;
    return type === 'person' || type === 'organization' ? { id: a.entity.id, name: a.entity.name, type } : null;
  }
  let entity: EntityCluster | undefined;
  if (start !== null) {
    const m = analysis.mentions.findIndex((x) => x.start <= start && start < x.end);
    if (m >= 0) entity = analysis.entities.find((e) => e.mentions.includes(m));
  }
  entity ??= analysis.entities.find((e) => e.id === a.entity.id);
  if (!entity || entity.kind !== 'actor') return null;
  const id = index.workspaceId(doc.uri, entity.id);
  const names = index.membersOf(id).flatMap(([, es]) => es.map((e) => e.canonical));
  const name = names.reduce(fullerName, entity.canonical);
  return { id, name, type: entity.type };
}
