import { randomBytes } from 'crypto';

/** A fresh nonce for each load of the view: only scripts carrying it may run. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** What the shell needs from the webview: its CSP source and the URLs of the extension's media files. */
export interface HtmlContext {
  cspSource: string;
  media: (file: string) => string;
  nonce: string;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The view's HTML shell. It holds no plan text at all: the model arrives by `postMessage` and the
 * script renders it with `textContent`. The policy allows only this extension's files and the
 * script with the nonce; no inline style or script.
 */
export function dryRunHtml({ cspSource, media, nonce }: HtmlContext): string {
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource}`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(media('codicon.css'))}">
<link rel="stylesheet" href="${attribute(media('dryRun.css'))}">
<title>Dry run</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="muted">Simulating the plan…</p></main>
<script nonce="${attribute(nonce)}" src="${attribute(media('dryRun.js'))}"></script>
</body>
</html>`;
}
