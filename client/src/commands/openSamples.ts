import * as vscode from 'vscode';

/** `dossier.openSamples`: opens the sample documents in a new window. */
export async function openSamples(context: vscode.ExtensionContext): Promise<void> {
  const samples = vscode.Uri.joinPath(context.extensionUri, 'test', 'fixtures', 'seeds');
  await vscode.commands.executeCommand('vscode.openFolder', samples, { forceNewWindow: true });
}
