import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { log } from './log';

export function includeGlobs(): string[] {
  const globs = vscode.workspace.getConfiguration('dossier').get<string[]>('include');
  return Array.isArray(globs) && globs.length ? globs : ['**/*.txt'];
}

export function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const globs = includeGlobs();
  const clientOptions: LanguageClientOptions = {
    // Only files matching dossier.include are handled; everything else is left alone.
    documentSelector: globs.map((pattern) => ({ scheme: 'file', pattern })),
    synchronize: {
      configurationSection: 'dossier',
      fileEvents: globs.map((g) => vscode.workspace.createFileSystemWatcher(g)),
    },
    outputChannel: log(),
    // The persistent index lives in the workspace's storage folder, never in the user's folders; none without a workspace.
    initializationOptions: {
      cacheDir: context.storageUri?.scheme === 'file' ? vscode.Uri.joinPath(context.storageUri, 'index').fsPath : undefined,
    },
    initializationFailedHandler: (error) => {
      void vscode.window.showErrorMessage(`Dossier's language server failed to start: ${String(error)}`);
      return false;
    },
  };
  return new LanguageClient('dossier', 'Dossier', serverOptions, clientOptions);
}
