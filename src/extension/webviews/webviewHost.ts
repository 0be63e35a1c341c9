// One webview host for every Model Lab page (results, compare, tune): the panel options (scripts,
// kept while hidden, resources from dist/ and media/ only), the strict-CSP HTML shell, the ready/resend
// handshake, validation and logging of every message from the page, and disposal. A page says only
// what it shows (its bundle, styles and state) and what it answers (onMessage).
import * as vscode from 'vscode';
import { webviewHtml } from './webviewHtml';
import { replayMessage } from '../../protocol/replay';
import { showBidiControls } from '../../protocol/bidiControls';
import { PAGE_ICON, PAGE_PANEL_OPTIONS } from '../contributions';
import type { OutputLog } from '../ui/outputLog';

/** What a kind of page is: its view type, bundle, styles and message/state checks (from src/protocol). */
export interface PageKind<FromPage, State> {
  readonly viewType: string;
  /** Bundle under dist/, e.g. 'resultsPage.js'. */
  readonly script: string;
  /** Stylesheets under media/, in order. */
  readonly styles: readonly string[];
  /** Name used in log lines ("the results panel of …"). */
  readonly what: string;
  parseFromPage(raw: unknown): FromPage | undefined;
  parseState(raw: unknown): State | undefined;
}

/** The 'ready' message every page sends when its script starts. */
export interface ReadyMessage {
  readonly type: 'ready';
}

const MAX_LOGGED_CHARS = 200;

/** Webview options shared by every page: nothing but dist/ and media/ can be loaded. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * Creates a new panel of this kind in the active column, kept while hidden as every page is
 * (PAGE_PANEL_OPTIONS); with preserveFocus the keyboard stays where the user is typing.
 */
export function createPanel(kind: PageKind<unknown, unknown>, title: string, extensionUri: vscode.Uri, preserveFocus = false): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(kind.viewType, showBidiControls(title), { viewColumn: vscode.ViewColumn.Active, preserveFocus }, { ...webviewOptions(extensionUri), ...PAGE_PANEL_OPTIONS });
}

/**
 * Hosts one page in a panel. Messages posted with a replay key are remembered (the last one per
 * key) and sent again, in a replay envelope (src/protocol/replay.ts), when the page reports 'ready':
 * a message posted before the page's script ran would otherwise be lost, e.g. right after a window
 * reload. The page applies a replay only when that message did not reach it directly.
 */
export class WebviewHost<ToPage, FromPage extends { type: string }, State> implements vscode.Disposable {
  private readonly replay = new Map<string, ToPage>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    kind: PageKind<FromPage, State>,
    extensionUri: vscode.Uri,
    private readonly log: OutputLog,
    options: { title: string; state: State; onMessage(message: Exclude<FromPage, ReadyMessage>): unknown; onDispose(): void },
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = { light: vscode.Uri.joinPath(extensionUri, PAGE_ICON.light), dark: vscode.Uri.joinPath(extensionUri, PAGE_ICON.dark) };
    panel.title = showBidiControls(options.title);
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { script: kind.script, styles: kind.styles, title: options.title, state: options.state });
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage(async (raw: unknown) => {
        const message = kind.parseFromPage(raw);
        if (!message) {
          this.log.warn(`Ignored a malformed message from ${kind.what} "${options.title}": ${safeJson(raw)}`);
          return;
        }
        if (message.type === 'ready') {
          for (const m of this.replay.values()) void panel.webview.postMessage(replayMessage(m));
          return;
        }
        try {
          await options.onMessage(message as Exclude<FromPage, ReadyMessage>);
        } catch (e) {
          this.log.warn(`${kind.what} "${options.title}": ${(e as Error)?.message ?? String(e)}`);
        }
      }),
      panel.onDidDispose(() => {
        this.disposed = true;
        for (const s of this.subscriptions) s.dispose();
        options.onDispose();
      }),
    );
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Sends a message; with `replayKey` it is also sent again whenever the page (re)starts. */
  post(message: ToPage, replayKey?: string): void {
    if (this.disposed) return;
    if (replayKey !== undefined) this.replay.set(replayKey, message);
    void this.panel.webview.postMessage(message);
  }

  /** Stops replaying the message under this key (the page has acted on it). */
  forget(replayKey: string): void {
    this.replay.delete(replayKey);
  }

  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  dispose(): void {
    this.panel.dispose();
  }
}

/** A short, always-printable rendering of an untrusted value for the log. */
function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > MAX_LOGGED_CHARS ? s.slice(0, MAX_LOGGED_CHARS) + '…' : s;
  } catch {
    return '(not serialisable)';
  }
}
