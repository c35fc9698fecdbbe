import * as vscode from 'vscode';
import type { Messages } from '../messages';
import { log } from '../log';
import { baseName } from './sidecarPaths';
import type { AnnotationStore, SidecarFailure } from './store';

/*
 * The user-facing side of the sidecar store: it shows the failures the store
 * raises, and asks what only the user can decide (back up a damaged file,
 * move an orphaned sidecar to the document it belongs to).
 */

export function showFailures(store: AnnotationStore, messages: Messages): vscode.Disposable {
  return store.onDidFail((failure) => {
    void showFailure(store, messages, failure).catch((err: unknown) => log().error(`Dossier annotations: ${String(err)}`));
  });
}

async function showFailure(store: AnnotationStore, messages: Messages, f: SidecarFailure): Promise<void> {
  const file = vscode.workspace.asRelativePath(vscode.Uri.file(f.sidecarPath));
  const doc = baseName(f.docPath);
  switch (f.kind) {
    case 'corrupt': {
      const choice = await messages.error(
        `Dossier: the annotations file ${file} cannot be read: ${f.reason}. It is left untouched, and new annotations for ${doc} are refused until it is fixed.`,
        { actions: ['Open File', 'Back Up and Start Fresh'] },
      );
      if (choice === 'Open File') await vscode.window.showTextDocument(vscode.Uri.file(f.sidecarPath));
      else if (choice === 'Back Up and Start Fresh') await backUpAndStartFresh(store, messages, vscode.Uri.file(f.docPath));
      return;
    }
    case 'read-only':
      await messages.error(
        `Dossier: ${file} is read-only, so the annotations of ${doc} are not saved. They are kept in memory while this window is open, and saved with the next change once the file is writable.`,
      );
      return;
    case 'not-saved':
      await messages.error(
        `Dossier: could not save annotations to ${file}: ${f.reason}. They are kept in memory and saved with the next change.`,
      );
      return;
    case 'not-moved':
      await messages.error(`Dossier: ${doc} was moved, but its annotations stay in ${file}, because ${f.reason}.`);
      return;
  }
}

export async function backUpAndStartFresh(store: AnnotationStore, messages: Messages, docUri: vscode.Uri): Promise<void> {
  const backup = await store.backUpAndStartFresh(docUri);
  if (backup) void messages.info(`Dossier: the damaged file was kept as ${baseName(backup.path)}.`);
}

/**
 * Offers to move each orphaned sidecar (its document is gone, e.g. renamed
 * outside the editor) to the one document among `candidates` with the same
 * text. Asked once per orphan and session.
 */
export class ReattachOffers {
  private readonly asked = new Set<string>();

  constructor(
    private readonly store: AnnotationStore,
    private readonly messages: Messages,
  ) {}

  async offer(candidates: readonly vscode.Uri[]): Promise<void> {
    const maxBytes = (vscode.workspace.getConfiguration('dossier').get<number>('maxFileSizeMB') ?? 50) * 1024 * 1024;
    for (const { from, to } of await this.store.reattachments(candidates, maxBytes)) {
      if (this.asked.has(from.toString())) continue;
      this.asked.add(from.toString());
      void this.messages
        .info(
          `Dossier: ${baseName(from.path)} is gone, and ${vscode.workspace.asRelativePath(to)} has the same text. Move the annotations of ${baseName(from.path)} to it?`,
          'Move Annotations',
          'Not Now',
        )
        .then(async (choice) => {
          if (choice === 'Move Annotations' && !(await this.store.reattach(from, to)))
            void this.messages.warn(
              `Dossier: the annotations of ${baseName(from.path)} were not moved: their file is gone, or ${baseName(to.path)} has annotations of its own.`,
            );
        })
        .then(
          undefined,
          (err: unknown) =>
            void this.messages.error(
              `Dossier: could not move the annotations of ${baseName(from.path)}: ${err instanceof Error ? err.message : String(err)}`,
            ),
        );
    }
  }
}
