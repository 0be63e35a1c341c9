// "Show Tuning Results": the Tune results view of a tuned model — the tree item's (context menu on
// a model whose contextValue says "tuned"), an explorer URI of a listed model folder, or the user's
// pick among the tuned models the store lists.
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { UserError } from '../engine';
import { modelFromArg } from '../models/modelArgs';
import type { StoredModel } from '../models/savedModelsStore';
import type { ToTunePage } from '../../protocol/tunePanel';
import { COMMAND_IDS } from '../contributions';
import { pickModel } from './modelChoice';

/** True when the model's model.json records the grid search that chose it. */
export function isTuned(m: StoredModel): boolean {
  return m.error === undefined && m.manifest?.search !== undefined;
}

/**
 * Opens the Tune results of the model the argument names (or one the user picks); resolves with
 * what the view shows. Throws a UserError for a model that was trained rather than tuned.
 */
export async function showTuneResults(ctx: ModelLabContext, arg: unknown): Promise<ToTunePage | undefined> {
  let model = await modelFromArg(ctx.store, arg);
  if (!model) {
    const tuned = (await ctx.store.list()).filter(isTuned);
    if (tuned.length === 0) {
      void ctx.notify.info('No saved model was tuned yet.', { title: 'Tune Iris Model…', run: () => vscode.commands.executeCommand(COMMAND_IDS.tune) });
      return undefined;
    }
    model = tuned.length === 1 ? tuned[0] : await pickModel(ctx, 'Choose the tuned model', tuned);
    if (!model) return undefined;
  }
  if (!isTuned(model)) throw new UserError(`"${model.name}" was trained, not tuned: it has no tuning results (Tune Iris Model… makes a tuned model)`);
  return ctx.tuneResults.show(model);
}
