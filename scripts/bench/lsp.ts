import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { SERVER_V8_FLAGS } from '../../common/serverFlags';

/** The built language server as an LSP client over stdio sees it. */
export class Server {
  readonly conn: ProtocolConnection;
  readonly pid: number;
  private done = false;
  private doneAt = NaN;
  private readonly child: ChildProcess;
  readonly started = performance.now();

  constructor(cli: string) {
    // Started as the VS Code client starts it, with its V8 flags (common/serverFlags.ts).
    // DOSSIER_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
    const nodeArgs = (process.env.DOSSIER_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(process.execPath, [...SERVER_V8_FLAGS, ...nodeArgs, cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.pid = this.child.pid as number;
    if (!this.child.stdout || !this.child.stdin) throw new Error('the server has no stdio');
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.conn.onUnhandledNotification((n) => {
      if (n.method === 'dossier/indexingStatus' && (n.params as { done: boolean }).done && !this.done) {
        this.done = true;
        this.doneAt = performance.now();
      }
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.conn.listen();
  }

  /** initialize with the folder as rootUri and workspace folder; cacheDir is passed as the client passes its storage. */
  async init(folder: string, cacheDir?: string): Promise<void> {
    const uri = pathToFileURL(folder).toString();
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: { workspace: { configuration: true } },
      ...(cacheDir ? { initializationOptions: { cacheDir } } : {}),
    });
    await this.conn.sendNotification('initialized', {});
  }

  get indexed(): boolean {
    return this.done;
  }

  /** Seconds from spawn to the done notification. */
  get indexSeconds(): number {
    return (this.doneAt - this.started) / 1000;
  }

  async waitIndexed(): Promise<void> {
    while (!this.done) await new Promise((r) => setTimeout(r, 5));
  }

  peakRssMB(): number {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  }

  async open(file: string, text: string): Promise<string> {
    const uri = pathToFileURL(file).toString();
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    return uri;
  }

  /** Milliseconds for one hover; `result` gets the hover's markdown when given. */
  async hover(uri: string, line: number, character: number, result?: (markdown: string) => void): Promise<number> {
    const t0 = performance.now();
    const h = (await this.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as {
      contents?: { value?: string };
    } | null;
    const ms = performance.now() - t0;
    result?.(h?.contents?.value ?? '');
    return ms;
  }

  /** Ends the process and waits for it to be gone, so that the next server has the cores. */
  async stop(): Promise<void> {
    const gone = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    // shutdown and exit as a client does, so that a profiled server writes its profile; killed if it lingers.
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // Already gone.
    }
    const timer = setTimeout(() => this.child.kill(), 3000);
    await gone;
    clearTimeout(timer);
    this.conn.dispose();
  }
}
