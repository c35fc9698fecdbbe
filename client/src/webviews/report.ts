import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { writeReportRequest } from '../../../common/protocol';
import { log } from '../log';

export const REPORT_FILE = 'Dossier report.md';

/**
 * `Dossier: Write Report`: the server writes the Markdown (the same text as
 * `dossier report`), saved in the extension's workspace storage, with links
 * relative to it, and shown in the Markdown preview beside the editor.
 */
export async function writeReport(context: vscode.ExtensionContext, client: LanguageClient): Promise<{ uri: string; markdown: string }> {
  const dir = context.storageUri ?? context.globalStorageUri;
  await vscode.workspace.fs.createDirectory(dir);
  const file = vscode.Uri.joinPath(dir, REPORT_FILE);
  const { markdown } = await client.sendRequest(writeReportRequest, { base: dir.toString() });
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(markdown));
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', file);
  } catch (err) {
    // Without the built-in Markdown extension, the source is still readable.
    log().warn(`Dossier report: no Markdown preview (${err instanceof Error ? err.message : String(err)})`);
    await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside });
  }
  return { uri: file.toString(), markdown };
}
