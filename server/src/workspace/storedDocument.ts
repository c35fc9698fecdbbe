import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../analysis/types';
import type { DocumentSummary } from './cache/summary';
import type { IndexedDocument } from './documentIndex';

/** The last version of a document's analysis, whole or (with a store, when nobody looked at it lately) only its summary. */
export interface Whole {
  document: TextDocument;
  analysis: DocumentAnalysis;
  raw: DocumentAnalysis;
}

/**
 * An indexed document. Its summary is always in memory; the whole analysis
 * and text come back from the shard when a feature first reads them, and
 * leave again when nobody has looked at them for a while.
 */
export class StoredDocument implements IndexedDocument {
  constructor(
    readonly uri: string,
    readonly version: number,
    /** The text's hash when a store keeps the document's shard. */
    readonly hash: string | undefined,
    readonly summary: DocumentSummary,
    public whole: Whole | undefined,
    private readonly owner: { restore(doc: StoredDocument): Whole },
  ) {}

  /** Whether the shard for this text is on disk: only then may the whole analysis leave memory. */
  persisted = false;
  /** A shard made by an analysis thread and not yet on disk: the whole analysis comes from here meanwhile. */
  payload: Uint8Array | undefined;
  /** Why this analysis is partial, when it was made in this run (see DocumentAnalysis.warnings). */
  warnings: string[] | undefined;

  get analysis(): DocumentAnalysis {
    return this.load().analysis;
  }

  get document(): TextDocument {
    return this.load().document;
  }

  load(): Whole {
    return this.owner.restore(this);
  }
}
