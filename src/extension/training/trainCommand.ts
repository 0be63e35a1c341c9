// The two training commands: choose data (and, for "Train Iris Model…", the parameters), train
// in the core under a cancellable progress notification, and tell the user what came out.
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { engine, isAbortError, kernelUses, UserError, type SweepResult, type TrainOptions, type TrainResult } from '../engine';
import { DataError, dataWarning } from './dataProblems';
import { formatAccuracyCount } from '../../protocol/resultsPanel';
import { dataItems, describeData, obviousData, rememberDataChoice, type DataChoice } from './dataChoice';
import type { ModelsLocation } from '../models/modelLocations';
import { formatSplitSize, readSettings, type Settings } from '../settings';
import { modelCount, parseCOrList, parseCoef0s, parseDegrees, parseGammaOrList, parseKernels, parseSeedOrList, type ChoiceLists, type TrainChoices } from './trainParameters';
import { askData, askTraining } from './trainWizard';
import { knownRows } from './dataRows';
import { wizardAnswerError } from './wizardAnswerError';
import type { Parsed } from '../ui/multiStepInput';
import { runSweep } from './sweepCommand';
import { withProgress } from '../ui/progress';
import { revealInExplorerAction, showResultsAction } from '../commands/modelActions';
import { databaseOffer } from '../database/databaseSettings';
import { dataArg, dataChoiceOf, resolveTarget, settingsOfData, workspaceFolders } from './trainingTarget';
import { saveJoblibOptions } from '../interop/sklearnRelease';

/** Arguments for programmatic use (tests, other extensions): skip the questions. */
export interface TrainCommandArgs {
  /** A CSV file of the workspace (URI), or 'iris'. */
  data?: vscode.Uri | 'iris';
  /** kernel, C, gamma, degree, coef0 and seed may also be lists as typed in the wizard ("0.1, 1, 10"): a sweep. */
  choices?: Partial<Omit<TrainChoices, 'kernel' | 'C' | 'gamma' | 'degree' | 'coef0' | 'seed'>> & {
    kernel?: string; C?: number | string; gamma?: TrainChoices['gamma'] | string; degree?: number | string; coef0?: number | string; seed?: number | string;
  };
  name?: string;
}

/** Reads C, gamma, degree, coef0 and seed of the programmatic choices: numbers as they are, text as a value or a list. */
function choiceLists(c: NonNullable<TrainCommandArgs['choices']>, settings: Pick<TrainChoices, 'kernel' | 'C' | 'gamma' | 'degree' | 'coef0' | 'seed'>): ChoiceLists {
  const read = <T>(v: T | string | undefined, fallback: T, parse: (t: string) => Parsed<T[]>): T[] => {
    if (v === undefined) return [fallback];
    if (typeof v !== 'string' || v === 'scale' || v === 'auto') return [v as T];
    const r = parse(v);
    if ('error' in r) throw new UserError(r.error);
    return r.value;
  };
  return {
    kernel: read(c.kernel, settings.kernel, parseKernels), C: read(c.C, settings.C, parseCOrList), gamma: read(c.gamma, settings.gamma, parseGammaOrList),
    degree: read(c.degree, settings.degree, parseDegrees), coef0: read(c.coef0, settings.coef0, parseCoef0s), seed: read(c.seed, settings.seed, parseSeedOrList),
  };
}

/** The run's parameters: the programmatic choices, the settings for what they leave out. */
function choicesOf(given: NonNullable<TrainCommandArgs['choices']>, settings: Settings): { choices: TrainChoices; lists: ChoiceLists | undefined } {
  const l = choiceLists(given, settings);
  const choices = { layout: settings.layout, trainSize: settings.trainSize, ...given, kernel: l.kernel[0]!, seed: l.seed[0]!, C: l.C[0]!, gamma: l.gamma[0]!, degree: l.degree[0]!, coef0: l.coef0[0]! } as TrainChoices;
  return { choices, lists: modelCount(l) > 1 ? l : undefined };
}

/** The wizard's answers as programmatic choices (lists as typed: "0.1, 1"), for a run that asks nothing. */
function choicesArg(choices: TrainChoices, lists: ChoiceLists | undefined): NonNullable<TrainCommandArgs['choices']> {
  const text = <T>(list: readonly T[] | undefined, one: T) => (list ?? [one]).map(String).join(', ');
  return {
    layout: choices.layout, trainSize: choices.trainSize,
    kernel: text(lists?.kernel, choices.kernel), C: text(lists?.C, choices.C), gamma: text(lists?.gamma, choices.gamma),
    degree: text(lists?.degree, choices.degree), coef0: text(lists?.coef0, choices.coef0), seed: text(lists?.seed, choices.seed),
  };
}

