// The page side of every Model Lab webview: the VS Code API handle, state restored from
// getState() (after a reload) or from the shell's <meta> tag (a new panel), checked by the page's
// protocol; messages from the extension checked before use; 'ready' once the page listens, and a
// replayed message applied only when none of its type arrived directly (src/protocol/replay.ts).
import { replayedMessage } from '../src/protocol/replay';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface PageHost<ToPage extends { readonly type: string }, FromPage, State> {
  /** The page's state when it started: restored, initial, or undefined when neither is valid. */
  readonly initialState: State | undefined;
  setState(state: State): void;
  post(message: FromPage): void;
  /** Installs the handler for checked messages and tells the extension the page is ready. */
  listen(handler: (message: ToPage) => void): void;
}

export function connectPage<ToPage extends { readonly type: string }, FromPage, State>(
  parseToPage: (raw: unknown) => ToPage | undefined,
  parseState: (raw: unknown) => State | undefined,
): PageHost<ToPage, FromPage, State> {
  const vscode = acquireVsCodeApi();
  const saved = vscode.getState();
  let initialState = saved === undefined || saved === null ? undefined : parseState(saved);
  if (initialState === undefined) {
    const meta = document.querySelector('meta[name="model-lab-state"]')?.getAttribute('content');
    try {
      initialState = parseState(meta ? JSON.parse(meta) : undefined);
    } catch {
      initialState = undefined;
    }
  }
  if (initialState !== undefined) vscode.setState(initialState);
  return {
    initialState,
    setState: (state) => vscode.setState(state),
    post: (message) => vscode.postMessage(message),
    listen(handler) {
      /** Types of the messages that reached the page (directly or replayed). */
      const received = new Set<string>();
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const inner = replayedMessage(event.data);
        const message = parseToPage(inner ?? event.data);
        if (message === undefined) return;
        if (inner !== undefined && received.has(message.type)) return;
        received.add(message.type);
        handler(message);
      });
      vscode.postMessage({ type: 'ready' });
    },
  };
}
