// Commands on saved models: Validate, Show Results, Reveal in Explorer, Delete (undoable, several
// at once), Rename, Compare. They act only on models the Saved Models store lists (modelArgs.ts):
// a tree item or selection, an explorer URI of a listed model folder, or — with no argument —
// a quick pick of the listed models.
import { UNDO_WINDOW_MS } from '../models/heldModels';
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import type { HeldModel, ValidationReport } from '../engine';
import { engine, modelNameProblem, UserError } from '../engine';
import { errorMessage } from '../ui/notifier';
import { modelFromArg, modelsFromArgs } from '../models/modelArgs';
import type { StoredModel } from '../models/savedModelsStore';
import { plainText } from '../ui/untrustedText';
import { isFromSavedModels, oneModel, someModels } from './modelChoice';
import type { CompareOpened } from '../webviews/comparePanel';


export async function validateModel(ctx: ModelLabContext, arg: unknown): Promise<ValidationReport | undefined> {
  const model = await oneModel(ctx, arg, 'Choose the model to validate');
  return model ? ctx.results.validate(model) : undefined;
}

export async function showResults(ctx: ModelLabContext, arg: unknown): Promise<void> {
  const model = await oneModel(ctx, arg, 'Choose the model to show');
  if (model) await ctx.results.show(model);
}

/** Two clicks on one row within this time are a double click (the tree reports each click alone). */
const DOUBLE_CLICK_MS = 500;
let lastClick: { key: string; at: number } | undefined;

/**
 * A click (or Enter) on a model in Saved Models: its results in the preview tab, which the next click
 * replaces, as the Explorer does with files; a double click keeps the tab open.
 */
export async function openFromTree(ctx: ModelLabContext, arg: unknown): Promise<void> {
  const model = await modelFromArg(ctx.store, arg);
  if (!model) return;
  const key = model.uri.toString();
  const now = Date.now();
  const double = lastClick?.key === key && now - lastClick.at < DOUBLE_CLICK_MS;
  lastClick = { key, at: now };
  ctx.tree.lastClicked = model.uri;
  await ctx.results.show(model, { preview: !double, preserveFocus: !double });
}

export async function revealInExplorer(ctx: ModelLabContext, arg: unknown): Promise<void> {
  // An artifact row of a listed model reveals that file.
  if (typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'artifact') {
    const model = await modelFromArg(ctx.store, arg);
    const file = (arg as { name?: unknown }).name;
    if (model && typeof file === 'string' && !file.includes('/')) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.joinPath(model.uri, file));
    return;
  }
  const model = await oneModel(ctx, arg, 'Choose the model to reveal');
  if (model) await vscode.commands.executeCommand('revealInExplorer', model.uri);
}

/**
 * Deletes the selected models after one confirmation that lists them. Each folder is held (moved
 * aside in one rename) rather than removed, and the notification that follows offers Undo, which
 * puts every byte back; the folders are removed for good when it is dismissed.
 */
export async function deleteModels(ctx: ModelLabContext, clicked: unknown, selected: unknown): Promise<boolean> {
  const models = await someModels(ctx, clicked, selected, 'Choose the model to delete');
  if (models.length === 0) return false;
  const names = models.map((m) => `"${m.name}"`);
  const question = models.length === 1 ? `Delete model ${names[0]}?` : `Delete ${models.length} models?`;
  const detail = `${models.length === 1 ? 'This deletes the folder' : 'This deletes the folders'} ${models.map((m) => vscode.workspace.asRelativePath(m.uri)).join(', ')} and all ${models.length === 1 ? 'its' : 'their'} files. You can undo this from the notification that follows.`;
  if (!(await ctx.notify.confirm(question, detail, 'Delete'))) return false;
  const held: { model: StoredModel; held: HeldModel }[] = [];
  await ctx.store.batch(async () => {
    try {
      for (const model of models) {
        const fs = model.location.fs;
        held.push({ model, held: await engine().holdDeletedModel(fs, fs.pathOf(model.uri)) });
      }
    } catch (e) {
      // All or nothing: the models already moved aside come back, so the error's "nothing was
      // deleted" holds for the whole selection (a held model without its Undo would be purged unseen).
      for (const h of held.reverse()) {
        await engine().restoreModel(h.model.location.fs, h.held).then(
          () => ctx.log.line(`Kept model "${h.model.name}": the selection could not all be deleted.`),
          (r: unknown) => ctx.log.warn(`Could not put model "${h.model.name}" back from ${h.held.heldDir}: ${String(r)}`),
        );
      }
      throw e;
    }
    for (const { model } of held) {
      await ctx.results.close(model.uri);
      ctx.log.line(`Deleted model "${model.name}" (${model.uri.toString(true)}).`);
    }
  });
  let undone = false;
  const purge = async () => {
    if (undone) return;
    for (const h of held) await engine().purgeHeldModel(h.model.location.fs, h.held).catch(() => undefined);
  };
  const timer = setTimeout(() => void purge(), UNDO_WINDOW_MS);
  const text = models.length === 1 ? `Deleted model ${names[0]}.` : `Deleted ${models.length} models: ${names.join(', ')}.`;
  void ctx.notify.info(text, {
    title: 'Undo',
    run: async () => {
      undone = true;
      clearTimeout(timer);
      // Every model is tried (one that cannot come back does not keep the others away); one whose
      // name was taken meanwhile comes back as name-2 and is said so.
      const failed: unknown[] = [];
      const renamed: string[] = [];
      await ctx.store.batch(async () => {
        for (const h of held) {
          try {
            const back = await engine().restoreModel(h.model.location.fs, h.held);
            if (back !== h.held.modelDir) renamed.push(`"${h.model.name}" as "${back.split(/[\\/]/).pop()}" (its name is taken again)`);
            ctx.log.line(`Restored "${h.model.name}" to ${back}.`);
          } catch (e) {
            ctx.log.warn(`Could not restore "${h.model.name}": ${errorMessage(e)}`);
            failed.push(new UserError(`cannot restore "${h.model.name}" (${errorMessage(e)}) — its files are in ${h.held.heldDir}: move that folder into the models folder to keep it`));
          }
        }
      });
      if (renamed.length > 0) void ctx.notify.info(`Restored ${renamed.join(', ')}.`);
      if (failed.length > 0) await ctx.notify.error(failed[0]);
    },
  }).then(async () => {
    clearTimeout(timer);
    await purge();
  });
  return true;
}

