// The extension's services, created in one place (in dependency order) and disposed in reverse.
// Commands are small functions of this context (commands/commandTable.ts). Activation creates only
// what the first paint of the Saved Models view needs; the pages, the data generator and the worker
// threads are created on first use from the on-demand bundle (onDemand.ts). VS Code's providers for
// the pages are registered here, so that tabs restored after a reload find them.
import * as vscode from 'vscode';
import { OutputLog } from './ui/outputLog';
import { Notifier } from './ui/notifier';
import { SettingWarnings } from './ui/settingWarnings';
import { SavedModelsStore } from './models/savedModelsStore';
import { SavedModelsTree, viewMessage, type TreeNode } from './models/savedModelsTree';
import type { ResultsEditors } from './webviews/resultsEditors';
import type { ComparePanel } from './webviews/comparePanel';
import type { TuneResultsPanels } from './webviews/tuneResultsPanel';
import type { IrisGeneratorController } from './database/irisGeneratorController';
import { COMMAND_IDS, RESULTS_EDITOR_OPTIONS, STATE_KEYS, VIEW_IDS, WEBVIEW_TYPES } from './contributions';
import type { DataProblems } from './training/dataProblems';
import type { OnWait, WorkerThreads } from './workerThreads';
import type { ModelFitter, RowPredictor, SweepRunner, UnitRunner } from './engine';
import { onDemand } from './onDemand';


