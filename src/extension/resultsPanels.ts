// Results panels: one per model folder. Validating again reveals and refreshes the same panel;
// panels come back after a window reload through the serializer (state kept by the webview via
// setState, never retainContextWhenHidden).
import * as vscode from 'vscode';
import { parseFromWebview, parsePanelState, type PanelState, type ToWebview } from '../protocol/resultsPanel';
import { validateModel, type ValidationReport } from './engine';
import { fileSystemFor } from './modelLocations';
import { buildResultsView } from './resultsView';
import { resultsHtml } from './resultsHtml';
import type { OutputLog } from './outputLog';
import { errorMessage } from './errors';

export const RESULTS_VIEW_TYPE = 'modelLab.results';

class ResultsPanel {
  private generation = 0;
  private last: ToWebview | undefined;
  constructor(readonly panel: vscode.WebviewPanel, readonly modelUri: vscode.Uri, readonly name: string, private readonly log: OutputLog) {}

  post(message: ToWebview): void {
    this.last = message;
    void this.panel.webview.postMessage(message);
  }

  /** The page (re)started its script: send what it should show now. */
  resend(): void {
    if (this.last) void this.panel.webview.postMessage(this.last);
  }

  /** Reloads the model from disk through the core and shows the outcome (also when it fails). */
  async validate(): Promise<ValidationReport> {
    const generation = ++this.generation;
    this.post({ type: 'loading', name: this.name });
    const fs = fileSystemFor(this.modelUri);
    let report: ValidationReport;
    try {
      report = await validateModel(fs.pathOf(this.modelUri), fs, { log: (l) => this.log.line(l) });
    } catch (e) {
      report = { modelDir: this.modelUri.path, status: 'could-not-load', error: errorMessage(e) };
    }
    this.log.line(`Validation of "${this.name}": ${report.status}${report.error ? ` — ${report.error}` : ''}`);
    if (generation === this.generation) this.post({ type: 'results', view: buildResultsView(this.name, report, new Date()) });
    return report;
  }
}

export class ResultsPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  private readonly panels = new Map<string, ResultsPanel>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: OutputLog) {
    this.registration = vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, this);
  }

  /** Opens (or reveals) the model's panel and validates it again. */
  async validate(modelUri: vscode.Uri, name: string): Promise<ValidationReport> {
    const existing = this.panels.get(modelUri.toString());
    if (existing) {
      existing.panel.reveal(undefined, false);
      return existing.validate();
    }
    const panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, title(name), vscode.ViewColumn.Active, this.webviewOptions());
    return this.attach(panel, modelUri, name).validate();
  }

  /** Reveals the panel if open; validates only when there is none yet. */
  async show(modelUri: vscode.Uri, name: string): Promise<void> {
    const existing = this.panels.get(modelUri.toString());
    if (existing) existing.panel.reveal(undefined, false);
    else await this.validate(modelUri, name);
  }

  close(modelUri: vscode.Uri): void {
    this.panels.get(modelUri.toString())?.panel.dispose();
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = parsePanelState(raw);
    if (!state) {
      this.log.warn('A results panel could not be restored: its saved state is missing or malformed.');
      panel.dispose();
      return;
    }
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(state.modelDir, true);
    } catch {
      this.log.warn('A results panel could not be restored: its model location is not a URI.');
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    const existing = this.panels.get(uri.toString());
    if (existing) {
      // Two restored panels for one model: keep one per model.
      panel.dispose();
      return;
    }
    await this.attach(panel, uri, state.name, state).validate();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel, modelUri: vscode.Uri, name: string, state?: PanelState): ResultsPanel {
    const key = modelUri.toString();
    const rp = new ResultsPanel(panel, modelUri, name, this.log);
    this.panels.set(key, rp);
    panel.title = title(name);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'model-lab.svg');
    const initial: PanelState = { modelDir: key, name, ...(state?.xFeature !== undefined ? { xFeature: state.xFeature } : {}), ...(state?.yFeature !== undefined ? { yFeature: state.yFeature } : {}) };
    panel.webview.html = resultsHtml(panel.webview, this.extensionUri, initial);
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseFromWebview(raw);
        if (!message) {
          this.log.warn(`Ignored a malformed message from the results panel of "${name}": ${safeJson(raw)}`);
          return;
        }
        if (message.type === 'revalidate') void rp.validate();
        else if (message.type === 'revealArtifacts') void vscode.commands.executeCommand('revealInExplorer', modelUri);
        else rp.resend(); // 'ready': a message posted before the script ran may be lost
      }),
    ];
    panel.onDidDispose(() => {
      if (this.panels.get(key) === rp) this.panels.delete(key);
      for (const s of subs) s.dispose();
    });
    return rp;
  }

  dispose(): void {
    this.registration.dispose();
    for (const p of this.panels.values()) p.panel.dispose();
  }
}

function title(name: string): string {
  return `Model Lab: ${name}`;
}

function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 200 ? s.slice(0, 200) + '…' : s;
  } catch {
    return '(not serialisable)';
  }
}
