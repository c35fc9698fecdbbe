import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { SIDECAR_SUFFIX, type Annotation } from '../../../common/annotations';
import { annotationsNotification } from '../../../common/protocol';
import { includeGlobs } from '../languageClient';
import { log } from '../log';
import type { Messages } from '../messages';
import { AnnotationCommands } from './commands';
import { ReattachOffers, showFailures } from './prompts';
import { AnnotationStore, type DocumentAnnotations } from './store';
import { ANNOTATIONS_VIEW, AnnotationDecorations, AnnotationTree, OrphanDiagnostics } from './views';

/** What the VS Code tests can see of the annotations (returned by activate() as `annotations`). */
export interface AnnotationsApi {
  /** The document's annotations and where each sits now (null: orphaned). */
  annotationsOf(uri: vscode.Uri): Array<{ annotation: Annotation; range: { start: number; end: number } | null }>;
  statusOf(uri: vscode.Uri): { status: 'ok' | 'corrupt' | 'none'; error?: string };
  /** Error messages shown to the user so far. */
  readonly shownErrors: readonly string[];
  /** Writes pending changes now and waits for all file operations. */
  flush(): Promise<void>;
}

export interface Annotations {
  api: AnnotationsApi;
  store: AnnotationStore;
  commands: AnnotationCommands;
}

const NOTIFY_DELAY_MS = 150;
/** Documents hashed, at most, when looking for the new home of an orphaned sidecar at start-up. */
const MAX_REATTACH_CANDIDATES = 2000;

/** Sets up the sidecar store, its views, and the events that keep it in step with files and editors. The commands are in ../commands. */
export function registerAnnotations(context: vscode.ExtensionContext, client: LanguageClient, messages: Messages): Annotations {
  const store = new AnnotationStore();
  const commands = new AnnotationCommands(store, client);
  const decorations = new AnnotationDecorations(store);
  const diagnostics = new OrphanDiagnostics();
  const tree = new AnnotationTree(store);
  const offers = new ReattachOffers(store, messages);
  context.subscriptions.push(store, decorations, diagnostics, showFailures(store, messages));

  // The server learns the annotations of each document (debounced), and all of them again whenever it (re)starts.
  const timers = new Map<string, NodeJS.Timeout>();
  const send = (uri: vscode.Uri, annotations: Annotation[]) =>
    client.sendNotification(annotationsNotification, { uri: uri.toString(), annotations });
  const notify = (state: DocumentAnnotations) => {
    if (!client.isRunning()) return;
    void store
      .snapshot(state)
      .then(({ annotations }) => send(state.docUri, annotations))
      .catch((err: unknown) => log().warn(`Dossier: could not send annotations of ${state.docUri.toString()}: ${String(err)}`));
  };
  const notifyLater = (state: DocumentAnnotations) => {
    const key = state.docUri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        notify(state);
      }, NOTIFY_DELAY_MS),
    );
  };
  let treeTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    { dispose: () => [...timers.values(), treeTimer].forEach((t) => clearTimeout(t)) },
    store.onDidChange((uri) => {
      const state = store.get(uri);
      if (!state) return;
      decorations.refresh(vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === uri.toString()));
      diagnostics.refresh(state);
      notifyLater(state);
      treeTimer ??= setTimeout(() => {
        treeTimer = undefined;
        tree.refresh();
      }, 100);
    }),
    // The old path has no annotations any more; the new one is sent by the change event.
    store.onDidMove(({ from }) => {
      diagnostics.clear(from.docUri);
      if (client.isRunning()) void send(from.docUri, []).catch(() => undefined);
    }),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) store.all().forEach(notify);
    }),
  );

  const safely = (p: Promise<unknown>) =>
    void p.catch((err: unknown) => log().error(`Dossier annotations: ${err instanceof Error ? err.message : String(err)}`));
  const sidecars = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
  // A document created outside the editor may be an annotated one that was renamed there.
  const created = vscode.workspace.createFileSystemWatcher(globOf(includeGlobs()), false, true, true);
  context.subscriptions.push(
    sidecars,
    created,
    sidecars.onDidCreate((u) => safely(store.onSidecarChanged(u))),
    sidecars.onDidChange((u) => safely(store.onSidecarChanged(u))),
    sidecars.onDidDelete((u) => safely(store.onSidecarDeleted(u))),
    created.onDidCreate((u) => safely(offers.offer([u]))),
    vscode.workspace.onDidRenameFiles((e) => safely(store.onDidRenameFiles(e.files))),
    vscode.workspace.onDidChangeTextDocument((e) => store.onDocumentChanged(e)),
    vscode.workspace.onDidOpenTextDocument((d) => safely(store.onDocumentOpened(d))),
    vscode.workspace.onDidCloseTextDocument((d) => safely(store.onDocumentClosed(d))),
    vscode.workspace.onDidSaveTextDocument((d) => store.onDocumentSaved(d)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => decorations.refresh(editors)),
    vscode.window.registerTreeDataProvider(ANNOTATIONS_VIEW, tree),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, diagnostics, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );

  safely(
    store.loadAll().then(async () => {
      for (const doc of vscode.workspace.textDocuments) safely(store.onDocumentOpened(doc));
      decorations.refresh();
      await offers.offer(await vscode.workspace.findFiles(globOf(includeGlobs()), '**/node_modules/**', MAX_REATTACH_CANDIDATES));
    }),
  );

  const api: AnnotationsApi = {
    annotationsOf: (uri) => {
      const state = store.get(uri);
      return (state?.sidecar.annotations ?? []).map((annotation) => ({ annotation, range: state?.placements.get(annotation.id) ?? null }));
    },
    statusOf: (uri) => {
      const state = store.get(uri);
      return state ? { status: state.status, ...(state.error ? { error: state.error } : {}) } : { status: 'none' };
    },
    shownErrors: messages.shownErrors,
    flush: () => store.flush(),
  };
  return { api, store, commands };
}

function globOf(globs: readonly string[]): string {
  return globs.length === 1 ? globs[0] : `{${globs.join(',')}}`;
}
