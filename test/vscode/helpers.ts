import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { waitFor, withTimeout } from './waitFor';

export const EXTENSION_ID = 'dossier-dev.dossier';
export const SEED_001 = '001_e776aff8290555f3.txt';

/** The small API that Dossier's activate() returns for tests. */
export interface DossierTestApi {
  client: { isRunning(): boolean };
  ready: Promise<void>;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the seeds folder open as the workspace');
  return folder.uri.fsPath;
}

export function seedUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), name));
}

export function dossier(): vscode.Extension<DossierTestApi> {
  const ext = vscode.extensions.getExtension<DossierTestApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

let activation: Promise<DossierTestApi> | undefined;

/**
 * Activate Dossier and wait until its language server is up. Memoised: when
 * activation fails or times out once, every later test fails at once with the
 * same error instead of waiting for its own deadline.
 */
export function activateDossier(): Promise<DossierTestApi> {
  activation ??= (async () => {
    const api = await withTimeout(Promise.resolve(dossier().activate()), 60_000, 'Dossier to activate');
    assert.ok(api && typeof api.ready?.then === 'function', 'activate() should return { client, ready }');
    await withTimeout(api.ready, 60_000, 'the Dossier language server to start');
    return api;
  })();
  return activation;
}

export async function openSeed(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(seedUri(name));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Position inside the `occurrence`-th (0-based) match of `text`, `into` characters in. */
export function positionOf(doc: vscode.TextDocument, text: string, { occurrence = 0, into = 2 } = {}): vscode.Position {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = doc.getText().indexOf(text, offset + 1);
    assert.ok(offset >= 0, `"${text}" (occurrence ${occurrence}) not found in ${path.basename(doc.uri.fsPath)}`);
  }
  return doc.positionAt(offset + into);
}

export function markdownOf(hovers: readonly vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}

export function hoverAt(uri: vscode.Uri, position: vscode.Position): Thenable<vscode.Hover[]> {
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
}

/** Poll the hover at a position until its text matches. */
export function waitForHover(
  uri: vscode.Uri,
  position: vscode.Position,
  until: (text: string) => boolean,
  what: string,
  timeout = 20_000,
): Promise<string> {
  return waitFor(async () => markdownOf(await hoverAt(uri, position)), until, { what, timeout });
}

export function documentsOf(uris: readonly vscode.Uri[]): string[] {
  return [...new Set(uris.map((u) => path.basename(u.fsPath)))].sort();
}
