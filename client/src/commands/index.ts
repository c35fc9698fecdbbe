import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { log } from '../log';
import { openSamples } from './openSamples';

/** Every command of the extension, registered from one table. */
export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const table: Record<string, (...args: unknown[]) => unknown> = {
    'dossier.restartServer': async () => {
      await client.restart();
      void vscode.window.showInformationMessage('Dossier: language server restarted.');
    },
    'dossier.showOutput': () => log().show(),
    'dossier.openSamples': (destination?: unknown) => openSamples(context, destination),
    // Run by code lenses: reveal the position and show its hover.
    '_dossier.showDetails': async (uri: unknown, position: unknown) => {
      if (typeof uri !== 'string' || !isPosition(position)) return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const editor = await vscode.window.showTextDocument(doc);
      const pos = new vscode.Position(position.line, position.character);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      await vscode.commands.executeCommand('editor.action.showHover');
    },
  };
  for (const [id, run] of Object.entries(table)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        // openSamples needs no server, and it is often the command that activates Dossier (before the server is up).
        if (id !== 'dossier.restartServer' && id !== 'dossier.showOutput' && id !== 'dossier.openSamples' && !client.isRunning()) {
          void vscode.window.showWarningMessage('Dossier: the language server is not running. Try "Dossier: Restart Language Server".');
          return;
        }
        try {
          return await run(...args);
        } catch (err) {
          log().error(`${id} failed: ${err instanceof Error ? err.message : String(err)}`);
          void vscode.window.showErrorMessage(`Dossier: ${err instanceof Error ? err.message : String(err)}`);
          return undefined;
        }
      }),
    );
  }
}

function isPosition(p: unknown): p is { line: number; character: number } {
  return typeof p === 'object' && p !== null && typeof (p as { line: unknown }).line === 'number' && typeof (p as { character: unknown }).character === 'number';
}
