// Reloads a saved model from disk and repeats the course's check: same split of data.csv from the
// recorded seed and sizes, same accuracies. A model that cannot be loaded is reported, not thrown.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import type { UserError } from '../types';
import { isAbortError } from '../abort';
import { anyOsUserError } from '../io/osErrors';
import type { LoadOptions } from '../artifacts/loadModel';
import { loadCheckedModel, type CheckedModel } from './checkedModel';
import type { RunControl, ValidationReport } from './contracts';
import { step, take } from './steps';
import { predictInThisThread, type RowPredictor } from './rowPredictor';
import { pythonFloat } from '../text/pythonFloat';
import { evaluate, evaluationClasses } from './evaluation';
import { indexColumnWarning } from './trainingSnapshot';
import type { ModelManifest } from '../artifacts/manifest';


/**
 * Reloads the model, splits its data.csv again and recomputes both accuracies ('matches' when they
 * equal the recorded ones). With acceptEdited, a model whose files changed after saving is evaluated
 * as it is now (the report names the changed files in `edited`) instead of being refused.
 * `predictor`: where the rows are predicted (default: this thread; the extension: a worker thread).
 */
export async function validate(
  modelDir: string, fs: FileSystem, control: RunControl & { readonly predictor?: RowPredictor } = {}, options: LoadOptions = {},
): Promise<ValidationReport> {
  step(control, 'Loading model', 0);
  let loaded: CheckedModel;
  try {
    loaded = await loadCheckedModel(modelDir, fs, options);
  } catch (e) {
    if (isAbortError(e)) throw e;
    // An OS refusal (a folder that may not be entered) in the words every other command uses.
    const shown = anyOsUserError(e) ?? e;
    const error = shown instanceof Error ? shown.message : String(shown);
    control.log?.(`Could not load ${modelDir}: ${error}`);
    return { modelDir, status: 'could-not-load', error };
  }
  const { model, data, split } = loaded;
  const m = model.manifest;

  step(control, 'Predicting', 0.5);
  const [predTrain = [], predValid = []] = await (control.predictor ?? predictInThisThread)(
    model.pipeline, [take(data.X, split.train), take(data.X, split.test)], control.signal ? { signal: control.signal } : {},
  );
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
