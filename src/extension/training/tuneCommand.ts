// "Tune Iris Model…": GridSearchCV in the core (the same numbers as model-lab tune) under ONE
// cancellable progress notification ("Candidate 4 of 12, fold 2 of 5"). A search the core will not
// run without a go-ahead (more than 500 fits, a class with fewer rows than folds) asks in a modal
// and runs again confirmed; scikit-learn's warnings go to the log and a notification; a
// cancellation saves nothing and says how far it got. Then the refit model opens in the results
// editor and its Tune results view opens in front — unless the user went on in another editor
// meanwhile: then the notification offers them, and the keyboard stays where it is.
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import {
  engine, isAbortError, pythonFloat, UserError,
  type Layout, type SearchGrid, type SplitSize, type TuneOptions, type TuneProgress, type TuneResult,
} from '../engine';
import { formatAccuracyCount, formatPercent } from '../../protocol/resultsPanel';
import { describeSearchParams } from '../../protocol/tunePanel';
import { COMMAND_IDS } from '../contributions';
import { databaseOffer } from '../database/databaseSettings';
import { readSettings, splitSizeFromSetting, type Settings } from '../settings';
import { withProgress } from '../ui/progress';
import type { Parsed } from '../ui/multiStepInput';
import { dataWarning } from './dataProblems';
import { dataItems, describeData, obviousData, rememberDataChoice, type DataChoice } from './dataChoice';
import { dataArg, dataChoiceOf, resolveTarget, settingsOfData, workspaceFolders, type TrainingTarget } from './trainingTarget';
import { parseSeed, parseTrainSize } from './trainParameters';
import { askTuning, DEFAULT_FOLDS, describeSearchSize, LAST_TUNE_LISTS_KEY, lastTuneListsOf, parseFolds, type TuneAnswer } from './tuneWizard';
import { askData } from './wizardSteps';
import { saveJoblibOptions } from '../interop/sklearnRelease';
import { showResultsAction } from '../commands/modelActions';
import { wizardAnswerError } from './wizardAnswerError';
import { knownRows } from './dataRows';

/** Arguments for programmatic use (tests, other extensions): given a grid, no questions are asked. */
export interface TuneCommandArgs {
  /** A CSV file of the workspace (URI), or 'iris'; otherwise the obvious data or the user's choice. */
  readonly data?: vscode.Uri | 'iris';
  /** Value lists as typed ("0.1, 1, 10") or as arrays; lists not given keep SVC's defaults. */
  readonly grid?: SearchGrid;
  /** Folds of StratifiedKFold (default 5). */
  readonly cv?: number;
  readonly layout?: Layout;
  readonly seed?: number;
  readonly trainSize?: SplitSize;
  /** Folder name of the refit model (default like iris-tuned-cv5-s2023). */
  readonly name?: string;
}

const ARG_KEYS = ['data', 'grid', 'cv', 'layout', 'seed', 'trainSize', 'name'] as const;
const GRID_KEYS = ['kernel', 'C', 'gamma', 'degree', 'coef0'] as const;

function refuse(what: string): never {
  throw new UserError(`Tune Iris Model: ${what}`);
}

function parsedOr<T>(r: Parsed<T>, what: string): T {
  if ('error' in r) refuse(`${what}: ${r.error}`);
  return r.value;
}

/** A grid list as given: text as typed, or an array of numbers and words (read by the same parser). */
function listText(v: unknown, key: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' || typeof x === 'string')) return v.map(String).join(', ');
  return refuse(`grid.${key} must be a list such as "0.1, 1, 10" or [0.1, 1, 10]`);
}

function gridArg(v: unknown): SearchGrid {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) refuse('grid must be an object such as { C: "0.1, 1, 10", gamma: "scale, 0.1" }');
  const g = v as Record<string, unknown>;
  const unknown = Object.keys(g).find((k) => !(GRID_KEYS as readonly string[]).includes(k));
  if (unknown !== undefined) refuse(`grid.${unknown} is not a parameter of the search — use ${GRID_KEYS.join(', ')}`);
  const texts: Partial<Record<(typeof GRID_KEYS)[number], string>> = {};
  for (const k of GRID_KEYS) if (g[k] !== undefined) texts[k] = listText(g[k], k);
  return engine().parseSearchGrid(texts, (k) => `grid.${k}`);
}

