import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { scopedMentionsRequest } from '../../../common/protocol';
import { log } from '../log';
import type { FromWebview, ProbeResult, Scope, ScopeInfo, ToWebview } from '../../webview/shared/messages';
import { localResourceRoots, viewHtml } from './html';
import { parseMessage } from './messages';

const REFRESH_DELAY_MS = 400;
const PROBE_TIMEOUT_MS = 10_000;

export interface ViewHost {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  /** Whether a document is one Dossier analyses (dossier.include). */
  isIncluded(doc: vscode.TextDocument): boolean;
}

/**
 * One webview panel of the map or the network: created on demand, kept alive
 * while hidden (retainContextWhenHidden, so zoom, selection and layout stay),
 * refreshed when the index changes (at once when visible, else when shown
 * again), and the scope — current document (optionally following the active
 * editor), open documents, workspace — turned into the uris the server gets.
 */
export abstract class ViewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private queue: ToWebview[] = [];
  private stale = false;
  private inFlight = false;
  private lastDuration = 0;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private nextProbe = 1;
  /** Test round trips waiting for the page's answer. */
  private readonly probes = new Map<number, { answer(r: FromWebview): void; fail(e: Error): void }>();
  protected scope: Scope = 'workspace';
  private follow = true;
  /** The document of the current-document scope when not following. */
  private pinned: vscode.Uri | undefined;
  /** The last text editor that was active (a focused webview leaves activeTextEditor undefined). */
  private lastEditor: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    protected readonly host: ViewHost,
    private readonly view: 'map' | 'network',
    private readonly title: string,
  ) {
    this.trackEditor(vscode.window.activeTextEditor);
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (!this.trackEditor(e)) return;
        if (this.scope === 'document' && this.follow) this.refreshSoon();
      }),
      vscode.window.tabGroups.onDidChangeTabs(() => {
        if (this.scope === 'open') this.refreshSoon();
      }),
    );
  }

  /** Data for the uris in scope (undefined: the workspace). */
  protected abstract fetch(uris: string[] | undefined, scope: ScopeInfo): Promise<ToWebview>;

  /** Messages only this view handles. */
  protected handleOther(_msg: FromWebview): void {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  show(scope?: Scope): void {
    if (scope) this.setScope(scope, this.follow);
    if (this.panel) {
      this.panel.reveal(undefined, false);
      if (scope) this.refreshSoon(0);
      return;
    }
    // Beside the document being read; in the empty editor area when there is none.
    const viewColumn = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(
      `dossier.${this.view}`,
      this.title,
      { viewColumn, preserveFocus: false },
      {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: localResourceRoots(this.host.context.extensionUri),
      },
    );
    this.panel = panel;
    this.ready = false;
    panel.webview.html = viewHtml(panel.webview, this.host.context.extensionUri, this.view, this.title);
    panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), undefined, this.disposables);
    panel.onDidChangeViewState(() => {
      if (panel.visible && this.stale) this.refreshSoon(0);
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
      this.queue = [];
      for (const p of this.probes.values()) p.fail(new Error(`the ${this.view} was closed`));
      this.probes.clear();
    });
  }

  /**
   * The index changed: refresh soon if visible, else when shown again. While
   * a big workspace is being indexed the changes never stop, so the wait
   * grows with what the last answer took: the server is not kept busy.
   */
  onIndexChanged(): void {
    if (!this.panel) return;
    if (this.panel.visible) this.refreshSoon(Math.max(REFRESH_DELAY_MS, 2 * this.lastDuration), true);
    else this.stale = true;
  }

  protected post(msg: ToWebview): void {
    if (!this.panel) return;
    if (!this.ready) {
      this.queue.push(msg);
      return;
    }
    void this.panel.webview.postMessage(msg);
  }

  /** Refreshes after `delay`; `keep` leaves a refresh already planned as it is (a stream of index changes must not postpone it for ever). */
  protected refreshSoon(delay = REFRESH_DELAY_MS, keep = false): void {
    if (keep && this.timer) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  /** One request in flight: asks meanwhile make one more after it, for the latest scope (a big workspace takes a while). */
  private async refresh(): Promise<void> {
    if (!this.panel || !this.host.client.isRunning()) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.stale = false;
    this.inFlight = true;
    const { uris, info } = this.scopeUris();
    const started = Date.now();
    try {
      this.post(await this.fetch(uris, info));
      this.lastDuration = Date.now() - started;
    } catch (err) {
      log().warn(`Dossier ${this.view}: ${err instanceof Error ? err.message : String(err)}`);
      this.post({ type: 'error', message: `Could not load the ${this.view}: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      this.inFlight = false;
    }
    if (this.again) {
      this.again = false;
      await this.refresh();
    }
  }

  private trackEditor(editor: vscode.TextEditor | undefined): boolean {
    if (!editor || editor.document.uri.scheme !== 'file' || !this.host.isIncluded(editor.document)) return false;
    if (this.lastEditor?.toString() === editor.document.uri.toString()) return false;
    this.lastEditor = editor.document.uri;
    return true;
  }

  private setScope(scope: Scope, follow: boolean): void {
    this.scope = scope;
    this.follow = follow;
    this.pinned = follow ? undefined : (this.pinned ?? this.lastEditor);
  }

  private scopeUris(): { uris: string[] | undefined; info: ScopeInfo } {
    const info = (label: string): ScopeInfo => ({ scope: this.scope, follow: this.follow, label });
    if (this.scope === 'workspace') return { uris: undefined, info: info('the workspace') };
    if (this.scope === 'document') {
      const doc = this.follow ? this.lastEditor : (this.pinned ?? this.lastEditor);
      return doc ? { uris: [doc.toString()], info: info(baseName(doc)) } : { uris: [], info: info('no document (open one in an editor)') };
    }
    const open = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs)
        if (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'file') open.add(tab.input.uri.toString());
    }
    for (const e of vscode.window.visibleTextEditors) if (e.document.uri.scheme === 'file') open.add(e.document.uri.toString());
    return { uris: [...open], info: info(`${open.size} open document${open.size === 1 ? '' : 's'}`) };
  }

  private receive(raw: unknown): void {
    const msg = parseMessage(raw);
    if (!msg) {
      log().warn(`Dossier ${this.view}: ignored a malformed message from the view`);
      return;
    }
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        for (const m of this.queue.splice(0)) void this.panel?.webview.postMessage(m);
        this.refreshSoon(0);
        return;
      case 'scope':
        this.setScope(msg.scope, msg.follow);
        this.refreshSoon(0);
        return;
      case 'mentions':
        void this.mentions(msg.requestId, msg.id);
        return;
      case 'open':
        void this.open(msg.uri, msg.range);
        return;
      case 'probeResult':
      case 'clickResult':
        this.probes.get(msg.id)?.answer(msg);
        this.probes.delete(msg.id);
        return;
      default:
        this.handleOther(msg);
    }
  }

  private async mentions(requestId: number, id: string): Promise<void> {
    try {
      const { uris } = this.scopeUris();
      const r = await this.host.client.sendRequest(scopedMentionsRequest, { id, ...(uris ? { uris } : {}), limit: 200 });
      this.post({ type: 'mentions', requestId, mentions: r.mentions, total: r.total });
    } catch (err) {
      this.post({ type: 'error', message: `Could not list the mentions: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  /** Opens a document at a range, in an editor column beside the view. */
  private async open(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
  ): Promise<void> {
    const target = vscode.Uri.parse(uri);
    if (target.scheme !== 'file') return;
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const viewColumn = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(target, { selection, viewColumn, preserveFocus: false, preview: true });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** For tests: a round trip to the page (probe or click). */
  ask(kind: 'probe', selector: string): Promise<ProbeResult>;
  ask(kind: 'click', selector: string): Promise<boolean>;
  ask(kind: 'probe' | 'click', selector: string): Promise<ProbeResult | boolean> {
    if (!this.panel) return Promise.reject(new Error(`the ${this.view} is not open`));
    const id = this.nextProbe++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.probes.delete(id);
        reject(new Error(`the ${this.view} view did not answer`));
      }, PROBE_TIMEOUT_MS);
      this.probes.set(id, {
        answer: (r) => {
          clearTimeout(timer);
          if (r.type === 'probeResult') resolve({ count: r.count, labels: r.labels, rendered: r.rendered, settled: r.settled });
          else if (r.type === 'clickResult') resolve(r.ok);
        },
        fail: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.post({ type: kind, id, selector });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
