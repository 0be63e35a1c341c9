// What a model folder holds: the JSON files for its layout (scaler.json + classifier.json, or
// pipeline.json), the data snapshot, and the manifest describing them. Training and joblib import
// write the same folder shape through this one place.
import type { Pipeline } from '../pipeline';
import type { SplitSize } from '../types';
import type { AccuracyCount, Layout } from '../usecases/contracts';
import type { Dataset, SourceSnapshot } from '../datasets/dataset';
import type { LabelType } from '../labels';
import { DATA_FILE, FORMAT, FORMAT_VERSION, defaultClassNames, type ModelFiles, type ModelManifest } from './manifest';
import { sha256Hex } from './hash';
import { jsonText } from './saveModel';
import { TOOL } from './toolInfo';
import { namesForClasses } from '../datasets/classNames';

export interface ModelFolderInput {
  readonly layout: Layout;
  readonly pipeline: Pipeline;
  /** The snapshot saved as data.csv, and the dataset parsed from exactly those bytes. */
  readonly source: SourceSnapshot;
  readonly dataset: Dataset;
  readonly split: { seed: number; trainSize: SplitSize | null; testSize: SplitSize | null; nTrain: number; nTest: number };
  readonly train: AccuracyCount;
  readonly valid: AccuracyCount;
  readonly created: Date;
  /** How the classes are typed; default: as the dataset's label column (an import takes the model's own). */
  readonly labelType?: LabelType;
}

export function modelFolderContents(input: ModelFolderInput): { files: Record<string, string | Uint8Array>; manifest: Omit<ModelManifest, 'name' | 'files'> } {
  const { layout, pipeline, source, dataset, train, valid } = input;
  const files: Record<string, string | Uint8Array> = {};
  let model: ModelFiles;
  if (layout === 'pipeline') {
    files['pipeline.json'] = jsonText(pipeline.toJSON());
    model = { pipeline: 'pipeline.json' };
  } else {
    files['scaler.json'] = jsonText(pipeline.scaler.toJSON());
    files['classifier.json'] = jsonText(pipeline.svc.toJSON());
    model = { scaler: 'scaler.json', classifier: 'classifier.json' };
  }
  files[DATA_FILE] = source.bytes;
  const dropped = dataset.dropped ?? [];
  const classes = pipeline.classes;
  const labelType = input.labelType ?? dataset.labelType;
  const names = defaultClassNames(classes, labelType);
  const manifest: Omit<ModelManifest, 'name' | 'files'> = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    created: input.created.toISOString(),
    tool: { name: TOOL.name, version: TOOL.version },
    layout,
    data: {
      ...source.provenance,
      source: source.provenance.source,
      path: source.provenance.path,
      file: DATA_FILE,
      rows: dataset.X.length,
      columns: dataset.featureNames.length + 1 + dropped.length,
      sha256: sha256Hex(source.bytes),
      target: dataset.target,
      dropped,
    },
    featureNames: dataset.featureNames,
    classes,
    labelType,
    classNames: namesForClasses(classes, labelType, dataset, source.targetNames, names),
    split: { method: 'train_test_split', shuffle: true, ...input.split },
    params: { scaler: { withMean: pipeline.scaler.withMean, withStd: pipeline.scaler.withStd }, svc: { ...pipeline.svc.params } },
    metrics: {
      trainAccuracy: train.accuracy, validAccuracy: valid.accuracy,
      trainCorrect: train.correct, trainTotal: train.total,
      validCorrect: valid.correct, validTotal: valid.total,
    },
    model,
  };
  return { files, manifest };
}
