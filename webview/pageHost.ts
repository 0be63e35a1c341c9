// The page side of every Model Lab webview: the VS Code API handle, state restored from
// getState() (after a reload) or from the shell's <meta> tag (a new panel), checked by the page's
// protocol; messages from the extension checked before use; 'ready' once the page listens.

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface PageHost<ToPage, FromPage, State> {
  /** The page's state when it started: restored, initial, or undefined when neither is valid. */
  readonly initialState: State | undefined;
  setState(state: State): void;
  post(message: FromPage): void;
  /** Installs the handler for checked messages and tells the extension the page is ready. */
  listen(handler: (message: ToPage) => void): void;
}

export function connectPage<ToPage, FromPage, State>(
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
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const message = parseToPage(event.data);
        if (message !== undefined) handler(message);
      });
      vscode.postMessage({ type: 'ready' });
    },
  };
}
