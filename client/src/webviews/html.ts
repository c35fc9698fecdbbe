import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/**
 * The page of a Dossier webview: a strict Content-Security-Policy (nothing by
 * default; the style sheet and the one script from the extension, the script
 * by nonce; no remote origin), an empty body that the bundled script fills
 * with DOM nodes and text, never with HTML strings.
 */
export function viewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: 'map' | 'network', title: string): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${view}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'views.css'));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${title}</title>
</head>
<body data-view="${view}">
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

/** Only the extension's bundles and style sheet may be loaded into a view. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}