/** A TrainResult, or a SweepResult when C, gamma, degree, coef0 or seed held several values. */
export async function runTrainCommand(ctx: ModelLabContext, withOptions: boolean, arg?: unknown): Promise<TrainResult | SweepResult | undefined> {
  // The fit's worker thread starts meanwhile (~40 ms, and the first Train of a window waited for it).
  ctx.workerThreads.prepareFit();
  const folders = workspaceFolders();
  const args = parseArgs(arg);
  let data = dataChoiceOf(args.data);
  const settings = readSettings(data?.kind === 'csv' ? data.uri : folders[0]!.uri);
  const given = args.choices ?? {};
  let { choices, lists } = choicesOf(given, settings);
  let asked = false;
  if (data === undefined || (withOptions && args.choices === undefined)) {
    const items = await dataItems(settings.dataGlob, ctx.workspaceState, databaseOffer(ctx));
    // Programmatic choices skip the questions, also for "Train Iris Model…".
    if (withOptions && args.choices === undefined) {
      const answer = await askTraining(settings, items, data, (d) => settingsOfData(d, settings), (d) => knownRows(d, settingsOfData(d, settings)));
      if (!answer) return undefined;
      ({ data, choices, lists } = answer);
      asked = true;
    } else {
      data ??= obviousData(items) ?? await askData(items);
    }
  }
  if (!data) return undefined;
  // The settings of the data's own folder (a folder of a multi-root workspace may set its own);
  // what the wizard asked stays as answered.
  const own = settingsOfData(data, settings);
  if (!asked) ({ choices, lists } = choicesOf(given, own));

  const target = await resolveTarget(ctx, data);
  if (!target) return undefined;
  const { location } = target;
  const joblib = await saveJoblibOptions(own.saveJoblib, location.modelsUri);
  const options: TrainOptions = {
    data: target.data,
    layout: choices.layout,
    seed: choices.seed,
    trainSize: choices.trainSize,
    kernel: choices.kernel,
    C: choices.C,
    gamma: choices.gamma,
    degree: choices.degree,
    coef0: choices.coef0,
    target: own.targetColumn,
    drop: own.dropColumns,
    ...(own.dropna ? { dropna: true } : {}),
    ...(own.classNames.length > 0 ? { classNames: own.classNames } : {}),
    modelsDir: location.fs.pathOf(location.modelsUri),
    cacheSizeMB: own.cacheSizeMB,
    ...joblib.options,
    trainRowsLimit: own.trainRowsLimit,
    workspaceDir: target.workspaceDir,
    ...(args.name ? { name: args.name } : {}),
  };
  const file = data.kind === 'csv' ? data.uri : undefined;
  const run = ctx.dataProblems.around<TrainResult | SweepResult | undefined>(file, () => (lists ? runSweep(ctx, options, lists, location, file) : train(ctx, options, data, location)));
  // After the wizard, a data error's one-click fix trains again with its answers instead of asking them again.
  const result = !asked ? await run : await run.catch((e: unknown) => {
    // The train size was the wizard's answer, not the setting: the remedy says so, without Open Settings.
    const answered = wizardAnswerError(e, 'Train Iris Model…');
    if (answered) throw answered;
    if (e instanceof DataError && data.kind !== 'postgres') e.rerunArgs = [{ data: data.kind === 'csv' ? data.uri : 'iris', choices: choicesArg(choices, lists), ...(args.name ? { name: args.name } : {}) }];
    throw e;
  });
  if (result && (!('models' in result) || result.models.length > 0)) {
    if (joblib.line) ctx.log.line(joblib.line);
    await rememberDataChoice(ctx.workspaceState, data);
  }
  return result;
}

async function train(ctx: ModelLabContext, options: TrainOptions, data: DataChoice, location: ModelsLocation): Promise<TrainResult | undefined> {
  const { log } = ctx;
  log.line(`--- ${new Date().toISOString()} Train Iris Model`);
  log.line(`Data: ${describeData(data)}`);
  const trainSize = options.trainSize ? formatSplitSize(options.trainSize) : 'default';
  const kernelTerms = `${kernelUses(options.kernel, 'degree') ? ` degree=${options.degree}` : ''}${kernelUses(options.kernel, 'coef0') ? ` coef0=${options.coef0}` : ''}`;
  log.line(`Settings: layout=${options.layout} seed=${options.seed} train_size=${trainSize} kernel=${options.kernel}${kernelTerms} C=${options.C} gamma=${options.gamma}`);
  let step = '';
  let result: TrainResult;
  try {
    // The fit runs on a worker thread (workerThreads.ts): Cancel stops it at once, and the host stays free meanwhile.
    result = await withProgress('Training…', (signal, progress) => engine().train(options, location.fs, {
      signal, progress: { report: (text, fraction) => { step = text; progress.report(text, fraction); } },
      log: (line) => log.line(line), onDataWarning: dataWarning(ctx, data.kind === 'csv' ? data.uri : undefined), fitter: ctx.modelFitter(),
    }));
  } catch (e) {
    if (!isAbortError(e)) throw e;
    const text = `Training cancelled${step ? ` during "${step}"` : ''} — nothing was saved.`;
    log.line(text);
    void ctx.notify.info(text);
    return undefined;
  }
  const uri = location.fs.uri(result.modelDir);
  await ctx.store.refresh();
  const builtIn = data.kind === 'iris' && data.why === 'no-csv' ? ' Trained on the built-in iris data (no CSV file in the workspace).' : '';
  void ctx.notify.info(
    `Trained model "${result.name}": validation accuracy ${formatAccuracyCount(result.valid)}.${builtIn}`,
    showResultsAction(uri),
    revealInExplorerAction(uri),
  );
  return result;
}

function parseArgs(arg: unknown): TrainCommandArgs {
  if (arg instanceof vscode.Uri) return { data: dataArg(arg) }; // explorer context menu on a CSV file
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const out: TrainCommandArgs = {};
  const data = dataArg(a.data);
  if (data !== undefined) out.data = data;
  if (typeof a.name === 'string') out.name = a.name;
  if (typeof a.choices === 'object' && a.choices !== null) out.choices = a.choices as TrainCommandArgs['choices'];
  return out;
}
