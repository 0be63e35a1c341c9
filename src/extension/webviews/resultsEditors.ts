// A model's results open as an editor (a custom editor on a model-lab-results: URI named after the
// model), so they behave like every other editor: a single click in Saved Models opens a preview
// tab that the next click replaces, a double click or Validate opens it for good, tabs come back
// after a window reload — but only for models the Saved Models store lists. The recorded numbers
// are painted at once from model.json; the reload-and-recompute result follows.
import * as vscode from 'vscode';
import { parseFromWebview, parsePanelState, type FromWebview, type PanelState, type ResultsView, type ToWebview } from '../../protocol/resultsPanel';
import { engine, isAbortError, type ValidationReport } from '../engine';
import { withProgressAfterASecond } from '../ui/progress';
import { fileSystemFor } from '../models/modelLocations';
import type { StoredModel } from '../models/savedModelsStore';
import type { ModelLabContext } from '../context';
import { errorMessage } from '../ui/notifier';
import { WebviewHost, type PageKind } from './webviewHost';
import { buildRecordedView, buildResultsView } from './resultsView';
import { isThere, movedModel, notListedReason } from './notListed';
import { COMMAND_IDS, WEBVIEW_TYPES } from '../contributions';

export const RESULTS_PAGE: PageKind<FromWebview, PanelState> = {
  viewType: WEBVIEW_TYPES.results,
  script: 'resultsPage.js',
  styles: ['results.css'],
  what: 'the results of',
  parseFromPage: parseFromWebview,
  parseState: parsePanelState,
};

/** The scheme of results editors: model-lab-results://AUTHORITY/PATH?SCHEME names the model folder SCHEME://AUTHORITY/PATH. */
export const RESULTS_SCHEME = 'model-lab-results';

/** The results editor's URI of a model folder (its basename, the model's name, is the tab's title). */
export function resultsUri(modelUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: RESULTS_SCHEME, authority: modelUri.authority, path: modelUri.path, query: modelUri.scheme });
}

/** The model folder a results URI names. */
export function modelUriOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: uri.query || 'file', authority: uri.authority, path: uri.path });
}

/**
 * Reloading a model waits for the page's first paint (its recorded numbers), at most this long: run
 * at once, loading the engine and validating took the CPU the page needed (menu → recorded numbers
 * painted, one code-server session each: 349, 371, 376 ms at once; 265, 295, 343, 398 ms after).
 * A page that cannot paint (hidden) must not hold the validation back.
 */
const FIRST_PAINT_WAIT_MS = 500;

/** Where a results tab was: its editor group, and whether it was the preview tab. */
export interface ResultsTabPlace {
  readonly viewColumn: vscode.ViewColumn;
  readonly preview: boolean;
}

interface OpenOptions {
  readonly preview?: boolean;
  readonly preserveFocus?: boolean;
  readonly viewColumn?: vscode.ViewColumn;
}

class ResultsEditor {
  private generation = 0;
  private painted!: () => void;
  /** Resolves when the page reports its first content painted. */
  private readonly firstPaint = new Promise<void>((resolve) => { this.painted = resolve; });
  readonly host: WebviewHost<ToWebview, FromWebview, PanelState>;
  /** The view last shown, without the live `changed` part (added from the store at each post). */
  view: ResultsView | undefined;
  /** The view shows what the edited files predict ("Show what it predicts now"), not a validation. */
  private showsEdited = false;
  /** The model's folder is no longer listed (deleted or moved on disk). */
  private gone = false;
  private readonly subscription: vscode.Disposable;

