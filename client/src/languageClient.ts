import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_V8_FLAGS } from '../../common/serverFlags';
import { log } from './log';

export function includeGlobs(): string[] {
  const globs = vscode.workspace.getConfiguration('dossier').get<string[]>('include');
  return Array.isArray(globs) && globs.length ? globs : ['**/*.txt'];
}

/** Whether the server runs the trained claims model (`dossier.claims.trainedModel`, experimental, off by default). */
export function trainedClaimsModel(): boolean {
  return vscode.workspace.getConfiguration('dossier').get<boolean>('claims.trainedModel') === true;
}

/**
 * The options the client forks the server with. The trained claims model is
 * chosen when the server's resources load (in every analysis thread), so the
 * setting travels as DOSSIER_CLAIMS_MODEL and a change restarts the server.
 * The client replaces `env` with its merged copy on each start, so it is set
 * anew before every restart rather than edited.
 */
const runOptions: { env?: Record<string, string>; execArgv: string[] } = { execArgv: [...SERVER_V8_FLAGS] };
const debugOptions: { env?: Record<string, string>; execArgv: string[] } = { execArgv: [...SERVER_V8_FLAGS, '--nolazy', '--inspect=6019'] };

export function updateServerEnv(): void {
  for (const options of [runOptions, debugOptions]) options.env = { DOSSIER_CLAIMS_MODEL: trainedClaimsModel() ? '1' : '0' };
}

export function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  updateServerEnv();
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: runOptions },
    debug: { module, transport: TransportKind.ipc, options: debugOptions },
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
