// The two training commands: choose data (and, for "Train Iris Model…", the parameters), train
// in the core under a cancellable progress notification, and tell the user what came out.
import * as vscode from 'vscode';
import type { TrainOptions, TrainResult } from './engine';
import { trainModel } from './engine';
import { formatAccuracyCount } from '../protocol/resultsPanel';
import { chooseData, describeData, type DataChoice } from './dataChoice';
import { modelsLocation, type ModelsLocation } from './modelLocations';
import { formatSplitSize, readSettings } from './settings';
import { askTrainChoices, parseCOrList, parseGammaOrList, parseSeedOrList, type ChoiceLists, type TrainChoices } from './trainOptionsWizard';
import { runSweepCommand } from './compareSweep';
import type { SweepResult } from '../core/experiments/sweep';
import { UserError } from '../core/types';
import type { OutputLog } from './outputLog';
import { showError } from './errors';
import { withTrainingProgress } from './trainingProgress';
import { databaseOffer, postgresDataSpecFromSettings } from './database/databaseSettings';

/** Arguments for programmatic use (tests, other extensions): skip the questions. */
export interface TrainCommandArgs {
  /** A CSV file URI (string or Uri), or 'iris'. */
  data?: string | vscode.Uri;
  /** C, gamma and seed may also be lists as typed in the wizard ("0.1, 1, 10"): a sweep. */
  choices?: Partial<Omit<TrainChoices, 'C' | 'gamma' | 'seed'>> & { C?: number | string; gamma?: TrainChoices['gamma'] | string; seed?: number | string };
  name?: string;
}

export interface TrainHooks {
  log: OutputLog;
  /** Where the database password lives and where the last data choice is remembered. */
  secrets: vscode.SecretStorage;
  workspaceState: vscode.Memento;
  afterSave(uri: vscode.Uri): Promise<void>;
  showResults(uri: vscode.Uri): Promise<void>;
  /** Opens Compare Models with these model folders selected (after a sweep). */
  compare(uris: vscode.Uri[]): Promise<void>;
}

/** Reads C, gamma and seed of the programmatic choices: numbers as they are, text as a value or a list. */
function choiceLists(c: NonNullable<TrainCommandArgs['choices']>, settings: { C: number; gamma: TrainChoices['gamma']; seed: number }): ChoiceLists {
  const read = <T>(v: T | string | undefined, fallback: T, parse: (t: string) => T[] | string): T[] => {
    if (v === undefined) return [fallback];
    if (typeof v !== 'string' || v === 'scale' || v === 'auto') return [v as T];
    const r = parse(v);
    if (typeof r === 'string') throw new UserError(r);
    return r;
  };
  return { C: read(c.C, settings.C, parseCOrList), gamma: read(c.gamma, settings.gamma, parseGammaOrList), seed: read(c.seed, settings.seed, parseSeedOrList) };
}

