import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Block, Claim, DocumentAnalysis, EntityCluster, EntityMention, EntityType, PlaceFacts } from '../../server/src/analysis/types';
import { kindOf } from '../../server/src/analysis/types';
import type { PositionedDocument } from '../../server/src/lsp/features/viewData';

/*
 * Hand-made analyses for the view builders' tests: paragraphs are lines,
 * sentences end at ". ", and every listed name is a mention wherever it
 * occurs, so each expected count can be read off the text.
 */

export interface EntitySpec {
  name: string;
  type: EntityType;
  /** Local id (default: the name, hyphenated and lowercased). */
  id?: string;
  facts?: PlaceFacts;
}

export interface ClaimSpec {
  /** Local id of the speaker. */
  speaker: string;
  /** The content, as it occurs in the text. */
  content: string;
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export function makeDocument(uri: string, text: string, entities: EntitySpec[], claims: ClaimSpec[] = []): PositionedDocument {
  const blocks: Block[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) blocks.push({ kind: 'paragraph', section: 'article', start: at, end: at + line.length });
    at += line.length + 1;
  }
  const sentences = [...text.matchAll(/[^.\n]+[.]?/g)]
    .filter((m) => m[0].trim())
    .map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, tokenStart: 0, tokenEnd: 0 }));
  const found: Array<{ m: EntityMention; spec: EntitySpec }> = [];
  for (const spec of entities) {
    const id = spec.id ?? slug(spec.name);
    for (let i = text.indexOf(spec.name); i >= 0; i = text.indexOf(spec.name, i + 1)) {
      found.push({ spec, m: { start: i, end: i + spec.name.length, text: spec.name, kind: kindOf(spec.type), type: spec.type, id } });
    }
  }
  found.sort((a, b) => a.m.start - b.m.start);
  const mentions = found.map((f) => f.m);
  const clusters: EntityCluster[] = entities.map((spec) => {
    const id = spec.id ?? slug(spec.name);
    const cluster: EntityCluster = {
      id,
      canonical: spec.name,
      kind: kindOf(spec.type),
      type: spec.type,
      aliases: [spec.name],
      mentions: mentions.flatMap((m, i) => (m.id === id ? [i] : [])),
      descriptions: [],
    };
    if (spec.facts) cluster.facts = spec.facts;
    return cluster;
  });
  const claimList: Claim[] = claims.map((c) => {
    const start = text.indexOf(c.content);
    if (start < 0) throw new Error(`claim content not in text: ${c.content}`);
    return {
      start,
      end: start + c.content.length,
      text: c.content,
      cue: null,
      source: null,
      speaker: c.speaker,
      hedges: [],
      section: 'article',
      form: 'indirect',
    };
  });
  const analysis: DocumentAnalysis = {
    length: text.length,
    structure: { headline: null, byline: null, blocks, commentsStart: null },
    tokens: [],
    sentences,
    mentions,
    entities: clusters,
    demonyms: [],
    claims: claimList,
  };
  return { uri, analysis, document: TextDocument.create(uri, 'plaintext', 1, text) };
}

/** Local ids as workspace ids, except the given joins (uri|localId → workspace id). */
export function resolver(joins: Record<string, string> = {}): (uri: string, localId: string) => string {
  return (uri, localId) => joins[`${uri}|${localId}`] ?? localId;
}
