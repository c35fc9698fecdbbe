import * as fs from 'fs';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Module._load is not in the ES module typings
import Module = require('module');
import * as path from 'path';

/*
 * A small stand-in for the parts of the `vscode` API that the client modules
 * under unit test touch (commands, messages, URIs, events, file stats, tree items), so
 * that they load in plain Node. One instance for every test file, because
 * Node caches the client modules with the `vscode` they first saw.
 */

export const registered = new Map<string, (...args: unknown[]) => unknown>();
export const shown: Array<{ level: 'error' | 'warning' | 'info'; message: string }> = [];

export class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  get fsPath(): string {
    return this.path;
  }
  with(change: { path?: string }): FakeUri {
    return new FakeUri(this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
  static file(p: string): FakeUri {
    return new FakeUri('file', p);
  }
  static parse(s: string): FakeUri {
    const m = /^([a-z][\w+.-]*):\/\/(.*)$/i.exec(s);
    return m ? new FakeUri(m[1], m[2]) : new FakeUri('file', s);
  }
}

class FakeEmitter<T> {
  private listeners: Array<(v: T) => void> = [];
  event = (l: (v: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(v: T): void {
    this.listeners.forEach((l) => l(v));
  }
  dispose(): void {
    this.listeners = [];
  }
}

class FakeThemeIcon {
  static readonly File = new FakeThemeIcon('file');
  constructor(readonly id: string) {}
}

class FakeTreeItem {
  id?: string;
  description?: string;
  tooltip?: string;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  resourceUri?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState: number,
  ) {}
}

const channel = { error: () => undefined, warn: () => undefined, info: () => undefined, show: () => undefined };

const fakeVscode = {
  Uri: FakeUri,
  EventEmitter: FakeEmitter,
  TreeItem: FakeTreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon: FakeThemeIcon,
  FileType: { File: 1, Directory: 2 },
  commands: {
    registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
      if (registered.has(id)) throw new Error(`${id} registered twice`);
      registered.set(id, run);
      return { dispose: () => registered.delete(id) };
    },
    executeCommand: async () => undefined,
  },
  window: {
    showErrorMessage: async (message: string) => void shown.push({ level: 'error', message }),
    showWarningMessage: async (message: string) => void shown.push({ level: 'warning', message }),
    showInformationMessage: async (message: string) => void shown.push({ level: 'info', message }),
    createOutputChannel: () => channel,
  },
  workspace: {
    textDocuments: [] as unknown[],
    findFiles: async () => [],
    asRelativePath: (u: FakeUri) => path.basename(u.path),
    fs: { stat: async (u: FakeUri) => ({ type: fs.statSync(u.fsPath).isDirectory() ? 2 : 1 }) },
  },
};

type Resolver = (request: string, ...rest: unknown[]) => string;
const modules = Module as unknown as { _resolveFilename: Resolver };

/** Makes `require('vscode')` return the stand-in until the returned function is called. */
export function installFakeVscode(): () => void {
  const fakePath = path.join(__dirname, '__fake_vscode__.js');
  require.cache[fakePath] ??= { id: fakePath, filename: fakePath, loaded: true, exports: fakeVscode } as unknown as NodeJS.Module;
  const resolve = modules._resolveFilename;
  modules._resolveFilename = (request, ...rest) => (request === 'vscode' ? fakePath : resolve(request, ...rest));
  return () => {
    modules._resolveFilename = resolve;
  };
}