/** A TrainResult, or a SweepResult when C, gamma or seed held several values. */
export async function runTrainCommand(hooks: TrainHooks, withOptions: boolean, arg?: unknown): Promise<TrainResult | SweepResult | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('Model Lab: open a folder first — models are saved in its models folder.');
    return undefined;
  }
  const args = parseArgs(arg);
  let data: DataChoice | undefined;
  if (args.data !== undefined) data = args.data === 'iris' ? { kind: 'iris', why: 'chosen' } : { kind: 'csv', uri: toUri(args.data) };
  const settingsScope = data?.kind === 'csv' ? data.uri : folders[0]!.uri;
  const settings = readSettings(settingsScope, (l) => hooks.log.warn(l));
  data ??= await chooseData(settings.dataGlob, hooks.workspaceState, databaseOffer((l) => hooks.log.warn(l)));
  if (!data) return undefined;

  let lists: ChoiceLists | undefined;
  let choices: TrainChoices;
  try {
    const given = args.choices ?? {};
    const l = choiceLists(given, settings);
    choices = { layout: settings.layout, trainSize: settings.trainSize, kernel: settings.kernel, ...given, seed: l.seed[0]!, C: l.C[0]!, gamma: l.gamma[0]! } as TrainChoices;
    if (l.C.length * l.gamma.length * l.seed.length > 1) lists = l;
  } catch (e) {
    showError(hooks.log, e);
    return undefined;
  }
  // Programmatic choices skip the questions, also for "Train Iris Model…".
  if (withOptions && args.choices === undefined) {
    const asked = await askTrainChoices(settings);
    if (!asked) return undefined;
    const { lists: askedLists, ...rest } = asked;
    choices = rest;
    lists = askedLists;
  }

  const folder = (data.kind === 'csv' ? vscode.workspace.getWorkspaceFolder(data.uri) : undefined)
    ?? (folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Save the model in which workspace folder?' }));
  if (!folder) return undefined;
  const location = modelsLocation(folder);
  const options: TrainOptions = {
    data: data.kind === 'csv'
      ? { kind: 'csv', path: location.fs.pathOf(data.uri) }
      : data.kind === 'postgres'
        ? { kind: 'postgres', spec: await postgresDataSpecFromSettings(hooks.secrets, (l) => hooks.log.warn(l)) }
        : { kind: 'iris' },
    layout: choices.layout,
    seed: choices.seed,
    trainSize: choices.trainSize,
    kernel: choices.kernel,
    C: choices.C,
    gamma: choices.gamma,
    degree: 3,
    coef0: 0,
    target: settings.targetColumn,
    drop: settings.dropColumns,
    modelsDir: location.fs.pathOf(location.modelsUri),
    cacheSizeMB: settings.cacheSizeMB,
    ...(args.name ? { name: args.name } : {}),
  };
  if (lists) return runSweepCommand(hooks, options, lists, location);
  return train(hooks, options, data, location);
}

async function train(hooks: TrainHooks, options: TrainOptions, data: DataChoice, location: ModelsLocation): Promise<TrainResult | undefined> {
  const { log } = hooks;
  log.channel.show(true);
  log.line(`--- ${new Date().toISOString()} Train Iris Model`);
  log.line(`Data: ${describeData(data)}`);
  const trainSize = options.trainSize ? formatSplitSize(options.trainSize) : 'default';
  log.line(`Settings: layout=${options.layout} seed=${options.seed} train_size=${trainSize} kernel=${options.kernel} C=${options.C} gamma=${options.gamma}`);
  let result: TrainResult | undefined;
  try {
    result = await withTrainingProgress((signal, progress) =>
      trainModel(options, location.fs, { signal, progress, log: (line) => log.line(line) }));
  } catch (e) {
    if (isAbort(e)) {
      log.line('Training cancelled; nothing was saved.');
      return undefined;
    }
    showError(log, e);
    return undefined;
  }
  const uri = location.fs.uri(result.modelDir);
  await hooks.afterSave(uri);
  const builtIn = data.kind === 'iris' && data.why === 'no-csv' ? ' Trained on the built-in iris data (no CSV file in the workspace).' : '';
  void vscode.window
    .showInformationMessage(`Trained model "${result.name}": validation accuracy ${formatAccuracyCount(result.valid)}.${builtIn}`, 'Show Results', 'Reveal in Explorer')
    .then((action) => {
      if (action === 'Show Results') return hooks.showResults(uri);
      if (action === 'Reveal in Explorer') return vscode.commands.executeCommand('revealInExplorer', uri);
      return undefined;
    });
  return result;
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || (e as { code?: string }).code === 'ABORT_ERR');
}

function toUri(v: string | vscode.Uri): vscode.Uri {
  return typeof v === 'string' ? vscode.Uri.parse(v, true) : v;
}

function parseArgs(arg: unknown): TrainCommandArgs {
  if (arg instanceof vscode.Uri) return { data: arg }; // explorer context menu on a CSV file
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const out: TrainCommandArgs = {};
  if (typeof a.data === 'string' || a.data instanceof vscode.Uri) out.data = a.data;
  if (typeof a.name === 'string') out.name = a.name;
  if (typeof a.choices === 'object' && a.choices !== null) out.choices = a.choices as Partial<TrainChoices>;
  return out;
}
