// The course workflow: read data, train_test_split, StandardScaler + SVC, train/valid accuracy,
// save as JSON beside a snapshot of the data. Leaves nothing behind when cancelled or refused.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError, remedyError } from '../types';
import { sortedUniqueLabels } from '../labels';
import { trainTestSplitIndices } from '../split/trainTestSplit';
import { Pipeline } from '../pipeline';
import { checkModelName, modelNameFor } from '../artifacts/naming';
import { saveModel } from '../artifacts/saveModel';
import { checkModelsFolder } from '../artifacts/modelsFolder';
import { modelFolderContents } from '../artifacts/modelArtifacts';
import { joblibFileContents } from '../interop/exportJoblib';
import type { RunControl, TrainOptions, TrainResult } from './contracts';
import { accuracyCount, step, take } from './steps';
import { pythonFloat } from '../text/pythonFloat';
import { loadTrainingSnapshot, type TrainingSnapshot } from './trainingSnapshot';
import { gitProvenance } from '../provenance/gitProvenance';
import { checkTrainRows, countText, durationText, estimateTraining, sizeText } from './trainingLimits';

/** Fits expected to take at least this long show their estimate in the progress text. */
const SHOW_ESTIMATE_SECONDS = 2;

/** How messages name the data: the CSV file's base name, 'iris' or the PostgreSQL table. */
function dataLabel(options: TrainOptions): string {
  const d = options.data;
  if (d.kind === 'csv') return paths.basename(d.path);
  if (d.kind === 'iris') return 'iris';
  const table = /[?&]table=([^&]+)/.exec(d.spec.url);
  return table ? `table ${decodeURIComponent(table[1])}` : 'PostgreSQL data';
}

/** train_test_split's indices; an impossible size keeps scikit-learn's words and says what to change. */
function splitRows(n: number, options: TrainOptions, label: string): { train: number[]; test: number[] } {
  try {
    return trainTestSplitIndices(n, { trainSize: options.trainSize, testSize: options.testSize, randomState: options.seed, shuffle: true });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw remedyError(`${e.message} — ${label} has ${n} data row${n === 1 ? '' : 's'}`, {
      option: 'train-size', text: `choose {option}/--test-size fractions between 0 and 1 (0.8) or row counts that add up to at most ${n}`,
    }, {}, ': ');
  }
}

/**
 * Trains one model and saves it. The data comes from `snapshot` when given (a sweep or tuning run
 * reads it once for all its models), else it is read from options.data. Throws UserError for
 * data, sizes or names it refuses, AbortError when cancelled (nothing is left behind then).
 */
export async function train(options: TrainOptions, fs: FileSystem, control: RunControl = {}, snapshot?: TrainingSnapshot): Promise<TrainResult> {
  const started = new Date();
  const name = options.name !== undefined ? checkModelName(options.name) : modelNameFor(options);
  // A models folder that is a link is refused now, not after a long fit.
  await checkModelsFolder(fs, options.modelsDir);

  // Train on exactly the bytes that are saved as data.csv, so validation later sees the same rows.
  const source = snapshot ?? await loadTrainingSnapshot(options, fs, control);
  const data = source.dataset;
  checkTrainRows(data.X.length, options, dataLabel(options));

  step(control, 'Splitting', 0.2);
  const split = splitRows(data.X.length, options, dataLabel(options));
  const XTrain = take(data.X, split.train);
  const yTrain = take(data.y, split.train);
  const XValid = take(data.X, split.test);
  const yValid = take(data.y, split.test);
  if (sortedUniqueLabels(yTrain).length < 2) {
    throw new UserError(`${dataLabel(options)}: the training part (${yTrain.length} row${yTrain.length === 1 ? '' : 's'}, seed ${options.seed}) holds only one class — use more rows, a larger training size or another seed`);
  }

  const estimate = estimateTraining(data.X.length, XTrain.length, options.cacheSizeMB);
  step(control, `Fitting StandardScaler and SVC${estimate.seconds >= SHOW_ESTIMATE_SECONDS ? ` on ${countText(XTrain.length)} rows (${durationText(estimate.seconds)}, ${sizeText(estimate.bytes)})` : ''}`, 0.3);
  const pipeline = Pipeline.withParams({
    kernel: options.kernel, C: options.C, gamma: options.gamma, degree: options.degree, coef0: options.coef0,
    ...(options.cacheSizeMB !== undefined ? { cacheSizeMB: options.cacheSizeMB } : {}),
  });
  pipeline.fit(XTrain, yTrain);

  step(control, 'Scoring', 0.8);
  const trainScore = accuracyCount(yTrain, pipeline.predict(XTrain));
  const validScore = accuracyCount(yValid, pipeline.predict(XValid));

  step(control, 'Saving', 0.9);
  const { files, manifest } = modelFolderContents({
    layout: options.layout, pipeline, source, dataset: data, created: started,
    split: { seed: options.seed, trainSize: options.trainSize ?? null, testSize: options.testSize ?? null, nTrain: split.train.length, nTest: split.test.length },
    train: trainScore, valid: validScore,
  });
  if (options.saveJoblib) {
    const fit = { scaler: pipeline.scaler.toJSON(), svc: pipeline.svc.toJSON(), labelType: data.labelType, featureNames: data.featureNames, nTrain: split.train.length };
    for (const [name, bytes] of joblibFileContents(options.layout, fit)) files[name] = bytes;
  }
  // The code the model came from, when the workspace is a git repository (read from .git, never by running git).
  const git = await gitProvenance(options.workspaceDir ?? options.modelsDir, fs);
  const saved = await saveModel(fs, { modelsDir: options.modelsDir, name, files, manifest: { ...manifest, ...(git ? { git } : {}) }, signal: control.signal });
  // Only a saved model is reported as trained: a refused save (full disk, read-only folder) must
  // not look like success on the screen first.
  control.log?.(`Train Accuracy : ${pythonFloat(trainScore.accuracy)}`);
  control.log?.(`Valid Accuracy : ${pythonFloat(validScore.accuracy)}`);
  control.log?.(`Saved model to ${saved.modelDir}`);
  control.progress?.report('Done', 1);
  return { modelDir: saved.modelDir, name: saved.name, train: trainScore, valid: validScore };
}
