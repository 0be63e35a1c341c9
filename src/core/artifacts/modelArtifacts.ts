// What a model folder holds: the JSON files for its layout (scaler.json + classifier.json, or
// pipeline.json), the data snapshot, and the manifest describing them. Training and joblib import
// write the same folder shape through this one place.
import type { Pipeline } from '../pipeline';
import type { SplitSize } from '../types';
import type { AccuracyCount, Layout } from '../usecases/contracts';
import type { Dataset, SourceSnapshot } from '../datasets/dataset';
import type { LabelType } from '../labels';
import { DATA_FILE, MAX_DATA_SNAPSHOT_BYTES, FORMAT, FORMAT_VERSION, defaultClassNames, type ModelFiles, type ModelManifest } from './manifest';
import { sha256Hex } from './hash';
import { jsonText } from './saveModel';
import { TOOL } from './toolInfo';
import { namesForClasses } from '../datasets/classNames';
import { placeError, type PlaceChoice } from '../io/osErrors';
import { sizeText } from '../io/readWithin';

/** Data too large to keep as data.csv: the source without its wide unused columns, or a sample. */
const SMALLER_SNAPSHOT: PlaceChoice = {
  option: 'data',
  text: 'save the file without the columns the model does not train on (columns left out with --drop are kept too) and give that with {option}, or train on a sample of its rows with --max-rows N',
  settingText: 'save the file without the columns the model does not train on (dropped columns are kept too) and choose that',
};

/**
 * Refuses data whose snapshot (data.csv, the source byte for byte) would be larger than every reader
 * of a model folder accepts (MAX_DATA_SNAPSHOT_BYTES), before anything is saved. `label` names the data.
 */
export function checkSnapshotSize(bytes: number, label: string): void {
  if (bytes <= MAX_DATA_SNAPSHOT_BYTES) return;
  throw placeError(`${label}: ${sizeText(bytes)} of data, more than the ${sizeText(MAX_DATA_SNAPSHOT_BYTES)} Model Lab keeps beside a model as data.csv (every row and column of it, for validation to read back)`, SMALLER_SNAPSHOT);
}

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
  checkSnapshotSize(source.bytes.length, source.provenance.path);
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
      bytes: source.bytes.length,
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
