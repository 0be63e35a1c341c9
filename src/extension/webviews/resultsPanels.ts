// Results panels: one per model folder. Validating again reveals and refreshes the same panel;
// panels come back after a window reload through the serializer (state kept by the page via
// setState, never retainContextWhenHidden) — but only for models the Saved Models store lists.
import * as vscode from 'vscode';
import { parseFromWebview, parsePanelState, type FromWebview, type PanelState, type ToWebview } from '../../protocol/resultsPanel';
import { engine, type ValidationReport } from '../engine';
import { fileSystemFor } from '../models/modelLocations';
import type { StoredModel } from '../models/savedModelsStore';
import type { ModelLabContext } from '../context';
import { errorMessage } from '../ui/notifier';
import { createPanel, WebviewHost, type PageKind } from './webviewHost';
import { WEBVIEW_TYPES } from '../contributions';
import { buildResultsView } from './resultsView';

export const RESULTS_PAGE: PageKind<FromWebview, PanelState> = {
  viewType: WEBVIEW_TYPES.results,
  script: 'resultsPage.js',
  styles: ['results.css'],
  what: 'the results panel',
  parseFromPage: parseFromWebview,
  parseState: parsePanelState,
};

class ResultsPanel {
  private generation = 0;
  readonly host: WebviewHost<ToWebview, FromWebview, PanelState>;

  constructor(panel: vscode.WebviewPanel, readonly model: StoredModel, private readonly ctx: ModelLabContext, state: PanelState, onDispose: () => void) {
    this.host = new WebviewHost<ToWebview, FromWebview, PanelState>(panel, RESULTS_PAGE, ctx.extensionUri, ctx.log, {
      title: `Model Lab: ${model.name}`,
      state,
      onDispose,
      onMessage: (message) => {
        if (message.type === 'revalidate') return this.validate();
        return vscode.commands.executeCommand('revealInExplorer', model.uri);
      },
    });
  }

  /** Reloads the model from disk through the core and shows the outcome (also when it fails). */
  async validate(): Promise<ValidationReport> {
    const generation = ++this.generation;
    const { model, ctx } = this;
    this.host.post({ type: 'loading', name: model.name }, 'view');
    const fs = fileSystemFor(model.uri);
    let report: ValidationReport;
    try {
      report = await engine().validate(fs.pathOf(model.uri), fs, { log: (l) => ctx.log.line(l) });
    } catch (e) {
      report = { modelDir: model.uri.path, status: 'could-not-load', error: errorMessage(e) };
    }
    ctx.log.line(`Validation of "${model.name}": ${report.status}${report.error ? ` — ${report.error}` : ''}`);
    if (generation === this.generation) this.host.post({ type: 'results', view: buildResultsView(model.name, report, new Date()) }, 'view');
    return report;
  }
}

export class ResultsPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  private readonly panels = new Map<string, ResultsPanel>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly ctx: ModelLabContext) {
    this.registration = vscode.window.registerWebviewPanelSerializer(RESULTS_PAGE.viewType, this);
  }

  /** Opens (or reveals) the model's panel and validates it again. */
  async validate(model: StoredModel): Promise<ValidationReport> {
    const existing = this.panels.get(model.uri.toString());
    if (existing) {
      existing.host.reveal();
      return existing.validate();
    }
    const panel = createPanel(RESULTS_PAGE, model.name, this.ctx.extensionUri);
    return this.attach(panel, model, { modelDir: model.uri.toString(), name: model.name }).validate();
  }

  /** Reveals the panel if open; validates only when there is none yet. */
  async show(model: StoredModel): Promise<void> {
    const existing = this.panels.get(model.uri.toString());
    if (existing) existing.host.reveal();
    else await this.validate(model);
  }

  close(modelUri: vscode.Uri): void {
    this.panels.get(modelUri.toString())?.host.dispose();
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = parsePanelState(raw);
    const model = state ? await this.listedModel(state.modelDir) : undefined;
    if (!state || !model) {
      this.ctx.log.warn(`A results panel was not restored: ${state ? `${state.modelDir} is not a saved model of this workspace` : 'its saved state is missing or malformed'}.`);
      panel.dispose();
      return;
    }
    if (this.panels.has(model.uri.toString())) {
      panel.dispose(); // two restored panels for one model: keep one
      return;
    }
    await this.attach(panel, model, state).validate();
  }

  /** The store's model for a URI text from restored state (untrusted: anything else is refused). */
  private async listedModel(uriText: string): Promise<StoredModel | undefined> {
    try {
      return await this.ctx.store.find(vscode.Uri.parse(uriText, true));
    } catch {
      return undefined;
    }
  }

  private attach(panel: vscode.WebviewPanel, model: StoredModel, state: PanelState): ResultsPanel {
    const key = model.uri.toString();
    const rp = new ResultsPanel(panel, model, this.ctx, { ...state, modelDir: key, name: model.name }, () => {
      if (this.panels.get(key) === rp) this.panels.delete(key);
    });
    this.panels.set(key, rp);
    return rp;
  }

  dispose(): void {
    this.registration.dispose();
    for (const p of this.panels.values()) p.host.dispose();
  }
}
