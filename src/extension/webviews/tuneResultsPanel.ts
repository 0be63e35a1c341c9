// Tune results: one panel per tuned model, showing the grid search its model.json recorded (the
// candidates, the chart, the refit's accuracies) with a link to the model's results. The page's
// state holds only the model folder's URI; after a window reload the view is rebuilt from that
// model.json, and only for a model the Saved Models store lists (the results editor's rule). The
// panel follows the store: a model rewritten is shown again, one deleted or renamed says so.
import * as vscode from 'vscode';
import {
  initialTuneState, parseFromTunePage, parseTuneState,
  type FromTunePage, type ToTunePage, type TuneState,
} from '../../protocol/tunePanel';
import type { ModelLabContext } from '../context';
import type { StoredModel } from '../models/savedModelsStore';
import { WEBVIEW_TYPES } from '../contributions';
import { createPanel, WebviewHost, type PageKind } from './webviewHost';
import { tuneMessageOf } from './tuneResultsView';
import { movedModel, notListedReason } from './notListed';
import type { ModelManifest } from '../engine';
import { showBidiControls } from '../../protocol/bidiControls';

export const TUNE_PAGE: PageKind<FromTunePage, TuneState> = {
  viewType: WEBVIEW_TYPES.tuneResults,
  script: 'tunePage.js',
  styles: ['results.css', 'compare.css', 'tune.css'],
  what: 'the tuning results of',
  parseFromPage: parseFromTunePage,
  parseState: parseTuneState,
};

interface OpenPanel {
  readonly host: WebviewHost<ToTunePage, FromTunePage, TuneState>;
  /** The model folder (another one when the folder was renamed or moved on disk and the panel followed). */
  modelUri: vscode.Uri;
  /** The model.json last shown: what tells the same model in another folder. */
  manifest?: ModelManifest;
  /** The message the page shows now (JSON, to skip resending the same view). */
  sent: string;
  shown: ToTunePage | undefined;
}

const titleOf = (name: string) => `Tuning Results: ${showBidiControls(name)}`;

/** The page's view, with the model's folder when the panel followed it to a new one (`moved`). */
function withFolder(message: ToTunePage, moved: StoredModel | undefined): ToTunePage {
  return moved && message.type === 'view' ? { ...message, folder: moved.uri.toString() } : message;
}

/** The folder's name from its URI (for a model the store does not list). */
function folderName(uri: vscode.Uri): string {
  return uri.path.split('/').filter((s) => s !== '').pop() ?? uri.path;
}

export class TuneResultsPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  private readonly panels = new Map<string, OpenPanel>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly ctx: ModelLabContext) {
    this.subscriptions = [
      ctx.store.onDidChange(() => {
        for (const p of this.panels.values()) void this.send(p);
      }),
    ];
  }

  /** What each open panel shows now, by the model folder's URI. */
  get shown(): ReadonlyMap<string, ToTunePage | undefined> {
    return new Map([...this.panels].map(([key, p]) => [key, p.shown]));
  }

  /**
   * Opens (or reveals) the Tune results of a listed model; resolves with what the panel shows. With
   * preserveFocus (a search that ends while the user types elsewhere) it comes to the front without
   * taking the keyboard.
   */
  async show(model: StoredModel, options: { preserveFocus?: boolean } = {}): Promise<ToTunePage> {
    const key = model.uri.toString();
    let open = this.panels.get(key);
    if (open) open.host.reveal(options.preserveFocus);
    else open = this.attach(createPanel(TUNE_PAGE, titleOf(model.name), this.ctx.extensionUri, options.preserveFocus), model.uri, initialTuneState(key, model.name));
    return this.send(open);
  }

  /** VS Code restores a panel after a reload: rebuilt from model.json if the store lists the model. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = parseTuneState(raw);
    let uri: vscode.Uri | undefined;
    try {
      uri = state ? vscode.Uri.parse(state.modelDir, true) : undefined;
    } catch {
      uri = undefined;
    }
    if (!state || !uri || this.panels.has(uri.toString())) {
      this.ctx.log.warn(`A Tuning Results tab was not restored: ${!state || !uri ? 'its saved state names no model folder' : 'that model already has one'}.`);
      panel.dispose();
      return;
    }
    await this.send(this.attach(panel, uri, state));
  }

  private attach(panel: vscode.WebviewPanel, modelUri: vscode.Uri, state: TuneState): OpenPanel {
    const key = modelUri.toString();
    const open: OpenPanel = {
      modelUri, sent: '', shown: undefined,
      host: new WebviewHost<ToTunePage, FromTunePage, TuneState>(panel, TUNE_PAGE, this.ctx.extensionUri, this.ctx.log, {
        title: titleOf(state.name || folderName(modelUri)),
        state,
        onDispose: () => {
          const now = open.modelUri.toString();
          if (this.panels.get(now) === open) this.panels.delete(now);
        },
        onMessage: async () => {
          // The only message besides 'ready': open the refit model's results.
          const model = await this.ctx.store.find(open.modelUri);
          if (model) await this.ctx.results.show(model);
        },
      }),
    };
    this.panels.set(key, open);
    return open;
  }

  /** Sends the page what the store's model.json says now (unless the page already shows exactly that). */
  private async send(open: OpenPanel): Promise<ToTunePage> {
    let model = await this.ctx.store.find(open.modelUri);
    const moved = model ? undefined : await this.follow(open);
    model ??= moved;
    if (model?.manifest) open.manifest = model.manifest;
    const csv = model?.manifest?.data.source === 'csv' ? vscode.workspace.asRelativePath(model.location.fs.uri(model.manifest.data.path)) : undefined;
    // Not listed: deleted or moved, outside the models folder now, or never a saved model (a restored state).
    const message: ToTunePage = model
      ? withFolder(tuneMessageOf(model.name, vscode.workspace.asRelativePath(model.uri), model.manifest, model.error, csv, model.changes), moved)
      : { type: 'unavailable', name: folderName(open.modelUri), reason: await notListedReason(open.modelUri, vscode.workspace.asRelativePath(open.modelUri), open.shown?.type === 'view') };
    const json = JSON.stringify(message);
    if (json !== open.sent && !open.host.isDisposed) {
      if (message.type === 'unavailable' && !model) this.ctx.log.warn(`Tuning Results not shown: ${message.reason}`);
      open.sent = json;
      open.shown = message;
      open.host.panel.title = titleOf(message.type === 'view' ? message.view.name : message.name);
      open.host.post(message, 'view');
    }
    return message;
  }

  /**
   * The panel's model folder was renamed or moved on disk: the panel follows it (under the new name;
   * the page keeps the new folder for a window reload). Undefined when it is not a move, or the
   * model there has a panel already.
   */
  private async follow(open: OpenPanel): Promise<StoredModel | undefined> {
    const to = await movedModel(this.ctx.store, open.modelUri, open.manifest);
    if (!to || this.panels.has(to.uri.toString())) return undefined;
    this.ctx.log.line(`The tuned model at ${vscode.workspace.asRelativePath(open.modelUri)} was moved on disk to ${vscode.workspace.asRelativePath(to.uri)}: its Tune results panel follows.`);
    this.panels.delete(open.modelUri.toString());
    open.modelUri = to.uri;
    this.panels.set(to.uri.toString(), open);
    return to;
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.host.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
