// The Compare Models page's HTML shell (the shared strict-CSP shell with the compare bundle).
import type * as vscode from 'vscode';
import type { CompareState } from '../protocol/comparePanel';
import { webviewHtml } from './webviewHtml';

export function compareHtml(webview: vscode.Webview, extensionUri: vscode.Uri, state: CompareState): string {
  return webviewHtml(webview, extensionUri, { script: 'compare.js', styles: ['results.css', 'compare.css'], title: 'Compare Models', state });
}
