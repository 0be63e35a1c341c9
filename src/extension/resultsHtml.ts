// The results page's HTML shell. Strict CSP: nothing but our bundle's script (by nonce) and its
// CSS file; the page builds all content itself with DOM APIs, so no data is ever parsed as HTML.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { PanelState } from '../protocol/resultsPanel';

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function resultsHtml(webview: vscode.Webview, extensionUri: vscode.Uri, state: PanelState): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'results.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="model-lab-state" content="${escapeAttribute(JSON.stringify(state))}">
<link rel="stylesheet" href="${css.toString()}">
<title>Model Lab results</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="loading">Loading…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
