import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { clearIndexCacheRequest, EDIT_ANNOTATION_COMMAND, SHOW_DETAILS_COMMAND } from '../../../common/protocol';
import type { AnnotationCommands } from '../annotations/commands';
import { exportAnnotations, importAnnotations } from '../annotations/exchange';
import type { AnnotationStore } from '../annotations/store';
import { REANCHOR_COMMAND, REVEAL_COMMAND } from '../annotations/views';
import { log } from '../log';
import type { Messages } from '../messages';
import type { SidebarViews } from '../views';
import type { OverviewModel } from '../views/overviewModel';
import type { ViewCommands } from '../webviews';
import { asCorrectionArgs, asExportArgs, asImportArgs, asTagArgs, isPosition } from './args';
import { openSamples } from './openSamples';

/*
 * Every command of the extension, registered here and nowhere else, through
 * one wrapper: commands that talk to the language server are refused with a
 * hint while it is not running, and a command that fails is logged and shown.
 */

export interface CommandDeps {
  client: LanguageClient;
  messages: Messages;
  store: AnnotationStore;
  annotations: AnnotationCommands;
  overview: OverviewModel;
  sidebar: SidebarViews;
  views: ViewCommands;
}

interface Command {
  /** Talks to the language server: refused while it is not running. */
  needsServer: boolean;
  run(...args: unknown[]): unknown;
}

const local = (run: Command['run']): Command => ({ needsServer: false, run });
const server = (run: Command['run']): Command => ({ needsServer: true, run });

export const SERVER_NOT_RUNNING = 'Dossier: the language server is not running. Try "Dossier: Restart Language Server".';

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const { client, store, annotations: a, overview, sidebar, views } = deps;
  const table: Record<string, Command> = {
    'dossier.restartServer': local(async () => {
      await client.restart();
      void vscode.window.showInformationMessage('Dossier: language server restarted.');
    }),
    'dossier.showOutput': local(() => log().show()),
    'dossier.clearIndexCache': server(async () => {
      const { cleared } = await client.sendRequest(clearIndexCacheRequest, {});
      void vscode.window.showInformationMessage(
        cleared
          ? 'Dossier: index cache cleared; the workspace is being indexed again.'
          : 'Dossier: there is no index cache (no workspace folder is open).',
      );
    }),
    // Often the command that activates Dossier, before the server is up: it needs no server.
    'dossier.openSamples': local((destination) => openSamples(context, destination)),
    [SHOW_DETAILS_COMMAND]: server(showDetails),

    // The sidebar views.
    'dossier.filterViews': server(async (text) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({ prompt: 'Show only actors, places and claims containing…', value: overview.filter });
      if (value !== undefined) await overview.setFilter(value);
    }),
    'dossier.clearFilter': server(() => overview.setFilter('')),
    'dossier.refreshViews': server(() => overview.refresh()),
    '_dossier.revealEntity': server((args) => sidebar.revealEntity(args)),

    // The map, the network and the report.
    'dossier.showMap': server((args) => views.showMap(args)),
    'dossier.showNetwork': server((args) => views.showNetwork(args)),
    'dossier.writeReport': server(() => views.writeReport()),

    // Annotations: the sidecars are the client's, so only what asks the server about entities needs it.
    'dossier.tagSelection': local((args) => a.tagSelection(asTagArgs(args))),
    'dossier.addNote': local((args) => a.addNote(asTagArgs(args))),
    [EDIT_ANNOTATION_COMMAND]: local((target, id, args) => a.editAnnotation(target, id, asTagArgs(args))),
    'dossier.removeAnnotation': local((target, id) => a.removeAnnotation(target, id)),
    'dossier.nextAnnotation': local(() => a.navigate(1)),
    'dossier.previousAnnotation': local(() => a.navigate(-1)),
    [REANCHOR_COMMAND]: local((target, id) => a.reanchor(target, id)),
    [REVEAL_COMMAND]: local((target, id) => a.reveal(target, id)),
    'dossier.tagEntity': server((args) => a.tagEntity(asTagArgs(args))),
    'dossier.correctDetection': server((args) => a.correctDetection(asCorrectionArgs(args))),
    'dossier.exportAnnotations': server((args) => exportAnnotations(store, client, asExportArgs(args))),
    'dossier.importAnnotations': server((args) => importAnnotations(store, client, asImportArgs(args))),
  };
  for (const [id, command] of Object.entries(table)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => run(id, command, args, deps)));
  }
}

async function run(id: string, command: Command, args: unknown[], { client, messages }: CommandDeps): Promise<unknown> {
  if (command.needsServer && !client.isRunning()) {
    void messages.warn(SERVER_NOT_RUNNING);
    return undefined;
  }
  try {
    return await command.run(...args);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void messages.error(`Dossier: ${message}`, { logged: `${id} failed: ${message}` });
    return undefined;
  }
}

/** Run by code lenses: reveal the position and show its hover. */
async function showDetails(uri: unknown, position: unknown): Promise<void> {
  if (typeof uri !== 'string' || !isPosition(position)) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc);
  const pos = new vscode.Position(position.line, position.character);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.showHover');
}
