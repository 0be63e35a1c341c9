// The course's reload check for models saved by scikit-learn: read the .joblib file(s) without
// running them, rebuild StandardScaler + SVC, split the data as train_test_split(seed, train
// size) does, and report train and validation accuracy.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import type { Label, SplitSize } from '../types';
import { remedyError } from '../types';
import { Pipeline } from '../pipeline';
import { StandardScaler } from '../preprocessing/standardScaler';
import { SVC } from '../svm/svc';
import { loadSource } from '../datasets/loadSource';
import { parseCsvDataset } from '../datasets/csvDataset';
import type { Dataset, SourceSnapshot } from '../datasets/dataset';
import { DATA_FILE } from '../artifacts/manifest';
import { trainTestSplitIndices } from '../split/trainTestSplit';
import type { AccuracyCount, DataSpec, RunControl } from '../usecases/contracts';
import { accuracyCount, step, take } from '../usecases/steps';
import { pythonFloat } from '../text/pythonFloat';
import { labelKey, pythonLabelList } from '../labels';
import { collectModelFiles } from './joblibFiles';
import { importSklearnModel, type ImportedSklearnModel } from './sklearn/sklearnModel';
import { DEFAULT_TARGET, NOT_FEATURES } from '../usecases/predictor';
import { predictInThisThread, type RowPredictor } from '../usecases/rowPredictor';

export interface JoblibCheckOptions {
  /** The .joblib file (a Pipeline, a scaler or a classifier). */
  readonly path: string;
  readonly classifierPath?: string;
  /** Default: data.csv beside the file when present, else the built-in iris data. */
  readonly data?: Extract<DataSpec, { kind: 'iris' } | { kind: 'csv' }>;
  readonly seed?: number;
  readonly trainSize?: SplitSize;
  /** CSV label column (default 'target') and ignored columns (default id, timestamp). */
  readonly target?: string;
  readonly drop?: readonly string[];
}

export interface JoblibCheck {
  readonly files: string[];
  readonly model: ImportedSklearnModel;
  readonly pipeline: Pipeline;
  readonly dataSpec: DataSpec;
  /** Whether the data was given, found beside the file, or the built-in iris default. */
  readonly dataChoice: 'given' | 'beside' | 'iris';
  readonly source: SourceSnapshot;
  readonly dataset: Dataset;
  readonly seed: number;
  readonly trainSize: SplitSize;
  readonly split: { train: number[]; test: number[] };
  readonly train: AccuracyCount;
  readonly valid: AccuracyCount;
  /** Predictions for every data row, in data order. */
  readonly predictions: Label[];
  readonly notes: string[];
}

export const DEFAULT_SEED = 2023;
export const DEFAULT_TRAIN_SIZE: SplitSize = { kind: 'fraction', value: 0.8 };

/** The way out when the data does not fit the model: the data it was trained on. */
const TRAINED_ON_DATA = {
  option: 'data', text: 'give the data the model was trained on with {option} PATH.csv (or put it beside the file as data.csv).',
  settingText: 'put the data the model was trained on beside the file as data.csv',
} as const;

