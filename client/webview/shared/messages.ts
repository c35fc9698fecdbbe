import type { EdgeEvidence, MapData, NetworkData, NetworkEdge, NetworkFilter, OverviewMention } from '../../../common/protocol';

/*
 * Messages between the extension and the map and network webviews, declared
 * once for both sides. No DOM and no `vscode` here: the extension
 * (client/src/webviews) and the webview bundles (client/webview/*) import it.
 */

export type Scope = 'document' | 'open' | 'workspace';
export const SCOPES: readonly Scope[] = ['document', 'open', 'workspace'];

export interface ScopeInfo {
  scope: Scope;
  /** The current-document scope follows the active editor. */
  follow: boolean;
  /** Says which documents are shown ("001.txt", "3 open documents", "the workspace"). */
  label: string;
}

export interface TextRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Extension → webview. */
export type ToWebview =
  | { type: 'mapData'; scope: ScopeInfo; data: MapData }
  | { type: 'networkData'; scope: ScopeInfo; filter: NetworkFilter; data: NetworkData }
  | { type: 'mentions'; requestId: number; mentions: OverviewMention[]; total: number }
  | { type: 'evidence'; requestId: number; items: EdgeEvidence[]; total: number }
  | { type: 'error'; message: string }
  /** For tests: how many elements match the selector, and their labels. */
  | { type: 'probe'; id: number; selector: string }
  /** For tests: a click on the first element matching the selector, through the view's own handlers. */
  | { type: 'click'; id: number; selector: string };

export interface ProbeResult {
  count: number;
  /** aria-label, else text, of the first matches. */
  labels: string[];
  /** Data has arrived and is drawn. */
  rendered: boolean;
  /** The network layout has come to rest (always true for the map). */
  settled: boolean;
}

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'scope'; scope: Scope; follow: boolean }
  | { type: 'filter'; filter: NetworkFilter }
  | { type: 'mentions'; requestId: number; id: string }
  | { type: 'evidence'; requestId: number; kind: NetworkEdge['kind']; source: string; target: string }
  | { type: 'open'; uri: string; range: TextRange }
  | { type: 'reveal'; id: string; name: string }
  | ({ type: 'probeResult'; id: number } & ProbeResult)
  | { type: 'clickResult'; id: number; ok: boolean };
