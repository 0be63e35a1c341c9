// Reloads a saved model from disk and repeats the course's check: same split of data.csv from the
// recorded seed and sizes, same accuracies. A model that cannot be loaded is reported, not thrown.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError } from '../types';
import { isAbortError } from '../abort';
import { loadModel } from '../artifacts/loadModel';
import type { LoadedModel, LoadOptions } from '../artifacts/loadModel';
import { parseCsvDataset } from '../datasets/csvDataset';
import type { Dataset } from '../datasets/dataset';
import { trainTestSplitIndices } from '../split/trainTestSplit';
import type { RunControl, ValidationReport } from './contracts';
import { checkAborted, step, take } from './steps';
import { pythonFloat } from '../text/pythonFloat';
import { evaluate, evaluationClasses } from './evaluation';
import { indexColumnWarning } from './trainingSnapshot';
import type { ModelManifest } from '../artifacts/manifest';


/** The model and its data.csv, checked against each other. */
export async function loadModelWithData(modelDir: string, fs: FileSystem, options: LoadOptions = {}): Promise<{ model: LoadedModel; data: Dataset }> {
  const model = await loadModel(fs, modelDir, options);
  const m = model.manifest;
  const dataFile = paths.join(modelDir, m.data.file);
  const data = await parseCsvDataset(model.data, { fileLabel: dataFile, target: m.data.target, drop: m.data.dropped, minRows: 1, labelType: m.labelType, savedSnapshot: true });
  if (JSON.stringify(data.featureNames) !== JSON.stringify(m.featureNames)) {
    throw new UserError(`${dataFile}: columns ${JSON.stringify(data.featureNames)} differ from model.json's featureNames ${JSON.stringify(m.featureNames)}`);
  }
  if (data.X.length !== m.data.rows) throw new UserError(`${dataFile}: ${data.X.length} rows but model.json records data.rows = ${m.data.rows}`);
  return { model, data };
}

/**
 * Reloads the model, splits its data.csv again and recomputes both accuracies ('matches' when they
 * equal the recorded ones). With acceptEdited, a model whose files changed after saving is evaluated
 * as it is now (the report names the changed files in `edited`) instead of being refused.
 */
export async function validate(modelDir: string, fs: FileSystem, control: RunControl = {}, options: LoadOptions = {}): Promise<ValidationReport> {
  step(control, 'Loading model', 0);
  let loaded: { model: LoadedModel; data: Dataset };
  let split: { train: number[]; test: number[] };
  try {
    loaded = await loadModelWithData(modelDir, fs, options);
    const s = loaded.model.manifest.split;
    split = trainTestSplitIndices(loaded.data.X.length, {
      trainSize: s.trainSize ?? undefined, testSize: s.testSize ?? undefined, randomState: s.seed, shuffle: true,
    });
    if (split.train.length !== s.nTrain || split.test.length !== s.nTest) {
      throw new UserError(`${paths.join(modelDir, 'model.json')}: field "split": the recorded sizes give ${split.train.length}/${split.test.length} rows, not nTrain ${s.nTrain} / nTest ${s.nTest}`);
    }
  } catch (e) {
    if (isAbortError(e)) throw e;
    const error = e instanceof Error ? e.message : String(e);
    control.log?.(`Could not load ${modelDir}: ${error}`);
    return { modelDir, status: 'could-not-load', error };
  }
  const { model, data } = loaded;
  const m = model.manifest;

  step(control, 'Predicting', 0.5);
  const predTrain = model.pipeline.predict(take(data.X, split.train));
  checkAborted(control);
  const predValid = model.pipeline.predict(take(data.X, split.test));
  // A label of the data that is not one of the model's classes (only in the validation part) is counted too.
  const shown = evaluationClasses(m.classes, m.classNames, data.y);
  const train = evaluate(take(data.y, split.train), predTrain, split.train, shown.classes, shown.names);
  const valid = evaluate(take(data.y, split.test), predValid, split.test, shown.classes, shown.names);
  control.log?.(`Load Model Train Accuracy : ${pythonFloat(train.accuracy)}`);
  control.log?.(`Load Model Valid Accuracy : ${pythonFloat(valid.accuracy)}`);
  // The recorded counts too: Compare and the results tab show them beside the accuracies.
  const matches = train.accuracy === m.metrics.trainAccuracy && valid.accuracy === m.metrics.validAccuracy
    && train.correct === m.metrics.trainCorrect && train.total === m.metrics.trainTotal
    && valid.correct === m.metrics.validCorrect && valid.total === m.metrics.validTotal;
  control.progress?.report('Done', 1);
  return {
    modelDir,
    status: matches ? 'matches' : 'differs',
    manifest: m,
    recorded: { train: m.metrics.trainAccuracy, valid: m.metrics.validAccuracy },
    train,
    valid,
    data: { featureNames: data.featureNames, classNames: shown.names, X: data.X, y: data.y },
    ...(m.git ? { git: m.git } : {}),
    ...(model.edited.length > 0 ? { edited: model.edited } : {}),
  };
}

/**
 * The warning the model's training run gave about its data, found again in its saved rows (in file
 * order): a feature that numbers the rows (Kaggle's "Id"). The front ends show it whenever the
 * model is validated, not only once at training.
 */
export function savedDataWarning(report: ValidationReport): UserError | undefined {
  const m = report.manifest as ModelManifest | undefined;
  if (!m || !report.data) return undefined;
  const label = m.data.source === 'iris' ? 'iris' : paths.basename(m.data.path);
  return indexColumnWarning(report.data.featureNames, label, m.data.dropped, report.data.X);
}
