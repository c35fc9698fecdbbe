import { CodeLensRefreshRequest, SemanticTokensRefreshRequest, type Connection, type InitializeParams } from 'vscode-languageserver';
import { fileURLToPath } from 'url';
import { z } from 'zod';

/** What the client may pass at initialize; anything else there is ignored. */
const initializationOptions = z.object({ cacheDir: z.string().min(1).optional() });

/** What the client told the server at initialize: its folders and what it supports. */
export class ClientSession {
  /** Workspace folders on disk (file: URIs only). */
  folders: string[] = [];
  folderEvents = false;
  configuration = false;
  /** Where the persistent index lives (the client's storage folder), or undefined: the index is kept in memory. */
  cacheDir: string | undefined;
  private lensRefresh = false;
  private tokensRefresh = false;

  constructor(private readonly connection: Connection) {}

  initialize(params: InitializeParams): void {
    const ws = params.capabilities.workspace;
    this.configuration = ws?.configuration === true;
    this.folderEvents = ws?.workspaceFolders === true;
    this.lensRefresh = ws?.codeLens?.refreshSupport === true;
    this.tokensRefresh = ws?.semanticTokens?.refreshSupport === true;
    this.folders = (params.workspaceFolders ?? [])
      .map((f) => f.uri)
      .filter((u) => u.startsWith('file:'))
      .map((u) => fileURLToPath(u));
    const options = initializationOptions.safeParse(params.initializationOptions ?? {});
    this.cacheDir = options.success ? options.data.cacheDir : undefined;
    if (!this.folders.length && params.rootUri?.startsWith('file:')) this.folders = [fileURLToPath(params.rootUri)];
  }

  /** Asks the client to fetch code lenses and semantic tokens again (they changed without an edit), as far as it can. */
  refreshViews(what: { lenses?: boolean; tokens?: boolean }): void {
    if (what.lenses && this.lensRefresh) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    if (what.tokens && this.tokensRefresh) void this.connection.sendRequest(SemanticTokensRefreshRequest.type).catch(() => undefined);
  }
}
