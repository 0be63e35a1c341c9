// What the commands that act on models accept: models that Model Lab itself lists, and nothing
// else. A command link in a notification or a Markdown hover can pass JSON (even a revived URI)
// to any command, so a URI or a tree-item look-alike counts only when it names a folder of the
// Saved Models store; anything else is refused with a line that says why.
import * as vscode from 'vscode';
import { MANIFEST_FILE, UserError } from '../engine';
import type { SavedModelsStore, StoredModel } from './savedModelsStore';
import type { TreeNode } from './savedModelsTree';

/** The URI a command argument points at: a tree item's model folder, an explorer URI, or nothing. */
function uriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg.path.endsWith('/' + MANIFEST_FILE) ? vscode.Uri.joinPath(arg, '..') : arg;
  if (typeof arg === 'object' && arg !== null && 'model' in arg) {
    const uri = (arg as { model?: { uri?: unknown } }).model?.uri;
    if (uri instanceof vscode.Uri) return uri;
  }
  return undefined;
}

/** True when `arg` is something a command may receive for a model (checked against the store later). */
export function looksLikeModelArg(arg: unknown): boolean {
  return uriOf(arg) !== undefined;
}

/**
 * The listed models the arguments name: VS Code passes (clicked, allSelected) to tree and explorer
 * commands; the selection wins when the clicked item is part of it. Throws a UserError for anything
 * that is not a listed model; an empty result means no model was named (ask the user).
 */
export async function modelsFromArgs(store: SavedModelsStore, clicked: unknown, selected?: unknown): Promise<StoredModel[]> {
  const given = Array.isArray(selected) && selected.length > 0 ? selected : clicked === undefined ? [] : [clicked];
  const out: StoredModel[] = [];
  for (const arg of given) {
    const uri = uriOf(arg);
    if (!uri) throw new UserError('this command acts on saved models: choose one in the Saved Models view');
    const model = await store.find(uri);
    if (!model) {
      // A folder renamed, deleted or moved since the row was clicked is gone, not misplaced: the setting is not the remedy.
      const gone = await Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => false, () => true);
      throw new UserError(gone
        ? `${vscode.workspace.asRelativePath(uri)} is no longer there (renamed, deleted or moved meanwhile) — choose the model again in Saved Models`
        : `${vscode.workspace.asRelativePath(uri)} is not a saved model of this workspace's models folder (setting modelLab.modelsFolder)`);
    }
    if (!out.includes(model)) out.push(model);
  }
  return out;
}

/** The one listed model the argument names, or undefined when none was given. */
export async function modelFromArg(store: SavedModelsStore, arg: unknown): Promise<StoredModel | undefined> {
  return (await modelsFromArgs(store, arg))[0];
}

/** Tree nodes of the view's selection, for keybindings (which pass no argument). */
export function selectedModelNodes(selection: readonly TreeNode[]): TreeNode[] {
  return selection.filter((n) => n.kind === 'model');
}
