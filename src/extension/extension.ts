// Entry point: wires the core (through engine.ts) to VS Code's commands, views and webviews.
import * as vscode from 'vscode';
import { OutputLog } from './outputLog';
import { SavedModelsStore } from './savedModelsStore';
import { SavedModelsTree } from './savedModelsTree';
import { ResultsPanels } from './resultsPanels';
import { ModelCommands } from './modelCommands';
import { runTrainCommand, type TrainHooks } from './trainCommand';
import { registerDatabaseFeatures, stopDatabaseFeatures } from './database/registerDatabaseFeatures';
import { registerInteropFeatures } from './interop';

/** What activate() returns; the extension-host tests use it to look inside. */
export interface ModelLabApi {
  readonly store: SavedModelsStore;
  readonly tree: SavedModelsTree;
  readonly log: OutputLog;
}

export function activate(context: vscode.ExtensionContext): ModelLabApi {
  const log = new OutputLog();
  const store = new SavedModelsStore(log);
  const tree = new SavedModelsTree(store);
  const panels = new ResultsPanels(context.extensionUri, log);
  const models = new ModelCommands(store, panels, log);
  const view = vscode.window.createTreeView('modelLab.savedModels', { treeDataProvider: tree, showCollapseAll: true });

  const hooks: TrainHooks = {
    log,
    secrets: context.secrets,
    workspaceState: context.workspaceState,
    afterSave: () => store.refresh(),
    showResults: async (uri) => models.showResults(uri),
  };
  const register = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);
  context.subscriptions.push(
    log, store, tree, panels, view,
    register('modelLab.train', (arg) => runTrainCommand(hooks, false, arg)),
    register('modelLab.trainWithOptions', (arg) => runTrainCommand(hooks, true, arg)),
    register('modelLab.validate', (arg) => models.validate(arg)),
    register('modelLab.showResults', (arg) => models.showResults(arg)),
    register('modelLab.revealInExplorer', (arg) => models.reveal(arg)),
    register('modelLab.delete', (arg, options) => models.delete(arg, options)),
    register('modelLab.refresh', () => store.refresh()),
  );
  registerDatabaseFeatures(context, log.channel);
  registerInteropFeatures(context, log.channel);
  return { store, tree, log };
}

/** Stops a running data generator and closes its database connection. */
export async function deactivate(): Promise<void> {
  await stopDatabaseFeatures();
}