  /** `onMoved`: the model's folder was moved or renamed on disk to `to`; true when the tab follows it there. */
  constructor(
    panel: vscode.WebviewPanel, public model: StoredModel, private readonly ctx: ModelLabContext, state: PanelState, onDispose: () => void,
    onMoved: (editor: ResultsEditor, to: StoredModel) => Promise<boolean>,
  ) {
    this.host = new WebviewHost<ToWebview, FromWebview, PanelState>(panel, RESULTS_PAGE, ctx.extensionUri, ctx.log, {
      title: model.name,
      state,
      onDispose: () => {
        this.subscription.dispose();
        onDispose();
      },
      onMessage: (message) => {
        if (message.type === 'painted') return this.painted();
        if (message.type === 'revalidate') return this.validate();
        if (message.type === 'predictEdited') return this.validate({ acceptEdited: true });
        if (message.type === 'showTuneResults') return vscode.commands.executeCommand(COMMAND_IDS.showTuneResults, this.model.uri);
        return this.reveal();
      },
    });
    // Brought back into view (its tab chosen again): its files are checked again, watcher or not.
    let visible = panel.visible;
    const shown = panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.visible && !visible && !this.gone) ctx.store.recheck(this.model.uri);
      visible = e.webviewPanel.visible;
    });
    // A file of the model edited on disk (editor, git checkout, another process): say so at once.
    const changes = ctx.store.onDidChange(async () => {
      const fresh = await ctx.store.find(this.model.uri);
      if (!fresh) {
        const to = await movedModel(ctx.store, this.model.uri, this.model.manifest);
        if (to && await onMoved(this, to)) return;
        return void this.showGone();
      }
      if (this.gone) {
        // Back (a folder moved back, a checkout): what it predicts now is checked again.
        this.gone = false;
        this.model = fresh;
        return void this.validate();
      }
      const before = this.model;
      this.model = fresh;
      if (sameFileState(before, fresh) || !this.view) return;
      // What the edited files predicted is stale once they change again (or are restored): validate
      // anew; so is "could not load" when the files that kept it from loading change (data.csv or
      // model.json restored), and any verdict once model.json no longer reads (damaged).
      if (this.showsEdited || this.view.status === 'could-not-load' || fresh.error !== undefined) void this.validate();
      else this.show(this.view);
    });
    this.subscription = vscode.Disposable.from(shown, changes);
  }

  /**
   * The model is no longer listed: its folder was deleted or moved on disk (a shell, a checkout), or
   * the models folder is another one now (modelLab.modelsFolder, a workspace folder removed). Its
   * numbers are no longer of a saved model, so the tab shows none of them, only why.
   */
  private async showGone(): Promise<void> {
    if (this.gone) return;
    this.gone = true;
    await this.sayGone();
  }

  /** The view of a model that is no longer listed: none of its numbers, only why (checked now). */
  private async sayGone(): Promise<void> {
    this.generation++; // a validation still running must not paint over this
    const error = await notListedReason(this.model.uri, this.model.location.fs.pathOf(this.model.uri), true);
    if (!this.gone) return; // back meanwhile
    this.ctx.log.line(`"${this.model.name}" left Saved Models: ${error}`);
    // Posted as it is: the "changed since saving" files of a model that is not listed mean nothing.
    this.view = buildResultsView(this.model.name, { modelDir: this.model.uri.path, status: 'could-not-load', error }, new Date());
    this.host.post({ type: 'results', view: this.view }, 'view');
  }

  /** Reveal artifacts: in the Explorer, or, for a folder that is not there any more, why nothing is shown. */
  private async reveal(): Promise<unknown> {
    if (await isThere(this.model.uri)) return vscode.commands.executeCommand('revealInExplorer', this.model.uri);
    return this.ctx.notify.warn(`Nothing to reveal: the folder of "${this.model.name}" is no longer there (deleted or moved outside Model Lab).`);
  }

  /** Posts a view with the model's current "changed since saving" files. */
  private show(view: ResultsView): void {
    this.view = view;
    const changed = this.model.changes ?? [];
    this.host.post({ type: 'results', view: changed.length > 0 ? { ...view, changed: changed.map((c) => ({ ...c })) } : view }, 'view');
  }

  /** What model.json recorded, shown before the model is reloaded (a first paint without waiting). */
  showRecorded(): void {
    const { model } = this;
    if (!model.manifest) return;
    this.show(buildRecordedView(model.name, model.uri.path, model.manifest));
  }

  /** Validates once the page has painted what model.json recorded (or FIRST_PAINT_WAIT_MS passed). */
  async validateAfterFirstPaint(): Promise<ValidationReport | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.firstPaint, new Promise<void>((resolve) => { timer = setTimeout(resolve, FIRST_PAINT_WAIT_MS); })]);
    clearTimeout(timer);
    return this.validate();
  }

  /**
   * Reloads the model from disk through the core and shows the outcome (also when it fails). With
   * acceptEdited, a model whose files changed since saving is evaluated as it is now.
   */
  async validate(options: { acceptEdited?: boolean } = {}): Promise<ValidationReport | undefined> {
    if (this.gone) {
      // Re-validate on a tab whose model left Saved Models: validated if it is listed again, else
      // the same why as before, checked anew (not the core's terser "no such model folder").
      const back = await this.ctx.store.find(this.model.uri);
      if (!back) {
        await this.sayGone();
        return { modelDir: this.model.uri.path, status: 'could-not-load', error: this.view?.error ?? '' };
      }
      this.gone = false;
      this.model = back;
    }
    const generation = ++this.generation;
    const { model, ctx } = this;
    this.host.post({ type: 'loading', name: model.name });
    const fs = fileSystemFor(model.uri);
    let report: ValidationReport;
    try {
      // Its rows are predicted on a worker thread (seconds for a large model); past a second, a
      // notification offers Cancel, which ends it at once: the tab keeps what it showed, no late result.
      report = await withProgressAfterASecond(`validating "${model.name}"`, (signal) =>
        engine().validate(fs.pathOf(model.uri), fs, { log: (l) => ctx.log.line(l), signal, predictor: ctx.rowPredictor() }, options));
    } catch (e) {
      if (isAbortError(e)) return this.cancelled(generation);
      report = { modelDir: model.uri.path, status: 'could-not-load', error: errorMessage(e) };
    }
    ctx.log.line(`Validation of "${model.name}": ${report.status}${report.error ? ` — ${report.error}` : ''}`);
    // A model that cannot load because its files changed (data.csv deleted) still has a readable
    // model.json: the page shows what it recorded, under the banner saying what changed.
    if (report.status === 'could-not-load' && (model.changes?.length ?? 0) > 0 && model.manifest) {
      const m = model.manifest;
      report = { ...report, manifest: m, recorded: { train: m.metrics.trainAccuracy, valid: m.metrics.validAccuracy } };
    }
    if (generation === this.generation) {
      this.showsEdited = options.acceptEdited === true;
      this.show(buildResultsView(model.name, report, new Date()));
    }
    return report;
  }

  /** A validation cancelled: the tab shows again what it showed before ('cancelled' where that was the recorded numbers), and no report. */
  private cancelled(generation: number): undefined {
    this.ctx.log.line(`Validation of "${this.model.name}" cancelled.`);
    if (generation === this.generation && this.view) this.show(this.view.status === 'checking' ? { ...this.view, status: 'cancelled' } : this.view);
    return undefined;
  }
}

