import type { Hover, Position } from 'vscode-languageserver';
import type { Claim, DemonymMention, EntityCluster, ResolvedPlace } from '../../analysis/types';
import type { IndexedDocument } from '../../workspace/documentIndex';
import type { WorkspaceEntities } from '../../workspace/workspaceEntities';
import { claimScore } from './claimFilter';
import { speakerOf, UNRESOLVED } from './claimsOf';
import type { FeatureContext } from './context';
import { hitAt } from './lookup';
import { escapeMarkdown } from '../../../../common/markdownText';
import { label, linkDestination, plural, quoted, thousands, truncate, typeLabel } from './markdown';
import { baseName } from '../../../../common/strings';
import { toRange } from './range';
import { tagsAt } from './tags';

const MAX_DOCS = 5;
const MAX_CLAIMS = 3;
const MAX_DESCRIPTIONS = 3;
const MAX_ALIASES = 8;

/** What is at the position: an entity (with its workspace-wide mentions and claims), a nationality adjective or a claim; user tags included. */
export function hover(doc: IndexedDocument, position: Position, ctx: FeatureContext): Hover | null {
  const hit = hitAt(doc, doc.document.offsetAt(position), ctx.claims);
  if (!hit) return null;
  let value: string;
  let span: { start: number; end: number };
  if (hit.kind === 'mention') {
    const tags = tagsAt(ctx.annotations, hit.mention, doc.analysis);
    value = hit.entity.kind === 'actor' ? actorHover(ctx.entities, doc, hit.entity, tags) : placeHover(ctx.entities, doc, hit.entity, tags);
    span = hit.mention;
  } else if (hit.kind === 'demonym') {
    value = demonymHover(ctx.entities, hit.demonym);
    span = hit.demonym;
  } else {
    span = hit.part === 'cue' && hit.claim.cue ? hit.claim.cue : hit.part === 'source' && hit.claim.source ? hit.claim.source : hit.claim;
    value = claimHover(doc, hit.claim, tagsAt(ctx.annotations, hit.claim, doc.analysis));
  }
  return { contents: { kind: 'markdown', value }, range: toRange(doc, span) };
}

function header(entity: EntityCluster): string {
  return `**${escapeMarkdown(label(entity.canonical))}** · ${typeLabel(entity.type)}`;
}

function mentionLines(entities: WorkspaceEntities, doc: IndexedDocument, entity: EntityCluster): string[] {
  const stats = entities.stats(entities.workspaceId(doc.uri, entity.id));
  const lines = [`Mentions: ${entity.mentions.length} here · ${stats.mentionCount} in ${plural(stats.documentCount, 'document')}`];
  // The aggregates keep a few more documents than shown, so leaving this one out still leaves enough.
  const others = stats.topDocuments.filter((d) => d.uri !== doc.uri).slice(0, MAX_DOCS);
  const otherCount = stats.documentCount - (stats.has(doc.uri) ? 1 : 0);
  if (others.length) {
    const shown = others.map(
      (d) => `[${escapeMarkdown(label(baseName(d.uri)))}](${linkDestination(d.uri)}#L${d.line + 1}) (${d.mentions})`,
    );
    lines.push(`Also in: ${shown.join(' · ')}${otherCount > others.length ? ` · and ${otherCount - others.length} more` : ''}`);
  }
  return lines;
}

function aliasLine(entity: EntityCluster): string[] {
  const aliases = entity.aliases.filter((a) => a !== entity.canonical);
  if (!aliases.length) return [];
  const more = aliases.length > MAX_ALIASES ? ` and ${aliases.length - MAX_ALIASES} more` : '';
  return [
    `Also written: ${aliases
      .slice(0, MAX_ALIASES)
      .map((a) => escapeMarkdown(label(a)))
      .join(', ')}${more}`,
  ];
}

function tagLine(tags: string[]): string[] {
  return tags.length ? [`Tags: ${tags.map((t) => `\`${label(t).replace(/`/g, "'")}\``).join(' ')}`] : [];
}

function actorHover(entities: WorkspaceEntities, doc: IndexedDocument, entity: EntityCluster, tags: string[]): string {
  let lines = [header(entity)];
  for (const d of entity.descriptions.slice(0, MAX_DESCRIPTIONS)) {
    const sentence = doc.document.getText().slice(d.sentence.start, d.sentence.end);
    lines.push(`*${escapeMarkdown(truncate(d.text, 160))}* — ${quoted(escapeMarkdown(truncate(sentence, 200)))}`);
  }
  lines = lines.concat(aliasLine(entity), mentionLines(entities, doc, entity));
  const stats = entities.stats(entities.workspaceId(doc.uri, entity.id));
  if (stats.claimCount) {
    lines.push(`Claims (${stats.claimCount}):`);
    for (const c of stats.topClaims.slice(0, MAX_CLAIMS)) {
      lines.push(
        `- [${escapeMarkdown(label(c.cue ?? 'claims'))}](${linkDestination(c.uri)}#L${c.line + 1}): “${escapeMarkdown(truncate(c.text.replace(/^["“]|["”]$/g, ''), 140))}”`,
      );
    }
    if (stats.claimCount > MAX_CLAIMS) lines.push(`and ${stats.claimCount - MAX_CLAIMS} more`);
  }
  lines = lines.concat(tagLine(tags));
  return lines.join('\n\n');
}

