// What a training or tuning run reads and where it saves, shared by "Train Iris Model" and "Tune
// Iris Model…": the data named by a command argument (a workspace CSV or the built-in data), the
// workspace folder whose models folder receives the model (asked only when several could be
// meant), and the core's DataSpec for the chosen data (a database target confirmed first).
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { UserError, type DataSpec } from '../engine';
import { isInside, modelsLocation, type ModelsLocation } from '../models/modelLocations';
import { confirmDatabaseTarget, postgresDataSpecFromSettings, readDatabasePassword } from '../database/databaseSettings';
import type { DataChoice } from './dataChoice';
import { isDataFileName } from './dataFileNames';
import { readSettings, type Settings } from '../settings';

/** Where a run saves and what the core reads. */
export interface TrainingTarget {
  readonly location: ModelsLocation;
  readonly data: DataSpec;
  /** The workspace folder's path: its git commit is recorded in model.json. */
  readonly workspaceDir: string;
}

/** A workspace CSV file named by an argument (explorer URI or programmatic), or 'iris'; anything else is refused. */
export function dataArg(v: unknown): vscode.Uri | 'iris' | undefined {
  if (v === undefined) return undefined;
  if (v === 'iris') return 'iris';
  const uri = v instanceof vscode.Uri ? v : undefined;
  if (uri && isDataFileName(uri.path) && (vscode.workspace.workspaceFolders ?? []).some((f) => isInside(uri, f.uri))) return uri;
  throw new UserError('the training data must be a CSV file of this workspace or the built-in iris data');
}

/**
 * The settings a run on `data` uses: for a CSV those of its own workspace folder (each folder of a
 * multi-root workspace may set its own), for the built-in data or the table those of the folder
 * chosen with it, else `otherwise`.
 */
export function settingsOfData(data: DataChoice, otherwise: Settings): Settings {
  const home = homeOf(data);
  return home ? readSettings(home) : otherwise;
}

/** Where the data belongs: a CSV file itself, or the folder chosen with the built-in data or the table (undefined: not chosen). */
function homeOf(data: DataChoice): vscode.Uri | undefined {
  return data.kind === 'csv' ? data.uri : data.folder;
}

/** The data choice an argument names (undefined: none named, ask). */
export function dataChoiceOf(arg: vscode.Uri | 'iris' | undefined): DataChoice | undefined {
  if (arg === undefined) return undefined;
  return arg === 'iris' ? { kind: 'iris', why: 'chosen' } : { kind: 'csv', uri: arg };
}

/** The workspace folders, or a UserError when none is open (models are saved in one). */
export function workspaceFolders(): readonly vscode.WorkspaceFolder[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new UserError('open a folder first — models are saved in its models folder.');
  return folders;
}

/**
 * The models folder and DataSpec for `data`: a CSV file's own workspace folder (or the one chosen with
 * the built-in data or the table), the only one, or the user's pick (undefined when dismissed). A database target is confirmed first (undefined when cancelled).
 */
export async function resolveTarget(ctx: ModelLabContext, data: DataChoice): Promise<TrainingTarget | undefined> {
  const folders = workspaceFolders();
  const home = homeOf(data);
  const folder = (home ? vscode.workspace.getWorkspaceFolder(home) : undefined)
    ?? (folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Save the model in which workspace folder?' }));
  if (!folder) return undefined;
  const location = modelsLocation(folder);
  if (data.kind === 'postgres') {
    const saved = await readDatabasePassword(ctx.secrets, data.url) !== undefined;
    if (!await confirmDatabaseTarget(data.url, ctx.extension.globalState, saved, (q, d, y) => ctx.notify.confirm(q, d, y), (l) => ctx.log.line(l))) return undefined;
  }
  const spec: DataSpec = data.kind === 'csv'
    ? { kind: 'csv', path: location.fs.pathOf(data.uri) }
    : data.kind === 'postgres'
      ? { kind: 'postgres', spec: await postgresDataSpecFromSettings(ctx.secrets, (w) => ctx.log.warn(w)) }
      : { kind: 'iris' };
  return { location, data: spec, workspaceDir: location.fs.pathOf(folder.uri) };
}