/**
 * Whether the store saw the same state of a model's files twice: the same files changed since saving
 * and the same reason it is damaged. A model.json that no longer reads (or reads again) is no file
 * "changed since saving" — the store cannot hash against a manifest it cannot read — only `error`.
 */
function sameFileState(a: StoredModel, b: StoredModel): boolean {
  return a.error === b.error && JSON.stringify(a.changes ?? []) === JSON.stringify(b.changes ?? []);
}

export class ResultsEditors implements vscode.Disposable, vscode.CustomReadonlyEditorProvider {
  private readonly editors = new Map<string, ResultsEditor>();
  /** Callers waiting for an editor that VS Code is still opening. */
  private readonly waiting = new Map<string, ((e: ResultsEditor | undefined) => void)[]>();
  private readonly focus: vscode.Disposable;

  /** VS Code reaches it through the provider that the context registers at activation (RESULTS_EDITOR_OPTIONS). */
  constructor(private readonly ctx: ModelLabContext) {
    // Back from another program (an editor, a shell, git): the models on screen are checked again.
    this.focus = vscode.window.onDidChangeWindowState((s) => {
      if (!s.focused) return;
      for (const e of this.editors.values()) if (e.host.panel.visible) ctx.store.recheck(e.model.uri);
    });
  }

  /** What each open results editor shows now (its last view), by the model folder's URI. */
  get shown(): ReadonlyMap<string, ResultsView | undefined> {
    return new Map([...this.editors].map(([key, e]) => [key, e.view]));
  }

  /**
   * Opens the model's results editor (`preview`: in the preview tab) and validates the model again;
   * the editor shows the recorded numbers meanwhile.
   */
  async validate(model: StoredModel, options: { preview?: boolean; preserveFocus?: boolean } = {}): Promise<ValidationReport | undefined> {
    const editor = await this.open(model, options);
    if (!editor) return { modelDir: model.uri.path, status: 'could-not-load', error: 'the results editor could not be opened' };
    return editor.validateAfterFirstPaint();
  }

  /** Opens (or reveals) the results editor; validates only when it was not open yet. */
  async show(model: StoredModel, options: OpenOptions = {}): Promise<void> {
    const fresh = !this.editors.has(model.uri.toString());
    const editor = await this.open(model, options);
    if (editor && fresh) await editor.validateAfterFirstPaint();
  }

