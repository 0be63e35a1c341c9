// The extension's services, created in one place (in dependency order) and disposed in reverse.
// Commands are small functions of this context (commands/commandTable.ts). Services that the first
// paint of the Saved Models view does not need are created on first use.
import * as vscode from 'vscode';
import { OutputLog } from './ui/outputLog';
import { Notifier } from './ui/notifier';
import { SavedModelsStore } from './models/savedModelsStore';
import { SavedModelsTree, type TreeNode } from './models/savedModelsTree';
import { ResultsEditors } from './webviews/resultsEditors';
import { ComparePanel } from './webviews/comparePanel';
import { TuneResultsPanels } from './webviews/tuneResultsPanel';
import { IrisGeneratorController } from './database/irisGeneratorController';
import { VIEW_IDS } from './contributions';
import { DataProblems } from './training/dataProblems';
import { WorkerThreads } from './workerThreads';
import type { ModelFitter, SweepRunner, UnitRunner } from './engine';


export class ModelLabContext implements vscode.Disposable {
  readonly log = new OutputLog();
  readonly notify = new Notifier(this.log);
  readonly store: SavedModelsStore;
  readonly tree: SavedModelsTree;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly results: ResultsEditors;
  readonly compare: ComparePanel;
  readonly tuneResults: TuneResultsPanels;
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
    // A models folder that cannot be listed says why above the tree (and hides "No saved models yet").
    this.own(this.store.onDidChangeProblems(() => { this.treeView.message = this.store.problems.join(' ') || undefined; }));
    this.results = this.own(new ResultsEditors(this));
    this.compare = this.own(new ComparePanel(this));
    this.tuneResults = this.own(new TuneResultsPanels(this));
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
    this.generatorController ??= this.own(new IrisGeneratorController(this));
    return this.generatorController;
  }

  /** Diagnostics for data files that failed to train (created on first use). */
  get dataProblems(): DataProblems {
    this.problems ??= this.own(new DataProblems());
    return this.problems;
  }

  /** The window's worker threads for sweeps and tune (modelLab.jobs; started on first use). */
  get workerThreads(): WorkerThreads {
    this.threads ??= this.own(new WorkerThreads(this.extensionUri, this.log));
    return this.threads;
  }

  /** Where tune's units run (the Tune command passes it as TuneControl.runner): the window's worker threads. */
  unitRunner(): UnitRunner {
    return this.workerThreads.unitRunner();
  }

  /** Where a sweep's models are fitted (SweepControl.runner): the window's worker threads. */
  sweepRunner(): SweepRunner {
    return this.workerThreads.sweepRunner();
  }

  /** Where one model is fitted (Train, tune's refit: FitControl.fitter): big ones on the window's worker threads. */
  modelFitter(): ModelFitter {
    return this.workerThreads.modelFitter();
  }

  /** Stops a running data generator and waits until its connection is closed, and stops the worker threads (deactivate). */
  async shutdown(): Promise<void> {
    await this.generatorController?.shutdown();
    await this.threads?.close();
  }

  own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
