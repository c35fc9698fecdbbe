import { z } from 'zod';
import type { DocumentAnalysis, EntityKind, EntityType } from '../../analysis/types';

/*
 * What stays in memory for every indexed document, and the first part of its
 * shard: the little that workspace-wide answers read when they walk all
 * documents (workspace symbols, the sidebar's summary, the registry's keys).
 * Everything else (mentions, descriptions, claim texts, structure, the text)
 * is read back from the shard when a feature asks for that document.
 */

export interface SummaryEntity {
  id: string;
  canonical: string;
  kind: EntityKind;
  type: EntityType;
  aliases: string[];
  /** How many mentions the entity has in this document. */
  n: number;
  /** The first mention's range as the editor sees it: start line, character, end line, character. */
  first: [number, number, number, number];
}

export interface SummaryClaim {
  /** The document-local id of the resolved speaker, or null. */
  speaker: string | null;
  /** The source as written, or null. */
  source: string | null;
}

export interface DocumentSummary {
  length: number;
  entities: SummaryEntity[];
  /** One per claim of the analysis, in the same order. */
  claims: SummaryClaim[];
}

const entityKind = z.enum(['actor', 'place']) satisfies z.ZodType<EntityKind>;
// Types are the engine's: a shard from another engine never gets this far (its version differs).
const entityType = z.string() as unknown as z.ZodType<EntityType>;
const nat = z.number().int().nonnegative();

/** Shards come from disk: a summary is checked before it is trusted. */
export const summarySchema: z.ZodType<DocumentSummary> = z.object({
  length: nat,
  entities: z.array(
    z.object({
      id: z.string(),
      canonical: z.string(),
      kind: entityKind,
      type: entityType,
      aliases: z.array(z.string()),
      n: nat,
      first: z.tuple([nat, nat, nat, nat]),
    }),
  ),
  claims: z.array(z.object({ speaker: z.string().nullable(), source: z.string().nullable() })),
});

interface Positions {
  positionAt(offset: number): { line: number; character: number };
}

/** The summary of an analysis of a document (its positions are the document's). */
export function summarize(analysis: DocumentAnalysis, document: Positions): DocumentSummary {
  return {
    length: analysis.length,
    entities: analysis.entities.map((e) => {
      const m = analysis.mentions[e.mentions[0]] as { start: number; end: number } | undefined;
      const s = document.positionAt(m?.start ?? 0);
      const t = document.positionAt(m?.end ?? 0);
      return {
        id: e.id,
        canonical: e.canonical,
        kind: e.kind,
        type: e.type,
        aliases: [...e.aliases],
        n: e.mentions.length,
        first: [s.line, s.character, t.line, t.character],
      };
    }),
    claims: analysis.claims.map((c) => ({ speaker: c.speaker, source: c.source?.text ?? null })),
  };
}

/** What the cross-document registry reads of an entity, from a summary. */
export function registryEntities(summary: DocumentSummary): Array<Omit<SummaryEntity, 'n' | 'first'> & { mentions: { length: number } }> {
  return summary.entities.map((e) => ({ id: e.id, canonical: e.canonical, kind: e.kind, type: e.type, aliases: e.aliases, mentions: { length: e.n } }));
}