  /**
   * Closes the model's results tabs (before its folder is deleted or renamed). The focus stays where
   * it is — in Saved Models for a Delete or F2 there: VS Code would otherwise move it into the tab that
   * comes forward (a Compare page, say), and the next arrow key would not reach the tree.
   */
  async close(modelUri: vscode.Uri): Promise<ResultsTabPlace | undefined> {
    const target = resultsUri(modelUri).toString();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === target);
    if (tabs.length === 0) return undefined;
    const first = tabs[0]!;
    await vscode.window.tabGroups.close(tabs, true);
    return { viewColumn: first.group.viewColumn, preview: first.isPreview };
  }

  /**
   * Opens a model's results where a tab was closed by `close` (a renamed model's tab comes back under
   * its new name, as an editor follows a file renamed in the Explorer), keeping the focus where it is.
   */
  async reopen(model: StoredModel, place: ResultsTabPlace): Promise<void> {
    await this.show(model, { ...place, preserveFocus: true });
  }

  /**
   * A model folder renamed or moved on disk: its tab comes back where it was under the new name, as
   * after Rename in Saved Models (and as an editor follows a file renamed in the Explorer).
   */
  private async follow(editor: ResultsEditor, to: StoredModel): Promise<boolean> {
    const from = editor.model;
    if (this.editors.has(to.uri.toString())) return false; // open there already: this tab says it is gone
    this.ctx.log.line(`"${from.name}" was moved on disk to ${to.location.fs.pathOf(to.uri)}: its results tab follows.`);
    const place = await this.close(from.uri);
    if (place) await this.reopen(to, place);
    return true;
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  /** VS Code opens (or restores after a reload) a results editor: only a listed model is shown. */
  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const modelUri = modelUriOf(document.uri);
    const key = modelUri.toString();
    // Read on its own when the listing is still running (a restore after Reload Window): same rule.
    const model = await this.ctx.store.findEarly(modelUri);
    if (!model) {
      await this.refuse(panel, modelUri);
      this.settle(key, undefined);
      return;
    }
    const editor = new ResultsEditor(panel, model, this.ctx, { modelDir: key, name: model.name }, () => {
      if (this.editors.get(key) === editor) this.editors.delete(key);
    }, (moved, to) => this.follow(moved, to));
    this.editors.set(key, editor);
    editor.showRecorded();
    if (!this.waiting.has(key)) void editor.validateAfterFirstPaint(); // opened by VS Code itself (restore, Open With)
    this.settle(key, editor);
  }

  /** A results editor for something the store does not list (a stale tab, a crafted URI): says so, shows nothing of it. */
  private async refuse(panel: vscode.WebviewPanel, modelUri: vscode.Uri): Promise<void> {
    const name = modelUri.path.split('/').pop() ?? '';
    const host = new WebviewHost<ToWebview, FromWebview, PanelState>(panel, RESULTS_PAGE, this.ctx.extensionUri, this.ctx.log, {
      title: name, state: { modelDir: modelUri.toString(), name }, onDispose: () => undefined, onMessage: () => undefined,
    });
    const error = await notListedReason(modelUri, fileSystemFor(modelUri).pathOf(modelUri), false);
    this.ctx.log.warn(`Results not shown: ${error}`);
    host.post({ type: 'results', view: buildResultsView(name, { modelDir: modelUri.path, status: 'could-not-load', error }, new Date()) }, 'view');
  }

  private async open(model: StoredModel, options: OpenOptions): Promise<ResultsEditor | undefined> {
    const key = model.uri.toString();
    const existing = this.editors.get(key);
    const ready = existing ? Promise.resolve(existing) : new Promise<ResultsEditor | undefined>((resolve) => {
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve]);
    });
    await vscode.commands.executeCommand('vscode.openWith', resultsUri(model.uri), RESULTS_PAGE.viewType, {
      preview: options.preview ?? false,
      preserveFocus: options.preserveFocus ?? false,
      ...(options.viewColumn !== undefined ? { viewColumn: options.viewColumn } : {}),
    });
    return ready;
  }

  private settle(key: string, editor: ResultsEditor | undefined): void {
    for (const resolve of this.waiting.get(key) ?? []) resolve(editor);
    this.waiting.delete(key);
  }

  dispose(): void {
    this.focus.dispose();
    for (const e of this.editors.values()) e.host.dispose();
  }
}