export async function renameModel(ctx: ModelLabContext, arg: unknown): Promise<string | undefined> {
  const model = await oneModel(ctx, arg, 'Choose the model to rename');
  if (!model) return undefined;
  const fs = model.location.fs;
  const sibling = (name: string) => vscode.Uri.joinPath(model.location.modelsUri, name);
  const newName = await vscode.window.showInputBox({
    title: `Rename model "${plainText(model.name)}"`,
    prompt: 'New name of the model folder (the letters a-z and A-Z, digits, ".", "_" and "-")',
    value: model.name,
    valueSelection: [0, model.name.length],
    // Said while typing, so that a name that cannot be used never closes the model's results tab.
    validateInput: async (v) => {
      const problem = modelNameProblem(v);
      if (problem !== undefined) return `${problem[0]!.toUpperCase()}${problem.slice(1)}.`;
      return v !== model.name && await fs.stat(fs.pathOf(sibling(v))) ? `"${v}" exists already in this models folder: choose another name.` : undefined;
    },
  });
  if (newName === undefined || newName === model.name) return undefined;
  // The results tab is closed before the folder moves (it watches the old folder) and comes back
  // where it was under the new name; a rename that fails gives it back unchanged.
  const place = await ctx.results.close(model.uri);
  let target: string;
  try {
    target = await engine().renameModel(fs, fs.pathOf(model.uri), newName);
  } catch (e) {
    if (place) await ctx.results.reopen(model, place);
    throw e;
  }
  ctx.log.line(`Renamed model "${model.name}" to "${newName}".`);
  await ctx.store.refresh();
  const renamed = await ctx.store.find(sibling(newName));
  if (renamed && place) await ctx.results.reopen(renamed, place);
  if (renamed) await selectRenamed(ctx, model.uri, renamed, isFromSavedModels(arg));
  return target;
}

/**
 * The renamed row is the selected one, as after a rename in the Explorer: keys pressed next (Delete,
 * F2) act on it — they acted on the old folder, which is gone ("… is not a saved model") — and a
 * rename from the view keeps the keyboard there, on that row.
 */
async function selectRenamed(ctx: ModelLabContext, old: vscode.Uri, renamed: StoredModel, fromView: boolean): Promise<void> {
  if (ctx.tree.lastClicked?.toString() === old.toString()) ctx.tree.lastClicked = renamed.uri;
  if (ctx.tree.lastSelected?.toString() === old.toString()) ctx.tree.lastSelected = renamed.uri;
  if (!ctx.treeView.visible) return;
  // Best effort: the view may be redrawing; the keys above act on the renamed model either way.
  await Promise.resolve(ctx.treeView.reveal({ kind: 'model', model: renamed }, { select: true, focus: fromView })).then(undefined, (e: unknown) => ctx.log.warn(`Could not select the renamed model in Saved Models: ${String(e)}`));
}

export async function compareModels(ctx: ModelLabContext, clicked: unknown, selected: unknown): Promise<CompareOpened> {
  const models = clicked === undefined && selected === undefined ? [] : await modelsFromArgs(ctx.store, clicked, selected);
  return ctx.compare.open(models);
}
