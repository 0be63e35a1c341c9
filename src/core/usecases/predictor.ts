// The model a prediction uses: a model folder Model Lab saved, or the .joblib file(s) scikit-learn
// saved (a Pipeline, or a scaler and its classifier) — read, never executed, as Validate reads them.
// What predict needs of either: the pipeline, the columns it reads, its classes and the label column.
import type { FileSystem } from '../io/fileSystem';
import type { Label } from '../types';
import type { LabelType } from '../labels';
import { pythonLabel } from '../labels';
import { Pipeline } from '../pipeline';
import { StandardScaler } from '../preprocessing/standardScaler';
import { SVC } from '../svm/svc';
import { SKLEARN_FILE } from '../artifacts/loadModel';
import { loadCheckedModel } from './checkedModel';
import { collectModelFiles } from '../interop/joblibFiles';
import { importSklearnModel } from '../interop/sklearn/sklearnModel';

/** Where the model is: a model folder, or a scikit-learn file with what the file cannot say. */
export type ModelToPredictWith = string | {
  readonly path: string;
  /** The other half of a scaler + classifier pair, when it is not beside `path` under the course's names. */
  readonly classifierPath?: string;
  /** The data's label column, for the accuracy (a model folder records its own; default "target"). */
  readonly target?: string;
};

export interface Predictor {
  /** The model folder, or the .joblib file(s) joined with " + ". */
  readonly source: string;
  readonly pipeline: Pipeline;
  /** The columns the model reads, by name; null for a scikit-learn model fitted without names (a NumPy array): by position. */
  readonly featureNames: readonly string[] | null;
  readonly classes: readonly Label[];
  /** Display names of the classes (iris: setosa …; a scikit-learn file: the labels as Python prints them). */
  readonly classNames: readonly string[];
  readonly labelType: LabelType;
  /** The label column: when the data has it, the predictions are scored against it. */
  readonly target: string;
  /** Things worth telling the user that do not stop the prediction. */
  readonly notes: readonly string[];
}

/** The label column of data for a scikit-learn file, as in the course (validate and predict of a .joblib). */
export const DEFAULT_TARGET = 'target';
/** Columns of the course's table that are never features of a scikit-learn file's model (validate drops them, predict skips them). */
export const NOT_FEATURES: readonly string[] = ['id', 'timestamp'];

/** Reads the model (checking a model folder's files, reading a .joblib without running it); throws UserError naming what is wrong. */
export async function loadPredictor(fs: FileSystem, model: ModelToPredictWith): Promise<Predictor> {
  const where = typeof model === 'string' ? { path: model } : model;
  // A .joblib name is read as scikit-learn's file unless it is a folder (which loadModel then names).
  if (SKLEARN_FILE.test(where.path) && (await fs.stat(where.path))?.type !== 'directory') {
    const files = await collectModelFiles(fs, where.path, where.classifierPath);
    const m = importSklearnModel(files);
    return {
      source: files.map((f) => f.label).join(' + '),
      pipeline: new Pipeline(StandardScaler.fromJSON(m.scaler), SVC.fromJSON(m.svc)),
      featureNames: m.featureNames,
      classes: m.svc.classes,
      classNames: m.svc.classes.map((c) => pythonLabel(c, m.labelType)),
      labelType: m.labelType,
      target: where.target ?? DEFAULT_TARGET,
      notes: m.notes,
    };
  }
  // validate's checks first: a model whose parts disagree (featureNames against data.csv, another model's classifier) is refused.
  const loaded = (await loadCheckedModel(where.path, fs)).model;
  const m = loaded.manifest;
  return {
    source: loaded.modelDir, pipeline: loaded.pipeline, featureNames: m.featureNames, classes: m.classes,
    classNames: m.classNames, labelType: m.labelType, target: m.data.target, notes: [],
  };
}
