// The Compare Models page's HTML shell: the same strict CSP as the results panel (our bundle by
// nonce, CSS files from media/), the page builds everything with DOM APIs.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { CompareState } from '../protocol/comparePanel';

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function compareHtml(webview: vscode.Webview, extensionUri: vscode.Uri, state: CompareState): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'compare.js'));
  const base = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'results.css'));
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'compare.css'));
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
<link rel="stylesheet" href="${base.toString()}">
<link rel="stylesheet" href="${css.toString()}">
<title>Compare Models</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="loading">Loading…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
