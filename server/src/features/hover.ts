import type { Hover, HoverParams } from 'vscode-languageserver';
import type { Claim, DemonymMention, EntityCluster, EntityMention } from '../analysis/types';
import type { DocumentIndex, IndexedDocument } from '../workspace/documentIndex';
import { hitAt } from './lookup';
import { escapeMarkdown, plural, truncate, typeLabel } from './markdown';

export function hover(index: DocumentIndex, params: HoverParams): Hover | null {
  const doc = index.get(params.textDocument.uri);
  if (!doc) return null;
  const offset = doc.document.offsetAt(params.position);
  const hit = hitAt(doc, offset);
  if (!hit) return null;
  let value: string;
  let range: { start: number; end: number };
  if (hit.kind === 'mention') {
    value = entityHover(index, doc, hit.mention, hit.entity);
    range = hit.mention;
  } else if (hit.kind === 'demonym') {
    value = demonymHover(hit.demonym);
    range = hit.demonym;
  } else {
    value = claimHover(doc, hit.claim);
    range = hit.part === 'cue' && hit.claim.cue ? hit.claim.cue : hit.part === 'source' && hit.claim.source ? hit.claim.source : hit.claim;
  }
  return {
    contents: { kind: 'markdown', value },
    range: { start: doc.document.positionAt(range.start), end: doc.document.positionAt(range.end) },
  };
}

function entityHover(index: DocumentIndex, doc: IndexedDocument, mention: EntityMention, entity: EntityCluster): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(entity.canonical)}** · ${typeLabel(entity.type)}`);
  for (const d of entity.descriptions.slice(0, 3)) {
    lines.push(`*${escapeMarkdown(truncate(d.text, 160))}*`);
  }
  const facts = entity.facts;
  if (facts) {
    const parts: string[] = [];
    if (facts.country && entity.type !== 'country') parts.push(`in ${escapeMarkdown(facts.country)}`);
    if (facts.lat !== undefined && facts.lon !== undefined) parts.push(`${facts.lat.toFixed(4)}, ${facts.lon.toFixed(4)}`);
    if (facts.population) parts.push(`population ${facts.population.toLocaleString('en-US')}`);
    if (parts.length) lines.push(parts.join(' · '));
  }
  const aliases = entity.aliases.filter((a) => a !== entity.canonical);
  if (aliases.length) lines.push(`Also: ${aliases.map((a) => escapeMarkdown(a)).join(', ')}`);
  const workspaceId = index.workspaceId(doc.uri, entity.id);
  const refs = index.mentionsOf(workspaceId);
  const docs = new Set(refs.map((r) => r.doc.uri));
  lines.push(`Mentions: ${entity.mentions.length} here · ${refs.length} in ${plural(docs.size, 'document')}`);
  void mention;
  return lines.join('\n\n');
}

function demonymHover(d: DemonymMention): string {
  return `**${escapeMarkdown(d.text)}** · nationality adjective of **${escapeMarkdown(d.country)}**`;
}

function claimHover(doc: IndexedDocument, claim: Claim): string {
  const speaker = claim.speaker ? doc.analysis.entities.find((e) => e.id === claim.speaker)?.canonical ?? claim.speaker : null;
  const lines = [`**Claim** · ${claim.section === 'comments' ? `reader comment${claim.handle ? ` by ${escapeMarkdown(claim.handle)}` : ''}` : 'article'}`];
  lines.push(`Speaker: ${speaker ? escapeMarkdown(speaker) : claim.source ? escapeMarkdown(claim.source.text) : 'unattributed'}`);
  if (claim.cue) lines.push(`Cue: “${escapeMarkdown(claim.cue.text)}”`);
  if (claim.hedges.length) lines.push(`Hedges: ${claim.hedges.map(escapeMarkdown).join(', ')}`);
  lines.push(`> ${escapeMarkdown(truncate(claim.text, 300))}`);
  return lines.join('\n\n');
}
