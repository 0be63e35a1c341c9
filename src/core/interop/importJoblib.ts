// Turns scikit-learn .joblib files into a Model Lab model folder (JSON, never pickle): the
// same check as validate, then the model, its data snapshot and where it came from are saved.
import { SKLEARN_FILE } from '../artifacts/loadModel';
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { sha256Hex } from '../artifacts/hash';
import { checkModelName, slugOf } from '../artifacts/naming';
import { jsonText, saveModel } from '../artifacts/saveModel';
import { IMPORT_RECORD_FILE } from '../artifacts/manifest';
import type { ManifestImport } from '../artifacts/manifestImport';
import { modelFolderContents } from '../artifacts/modelArtifacts';
import type { AccuracyCount, RunControl } from '../usecases/contracts';
import { step } from '../usecases/steps';
import { checkJoblibModel, type JoblibCheckOptions } from './validateJoblib';
import { refitOnSplit, type RefitOutcome } from './refitCheck';
import type { ModelFitter } from '../experiments/sweepRunner';
import type { RowPredictor } from '../usecases/rowPredictor';
import { pythonFloat } from '../text/pythonFloat';
import type { SplitSize } from '../types';


export interface ImportOptions extends JoblibCheckOptions {
  /** Absolute path of the models folder. */
  readonly modelsDir: string;
  readonly name?: string;
}

export interface ImportResult {
  /** The files imported (the pipeline file, or the scaler's then the classifier's). */
  readonly files: string[];
  readonly modelDir: string;
  readonly name: string;
  readonly train: AccuracyCount;
  readonly valid: AccuracyCount;
  readonly sklearnVersion: string;
  readonly notes: string[];
}

/** e.g. imported-model-pipeline from model_pipeline.joblib (or .pkl); a scaler/classifier pair: imported-<folder name>. */
export function defaultImportName(path: string): string {
  let stem = paths.basename(path).replace(SKLEARN_FILE, '');
  // A scaler/classifier pair is named after its folder (the course keeps one pair per folder).
  if (/^(scaler|classifier|svc)$/i.test(stem)) stem = paths.basename(paths.dirname(path)) || stem;
  return `imported-${slugOf(stem) || 'model'}`.slice(0, 100);
}

/** `fitter` and `predictor`: where the refit check fits and the rows are predicted (default: this thread; the extension: a worker thread). */
export async function importJoblib(
  options: ImportOptions, fs: FileSystem, control: RunControl & { readonly fitter?: ModelFitter; readonly predictor?: RowPredictor } = {},
): Promise<ImportResult> {
  const name = checkModelName(options.name ?? defaultImportName(options.path));
  const check = await checkJoblibModel(options, fs, { ...control, progress: undefined });
  const { model, pipeline, dataset, source } = check;

  step(control, 'Fitting it again on the split', 0.8);
  const refit = await refitOnSplit(pipeline, dataset.X, dataset.y, { seed: check.seed, trainSize: check.trainSize }, {
    ...(control.fitter ? { fitter: control.fitter } : {}), ...(control.signal ? { signal: control.signal } : {}),
  });
  const notes = refit.same ? check.notes : [...check.notes, notRefitNote(check.seed, check.trainSize, refit)];

  step(control, 'Saving', 0.9);
  const { files, manifest } = modelFolderContents({
    layout: model.layout, pipeline, source, dataset, created: new Date(), labelType: model.labelType,
    split: { seed: check.seed, trainSize: check.trainSize, testSize: null, nTrain: check.split.train.length, nTest: check.split.test.length },
    train: check.train, valid: check.valid,
  });
  const originals = await Promise.all(check.files.map(async (f, i) => ({
    file: f, sha256: sha256Hex(await fs.readFile(f)), compression: model.compression[i] ?? 'none',
  })));
  // In model.json too, so that every view says where the model came from (modelOrigin.ts) and a
  // later import of the same bytes finds it (importedBefore.ts).
  const imported: ManifestImport = { from: 'scikit-learn', sklearnVersion: model.sklearnVersion, files: originals.map((o) => ({ name: paths.basename(o.file), sha256: o.sha256 })) };
  files[IMPORT_RECORD_FILE] = jsonText({
    importedFrom: 'scikit-learn joblib',
    sklearnVersion: model.sklearnVersion,
    files: originals,
    pipelineStepNames: model.stepNames,
    sklearnExtras: model.extras,
    featureNamesIn: model.featureNames,
    dataChoice: check.dataChoice,
    notes,
    refitOnSplit: { same: refit.same, ...(refit.train && refit.valid ? { trainAccuracy: refit.train.accuracy, validAccuracy: refit.valid.accuracy } : {}) },
  });
  const saved = await saveModel(fs, { modelsDir: options.modelsDir, name, files, manifest: { ...manifest, imported }, signal: control.signal });
  control.log?.(`Imported ${check.files.join(' + ')} as ${saved.modelDir}`);
  control.progress?.report('Done', 1);
  return { files: check.files, modelDir: saved.modelDir, name: saved.name, train: check.train, valid: check.valid, sklearnVersion: model.sklearnVersion, notes };
}

/** The import's note for files that were not fitted on the training part of the split it records. */
function notRefitNote(seed: number, trainSize: SplitSize, refit: RefitOutcome): string {
  const split = `seed ${seed}, train size ${trainSize.kind === 'fraction' ? trainSize.value : `${trainSize.value} rows`}`;
  const other = refit.train && refit.valid
    ? `another model (Train Accuracy ${pythonFloat(refit.train.accuracy)}, Valid Accuracy ${pythonFloat(refit.valid.accuracy)})`
    : 'no model (the fit fails)';
  return `the files were not fitted on the training part of this split (${split}): StandardScaler + SVC with their parameters fitted there make ${other}, ` +
    'and a Python script exported from this model trains that one — if they were fitted on another split of this data, import them with its seed and train size';
}
