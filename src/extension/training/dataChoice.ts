// Which data a training run uses: the one CSV file of the workspace, the one the user picks when
// there are several, or the built-in iris data when there is none (and we say so).
import * as vscode from 'vscode';
import { allModelsLocations, isInside } from '../models/modelLocations';
import { plainText } from '../ui/untrustedText';

export type DataChoice =
  | { readonly kind: 'iris'; readonly why: 'no-csv' | 'chosen' }
  | { readonly kind: 'csv'; readonly uri: vscode.Uri }
  | { readonly kind: 'postgres'; readonly url: string; readonly label: string };

/** The configured PostgreSQL table, offered beside the CSV files (only once the user set modelLab.database.url). */
export interface DatabaseOffer {
  readonly url: string;
  readonly label: string;
}

const LAST_CHOICE_KEY = 'modelLab.lastDataChoice';

export const BUILT_IN_LABEL = 'Built-in iris data';

export async function findCsvFiles(glob: string): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(glob, '**/node_modules/**', 200);
  const modelFolders = allModelsLocations().map((l) => l.modelsUri);
  return found
    .filter((u) => u.path.toLowerCase().endsWith('.csv') && !modelFolders.some((m) => isInside(u, m)))
    .sort((a, b) => vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b)));
}

/**
 * Undefined when the user dismissed the choice. The last choice is remembered per workspace
 * (workspaceState) and offered first next time.
 */
export async function chooseData(glob: string, memory: vscode.Memento, database?: DatabaseOffer): Promise<DataChoice | undefined> {
  const files = await findCsvFiles(glob);
  if (files.length === 0 && !database) return { kind: 'iris', why: 'no-csv' };
  if (files.length === 1 && !database) return { kind: 'csv', uri: files[0]! };
  type Item = vscode.QuickPickItem & { choice: DataChoice; key: string };
  const items: Item[] = files.map((uri) => ({
    label: plainText(vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1)),
    iconPath: vscode.ThemeIcon.File,
    choice: { kind: 'csv', uri },
    key: uri.toString(),
  }));
  items.push({ label: BUILT_IN_LABEL, description: "150 rows, as scikit-learn's load_iris()", iconPath: new vscode.ThemeIcon('beaker'), choice: { kind: 'iris', why: 'chosen' }, key: 'iris' });
  if (database) {
    items.push({ label: plainText(database.label), description: 'PostgreSQL (modelLab.database.url)', iconPath: new vscode.ThemeIcon('database'), choice: { kind: 'postgres', url: database.url, label: database.label }, key: 'postgres:' + database.url });
  }
  const last = memory.get<string>(LAST_CHOICE_KEY);
  const lastIndex = items.findIndex((i) => i.key === last);
  if (lastIndex > 0) items.unshift(...items.splice(lastIndex, 1));
  if (lastIndex >= 0) items[0]!.detail = 'Used last time';
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Choose the training data',
    placeHolder: 'CSV files of the workspace (the models folder and node_modules are left out), the built-in iris data or the database',
    matchOnDescription: true,
  });
  if (picked) await memory.update(LAST_CHOICE_KEY, picked.key);
  return picked?.choice;
}

export function describeData(choice: DataChoice): string {
  if (choice.kind === 'csv') return vscode.workspace.asRelativePath(choice.uri);
  if (choice.kind === 'postgres') return choice.label;
  return choice.why === 'no-csv' ? 'built-in iris data (no CSV file in the workspace)' : 'built-in iris data';
}
