// A model folder as validate, predict and export take it: loaded (every hash, every part's shape:
// loadModel), then checked against its own data.csv — the columns are featureNames, data.rows rows,
// the recorded split gives nTrain/nTest rows — and the classifier against the rows it was fitted on.
// One check for all three, so that predict or export never use a model validate refuses.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError } from '../types';
import { loadModel, type LoadedModel, type LoadOptions } from '../artifacts/loadModel';
import { IMPORT_RECORD_FILE, MANIFEST_FILE } from '../artifacts/manifest';
import { parseCsvDataset } from '../datasets/csvDataset';
import type { Dataset } from '../datasets/dataset';
import { trainTestSplitIndices } from '../split/trainTestSplit';
import { take } from './steps';

export interface CheckedModel {
  readonly model: LoadedModel;
  readonly data: Dataset;
  /** train_test_split's indices of data.csv's rows, from the recorded seed and sizes. */
  readonly split: { readonly train: number[]; readonly test: number[] };
}

/** The model and its data.csv, checked against each other (columns and row count). */
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

/** Loads the model and checks it is one whole: its data.csv, its split and its classifier agree. Throws UserError naming the file. */
export async function loadCheckedModel(modelDir: string, fs: FileSystem, options: LoadOptions = {}): Promise<CheckedModel> {
  const { model, data } = await loadModelWithData(modelDir, fs, options);
  const s = model.manifest.split;
  const split = trainTestSplitIndices(data.X.length, { trainSize: s.trainSize ?? undefined, testSize: s.testSize ?? undefined, randomState: s.seed, shuffle: true });
  if (split.train.length !== s.nTrain || split.test.length !== s.nTest) {
    throw new UserError(`${paths.join(modelDir, MANIFEST_FILE)}: field "split": the recorded sizes give ${split.train.length}/${split.test.length} rows, not nTrain ${s.nTrain} / nTest ${s.nTest}`);
  }
  checkSupportVectors(model, take(data.X, split.train));
  return { model, data, split };
}

/**
 * libsvm keeps its support vectors as copies of the rows it was given: scikit-learn's
 * support_vectors_[i] is the scaled training row support_[i]. A classifier whose vectors are not
 * these rows was not fitted on this model's data and split (another model's classifier.json copied
 * in, its hashes recomputed), and the accuracies it gives would not be this model's. Not checked for
 * an imported model (scikit-learn may have fitted its files on other rows: imported-from.json's
 * refitOnSplit says) nor for one read with its edits (--as-is: what the edited files predict).
 */
function checkSupportVectors(model: LoadedModel, XTrain: readonly (readonly number[])[]): void {
  const m = model.manifest;
  if (m.files[IMPORT_RECORD_FILE] !== undefined || model.edited.length > 0) return;
  const svc = model.pipeline.svc;
  const support = svc.support;
  const vectors = svc.supportVectors;
  if (support.length === 0) return;
  const inRange = support.every((i) => i < XTrain.length);
  const scaled = inRange ? model.pipeline.scaler.transform(support.map((i) => XTrain[i]!)) : [];
  const same = inRange && vectors.every((v, k) => v.every((x, j) => x === scaled[k]![j]));
  if (same) return;
  const file = paths.join(model.modelDir, 'pipeline' in m.model ? m.model.pipeline : m.model.classifier);
  throw new UserError(`${file}: its support vectors are not the scaled training rows it records (support) — it was not fitted on this model's data.csv and split (another model's classifier?); restore it, or train the model again`);
}
