// Entry point: wires the core (through engine.ts) to VS Code's commands, views and webviews.
import * as vscode from 'vscode';
import { OutputLog } from './outputLog';
import { SavedModelsStore } from './savedModelsStore';
import { SavedModelsTree } from './savedModelsTree';
import { ResultsPanels } from './resultsPanels';
import { ModelCommands } from './modelCommands';
import { runTrainCommand, type TrainHooks } from './trainCommand';
import { ComparePanels } from './comparePanel';
import { registerDatabaseFeatures, stopDatabaseFeatures } from './database/registerDatabaseFeatures';
import { registerInteropFeatures } from './interop';

/** What activate() returns; the extension-host tests use it to look inside. */
export interface ModelLabApi {
  readonly store: SavedModelsStore;
  readonly tree: SavedModelsTree;
  readonly log: OutputLog;
  readonly compare: ComparePanels;
}

export function activate(context: vscode.ExtensionContext): ModelLabApi {
  const log = new OutputLog();
  const store = new SavedModelsStore(log);
  const tree = new SavedModelsTree(store);
  const panels = new ResultsPanels(context.extensionUri, log);
  const models = new ModelCommands(store, panels, log);
  const compare = new ComparePanels(context.extensionUri, store, log, (uri) => models.showResults(uri));
  // canPickMany: select several models, then Compare Models (it receives the selection).
  const view = vscode.window.createTreeView('modelLab.savedModels', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });

  const hooks: TrainHooks = {
    log,
    secrets: context.secrets,
    workspaceState: context.workspaceState,
    afterSave: () => store.refresh(),
    showResults: async (uri) => models.showResults(uri),
    compare: async (uris) => {
      await compare.open({ select: uris.map((u) => u.toString()) });
    },
  };
  const register = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);
  context.subscriptions.push(
    log, store, tree, panels, compare, view,
    register('modelLab.train', (arg) => runTrainCommand(hooks, false, arg)),
    register('modelLab.trainWithOptions', (arg) => runTrainCommand(hooks, true, arg)),
    register('modelLab.validate', (arg) => models.validate(arg)),
    register('modelLab.showResults', (arg) => models.showResults(arg)),
    register('modelLab.revealInExplorer', (arg) => models.reveal(arg)),
    register('modelLab.delete', (arg, options) => models.delete(arg, options)),
    register('modelLab.refresh', () => store.refresh()),
    register('modelLab.compare', (arg, selected) => compare.open(arg, selected)),
  );
  registerDatabaseFeatures(context, log.channel);
  registerInteropFeatures(context, log.channel);
  return { store, tree, log, compare };
}

/** Stops a running data generator and closes its database connection. */
export async function deactivate(): Promise<void> {
  await stopDatabaseFeatures();
}
