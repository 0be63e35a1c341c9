// The tune use case — GridSearchCV(Pipeline([StandardScaler(), SVC()]), grid, cv=K) on the training
// part of train_test_split, then the best candidate refitted on that whole part and saved as an
// ordinary model folder whose model.json records the search. Leaves nothing behind when cancelled.
import type { FileSystem } from '../../io/fileSystem';
import type { ManifestSearch, SearchCandidate, SearchGrid } from '../../artifacts/searchRecord';
import { checkModelName, dataSlug } from '../../artifacts/naming';
import { checkModelsFolder } from '../../artifacts/modelsFolder';
import { joblibRequest, type JoblibRequest } from '../../interop/sklearn/sklearnVersion';
import type { DataSpec, Layout, TrainResult } from '../../usecases/contracts';
import { withModelsFolderAhead } from '../../artifacts/saveModel';
import { fitModel, loadTrainingData, saveTrainedModel, type DataOptions, type FitControl, type TrainingData } from '../../usecases/train';
import { step } from '../../usecases/steps';
import { checkSearchSize, planSearch, summarizeSearch, type SearchPlan } from './gridSearch';
import type { CvUnitResult } from './cvUnit';
import { runUnitsInThisThread, type UnitRunner } from './unitRunner';

export interface TuneOptions extends DataOptions, JoblibRequest {
  readonly layout: Layout;
  readonly grid: SearchGrid;
  /** Folds of StratifiedKFold (GridSearchCV's cv=K). */
  readonly cv: number;
  /** Absolute path of the models folder. */
  readonly modelsDir: string;
  /** Folder name of the refitted model; default like iris-tuned-cv5-s2023. */
  readonly name?: string;
  /** Run what is otherwise refused: more than 500 fits, a class with fewer training rows than folds. */
  readonly confirmed?: boolean;
  readonly cacheSizeMB?: number;
  /** Folder whose git commit the refitted model records (the workspace); default the models folder. */
  readonly workspaceDir?: string;
}

/** Where a search stands: `done` of `total` units finished; candidate/fold name the unit started last (1-based). */
export interface TuneProgress {
  readonly done: number;
  readonly total: number;
  readonly candidate: number;
  readonly candidates: number;
  readonly fold: number;
  readonly folds: number;
}

export interface TuneControl extends FitControl {
  /** Where the units run (default: one after another in this thread); the refit runs on `fitter`. */
  readonly runner?: UnitRunner;
  /** Called when a unit starts and when one finishes. */
  onProgress?(p: TuneProgress): void;
  /** scikit-learn's warnings, as it words them (a class with fewer rows than folds; failed fits). */
  onWarning?(text: string): void;
  /** Called when the search is scored, before the refit: a refit that fails leaves this much done. */
  onSearched?(search: SearchOutcome): void;
}

/** The search scored (cv_results_ and the best candidate), before the refit. */
export type SearchOutcome = Omit<TuneResult, 'model'>;

export interface TuneResult {
  readonly search: ManifestSearch;
  readonly best: SearchCandidate;
  readonly model: TrainResult;
}

/** Share of the progress bar before the cross-validation starts and when the refit starts. */
const CV_START = 0.1;
const REFIT_START = 0.9;

/** The refit model's default folder name, e.g. iris-tuned-cv5-s2023 (saving appends -2, -3, … when taken). */
export function tunedModelName(data: DataSpec, cv: number, seed: number): string {
  return checkModelName(`${dataSlug(data)}-tuned-cv${cv}-s${seed}`);
}

/** "Candidate 4 of 12, fold 2 of 5". */
export function describeProgress(p: TuneProgress): string {
  return `Candidate ${p.candidate} of ${p.candidates}, fold ${p.fold} of ${p.folds}`;
}

/**
 * How far a cancelled search got, for "cancelled … — nothing was saved": "after 17 of 60 fits
 * (candidate 4 of 12, fold 2 of 5 was running)", "during the refit of the best candidate (after all
 * 60 fits of the cross-validation)", or "before the cross-validation started".
 */
export function describeHowFar(p: TuneProgress | undefined): string {
  if (p === undefined) return 'before the cross-validation started';
  // Every fit done: the search was refitting (or saving) its best candidate.
  if (p.done === p.total) return `during the refit of the best candidate (after all ${p.total} fits of the cross-validation)`;
  return `after ${p.done} of ${p.total} fits (${describeProgress(p).replace(/^C/, 'c')} was running)`;
}

