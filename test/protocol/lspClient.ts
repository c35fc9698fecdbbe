import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../unit/util';

/** A real JSON-RPC client talking to `dossier lsp --stdio` (the built CLI). */
export class TestLspClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private stderr = '';
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** What the client answers for the `dossier` section of workspace/configuration (a test may change it). */
  settings: unknown = {};

  constructor() {
    this.child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onUnhandledNotification((n) => this.notifications.push({ method: n.method, params: n.params }));
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(folder: string, initializationOptions?: Record<string, unknown>): Promise<unknown> {
    const uri = pathToFileURL(folder).toString();
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(folder) }],
      capabilities: { workspace: { configuration: true }, textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves once the server reports that background indexing is done. */
  async indexed(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.notifications.some((n) => n.method === 'dossier/indexingStatus' && (n.params as { done: boolean }).done)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`indexing did not finish in ${timeoutMs} ms; server stderr: ${this.stderr}`);
  }

  async open(file: string, text: string): Promise<string> {
    const uri = pathToFileURL(file).toString();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    return uri;
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    this.connection.dispose();
    this.child.kill();
  }
}

/** LSP position of the n-th occurrence of a string in a text. */
export function positionOf(text: string, needle: string, nth = 0, within = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  at += within;
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

export interface ServerFixture {
  client: TestLspClient;
  /** The opened document's uri and text. */
  uri: string;
  text: string;
  capabilities: Record<string, unknown>;
}

/**
 * Mocha hooks for a suite: before its tests, a server indexes `folder` and
 * opens `file`; after them, it stops. Fields are filled in by the time tests run.
 */
export function serverFixture(folder: string, file: string): ServerFixture {
  const fixture = { text: fs.readFileSync(file, 'utf8') } as ServerFixture;
  before(async () => {
    fixture.client = new TestLspClient();
    const init = (await fixture.client.initialize(folder)) as { capabilities: Record<string, unknown> };
    fixture.capabilities = init.capabilities;
    await fixture.client.indexed();
    fixture.uri = await fixture.client.open(file, fixture.text);
  });
  after(async () => fixture.client.dispose());
  return fixture;
}
