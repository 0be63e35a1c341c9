// The course workflow: read data, train_test_split, StandardScaler + SVC, train/valid accuracy,
// save as JSON beside a snapshot of the data. Leaves nothing behind when cancelled or refused.
// Its parts are exported for tune (core/experiments/tune), which cross-validates between them:
// loadTrainingData (snapshot, parse, split), fitModel (fit and score, in this thread or on a worker
// thread) and saveTrainedModel (save).
import { tableOfUrl } from '../database/connectionUrl';
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import type { Label } from '../types';
import { UserError } from '../types';
import { fitInThisThread, type ModelFitter } from '../experiments/sweepRunner';
import type { SweepContext } from '../experiments/sweepUnit';
import { Pipeline } from '../pipeline';
import { checkModelName, modelNameFor } from '../artifacts/naming';
import { saveModel, withModelsFolderAhead } from '../artifacts/saveModel';
import { checkModelsFolder } from '../artifacts/modelsFolder';
import { modelFolderContents } from '../artifacts/modelArtifacts';
import type { ManifestSearch } from '../artifacts/searchRecord';
import { joblibFileContents } from '../interop/exportJoblib';
import { joblibRequest } from '../interop/sklearn/sklearnVersion';
import type { AccuracyCount, DataSpec, Layout, RunControl, TrainOptions, TrainResult } from './contracts';
import { step } from './steps';
import { pythonFloat } from '../text/pythonFloat';
import type { Dataset, SourceSnapshot } from '../datasets/dataset';
import { loadTrainingSnapshot, type TrainingSnapshot } from './trainingSnapshot';
import { splitDataset, type SplitOptions } from './trainingSplit';
import { gitProvenance, type GitProvenance } from '../provenance/gitProvenance';
import { checkTrainRows } from './trainingLimits';

/** What a run reads and how it splits: the data options of train (and tune). */
export type DataOptions = Pick<TrainOptions, 'data' | 'target' | 'drop' | 'dropna' | 'classNames' | 'seed' | 'trainSize' | 'testSize' | 'maxRows' | 'trainRowsLimit' | 'cacheSizeMB'>;

/** A run's data: the snapshot saved as data.csv, the rows parsed from exactly those bytes, and the split. */
export interface TrainingData {
  readonly source: SourceSnapshot;
  readonly dataset: Dataset;
  /** How messages name the data ('iris', the CSV file's base name, the table). */
  readonly label: string;
  readonly split: { readonly train: number[]; readonly test: number[] };
  readonly XTrain: number[][];
  readonly yTrain: Label[];
  readonly XValid: number[][];
  readonly yValid: Label[];
}

/** How messages name the data: the CSV file's base name, 'iris' or the PostgreSQL table. */
export function dataLabel(d: DataSpec): string {
  if (d.kind === 'csv') return paths.basename(d.path);
  if (d.kind === 'iris') return 'iris';
  return `table ${tableOfUrl(d.spec.url)}`;
}

/** Where train and tune's refit fit their one model: `fitter` (default: this thread). */
export interface FitControl extends RunControl {
  readonly fitter?: ModelFitter;
}

/** The SVC parameters of one model. */
export type ModelParams = Pick<TrainOptions, 'kernel' | 'C' | 'gamma' | 'degree' | 'coef0' | 'cacheSizeMB'>;

/**
 * Fits and scores one model on `training`'s split, where control.fitter says (a worker thread makes
 * the split again from the same rows and seed, so it is the same split). Reports the fitting and
 * scoring steps at train's fractions. Throws the split's UserError, the abort error when cancelled.
 */
export async function fitModel(
  training: TrainingData, params: ModelParams, split: Pick<DataOptions, 'seed' | 'trainSize' | 'testSize'>, control: FitControl,
): Promise<{ pipeline: Pipeline; scores: { train: AccuracyCount; valid: AccuracyCount } }> {
  const context: SweepContext = {
    X: training.dataset.X, y: training.dataset.y, label: training.label, lines: training.dataset.lines, featureNames: training.dataset.featureNames, kernel: params.kernel, degree: params.degree, coef0: params.coef0,
    ...(params.cacheSizeMB !== undefined ? { cacheSizeMB: params.cacheSizeMB } : {}),
    ...(split.trainSize !== undefined ? { trainSize: split.trainSize } : {}),
    ...(split.testSize !== undefined ? { testSize: split.testSize } : {}),
  };
  const result = await (control.fitter ?? fitInThisThread)(context, { C: params.C, gamma: params.gamma, seed: split.seed }, {
    ...(control.signal ? { signal: control.signal } : {}),
    onProgress: (text, fraction) => step(control, text, fraction),
  });
  if (!result.ok) throw new UserError(result.message);
  return { pipeline: Pipeline.fromJSON(result.pipeline), scores: { train: result.train, valid: result.valid } };
}

/**
 * Trains one model and saves it. The data comes from `snapshot` when given (a sweep or tuning run
 * reads it once for all its models), else it is read from options.data. Throws UserError for
 * data, sizes or names it refuses, AbortError when cancelled (nothing is left behind then).
 */