export class ModelLabContext implements vscode.Disposable {
  readonly log = new OutputLog();
  readonly notify = new Notifier(this.log);
  /** Settings that fall back from a value that is not valid: said once per value (modelLab.jobs, modelLab.database.url). */
  readonly settingWarnings = new SettingWarnings(this.log, this.notify);
  readonly store: SavedModelsStore;
  readonly tree: SavedModelsTree;
  readonly treeView: vscode.TreeView<TreeNode>;
  private resultsEditors: ResultsEditors | undefined;
  private comparePanel: ComparePanel | undefined;
  private tunePanels: TuneResultsPanels | undefined;
  private generatorController: IrisGeneratorController | undefined;
  private problems: DataProblems | undefined;
  private threads: WorkerThreads | undefined;
  /** Disposed in reverse order of creation. */
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.own(this.log);
    this.store = this.own(new SavedModelsStore(this.log));
    this.tree = this.own(new SavedModelsTree(this.store, extension.workspaceState));
    // canSelectMany: commands that make sense for several models take the selection.
    this.treeView = this.own(vscode.window.createTreeView(VIEW_IDS.savedModels, { treeDataProvider: this.tree, canSelectMany: true }));
    // The view's own listing says whether there is a model (no listing of ours here: activation stays light).
    this.own(this.tree.onDidListModels((n) => { this.anyModel = n > 0; this.showMessage(); }));
    this.own(this.tree.onDidArrange(() => this.showMessage()));
    // A models folder that cannot be listed says why above the tree (and hides "No saved models yet").
    this.own(this.store.onDidChangeProblems(() => this.showMessage()));
    // The model added to the selection last (Ctrl+click moves the focus to it): F2 and other one-model
    // keys act on it, as the Explorer renames the focused file (the API does not expose the focus).
    let previous = new Set<string>();
    this.own(this.treeView.onDidChangeSelection((e) => {
      const models = e.selection.filter((n) => n.kind === 'model').map((n) => n.model.uri);
      const added = models.filter((u) => !previous.has(u.toString()));
      if (added.length === 1) this.tree.lastSelected = added[0];
      previous = new Set(models.map(String));
    }));
    this.own(vscode.window.registerCustomEditorProvider(WEBVIEW_TYPES.results, {
      openCustomDocument: (uri) => this.results.openCustomDocument(uri),
      resolveCustomEditor: (document, panel) => this.results.resolveCustomEditor(document, panel),
    }, RESULTS_EDITOR_OPTIONS));
    this.own(vscode.window.registerWebviewPanelSerializer(WEBVIEW_TYPES.compare, {
      deserializeWebviewPanel: (panel, state) => this.compare.deserializeWebviewPanel(panel, state),
    }));
    this.own(vscode.window.registerWebviewPanelSerializer(WEBVIEW_TYPES.tuneResults, {
      deserializeWebviewPanel: (panel, state) => this.tuneResults.deserializeWebviewPanel(panel, state),
    }));
  }

  /** The results editors (a custom editor per model folder). */
  get results(): ResultsEditors {
    this.resultsEditors ??= this.own(new (onDemand().ResultsEditors)(this));
    return this.resultsEditors;
  }

  /** The Compare Models panel. */
  get compare(): ComparePanel {
    this.comparePanel ??= this.own(new (onDemand().ComparePanel)(this));
    return this.comparePanel;
  }

  /** The Tune results panels. */
  get tuneResults(): TuneResultsPanels {
    this.tunePanels ??= this.own(new (onDemand().TuneResultsPanels)(this));
    return this.tunePanels;
  }

  get extensionUri(): vscode.Uri {
    return this.extension.extensionUri;
  }

  get secrets(): vscode.SecretStorage {
    return this.extension.secrets;
  }

  get workspaceState(): vscode.Memento {
    return this.extension.workspaceState;
  }

  /** The iris data generator (its status bar item is created on first use). */
  get generator(): IrisGeneratorController {
    this.generatorController ??= this.own(new (onDemand().IrisGeneratorController)(this));
    return this.generatorController;
  }

  /** Diagnostics for data files that failed to train (created on first use). */
  get dataProblems(): DataProblems {
    this.problems ??= this.own(new (onDemand().DataProblems)());
    return this.problems;
  }

  /** The window's worker threads, where every fit runs (modelLab.jobs; started on first use). */
  get workerThreads(): WorkerThreads {
    this.threads ??= this.own(new (onDemand().WorkerThreads)(this.extensionUri, this.settingWarnings));
    return this.threads;
  }

  /** Where tune's units run (the Tune command passes it as TuneControl.runner): the window's worker threads; `onWait` hears when another job runs first. */
  unitRunner(onWait?: OnWait): UnitRunner {
    return this.workerThreads.unitRunner(onWait);
  }

  /** Where a sweep's models are fitted (SweepControl.runner): the window's worker threads; `onWait` hears when another job runs first. */
  sweepRunner(onWait?: OnWait): SweepRunner {
    return this.workerThreads.sweepRunner(onWait);
  }

  /** Where one model is fitted (Train, tune's refit, an import's refit check): on a worker thread of its own, never waiting for a sweep or search. */
  modelFitter(): ModelFitter {
    return this.workerThreads.modelFitter();
  }

  /** Where a saved or scikit-learn model's rows are predicted (validate, a .joblib check, an import): on the single fits' worker thread. */
  rowPredictor(): RowPredictor {
    return this.workerThreads.rowPredictor();
  }

  /** Stops a running data generator and waits until its connection is closed, and stops the worker threads (deactivate). */
  async shutdown(): Promise<void> {
    await this.generatorController?.close();
    await this.threads?.close();
  }

  /**
   * A data generator stops with its window (its connection lives in the extension host). One that
   * was running when the last window closed or reloaded is said once, with a button to start it again.
   */
  offerGeneratorRestart(): void {
    const where = this.extension.workspaceState.get<unknown>(STATE_KEYS.generatorRunning);
    if (typeof where !== 'string') return;
    void this.extension.workspaceState.update(STATE_KEYS.generatorRunning, undefined);
    void this.notify.info(`The iris data generator stopped when this window last closed or reloaded; it was writing to ${where}.`,
      { title: 'Start It Again', run: () => vscode.commands.executeCommand(COMMAND_IDS.startIrisGenerator) });
  }

  /** Whether the view's last listing held a model (the order is said only then). */
  private anyModel = false;

  /** Saved Models' message line (viewMessage): why a models folder cannot be listed, and the order in use. */
  private showMessage(): void {
    const message = viewMessage(this.store.problems, this.tree.arrangement, this.anyModel);
    if (this.treeView.message !== message) this.treeView.message = message;
  }

  own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
