// The results page's HTML shell (the shared strict-CSP shell with the results bundle).
import type * as vscode from 'vscode';
import type { PanelState } from '../protocol/resultsPanel';
import { webviewHtml } from './webviewHtml';

export function resultsHtml(webview: vscode.Webview, extensionUri: vscode.Uri, state: PanelState): string {
  return webviewHtml(webview, extensionUri, { script: 'webview.js', styles: ['results.css'], title: 'Model Lab results', state });
}
