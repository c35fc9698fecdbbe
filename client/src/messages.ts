import * as vscode from 'vscode';
import { log } from './log';

/** The one way the client tells the user something went wrong: logged, shown, and recorded for the VS Code tests. */
export class Messages {
  /** Error messages shown to the user, in order. */
  readonly shownErrors: string[] = [];

  /** `logged` replaces the message in the log (to name the command that failed, say). */
  error(message: string, options: { actions?: string[]; logged?: string } = {}): Thenable<string | undefined> {
    this.shownErrors.push(message);
    log().error(options.logged ?? message);
    return vscode.window.showErrorMessage(message, ...(options.actions ?? []));
  }

  info(message: string, ...actions: string[]): Thenable<string | undefined> {
    log().info(message);
    return vscode.window.showInformationMessage(message, ...actions);
  }

  warn(message: string, ...actions: string[]): Thenable<string | undefined> {
    log().warn(message);
    return vscode.window.showWarningMessage(message, ...actions);
  }
}
