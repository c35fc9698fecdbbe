import * as vscode from 'vscode';
import { baseName } from '../../../common/strings';

export interface Place {
  uri: string;
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A tree item command that opens the document with the span selected. */
export function revealCommand(p: Place, title = 'Reveal'): vscode.Command {
  const range = new vscode.Range(p.start.line, p.start.character, p.end.line, p.end.character);
  return {
    title,
    command: 'vscode.open',
    arguments: [vscode.Uri.parse(p.uri), { selection: range, preserveFocus: false } satisfies vscode.TextDocumentShowOptions],
  };
}

export function fileName(uri: string): string {
  return baseName(vscode.Uri.parse(uri).path);
}