/** Checks a programmatic argument; throws a UserError naming the field. */
export function parseTuneArgs(arg: unknown): TuneCommandArgs {
  if (arg instanceof vscode.Uri) return { data: dataArg(arg) };
  if (arg === undefined || arg === null) return {};
  if (typeof arg !== 'object' || Array.isArray(arg)) refuse('the argument must be an object such as { data: "iris", grid: { C: "0.1, 1" }, cv: 5 }');
  const a = arg as Record<string, unknown>;
  const unknown = Object.keys(a).find((k) => !(ARG_KEYS as readonly string[]).includes(k));
  if (unknown !== undefined) refuse(`"${unknown}" is not an argument — use ${ARG_KEYS.join(', ')}`);
  const out: { -readonly [K in keyof TuneCommandArgs]: TuneCommandArgs[K] } = {};
  const data = dataArg(a.data);
  if (data !== undefined) out.data = data;
  if (a.grid !== undefined) out.grid = gridArg(a.grid);
  if (a.cv !== undefined) out.cv = parsedOr(parseFolds(String(a.cv)), 'cv');
  if (a.layout !== undefined) out.layout = a.layout === 'separate' || a.layout === 'pipeline' ? a.layout : refuse('layout must be "separate" or "pipeline"');
  if (a.seed !== undefined) out.seed = parsedOr(parseSeed(String(a.seed)), 'seed');
  if (a.trainSize !== undefined) {
    out.trainSize = typeof a.trainSize === 'number' ? splitSizeOf(a.trainSize) : typeof a.trainSize === 'string' ? parsedOr(parseTrainSize(a.trainSize), 'trainSize') : refuse('trainSize must be a fraction (0.8) or a number of rows (120)');
  }
  if (a.name !== undefined) out.name = typeof a.name === 'string' ? a.name : refuse('name must be a folder name');
  return out;
}

function splitSizeOf(v: number): SplitSize {
  const s = splitSizeFromSetting(v);
  if (s.kind === 'fraction' && !(s.value > 0 && s.value < 1)) refuse('trainSize must be a fraction between 0 and 1 (0.8) or a number of rows (120)');
  return s;
}

/** The search the arguments describe, with the settings for what they leave out. */
function answerOf(args: TuneCommandArgs, data: DataChoice, settings: Settings): TuneAnswer {
  return {
    data, layout: args.layout ?? settings.layout, seed: args.seed ?? settings.seed, trainSize: args.trainSize ?? settings.trainSize,
    grid: args.grid!, cv: args.cv ?? DEFAULT_FOLDS,
  };
}

/** A refusal the user may overrule (the core's ConfirmationNeeded, recognised by its fields across bundles). */
function confirmationNeeded(e: unknown): { readonly question: string } | undefined {
  // Its message names the CLI's --yes; VS Code asks the question instead.
  const c = e as { needsConfirmation?: unknown; question?: unknown } | null;
  return c !== null && typeof c === 'object' && c.needsConfirmation === true && typeof c.question === 'string' ? { question: c.question } : undefined;
}

/**
 * Runs "Tune Iris Model…": the wizard (or the programmatic argument), the search, the refit model
 * shown. Resolves with the core's result, or undefined when the user stopped (Escape, Cancel, a
 * declined confirmation). Throws a UserError for a bad argument or bad data.
 */
export async function runTuneCommand(ctx: ModelLabContext, arg: unknown): Promise<TuneResult | undefined> {
  const folders = workspaceFolders();
  const args = parseTuneArgs(arg);
  let data = dataChoiceOf(args.data);
  const settings = readSettings(data?.kind === 'csv' ? data.uri : folders[0]!.uri);
  let answer: TuneAnswer | undefined;
  const items = () => dataItems(settings.dataGlob, ctx.workspaceState, databaseOffer(ctx));
  const ownSettings = (d: DataChoice) => settingsOfData(d, settings);
  if (args.grid === undefined) {
    answer = await askTuning(settings, await items(), data, ownSettings, lastTuneListsOf(ctx.workspaceState.get(LAST_TUNE_LISTS_KEY)), (d) => knownRows(d, ownSettings(d)));
    // Remembered before the search runs: a refused one ("choose fewer folds") is fixed by one answer.
    if (answer) await ctx.workspaceState.update(LAST_TUNE_LISTS_KEY, { ...answer.grid, cv: answer.cv });
  } else {
    data ??= obviousData(await items()) ?? await askData(await items());
    answer = data ? answerOf(args, data, ownSettings(data)) : undefined;
  }
  if (!answer) return undefined;
  const own = ownSettings(answer.data);
  const target = await resolveTarget(ctx, answer.data);
  if (!target) return undefined;
  const joblib = await saveJoblibOptions(own.saveJoblib, target.location.modelsUri);
  const tuneOptions: TuneOptions = {
    data: target.data, layout: answer.layout, seed: answer.seed, trainSize: answer.trainSize, target: own.targetColumn, drop: own.dropColumns,
    ...(own.dropna ? { dropna: true } : {}),
    grid: answer.grid, cv: answer.cv, modelsDir: target.location.fs.pathOf(target.location.modelsUri), cacheSizeMB: own.cacheSizeMB,
    trainRowsLimit: own.trainRowsLimit, workspaceDir: target.workspaceDir,
    ...joblib.options,
    ...(own.classNames.length > 0 ? { classNames: own.classNames } : {}),
    ...(args.name !== undefined ? { name: args.name } : {}),
  };
  const file = answer.data.kind === 'csv' ? answer.data.uri : undefined;
  const run = ctx.dataProblems.around(file, () => search(ctx, tuneOptions, answer, target));
  // The train size was the wizard's answer, not the setting: the remedy says so, without Open Settings.
  const result = args.grid !== undefined ? await run : await run.catch((e: unknown) => { throw wizardAnswerError(e, 'Tune Iris Model…') ?? e; });
  if (result) {
    if (joblib.line) ctx.log.line(joblib.line);
    await rememberDataChoice(ctx.workspaceState, answer.data);
  }
  return result;
}

