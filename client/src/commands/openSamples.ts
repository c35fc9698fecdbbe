import * as vscode from 'vscode';

/*
 * `Dossier: Open Sample Documents`, the walkthrough's first step. The five
 * sample documents ship in the .vsix (media/samples). They are copied out
 * before use: the install folder may be read-only, is replaced on every
 * update, and annotations written next to the samples there would be lost.
 */

/** Where the samples are inside the extension. */
export const SAMPLES_FOLDER = ['media', 'samples'] as const;

/** The sample the walkthrough talks about (media/walkthrough/*.md); opened first. */
export const FIRST_SAMPLE = '001_e776aff8290555f3.txt';

export interface OpenSamplesResult {
  /** The folder the samples are in now (a URI string). */
  folder: string;
  copied: string[];
  /** Files of the same name that were already there and were left alone. */
  skipped: string[];
}

/**
 * Copies the samples to `destination` (a folder URI or an absolute path; when
 * absent the user picks a folder or Dossier's global storage), without
 * overwriting anything, then shows them. Resolves to undefined when the user
 * cancels.
 */
export async function openSamples(context: vscode.ExtensionContext, destination?: unknown): Promise<OpenSamplesResult | undefined> {
  const target = destination === undefined ? await askDestination(context) : toFolderUri(destination);
  if (!target) return undefined;
  if (isInside(target, context.extensionUri)) {
    throw new Error('the samples are not copied into the extension’s own folder (it is replaced on every update); choose another folder.');
  }
  const source = vscode.Uri.joinPath(context.extensionUri, ...SAMPLES_FOLDER);
  const { copied, skipped } = await copyWithoutOverwriting(source, target);
  if (skipped.length) {
    void vscode.window.showInformationMessage(
      `Dossier: ${skipped.length} sample document(s) were already in ${target.fsPath} and were left as they are.`,
    );
  }
  const names = [...copied, ...skipped];
  await show(target, names.includes(FIRST_SAMPLE) ? FIRST_SAMPLE : names.sort()[0]);
  return { folder: target.toString(), copied, skipped };
}

async function askDestination(context: vscode.ExtensionContext): Promise<vscode.Uri | undefined> {
  const storage = vscode.Uri.joinPath(context.globalStorageUri, 'samples');
  const choice = await vscode.window.showQuickPick(
    [
      {
        label: '$(folder-opened) Choose a folder…',
        detail: 'Copy the five sample documents into a folder of yours.',
        to: 'folder' as const,
      },
      { label: '$(archive) Keep them in Dossier’s storage', detail: storage.fsPath, to: 'storage' as const },
    ],
    { title: 'Dossier: Open Sample Documents', placeHolder: 'Where should the sample documents be copied to?' },
  );
  if (!choice) return undefined;
  if (choice.to === 'storage') return storage;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Copy Samples Here',
    title: 'Folder for the Dossier sample documents',
  });
  return picked?.[0];
}

/** A command argument from outside (a test, a command link): a Uri, a URI string or an absolute path. */
function toFolderUri(value: unknown): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && /^[a-z][\w+.-]+:\/\//i.test(value)) return vscode.Uri.parse(value, true);
  if (typeof value === 'string' && (value.startsWith('/') || /^[a-z]:[\\/]/i.test(value))) return vscode.Uri.file(value);
  throw new Error('dossier.openSamples takes a folder: a URI or an absolute path.');
}

function isInside(uri: vscode.Uri, folder: vscode.Uri): boolean {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return false;
  // Windows and macOS file systems usually ignore case; a false "inside" there only refuses a folder.
  const norm = (p: string) => (process.platform === 'linux' ? p : p.toLowerCase()).replace(/\/+$/, '');
  const [p, f] = [norm(uri.path), norm(folder.path)];
  return p === f || p.startsWith(`${f}/`);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function copyWithoutOverwriting(source: vscode.Uri, target: vscode.Uri): Promise<{ copied: string[]; skipped: string[] }> {
  const names = (await vscode.workspace.fs.readDirectory(source))
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.txt'))
    .map(([name]) => name)
    .sort();
  if (!names.length) throw new Error(`no sample documents in ${source.fsPath}`);
  await vscode.workspace.fs.createDirectory(target);
  const copied: string[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    const to = vscode.Uri.joinPath(target, name);
    if (await exists(to)) {
      skipped.push(name);
      continue;
    }
    // Read and write rather than copy: a copy would keep the install folder's
    // permissions, which may be read-only.
    await vscode.workspace.fs.writeFile(to, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(source, name)));
    copied.push(name);
  }
  return { copied, skipped };
}

/**
 * A folder this window already shows gets a sample opened in an editor (no
 * reload). Any other folder opens: in this window when it is empty, in a new
 * one when it has a workspace the user may be in the middle of.
 */
async function show(folder: vscode.Uri, first: string): Promise<void> {
  const open = vscode.workspace.workspaceFolders ?? [];
  if (open.some((f) => isInside(folder, f.uri))) {
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, first), { preview: false });
    return;
  }
  await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: open.length > 0 });
}