/** Runs the plan's units on `runner`, reporting progress; rejects with the abort error when cancelled. */
export async function runSearchUnits(training: TrainingData, plan: SearchPlan, control: TuneControl, cacheSizeMB?: number): Promise<CvUnitResult[]> {
  const total = plan.units.length;
  let done = 0;
  let last = plan.units[0];
  const report = () => {
    const p: TuneProgress = { done, total, candidate: last.candidate + 1, candidates: plan.candidates.length, fold: last.fold + 1, folds: plan.nSplits };
    control.progress?.report(describeProgress(p), CV_START + ((REFIT_START - CV_START) * done) / total);
    control.onProgress?.(p);
  };
  const runner = control.runner ?? runUnitsInThisThread;
  return runner({ data: { X: training.XTrain, y: training.yTrain }, folds: plan.folds, units: plan.units, ...(cacheSizeMB !== undefined ? { cacheSizeMB } : {}) }, {
    signal: control.signal,
    onStart: (i) => { last = plan.units[i]; report(); },
    onDone: () => { done++; report(); },
  });
}

/** `saveJoblib`, `sklearnVersion`: the refitted model's scikit-learn joblib files (TrainOptions'). */
export interface RefitRequest extends JoblibRequest {
  readonly layout: Layout;
  readonly modelsDir: string;
  readonly name: string;
  readonly cacheSizeMB?: number;
  readonly workspaceDir?: string;
}

/**
 * Summarizes the units' results as cv_results_, refits the best candidate on the whole training part
 * and saves it with the search in its model.json. Throws a UserError when every fit failed.
 */
export async function refitBest(
  training: TrainingData, plan: SearchPlan, results: readonly CvUnitResult[], split: Pick<DataOptions, 'seed' | 'trainSize' | 'testSize'>,
  req: RefitRequest, fs: FileSystem, control: TuneControl = {},
): Promise<TuneResult> {
  const summary = summarizeSearch(plan, results);
  if (summary.failureWarning !== undefined) control.onWarning?.(summary.failureWarning);
  control.onSearched?.({ search: summary.record, best: summary.best });
  step(control, 'Refitting the best candidate', REFIT_START);
  const p = summary.best.params;
  // fitModel and saveTrainedModel report their steps at train's fractions; keep this bar moving forward.
  const inner: FitControl = {
    signal: control.signal, log: control.log,
    ...(control.fitter ? { fitter: control.fitter } : {}),
    progress: { report: (s, f) => control.progress?.report(s, REFIT_START + (1 - REFIT_START) * (f === undefined ? 0 : Math.max(0, (f - 0.8) / 0.2))) },
  };
  const model = await withModelsFolderAhead(fs, req.modelsDir, async (folderReady) => {
    // The best candidate on the whole training part: the same split as the search's (same rows, same seed).
    const { pipeline, scores } = await fitModel(training, {
      kernel: p.kernel, C: p.C, gamma: p.gamma, degree: p.degree, coef0: p.coef0,
      ...(req.cacheSizeMB !== undefined ? { cacheSizeMB: req.cacheSizeMB } : {}),
    }, split, inner);
    await folderReady;
    return saveTrainedModel(training, pipeline, {
      layout: req.layout, modelsDir: req.modelsDir, name: req.name, seed: split.seed, trainSize: split.trainSize, testSize: split.testSize,
      search: summary.record, scores,
      ...(req.workspaceDir !== undefined ? { workspaceDir: req.workspaceDir } : {}),
      ...joblibRequest(req),
    }, fs, inner);
  });
  return { search: summary.record, best: summary.best, model };
}

/**
 * tune: reads and splits the data, cross-validates every candidate of the grid, refits the best on the
 * training part and saves it. Throws a UserError for a bad grid or fold count (before reading data),
 * impossible folds, then (unless confirmed) too many fits or a class with fewer training rows than folds; the abort
 * error when cancelled (nothing saved).
 */
export async function tune(options: TuneOptions, fs: FileSystem, control: TuneControl = {}): Promise<TuneResult> {
  const name = options.name !== undefined ? checkModelName(options.name) : tunedModelName(options.data, options.cv, options.seed);
  // The grid's shape before reading data; its size is asked about once the folds are known to be possible.
  checkSearchSize(options.grid, options.cv, true);
  // A models folder that is a link, or a release the joblib files cannot be written for, is refused before the search, not after it.
  await checkModelsFolder(fs, options.modelsDir);
  const joblib = joblibRequest(options);
  const training = await loadTrainingData(options, fs, {
    signal: control.signal,
    onDataWarning: control.onDataWarning, log: control.log,
    progress: { report: (s, f) => control.progress?.report(s, ((f ?? 0) / 0.2) * CV_START) },
  });
  const plan = planSearch(training.yTrain, options.grid, options.cv, options.confirmed ?? false, training.label);
  if (plan.warning !== undefined) control.onWarning?.(plan.warning);
  const results = await runSearchUnits(training, plan, control, options.cacheSizeMB);
  return refitBest(training, plan, results, options, {
    layout: options.layout, modelsDir: options.modelsDir, name,
    ...(options.cacheSizeMB !== undefined ? { cacheSizeMB: options.cacheSizeMB } : {}),
    ...(options.workspaceDir !== undefined ? { workspaceDir: options.workspaceDir } : {}),
    ...joblib,
  }, fs, control);
}