/** The search under one progress notification; asks and runs again when the core wants a go-ahead. */
async function search(ctx: ModelLabContext, options: TuneOptions, answer: TuneAnswer, target: TrainingTarget): Promise<TuneResult | undefined> {
  const { log } = ctx;
  log.line(`--- ${new Date().toISOString()} Tune Iris Model: ${describeSearchSize(options.grid, options.cv)}`);
  log.line(`Data: ${describeData(answer.data)} · seed ${options.seed} · GridSearchCV(cv=${options.cv}) over kernel ${options.grid.kernel.join(', ')} × C ${options.grid.C.join(', ')} × gamma ${options.grid.gamma.join(', ')}`);
  let confirmed = false;
  // The editor in front when the search starts: another one in front when it ends means the user went
  // to work there meanwhile, and the results must not cover it or take its keyboard.
  const editorAtStart = activeEditorKey();
  for (;;) {
    let where: TuneProgress | undefined;
    try {
      const result = await withProgress('Tuning…', (signal, progress) => engine().tune({ ...options, confirmed }, target.location.fs, {
        signal, progress,
        log: (line) => log.line(line),
        onProgress: (p) => { where = p; },
        onDataWarning: dataWarning(ctx, answer.data.kind === 'csv' ? answer.data.uri : undefined),
        onWarning: (w) => {
          log.line(`Warning (as scikit-learn warns): ${w}`);
          void ctx.notify.warn(`Tuning: ${w}`);
        },
        // The (candidate, fold) fits and the refit on the window's worker threads (modelLab.jobs).
        runner: ctx.unitRunner((text) => progress.report(text)),
        fitter: ctx.modelFitter(),
      }));
      await showTuned(ctx, result, target, () => activeEditorKey() === editorAtStart);
      return result;
    } catch (e) {
      const ask = confirmed ? undefined : confirmationNeeded(e);
      if (ask) {
        log.line(`Asked to confirm: ${ask.question}`);
        const detail = 'Cancel runs nothing; run Tune Iris Model… again with shorter lists or fewer folds.';
        if (!(await ctx.notify.confirm(ask.question, detail, 'Run Anyway'))) return undefined;
        confirmed = true;
        continue;
      }
      if (!isAbortError(e)) throw e;
      const text = `Tuning cancelled ${engine().describeHowFar(where)} — nothing was saved.`;
      log.line(text);
      void ctx.notify.info(text);
      return undefined;
    }
  }
}

/** The text editor in front (its document), or undefined when none is. */
function activeEditorKey(): string | undefined {
  return vscode.window.activeTextEditor?.document.uri.toString();
}

/**
 * The refit model in the results editor and its Tune results in front while `mayOpen()`, or only
 * offered by the notification that sums up (the user went on in another editor meanwhile).
 */
async function showTuned(ctx: ModelLabContext, result: TuneResult, target: TrainingTarget, mayOpen: () => boolean): Promise<void> {
  const { log } = ctx;
  const { best, model, search: s } = result;
  const mean = best.meanScore === null ? 'nan' : pythonFloat(best.meanScore);
  // The core logged the refit's accuracies and where it saved it; the search's outcome goes first here.
  log.line(`Best params : ${describeSearchParams(best.params)}`);
  log.line(`Best CV Accuracy : ${mean}`);
  await ctx.store.refresh();
  const stored = await ctx.store.find(target.location.fs.uri(model.modelDir));
  // Said first: opening the results validates the refit model, which takes a while on large data.
  const open = mayOpen();
  const cv = best.meanScore === null ? '' : ` with mean CV accuracy ${formatPercent(best.meanScore)} over ${s.cv.nSplits} folds`;
  void ctx.notify.info(
    `Tuned "${model.name}": best ${describeSearchParams(best.params)}${cv}; refitted, validation accuracy ${formatAccuracyCount(model.valid)}.`,
    ...(stored ? [{ title: 'Show Tuning Results', run: () => vscode.commands.executeCommand(COMMAND_IDS.showTuneResults, stored.uri) }] : []),
    ...(stored && !open ? [showResultsAction(stored.uri)] : []),
  );
  if (stored && open) {
    // Both in front, the keyboard left where it was (unless the user went to another editor meanwhile).
    await ctx.results.show(stored, { preserveFocus: true });
    if (mayOpen() || !vscode.window.activeTextEditor) await ctx.tuneResults.show(stored, { preserveFocus: true });
  }
}
