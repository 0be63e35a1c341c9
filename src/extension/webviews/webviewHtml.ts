// The HTML shell shared by Model Lab's webviews. Strict CSP: nothing but our bundle's script (by
// nonce) and CSS files from media/; the page builds all content itself with DOM APIs, so no data is
// ever parsed as HTML. The initial state travels in an attribute-escaped <meta> tag.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface WebviewPage {
  /** Bundle under dist/, e.g. 'webview.js'. */
  readonly script: string;
  /** Stylesheets under media/, in order. */
  readonly styles: readonly string[];
  readonly title: string;
  readonly state: unknown;
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', page.script));
  const links = page.styles
    .map((name) => `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name)).toString()}">`)
    .join('\n');
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
<meta name="model-lab-state" content="${escapeAttribute(JSON.stringify(page.state))}">
${links}
<title>${escapeAttribute(page.title)}</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="loading">Loading…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