function placeHover(entities: WorkspaceEntities, doc: IndexedDocument, entity: EntityCluster, tags: string[]): string {
  let lines = [header(entity)];
  const f = entity.facts;
  const p = entity.place;
  if (p) lines.push(placeLine(p));
  const country = p ? countryName(entity, p.country) : f?.country;
  if (country && entity.type !== 'country') lines.push(`Country: ${escapeMarkdown(label(country))}`);
  const lat = p?.lat ?? f?.lat;
  const lon = p?.lon ?? f?.lon;
  if (lat !== undefined && lon !== undefined) lines.push(coordinatesLine(entity, lat, lon));
  const population = p ? p.population : f?.population;
  if (population) lines.push(`Population: ${thousands(population)}`);
  if (p?.alternatives) lines.push(`${plural(p.alternatives, 'other place')} with this name`);
  for (const d of entity.descriptions.slice(0, MAX_DESCRIPTIONS)) lines.push(`*${escapeMarkdown(truncate(d.text, 160))}*`);
  lines = lines.concat(aliasLine(entity), mentionLines(entities, doc, entity));
  lines = lines.concat(tagLine(tags));
  return lines.join('\n\n');
}

/** The place the document means: its gazetteer name and first-level division ("Paris · Texas"). */
function placeLine(p: ResolvedPlace): string {
  const parts = [`**${escapeMarkdown(label(p.name))}**`];
  if (p.admin1 && p.admin1 !== p.name) parts.push(escapeMarkdown(label(p.admin1)));
  return `Place: ${parts.join(' · ')}`;
}

/** The country's name: the analysis's own when it is about the same country, else the runtime's English name for the code. */
function countryName(entity: EntityCluster, code: string): string {
  if (entity.facts?.country && entity.facts.countryCode === code) return entity.facts.country;
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function coordinatesLine(entity: EntityCluster, latitude: number, longitude: number): string {
  // Numbers, not document text: the link is ours.
  const lat = latitude.toFixed(4);
  const lon = longitude.toFixed(4);
  const zoom = entity.type === 'country' ? 5 : entity.type === 'region' ? 7 : 10;
  return `Coordinates: ${lat}, ${lon} · [OpenStreetMap](https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=${zoom}/${lat}/${lon})`;
}

function demonymHover(entities: WorkspaceEntities, d: DemonymMention): string {
  const stats = entities.stats(d.countryId);
  const mentions = stats.mentionCount;
  return [
    `**${escapeMarkdown(label(d.text))}** · nationality adjective`,
    `Country: **${escapeMarkdown(label(d.country))}**${mentions ? ` · mentioned ${mentions}× in ${plural(stats.documentCount, 'document')}` : ''}`,
  ].join('\n\n');
}

function claimHover(doc: IndexedDocument, claim: Claim, tags: string[]): string {
  const section =
    claim.section === 'comments' ? `reader comment${claim.handle ? ` by ${escapeMarkdown(label(claim.handle))}` : ''}` : 'article';
  let lines = [`**Claim** · ${section}`];
  const speaker = speakerOf(doc, claim);
  const name =
    speaker.kind === 'none' ? 'unattributed' : speaker.kind === 'unresolved' ? `*${UNRESOLVED}*` : escapeMarkdown(label(speaker.name));
  // The source as written, when the speaker reads otherwise ("Hakim al-Zamili (as “the parliamentarian”)", "unresolved (as “they”)").
  const written = claim.source && (speaker.kind === 'entity' || speaker.kind === 'unresolved') && speaker.name !== claim.source.text;
  lines.push(`Speaker: ${name}${written && claim.source ? ` (as “${escapeMarkdown(label(claim.source.text))}”)` : ''}`);
  if (claim.cue) lines.push(`Cue: “${escapeMarkdown(label(claim.cue.text))}”`);
  lines.push(`Hedges: ${claim.hedges.length ? claim.hedges.map((h) => escapeMarkdown(label(h))).join(', ') : 'none'}`);
  if (claim.score !== undefined) lines.push(`Confidence: ${Math.round(claimScore(claim) * 100)} %`);
  lines.push(`Content: ${quoted(escapeMarkdown(truncate(claim.text, 300)))}`);
  lines = lines.concat(tagLine(tags));
  return lines.join('\n\n');
}
