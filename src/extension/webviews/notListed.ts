// Why a page shows nothing of a model folder that Saved Models does not list, in one wording for the
// results editor and the Tune results panel: a folder deleted or moved on disk, one outside the models
// folder now (the setting, a workspace folder removed), or one that never was a saved model here.
import * as vscode from 'vscode';
import { sameSavedModel, type ModelManifest } from '../engine';
import type { StoredModel } from '../models/savedModelsStore';

/** Whether anything is at `uri` now (a folder deleted or moved is not). */
export function isThere(uri: vscode.Uri): Promise<boolean> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
}

/** `where`: the folder as the user reads it; `wasListed`: the page showed it as a saved model before. */
export async function notListedReason(folder: vscode.Uri, where: string, wasListed: boolean): Promise<string> {
  if (!(await isThere(folder))) return `${where} is no longer in Saved Models: the folder was deleted or moved outside Model Lab. Put it back to see its results again, or close this tab.`;
  if (wasListed) return `${where} is no longer in Saved Models: it is outside the models folder of this workspace now (the setting modelLab.modelsFolder, or a workspace folder removed). Choose that folder again to see its results, or close this tab.`;
  return `${where} is not a saved model of this workspace (setting modelLab.modelsFolder): Model Lab shows only the models it lists.`;
}

/**
 * Where a model went when its folder is gone and exactly one listed model is the same saved model
 * (its folder renamed or moved within the models folders, in a shell or the Explorer); undefined
 * otherwise (deleted; copied more than once; the folder still there but no longer listed).
 */
export async function movedModel(store: { list(): Promise<StoredModel[]> }, from: vscode.Uri, manifest: ModelManifest | undefined): Promise<StoredModel | undefined> {
  if (!manifest || await isThere(from)) return undefined;
  const same = (await store.list()).filter((m) => m.manifest && sameSavedModel(m.manifest, manifest));
  return same.length === 1 ? same[0] : undefined;
}
