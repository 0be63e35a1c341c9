// Which data a training run uses: a CSV file of the workspace, the built-in iris data or the
// configured PostgreSQL table. Model Lab's own outputs (model folders, comparison exports) are
// never offered; the choice that trained last is offered first — remembered only once it trained.
import * as vscode from 'vscode';
import { allModelsLocations, isInside } from '../models/modelLocations';
import { plainText } from '../ui/untrustedText';
import { rowsToCsv } from '../engine';
import type { PickItem } from '../ui/multiStepInput';
import { isDataFileName } from './dataFileNames';

/**
 * `folder` (the built-in data and the table, in a multi-root workspace): the workspace folder whose
 * settings the run uses and whose models folder receives the model — chosen with the data, so that
 * the wizard's steps and review show that folder's settings (a CSV file has its own folder).
 */
export type DataChoice =
  | { readonly kind: 'iris'; readonly why: 'no-csv' | 'chosen'; readonly folder?: vscode.Uri }
  | { readonly kind: 'csv'; readonly uri: vscode.Uri }
  | { readonly kind: 'postgres'; readonly url: string; readonly label: string; readonly folder?: vscode.Uri };

/** The configured PostgreSQL table, offered beside the CSV files (only once the user set modelLab.database.url). */
export interface DatabaseOffer {
  readonly url: string;
  readonly label: string;
}

const LAST_CHOICE_KEY = 'modelLab.lastDataChoice';
/** Files Model Lab wrote itself (comparison exports), never offered as training data. */
const WRITTEN_KEY = 'modelLab.writtenFiles';
const MAX_WRITTEN = 200;
const MAX_CSV_FILES = 200;
/** Bytes read from a CSV file to recognise a comparison export by its header. */
const SNIFF_BYTES = 512;

export const BUILT_IN_LABEL = 'Built-in iris data';

function keyOf(choice: DataChoice): string {
  if (choice.kind === 'csv') return choice.uri.toString();
  const folder = choice.folder ? ` ${choice.folder.toString()}` : '';
  return choice.kind === 'postgres' ? `postgres:${choice.url}${folder}` : `iris${folder}`;
}

/** Remembers a file Model Lab wrote (an export), so that it is never offered as training data. */
export async function rememberWrittenFile(memory: vscode.Memento, uri: vscode.Uri): Promise<void> {
  const written = memory.get<string[]>(WRITTEN_KEY) ?? [];
  await memory.update(WRITTEN_KEY, [uri.toString(), ...written.filter((w) => w !== uri.toString())].slice(0, MAX_WRITTEN));
}

/** Remembers the data of a run that trained, to offer it first next time. */
export async function rememberDataChoice(memory: vscode.Memento, choice: DataChoice): Promise<void> {
  await memory.update(LAST_CHOICE_KEY, keyOf(choice));
}

/** True when the file starts with the header of Model Lab's comparison CSV export. */
async function isComparisonExport(uri: vscode.Uri, header: string): Promise<boolean> {
  try {
    const head = new TextDecoder().decode((await vscode.workspace.fs.readFile(uri)).subarray(0, SNIFF_BYTES));
    return head.replace(/^\uFEFF/, '').startsWith(header);
  } catch {
    return false;
  }
}

/** CSV files of the workspace that can be training data (Model Lab's own outputs left out). */
export async function findCsvFiles(glob: string, memory: vscode.Memento): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(glob, '**/node_modules/**', MAX_CSV_FILES);
  const modelFolders = allModelsLocations().map((l) => l.modelsUri);
  const written = new Set(memory.get<string[]>(WRITTEN_KEY) ?? []);
  const header = rowsToCsv([]).split(/\r?\n/)[0]!;
  const candidates = found.filter((u) => isDataFileName(u.path) && !modelFolders.some((m) => isInside(u, m)) && !written.has(u.toString()));
  const exports = await Promise.all(candidates.map((u) => isComparisonExport(u, header)));
  return candidates
    .filter((_, i) => !exports[i])
    .sort((a, b) => vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b)));
}

/** The data choices, the one that trained last first (marked so). */
export async function dataItems(glob: string, memory: vscode.Memento, database?: DatabaseOffer): Promise<PickItem<DataChoice>[]> {
  const files = await findCsvFiles(glob, memory);
  const many = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const items: PickItem<DataChoice>[] = files.map((uri) => ({
    label: plainText(vscode.workspace.asRelativePath(uri, many)),
    iconPath: vscode.ThemeIcon.File,
    value: { kind: 'csv', uri },
  }));
  // Several workspace folders: the built-in data and the table once per folder, which the model is
  // trained with the settings of and saved in (a CSV file belongs to its own folder).
  const into = (many ? vscode.workspace.workspaceFolders ?? [] : [undefined]).map((f) => ({
    where: f ? ` · into ${plainText(f.name)}` : '', folder: f ? { folder: f.uri } : {},
  }));
  for (const { where, folder } of into) {
    items.push({ label: BUILT_IN_LABEL, description: `150 rows, as scikit-learn's load_iris()${where}`, iconPath: new vscode.ThemeIcon('beaker'), value: { kind: 'iris', why: 'chosen', ...folder } });
  }
  if (database) {
    for (const { where, folder } of into) {
      items.push({ label: plainText(database.label), description: `PostgreSQL (modelLab.database.url)${where}`, iconPath: new vscode.ThemeIcon('database'), value: { kind: 'postgres', url: database.url, label: database.label, ...folder } });
    }
  }
  const last = memory.get<string>(LAST_CHOICE_KEY);
  const lastIndex = items.findIndex((i) => keyOf(i.value) === last);
  if (lastIndex < 0) return items;
  const [previous] = items.splice(lastIndex, 1);
  return [{ ...previous!, detail: 'Trained with last time' }, ...items];
}

/**
 * The data for "Train Iris Model" without questions when there is nothing to choose: the one CSV
 * file, or the built-in data when there is none; otherwise undefined (ask).
 */
export function obviousData(items: readonly PickItem<DataChoice>[]): DataChoice | undefined {
  const csv = items.filter((i) => i.value.kind === 'csv');
  const database = items.some((i) => i.value.kind === 'postgres');
  if (database) return undefined;
  // Several folders: which one the built-in data trains for is the user's to say.
  if (csv.length === 0) return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? undefined : { kind: 'iris', why: 'no-csv' };
  return csv.length === 1 ? csv[0]!.value : undefined;
}

export function describeData(choice: DataChoice): string {
  if (choice.kind === 'csv') return vscode.workspace.asRelativePath(choice.uri);
  const folder = choice.folder ? vscode.workspace.getWorkspaceFolder(choice.folder) : undefined;
  const into = folder ? ` into ${folder.name}` : '';
  if (choice.kind === 'postgres') return `${choice.label}${into}`;
  return `${choice.why === 'no-csv' ? 'built-in iris data (no CSV file in the workspace)' : 'built-in iris data'}${into}`;
}
