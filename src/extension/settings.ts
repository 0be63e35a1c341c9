// Reads the modelLab.* settings a training run uses into typed values. A value that is not valid
// stops the run before anything is read or trained, naming the setting and what it takes (Open
// Settings goes there): a model trained with a silently replaced C or kernel is not the model the
// user asked for, and the CLI refuses the same values. (modelLab.jobs and the generator's interval
// change only speed and pace: they fall back, with a warning notification once per value
// (ui/settingWarnings.ts, from workerThreads.ts and irisGeneratorController.ts).)
import * as vscode from 'vscode';
import { EXPORT_SKLEARN_VERSION, isExportableSklearnVersion, parseDecimal, writtenReleases, type Gamma, type Kernel, type Layout, type SplitSize } from './engine';
import { DATA_FILE_GLOB, globProblem } from './training/dataFileNames';
import { isInside, modelsLocation } from './models/modelLocations';

export interface Settings {
  layout: Layout;
  seed: number;
  trainSize: SplitSize;
  kernel: Kernel;
  C: number;
  gamma: Gamma;
  /** The poly kernel's degree; coef0 of the poly and sigmoid kernels (other kernels ignore them). */
  degree: number;
  coef0: number;
  /** modelLab.targetColumn, or for a data file named in modelLab.labelColumns its own label column. */
  targetColumn: string;
  dropColumns: string[];
  /** Leave out rows with a missing value: a CSV's empty field or NA, a table's NULL (the core's TrainOptions.dropna). */
  dropna: boolean;
  /** Display names of the classes in class order; empty: as the data names them. */
  classNames: string[];
  cacheSizeMB: number;
  dataGlob: string;
  saveJoblib: boolean;
  /** Most training rows allowed (0: no limit). */
  trainRowsLimit: number;
}

const KERNELS: readonly Kernel[] = ['rbf', 'linear', 'poly', 'sigmoid'];

/** JSON settings cannot tell 1 from 1.0: whole numbers ≥ 1 are row counts, everything else a fraction. */
export function splitSizeFromSetting(v: number): SplitSize {
  return Number.isInteger(v) && v >= 1 ? { kind: 'count', value: v } : { kind: 'fraction', value: v };
}

/** A number written as text in settings.json ("0.1": the setting's type allows strings for "scale"). */
function numberText(v: unknown): number | undefined {
  return typeof v === 'string' ? parseDecimal(v) : undefined;
}

function gammaOf(v: Gamma | string): Gamma {
  return v === 'scale' || v === 'auto' || typeof v === 'number' ? v : numberText(v)!;
}

/** A modelLab.* setting whose value is not valid: the message names it and what it takes. */
export class SettingError extends Error {
  override readonly name = 'UserError';
  constructor(message: string, readonly setting: string) {
    super(message);
  }
}

/** Reads one modelLab.* setting of this scope: its value, or its default; a SettingError when it is not valid. */
type Pick = <T>(key: string, fallback: T, ok: (v: unknown) => boolean, takes: string) => T;

function picker(scope: vscode.ConfigurationScope | undefined): Pick {
  const c = vscode.workspace.getConfiguration('modelLab', scope);
  return <T>(key: string, fallback: T, ok: (v: unknown) => boolean, takes: string): T => {
    const v = c.get<unknown>(key);
    if (v === undefined || ok(v)) return (v ?? fallback) as T;
    const setting = `modelLab.${key}`;
    throw new SettingError(`Setting ${setting} = ${JSON.stringify(v)} is not valid: it takes ${takes} — change it in Settings, or remove it for the default ${JSON.stringify(fallback)}`, setting);
  };
}

/** modelLab.sklearnVersion of this scope. */
export function readSklearnVersion(scope: vscode.ConfigurationScope | undefined, pick: Pick = picker(scope)): string {
  return pick('sklearnVersion', EXPORT_SKLEARN_VERSION, (v) => typeof v === 'string' && isExportableSklearnVersion(v),
    `the scikit-learn release your Python has: ${writtenReleases('or')}, such as "${EXPORT_SKLEARN_VERSION}"`);
}

/**
 * modelLab.sklearnVersion when the user set it (in any scope), else undefined: Export to scikit-learn
 * then writes an imported model for the release it came from.
 */
export function chosenSklearnVersion(scope: vscode.ConfigurationScope | undefined): string | undefined {
  const i = vscode.workspace.getConfiguration('modelLab', scope).inspect<unknown>('sklearnVersion');
  const set = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  return set === undefined ? undefined : readSklearnVersion(scope);
}

/**
 * A data file's key in modelLab.labelColumns: its path in its workspace folder, with "/" (undefined
 * for a folder, or a file outside the workspace).
 */
export function labelColumnsKey(scope: vscode.ConfigurationScope | undefined): string | undefined {
  if (!(scope instanceof vscode.Uri)) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(scope);
  if (!folder || folder.uri.toString() === scope.toString()) return undefined;
  return vscode.workspace.asRelativePath(scope, false);
}

const isColumnMap = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v)
  && Object.values(v).every((c) => typeof c === 'string' && c !== '');

/**
 * A models folder that is the workspace folder or holds it ("." or "../") would list the project's
 * own folders as models and save models among them: refused, naming the setting.
 */
