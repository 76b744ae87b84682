import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/** A fresh nonce for each load of the view: only scripts carrying it may run. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The view's HTML shell. It holds no plan text at all: the model arrives by `postMessage` and the
 * script renders it with `textContent`. The policy allows only this extension's files and the
 * script with the nonce; no inline style or script.
 */
export function dryRunHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce: string): string {
  const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'media', file)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource}`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('codicon.css')}">
<link rel="stylesheet" href="${media('dryRun.css')}">
<title>Dry run</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="muted">Simulating the plan…</p></main>
<script nonce="${nonce}" src="${media('dryRun.js')}"></script>
</body>
</html>`;
}
