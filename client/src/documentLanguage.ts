import * as vscode from 'vscode';

export const LANGUAGE_ID = 'dossier-source';

/**
 * Included plain-text documents switch to the "Source Document" language so
 * that its grammar (headline, byline, quotes, comment headers) and
 * reading-friendly defaults such as word wrap apply. Other files are untouched.
 */
export function registerDocumentLanguage(context: vscode.ExtensionContext, isIncluded: (doc: vscode.TextDocument) => boolean): void {
  const adopt = (doc: vscode.TextDocument) => {
    if (doc.languageId === 'plaintext' && isIncluded(doc)) void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(adopt));
  vscode.workspace.textDocuments.forEach(adopt);
}
