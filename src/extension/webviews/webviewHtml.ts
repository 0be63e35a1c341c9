// The HTML shell shared by Model Lab's webviews (pageShell.ts) with a strict CSP: nothing but our
// bundle's script (by nonce) and CSS files from media/.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { pageShell } from './pageShell';

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
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return pageShell({
    csp, nonce, title: page.title, state: page.state,
    script: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', page.script)).toString(),
    styles: page.styles.map((name) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name)).toString()),
  });
}
