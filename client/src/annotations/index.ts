import * as vscode from 'vscode';
import { z } from 'zod';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { entityTypeSchema, SIDECAR_SUFFIX, type Annotation } from '../../../common/annotations';
import { annotationsNotification } from '../../../common/protocol';
import { log } from '../log';
import { AnnotationCommands, type CorrectionArgs, type TagArgs } from './commands';
import { exportAnnotations, importAnnotations, type ExportArgs, type ImportArgs } from './exchange';
import { AnnotationStore, SidecarUnavailableError, type DocumentAnnotations } from './store';
import { ANNOTATIONS_VIEW, AnnotationDecorations, AnnotationTree, OrphanDiagnostics, REANCHOR_COMMAND, REVEAL_COMMAND } from './views';

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

const NOTIFY_DELAY_MS = 150;

/*
 * Command arguments come from outside (tests, lenses, keybindings with args, other extensions), so they are validated.
 */
const uriArg = z.union([z.string().min(1), z.custom<vscode.Uri>((v) => v instanceof vscode.Uri, 'expected a URI')]);
const tagArgs = z.object({ tags: z.array(z.string()).optional(), note: z.string().optional() }).optional();
const correctionArgs = z
  .object({ action: z.enum(['not-entity', 'change-type', 'merge', 'split']).optional(), type: entityTypeSchema.optional(), into: z.string().optional() })
  .optional();
const exportArgs = z.object({ format: z.enum(['w3c', 'csv', 'brat']).optional(), target: uriArg.optional(), scope: z.enum(['document', 'workspace']).optional() }).optional();
const importArgs = z.object({ file: uriArg.optional() }).optional();

function validArgs<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid command arguments: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(argument)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Registers the annotation commands, views, decorations and sidecar handling. */
export function registerAnnotations(context: vscode.ExtensionContext, client: LanguageClient): AnnotationsApi {
  const store = new AnnotationStore();
  const commands = new AnnotationCommands(store, client);
  const decorations = new AnnotationDecorations(store);
  const diagnostics = new OrphanDiagnostics();
  const tree = new AnnotationTree(store);
  context.subscriptions.push(store, decorations, diagnostics);

  // The server learns the annotations of each document (debounced), and all of them again whenever it (re)starts.
  const timers = new Map<string, NodeJS.Timeout>();
  const notify = (state: DocumentAnnotations) => {
    if (!client.isRunning()) return;
    void store
      .snapshot(state)
      .then(({ annotations }) => client.sendNotification(annotationsNotification, { uri: state.docUri.toString(), annotations }))
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
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) store.all().forEach(notify);
    }),
  );

  const watcher = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
  const safely = (p: Promise<unknown>) => void p.catch((err: unknown) => log().error(`Dossier annotations: ${err instanceof Error ? err.message : String(err)}`));
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((u) => safely(store.onSidecarChanged(u))),
    watcher.onDidChange((u) => safely(store.onSidecarChanged(u))),
    watcher.onDidDelete((u) => safely(store.onSidecarDeleted(u))),
    vscode.workspace.onDidChangeTextDocument((e) => store.onDocumentChanged(e)),
    vscode.workspace.onDidOpenTextDocument((d) => safely(store.onDocumentOpened(d))),
    vscode.workspace.onDidCloseTextDocument((d) => safely(store.onDocumentClosed(d))),
    vscode.workspace.onDidSaveTextDocument((d) => store.onDocumentSaved(d)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => decorations.refresh(editors)),
    vscode.window.registerTreeDataProvider(ANNOTATIONS_VIEW, tree),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, diagnostics, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );

  const table: Record<string, (...args: unknown[]) => unknown> = {
    'dossier.tagSelection': (args) => commands.tagSelection(validArgs<TagArgs | undefined>(tagArgs, args)),
    'dossier.addNote': (args) => commands.addNote(validArgs<TagArgs | undefined>(tagArgs, args)),
    'dossier.editAnnotation': (target, id, args) => commands.editAnnotation(target, id, validArgs<TagArgs | undefined>(tagArgs, args)),
    'dossier.removeAnnotation': (target, id) => commands.removeAnnotation(target, id),
    'dossier.tagEntity': (args) => commands.tagEntity(validArgs<TagArgs | undefined>(tagArgs, args)),
    'dossier.correctDetection': (args) => commands.correctDetection(validArgs<CorrectionArgs | undefined>(correctionArgs, args)),
    'dossier.nextAnnotation': () => commands.navigate(1),
    'dossier.previousAnnotation': () => commands.navigate(-1),
    'dossier.exportAnnotations': (args) => exportAnnotations(store, client, validArgs<ExportArgs | undefined>(exportArgs, args)),
    'dossier.importAnnotations': (args) => importAnnotations(store, client, validArgs<ImportArgs | undefined>(importArgs, args)),
    [REANCHOR_COMMAND]: (target, id) => commands.reanchor(target, id),
    [REVEAL_COMMAND]: (target, id) => commands.reveal(target, id),
  };
  for (const [id, run] of Object.entries(table)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          log().error(`${id} failed: ${message}`);
          if (err instanceof SidecarUnavailableError) store.shownErrors.push(message);
          void vscode.window.showErrorMessage(`Dossier: ${message}`);
          return undefined;
        }
      }),
    );
  }

  void store.loadAll().then(() => {
    for (const doc of vscode.workspace.textDocuments) safely(store.onDocumentOpened(doc));
    decorations.refresh();
  });

  return {
    annotationsOf: (uri) => {
      const state = store.get(uri);
      return (state?.sidecar.annotations ?? []).map((annotation) => ({ annotation, range: state?.placements.get(annotation.id) ?? null }));
    },
    statusOf: (uri) => {
      const state = store.get(uri);
      return state ? { status: state.status, ...(state.error ? { error: state.error } : {}) } : { status: 'none' };
    },
    shownErrors: store.shownErrors,
    flush: () => store.flush(),
  };
}