/** `predictor`: where the rows are predicted (default: this thread; the extension: a worker thread). */
export async function checkJoblibModel(
  options: JoblibCheckOptions, fs: FileSystem, control: RunControl & { readonly predictor?: RowPredictor } = {},
): Promise<JoblibCheck> {
  step(control, 'Reading .joblib files', 0);
  const files = await collectModelFiles(fs, options.path, options.classifierPath);
  const model = importSklearnModel(files);
  const notes = [...model.notes];
  const pipeline = new Pipeline(StandardScaler.fromJSON(model.scaler), SVC.fromJSON(model.svc));

  step(control, 'Reading data', 0.3);
  let dataSpec: DataSpec;
  let dataChoice: JoblibCheck['dataChoice'];
  const beside = paths.join(paths.dirname(options.path), DATA_FILE);
  if (options.data) {
    dataSpec = options.data;
    dataChoice = 'given';
  } else {
    const besideType = (await fs.stat(beside))?.type;
    if (besideType === 'file') {
      dataSpec = { kind: 'csv', path: beside };
      dataChoice = 'beside';
    } else if (besideType === undefined) {
      dataSpec = { kind: 'iris' };
      dataChoice = 'iris';
    } else {
      // Not silently replaced by the iris data; a link is not followed (a planted data.csv → /etc/passwd)
      // and a FIFO or device is not read (it could block forever).
      const what = besideType === 'link' ? 'a symbolic link — Model Lab does not follow links it did not make'
        : besideType === 'directory' ? 'a folder, not a plain file' : 'a special file (a device, FIFO or socket), not a plain file';
      throw remedyError(`${beside}: is ${what}`, {
        option: 'data', text: 'give the data with {option}', settingText: 'put the data file itself there',
      }, {}, '; ');
    }
  }
  const target = options.target ?? DEFAULT_TARGET;
  const source = await loadSource(dataSpec, { target, drop: options.drop ?? [...NOT_FEATURES], signal: control.signal }, fs);
  // Score exactly the bytes an import saves as data.csv, as training does.
  const dataset = await parseCsvDataset(source.bytes, { fileLabel: DATA_FILE, target: source.dataset.target, drop: source.dataset.dropped ?? [] });
  const dataName = dataSpec.kind === 'csv' ? dataSpec.path : 'the built-in iris data';
  if (dataset.featureNames.length !== model.scaler.nFeatures) {
    // Named, so that a column the model never had (a row number "Id") is seen at once.
    const named = model.featureNames ? ` (${JSON.stringify(model.featureNames)})` : '';
    // More columns than the model's: one may be no feature (a row number "Id"), left out as train leaves it out.
    const more = dataset.featureNames.length > model.scaler.nFeatures;
    const extra = more ? ', or leave out the columns that are not features with --drop (e.g. --drop Id)' : '';
    const extraSetting = more ? ', or leave out the columns that are not features with the setting modelLab.dropColumns' : '';
    throw remedyError(`${dataName} has ${dataset.featureNames.length} feature columns (${dataset.featureNames.join(', ')}) but the model expects ${model.scaler.nFeatures}${named}`,
      { ...TRAINED_ON_DATA, text: `${TRAINED_ON_DATA.text.replace(/\.$/, '')}${extra}.`, settingText: `${TRAINED_ON_DATA.settingText}${extraSetting}` }, {}, '; ');
  }
  if (model.featureNames && JSON.stringify(model.featureNames) !== JSON.stringify(dataset.featureNames)) {
    // The same columns in another order: read by position they would be scored wrong (and an import
    // would name them wrong); scikit-learn refuses such data too.
    const reordered = model.featureNames.length === dataset.featureNames.length && model.featureNames.every((n) => dataset.featureNames.includes(n));
    if (reordered) {
      // The first column out of place says what is wrong; the model's order is what the user needs (the data's is in the file).
      const at = model.featureNames.findIndex((n, i) => n !== dataset.featureNames[i]);
      throw remedyError(
        `${dataName} has the model's ${model.featureNames.length} columns in another order (its feature column ${at + 1} is ${JSON.stringify(dataset.featureNames[at])} where the model's is ${JSON.stringify(model.featureNames[at])}); the model reads them in the order it was fitted on, ${JSON.stringify(model.featureNames)}, as scikit-learn does (which refuses other orders too)`,
        { option: 'data', text: 'put the columns in that order, or give other data with {option} PATH.csv', settingText: 'put the columns of data.csv beside the file in that order' }, {}, '; ',
      );
    }
    notes.push(`the model was fitted on columns ${JSON.stringify(model.featureNames)}; the data's columns are ${JSON.stringify(dataset.featureNames)} (used by position)`);
  }
  const classKeys = new Set(model.svc.classes.map(labelKey));
  if (!dataset.classes.some((c) => classKeys.has(labelKey(c)))) {
    throw remedyError(
      `the labels in ${dataName} (${pythonLabelList(dataset.classes, dataset.labelType)}) are none of the model's classes (${pythonLabelList(model.svc.classes, model.labelType)})`,
      TRAINED_ON_DATA, {}, '; ',
    );
  }

  // Some labels the model cannot predict: it was fitted on other data than this (another subset).
  const unseen = dataset.classes.filter((c) => !classKeys.has(labelKey(c)));
  if (unseen.length > 0) {
    const rows = dataset.y.filter((l) => !classKeys.has(labelKey(l))).length;
    notes.push(`${dataName} has labels that are none of the model's classes (${pythonLabelList(unseen, dataset.labelType)}, ${rows} of ${dataset.y.length} rows): they count as wrong in the accuracies, and the model was not fitted on this data as it is (a Python script exported from it trains on every label, so it makes another model)`);
  }

  step(control, 'Splitting and predicting', 0.5);
  const seed = options.seed ?? DEFAULT_SEED;
  const trainSize = options.trainSize ?? DEFAULT_TRAIN_SIZE;
  const split = trainTestSplitIndices(dataset.X.length, { trainSize, randomState: seed, shuffle: true });
  const [predictions = []] = await (control.predictor ?? predictInThisThread)(pipeline, [dataset.X], control.signal ? { signal: control.signal } : {});
  const train = accuracyCount(take(dataset.y, split.train), take(predictions, split.train));
  const valid = accuracyCount(take(dataset.y, split.test), take(predictions, split.test));
  control.log?.(`Load Model Train Accuracy : ${pythonFloat(train.accuracy)}`);
  control.log?.(`Load Model Valid Accuracy : ${pythonFloat(valid.accuracy)}`);
  control.progress?.report('Done', 1);
  return {
    files: files.map((f) => f.label), model, pipeline, dataSpec, dataChoice, source, dataset, seed, trainSize, split,
    train, valid, predictions, notes,
  };
}
