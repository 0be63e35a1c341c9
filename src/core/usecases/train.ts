// The course workflow: read data, train_test_split, StandardScaler + SVC, train/valid accuracy,
// save as JSON beside a snapshot of the data. Leaves nothing behind when cancelled or refused.
// Its two halves are exported for tune (core/experiments/tune), which cross-validates between them:
// loadTrainingData (snapshot, parse, split) and saveTrainedModel (score, save).
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import type { Label } from '../types';
import { UserError } from '../types';
import { sortedUniqueLabels } from '../labels';
import { trainTestSplitIndices } from '../split/trainTestSplit';
import { Pipeline } from '../pipeline';
import { loadSource } from '../datasets/loadSource';
import { parseCsvDataset } from '../datasets/csvDataset';
import { DATA_FILE } from '../artifacts/manifest';
import { checkModelName, defaultModelName } from '../artifacts/naming';
import { saveModel } from '../artifacts/saveModel';
import { modelFolderContents } from '../artifacts/modelArtifacts';
import type { DataSpec, Layout, RunControl, TrainOptions, TrainResult } from './contracts';
import { accuracyCount, step, take } from './steps';
import { pythonFloat } from '../text/pythonFloat';
import type { Dataset, SourceSnapshot } from '../datasets/dataset';
import type { ManifestSearch } from '../artifacts/searchRecord';

/** What a run reads and how it splits: the data options of train (and tune). */
export type DataOptions = Pick<TrainOptions, 'data' | 'target' | 'drop' | 'seed' | 'trainSize' | 'testSize'>;

/** How a run splits its rows (train_test_split's random_state and sizes). */
export type SplitOptions = Pick<TrainOptions, 'seed' | 'trainSize' | 'testSize'>;

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
  const table = /[?&]table=([^&]+)/.exec(d.spec.url);
  return table ? `table ${decodeURIComponent(table[1])}` : 'PostgreSQL data';
}

/** train_test_split's indices; an impossible size keeps scikit-learn's words and says what to change. */
function splitRows(n: number, options: SplitOptions, label: string): { train: number[]; test: number[] } {
  try {
    return trainTestSplitIndices(n, { trainSize: options.trainSize, testSize: options.testSize, randomState: options.seed, shuffle: true });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(`${e.message} — ${label} has ${n} data row${n === 1 ? '' : 's'}: choose --train-size/--test-size fractions between 0 and 1 (0.8) or row counts that add up to at most ${n}`);
  }
}

export async function train(options: TrainOptions, fs: FileSystem, control: RunControl = {}): Promise<TrainResult> {
  const started = new Date();
  const name = options.name !== undefined ? checkModelName(options.name) : defaultModelName(options.data, options.layout, started);

  const training = await loadTrainingData(options, fs, control);

  step(control, 'Fitting StandardScaler and SVC', 0.3);
  const pipeline = Pipeline.withParams({
    kernel: options.kernel, C: options.C, gamma: options.gamma, degree: options.degree, coef0: options.coef0,
    ...(options.cacheSizeMB !== undefined ? { cacheSizeMB: options.cacheSizeMB } : {}),
  });
  pipeline.fit(training.XTrain, training.yTrain);

  return saveTrainedModel(training, pipeline, {
    layout: options.layout, modelsDir: options.modelsDir, name, seed: options.seed,
    trainSize: options.trainSize, testSize: options.testSize, created: started,
  }, fs, control);
}

/**
 * Splits a snapshot's rows as train_test_split does. Throws a UserError when the sizes are
 * impossible for the number of rows or the training part holds a single class.
 */
export function splitTrainingData(source: SourceSnapshot, dataset: Dataset, options: SplitOptions, label: string): TrainingData {
  const split = splitRows(dataset.X.length, options, label);
  const yTrain = take(dataset.y, split.train);
  if (sortedUniqueLabels(yTrain).length < 2) {
    throw new UserError(`${label}: the training part (${yTrain.length} row${yTrain.length === 1 ? '' : 's'}, seed ${options.seed}) holds only one class — use more rows, a larger training size or another seed`);
  }
  return {
    source, dataset, label, split,
    XTrain: take(dataset.X, split.train), yTrain,
    XValid: take(dataset.X, split.test), yValid: take(dataset.y, split.test),
  };
}

/**
 * Reads the data (reporting 'Reading data', then 'Splitting') and splits it. Trains on exactly the
 * bytes that are saved as data.csv, so validation later sees the same rows. Throws a UserError for
 * unreadable data or impossible sizes, the abort error when cancelled.
 */
export async function loadTrainingData(options: DataOptions, fs: FileSystem, control: RunControl = {}): Promise<TrainingData> {
  step(control, 'Reading data', 0);
  const onProgress = (f: number) => control.progress?.report('Reading data', 0.2 * f);
  const source = await loadSource(options.data, { target: options.target, drop: options.drop, signal: control.signal, onProgress }, fs);
  // A CSV file's snapshot is the file itself, already parsed from these very bytes.
  const dropped = source.dataset.dropped ?? [];
  const data = source.provenance.source === 'csv'
    ? source.dataset
    : await parseCsvDataset(source.bytes, { fileLabel: DATA_FILE, target: source.dataset.target, drop: dropped, control: { signal: control.signal } });
  step(control, 'Splitting', 0.2);
  return splitTrainingData(source, data, options, dataLabel(options.data));
}

export interface SaveTrainedRequest {
  readonly layout: Layout;
  readonly modelsDir: string;
  readonly name: string;
  readonly seed: number;
  readonly trainSize?: TrainOptions['trainSize'];
  readonly testSize?: TrainOptions['testSize'];
  readonly created: Date;
  /** The cross-validated search that chose this model's parameters (tune), recorded in model.json. */
  readonly search?: ManifestSearch;
}

/**
 * Scores a fitted pipeline on both parts (reporting 'Scoring', logging the course's two lines) and
 * saves the model folder atomically ('Saving'). Throws the abort error when cancelled (nothing saved).
 */
export async function saveTrainedModel(training: TrainingData, pipeline: Pipeline, req: SaveTrainedRequest, fs: FileSystem, control: RunControl = {}): Promise<TrainResult> {
  step(control, 'Scoring', 0.8);
  const trainScore = accuracyCount(training.yTrain, pipeline.predict(training.XTrain));
  const validScore = accuracyCount(training.yValid, pipeline.predict(training.XValid));
  control.log?.(`Train Accuracy : ${pythonFloat(trainScore.accuracy)}`);
  control.log?.(`Valid Accuracy : ${pythonFloat(validScore.accuracy)}`);

  step(control, 'Saving', 0.9);
  const { files, manifest } = modelFolderContents({
    layout: req.layout, pipeline, source: training.source, dataset: training.dataset, created: req.created,
    split: { seed: req.seed, trainSize: req.trainSize ?? null, testSize: req.testSize ?? null, nTrain: training.split.train.length, nTest: training.split.test.length },
    train: trainScore, valid: validScore,
  });
  const saved = await saveModel(fs, {
    modelsDir: req.modelsDir, name: req.name, files, signal: control.signal,
    manifest: req.search !== undefined ? { ...manifest, search: req.search } : manifest,
  });
  control.log?.(`Saved model to ${saved.modelDir}`);
  control.progress?.report('Done', 1);
  return { modelDir: saved.modelDir, name: saved.name, train: trainScore, valid: validScore };
}