export async function train(options: TrainOptions, fs: FileSystem, control: FitControl = {}, snapshot?: TrainingSnapshot): Promise<TrainResult> {
  const name = options.name !== undefined ? checkModelName(options.name) : modelNameFor(options);
  // A models folder that is a link, or a release the joblib files cannot be written for, is refused now, not after a long fit.
  await checkModelsFolder(fs, options.modelsDir);
  const joblib = joblibRequest(options);

  const training = await loadTrainingData(options, fs, control, snapshot);
  // A new models folder's pause and the git state pass while the model fits.
  const git = gitProvenance(options.workspaceDir ?? options.modelsDir, fs);
  return withModelsFolderAhead(fs, options.modelsDir, async (folderReady) => {
    const { pipeline, scores } = await fitModel(training, options, options, control);
    await folderReady;
    return saveTrainedModel(training, pipeline, {
      layout: options.layout, modelsDir: options.modelsDir, name, seed: options.seed,
      trainSize: options.trainSize, testSize: options.testSize, scores, git, ...joblib,
    }, fs, control);
  });
}

/**
 * Splits a snapshot's rows as train_test_split does. Throws a UserError when the sizes are
 * impossible for the number of rows or the training part holds a single class.
 */
export function splitTrainingData(source: SourceSnapshot, dataset: Dataset, options: SplitOptions, label: string): TrainingData {
  return { source, dataset, label, ...splitDataset(dataset, options, label) };
}

/**
 * Reads the data once (reporting 'Reading data', then 'Splitting'; or takes the run's `snapshot`),
 * checks it against the training-rows limit and splits it. Trains on exactly the bytes that are
 * saved as data.csv, so validation later sees the same rows. Throws a UserError for unreadable data,
 * too many rows or impossible sizes, the abort error when cancelled.
 */
export async function loadTrainingData(options: DataOptions, fs: FileSystem, control: RunControl = {}, snapshot?: TrainingSnapshot): Promise<TrainingData> {
  const source = snapshot ?? await loadTrainingSnapshot(options, fs, control);
  const label = dataLabel(options.data);
  checkTrainRows(source.dataset.X.length, options, label);
  step(control, 'Splitting', 0.2);
  return splitTrainingData(source, source.dataset, options, label);
}

export interface SaveTrainedRequest {
  readonly layout: Layout;
  readonly modelsDir: string;
  readonly name: string;
  readonly seed: number;
  readonly trainSize?: TrainOptions['trainSize'];
  readonly testSize?: TrainOptions['testSize'];
  /** The cross-validated search that chose this model's parameters (tune), recorded in model.json. */
  readonly search?: ManifestSearch;
  /** Also write the scikit-learn joblib files (TrainOptions.saveJoblib), for this release (TrainOptions.sklearnVersion). */
  readonly saveJoblib?: boolean;
  readonly sklearnVersion?: string;
  /** Folder whose git commit is recorded (TrainOptions.workspaceDir); default the models folder. */
  readonly workspaceDir?: string;
  /**
   * That folder's git state, when the caller reads it once for many models (a sweep: reading it
   * stats every tracked file, ~0.2 s in a repository of 10,000 files); read here otherwise.
   */
  readonly git?: Promise<GitProvenance | undefined>;
  /** The accuracies, computed where the model was fitted (fitModel, a sweep's worker). */
  readonly scores: { readonly train: AccuracyCount; readonly valid: AccuracyCount };
}

/**
 * Saves a fitted and scored pipeline's model folder atomically ('Saving') and only then logs the
 * course's two lines: a refused save (full disk, read-only folder) must not look like success first.
 * Throws the abort error when cancelled (nothing saved).
 */
export async function saveTrainedModel(training: TrainingData, pipeline: Pipeline, req: SaveTrainedRequest, fs: FileSystem, control: RunControl = {}): Promise<TrainResult> {
  const { train: trainScore, valid: validScore } = req.scores;

  step(control, 'Saving', 0.9);
  // model.json's "created" is the time of saving (docs/artifact-format.md), after the data was read and the model fitted.
  const { files, manifest } = modelFolderContents({
    layout: req.layout, pipeline, source: training.source, dataset: training.dataset, created: new Date(),
    split: { seed: req.seed, trainSize: req.trainSize ?? null, testSize: req.testSize ?? null, nTrain: training.split.train.length, nTest: training.split.test.length },
    train: trainScore, valid: validScore,
  });
  if (req.saveJoblib) {
    const data = training.dataset;
    const fit = { scaler: pipeline.scaler.toJSON(), svc: pipeline.svc.toJSON(), labelType: data.labelType, featureNames: data.featureNames, nTrain: training.split.train.length };
    for (const [name, bytes] of joblibFileContents(req.layout, fit, req.sklearnVersion)) files[name] = bytes;
  }
  // The code the model came from, when the workspace is a git repository (read from .git, never by running git).
  const git = await (req.git ?? gitProvenance(req.workspaceDir ?? req.modelsDir, fs));
  const saved = await saveModel(fs, {
    modelsDir: req.modelsDir, name: req.name, files, signal: control.signal,
    manifest: { ...manifest, ...(req.search !== undefined ? { search: req.search } : {}), ...(git ? { git } : {}) },
  });
  control.log?.(`Train Accuracy : ${pythonFloat(trainScore.accuracy)}`);
  control.log?.(`Valid Accuracy : ${pythonFloat(validScore.accuracy)}`);
  control.log?.(`Saved model to ${saved.modelDir}`);
  control.progress?.report('Done', 1);
  return { modelDir: saved.modelDir, name: saved.name, train: trainScore, valid: validScore };
}