function checkModelsFolderPlace(scope: vscode.ConfigurationScope | undefined, value: string): void {
  const folder = scope instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(scope) : undefined;
  if (!folder) return;
  const models = modelsLocation(folder).modelsUri;
  if (!isInside(folder.uri, models)) return;
  const which = models.toString() === folder.uri.toString() ? 'is the workspace folder itself' : `holds the workspace folder "${folder.name}"`;
  throw new SettingError(`Setting modelLab.modelsFolder = ${JSON.stringify(value)} is not valid: ${models.fsPath} ${which}, so its other folders would be listed as models and models saved among them — choose a folder inside it, such as "models", or one elsewhere`, 'modelLab.modelsFolder');
}

const GLOB_TAKES = 'a glob pattern such as **/*.csv or **/*.{csv,data}';

/**
 * A data glob VS Code's search cannot read (an unclosed "[" or "{") is refused here, naming the
 * setting: findFiles failed with ripgrep's "error parsing glob" as an unexpected error.
 */
function checkGlob(glob: string): string {
  const problem = globProblem(glob);
  if (problem === undefined) return glob;
  throw new SettingError(`Setting modelLab.dataGlob = ${JSON.stringify(glob)} is not valid: ${problem}; it takes ${GLOB_TAKES} — change it in Settings, or remove it for the default ${JSON.stringify(DATA_FILE_GLOB)}`, 'modelLab.dataGlob');
}

/** Throws a SettingError for the first modelLab.* setting (in this scope) whose value is not valid. */
export function readSettings(scope: vscode.ConfigurationScope | undefined): Settings {
  const pick = picker(scope);
  const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  // gamma 0 is scikit-learn's to allow (a constant kernel), and model-lab train --gamma 0's too.
  const nonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  const trainSize = pick<number>('trainSize', 0.8, positive, 'a fraction between 0 and 1 such as 0.8, or a whole number of rows such as 120');
  const settings: Settings = {
    layout: pick<Layout>('layout', 'separate', (v) => v === 'separate' || v === 'pipeline', '"separate" or "pipeline"'),
    seed: pick('seed', 2023, (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4294967295, 'a whole number from 0 to 4294967295'),
    trainSize: splitSizeFromSetting(trainSize),
    kernel: pick<Kernel>('kernel', 'rbf', (v) => KERNELS.includes(v as Kernel), KERNELS.map((k) => `"${k}"`).join(', ')),
    C: pick('C', 1, positive, 'a number > 0 (the SVC regularization strength)'),
    gamma: gammaOf(pick<Gamma | string>('gamma', 'scale', (v) => v === 'scale' || v === 'auto' || nonNegative(v) || nonNegative(numberText(v)), '"scale", "auto" or a number >= 0')),
    degree: pick('degree', 3, (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1000, 'a whole number from 0 to 1000 (the poly kernel\'s degree)'),
    coef0: pick('coef0', 0, (v) => typeof v === 'number' && Number.isFinite(v), 'a number (the term added in the poly and sigmoid kernels)'),
    targetColumn: pick('targetColumn', 'target', (v) => typeof v === 'string' && v !== '', 'the name of the label column'),
    dropColumns: pick('dropColumns', ['id', 'timestamp'], (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'), 'a list of column names'),
    dropna: pick('dropna', false, (v) => typeof v === 'boolean', 'true or false'),
    classNames: pick<string[]>('classNames', [], (v) => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '') && new Set(v).size === v.length,
      'a list of distinct, non-empty class names in class order (or [] for the names in the data)'),
    cacheSizeMB: pick('cacheSizeMB', 200, positive, 'a number of megabytes > 0'),
    dataGlob: checkGlob(pick('dataGlob', DATA_FILE_GLOB, (v) => typeof v === 'string' && v !== '', GLOB_TAKES)),
    saveJoblib: pick('saveJoblib', false, (v) => typeof v === 'boolean', 'true or false'),
    trainRowsLimit: pick('trainRowsLimit', 200_000, (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0, 'a whole number of rows (0: no limit)'),
  };
  // One file's own label column (set by the one-click fix of a missing label column), so that the
  // folder's other data files keep modelLab.targetColumn.
  const labelColumns = pick<Record<string, string>>('labelColumns', {}, isColumnMap,
    'an object from a data file (its path in the workspace folder, such as "data/penguins.csv") to the name of its label column');
  const key = labelColumnsKey(scope);
  if (key !== undefined && Object.hasOwn(labelColumns, key)) settings.targetColumn = labelColumns[key]!;
  // modelLab.sklearnVersion is checked with the others, so that a value not valid stops a run naming
  // it; the release itself is read where the files are written (interop/sklearnRelease.ts).
  readSklearnVersion(scope, pick);
  // Resolved where the models are listed (modelLocations.ts), which falls back to "models"; a run names the value here.
  const modelsFolder = pick('modelsFolder', 'models', (v) => typeof v === 'string', 'a folder: relative to the workspace folder, such as "models", or absolute');
  checkModelsFolderPlace(scope, modelsFolder);
  return settings;
}

export function formatSplitSize(s: SplitSize): string {
  return s.kind === 'count' ? String(s.value) : Number.isInteger(s.value) ? s.value.toFixed(1) : String(s.value);
}
