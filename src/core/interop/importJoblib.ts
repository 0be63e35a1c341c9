// Turns scikit-learn .joblib files into a Model Lab model folder (JSON, never pickle): the
// same check as validate, then the model, its data snapshot and where it came from are saved.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { sha256Hex } from '../artifacts/hash';
import { DATA_FILE, FORMAT, FORMAT_VERSION } from '../artifacts/manifest';
import type { ModelManifest } from '../artifacts/manifest';
import { checkModelName } from '../artifacts/naming';
import { jsonText, saveModel } from '../artifacts/saveModel';
import { modelArtifactFiles } from '../artifacts/modelArtifacts';
import { TOOL } from '../artifacts/toolInfo';
import type { AccuracyCount, RunControl } from '../usecases/contracts';
import { step } from '../usecases/steps';
import { checkJoblibModel, type JoblibCheckOptions } from './validateJoblib';

export const IMPORT_RECORD_FILE = 'imported-from.json';

export interface ImportOptions extends JoblibCheckOptions {
  /** Absolute path of the models folder. */
  readonly modelsDir: string;
  readonly name?: string;
}

export interface ImportResult {
  readonly modelDir: string;
  readonly name: string;
  readonly train: AccuracyCount;
  readonly valid: AccuracyCount;
  readonly sklearnVersion: string;
  readonly notes: string[];
}

/** e.g. imported-model-pipeline from model_pipeline.joblib; a scaler/classifier pair: imported-<folder name>. */
export function defaultImportName(path: string): string {
  let stem = paths.basename(path).replace(/(\.joblib)?(\.gz)?$/i, '');
  // A scaler/classifier pair is named after its folder (the course keeps one pair per folder).
  if (/^(scaler|classifier|svc)$/i.test(stem)) stem = paths.basename(paths.dirname(path)) || stem;
  const base = stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `imported-${base || 'model'}`.slice(0, 100);
}

export async function importJoblib(options: ImportOptions, fs: FileSystem, control: RunControl = {}): Promise<ImportResult> {
  const started = new Date();
  const name = checkModelName(options.name ?? defaultImportName(options.path));
  const check = await checkJoblibModel(options, fs, { ...control, progress: undefined });
  const { model, pipeline, dataset, source } = check;
  const dropped = dataset.dropped ?? [];

  step(control, 'Saving', 0.9);
  const { files, model: modelFiles } = modelArtifactFiles(model.layout, pipeline, source.bytes);
  const originals = await Promise.all(check.files.map(async (f, i) => ({
    file: f, sha256: sha256Hex(await fs.readFile(f)), compression: model.compression[i] ?? 'none',
  })));
  files[IMPORT_RECORD_FILE] = jsonText({
    importedFrom: 'scikit-learn joblib',
    sklearnVersion: model.sklearnVersion,
    files: originals,
    pipelineStepNames: model.stepNames,
    featureNamesIn: model.featureNames,
    dataChoice: check.dataChoice,
    notes: check.notes,
  });
  const classes = pipeline.classes;
  const manifest: Omit<ModelManifest, 'name' | 'files'> = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    created: started.toISOString(),
    tool: { name: TOOL.name, version: TOOL.version },
    layout: model.layout,
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
    classNames: classes.map((c) => (source.targetNames && typeof c === 'number' ? source.targetNames[c] ?? String(c) : String(c))),
    split: {
      method: 'train_test_split', seed: check.seed, shuffle: true, trainSize: check.trainSize, testSize: null,
      nTrain: check.split.train.length, nTest: check.split.test.length,
    },
    params: { scaler: { withMean: pipeline.scaler.withMean, withStd: pipeline.scaler.withStd }, svc: { ...pipeline.svc.params } },
    metrics: {
      trainAccuracy: check.train.accuracy, validAccuracy: check.valid.accuracy,
      trainCorrect: check.train.correct, trainTotal: check.train.total,
      validCorrect: check.valid.correct, validTotal: check.valid.total,
    },
    model: modelFiles,
  };
  const saved = await saveModel(fs, { modelsDir: options.modelsDir, name, files, manifest, signal: control.signal });
  control.log?.(`Imported ${check.files.join(' + ')} as ${saved.modelDir}`);
  control.progress?.report('Done', 1);
  return { modelDir: saved.modelDir, name: saved.name, train: check.train, valid: check.valid, sklearnVersion: model.sklearnVersion, notes: check.notes };
}
