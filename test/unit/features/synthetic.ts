import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Annotation } from '../../../common/annotations';
import type { Block, Claim, DocumentAnalysis, EntityCluster, EntityMention } from '../../../server/src/analysis/types';
import type { ResolvedAnnotation } from '../../../server/src/workspace/annotationIndex';
import type { FeatureContext } from '../../../server/src/lsp/features/context';
import { claimThresholds, type ClaimThresholds } from '../../../server/src/lsp/features/claimFilter';
import { defaultSettings } from '../../../common/settings';
import type { AnalysisService } from '../../../server/src/workspace/analysisService';
import type { CancelToken } from '../../../server/src/workspace/cancellation';
import { DocumentIndex, type IndexedDocument } from '../../../server/src/workspace/documentIndex';
import { workspaceEntities } from '../../../server/src/workspace/workspaceEntities';

/** An analysis with nothing detected, for documents built by hand. */
export function emptyAnalysis(text: string): DocumentAnalysis {
  return {
    length: text.length,
    structure: { headline: null, byline: null, blocks: [], commentsStart: null },
    tokens: [],
    sentences: [],
    mentions: [],
    entities: [],
    demonyms: [],
    claims: [],
  };
}

export function indexedDocument(uri: string, text: string, analysis: DocumentAnalysis): IndexedDocument {
  return { uri, version: 1, document: TextDocument.create(uri, 'plaintext', 1, text), analysis };
}

/**
 * A document of `lines` lines "Qx said it." where every line has its own
 * person, claim and reader comment: the size at which spreads of per-item
 * arrays overflow the stack (about 125,000 items) is easy to reach.
 */
export function manyItemsDocument(lines: number, uri = 'file:///ws/big.txt'): IndexedDocument {
  const line = 'Qx said it.\n';
  const text = line.repeat(lines);
  const mentions: EntityMention[] = [];
  const entities: EntityCluster[] = [];
  const claims: Claim[] = [];
  const blocks: Block[] = [];
  for (let i = 0; i < lines; i++) {
    const at = i * line.length;
    const id = `qx-${i}`;
    mentions.push({ start: at, end: at + 2, text: 'Qx', kind: 'actor', type: 'person', id });
    entities.push({ id, canonical: `Qx ${i}`, kind: 'actor', type: 'person', aliases: [], mentions: [i], descriptions: [] });
    claims.push({
      start: at + 8,
      end: at + 10,
      text: 'it',
      cue: { start: at + 3, end: at + 7, text: 'said' },
      source: { start: at, end: at + 2, text: 'Qx' },
      speaker: id,
      hedges: [],
      section: 'article',
      form: 'indirect',
    });
    blocks.push({
      start: at,
      end: at + line.length - 1,
      kind: 'comment',
      section: 'comments',
      handle: `reader${i}`,
      handleSpan: { start: at, end: at + 2 },
    });
  }
  const analysis = {
    ...emptyAnalysis(text),
    mentions,
    entities,
    claims,
    structure: { headline: null, byline: null, blocks, commentsStart: null },
  };
  return indexedDocument(uri, text, analysis);
}

/** A passage annotation placed at [start, end) of `text`, as the client sends it. */
export function passage(id: number, text: string, start: number, end: number, body: { tags?: string[]; note?: string } = {}): Annotation {
  return {
    id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    created: '2024-05-01T10:00:00.000Z',
    modified: '2024-05-01T10:00:00.000Z',
    kind: 'passage',
    target: {
      position: { type: 'TextPositionSelector', start, end },
      quote: {
        type: 'TextQuoteSelector',
        exact: text.slice(start, end),
        prefix: text.slice(Math.max(0, start - 32), start),
        suffix: text.slice(end, end + 32),
      },
      hash: '',
    },
    body: { tags: body.tags ?? [], ...(body.note !== undefined ? { note: body.note } : {}) },
  };
}

export function placed(annotation: Annotation): ResolvedAnnotation {
  return { annotation, start: annotation.target.position.start, end: annotation.target.position.end };
}

/** Analyses prepared by the test, handed out for their text: puts hand-built documents into a real DocumentIndex. */
export class PreparedAnalyses implements AnalysisService {
  private readonly byText = new Map<string, DocumentAnalysis>();

  add(doc: IndexedDocument): this {
    this.byText.set(doc.document.getText(), doc.analysis);
    return this;
  }

  analyze(text: string): Promise<DocumentAnalysis> {
    const a = this.byText.get(text);
    return a ? Promise.resolve(a) : Promise.reject(new Error('no analysis prepared for this text'));
  }

  dispose(): void {}
}

/** A DocumentIndex holding the given hand-built documents. */
export async function indexOf(...docs: IndexedDocument[]): Promise<DocumentIndex> {
  const prepared = new PreparedAnalyses();
  for (const d of docs) prepared.add(d);
  const index = new DocumentIndex(prepared);
  for (const d of docs) await index.update(d.uri, d.document.getText(), d.version);
  return index;
}

/** A token nobody cancels. */
export const NEVER: CancelToken = { isCancellationRequested: false };

/** What a feature gets besides its document; by default an empty workspace and no annotations. */
export function context(
  options: { index?: DocumentIndex; annotations?: readonly ResolvedAnnotation[]; token?: CancelToken; claims?: ClaimThresholds } = {},
): FeatureContext {
  return {
    claims: options.claims ?? claimThresholds(defaultSettings),
    entities: workspaceEntities(options.index ?? new DocumentIndex(new PreparedAnalyses())),
    token: options.token ?? NEVER,
    annotations: options.annotations ?? [],
  };
}
