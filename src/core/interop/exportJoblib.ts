// A saved Model Lab model → the .joblib files the course writes with joblib.dump: scaler.joblib +
// classifier.joblib (layout "separate") or model_pipeline.joblib (layout "pipeline"), for
// scikit-learn 1.2.x (default 1.2.1), 1.4.x or 1.9.x. The objects are those scikit-learn fits on the
// same split, attribute for attribute; the bytes are those joblib.dump writes for them under Debian
// 12 (Python 3.11, numpy 1.24), whose numpy.core spelling numpy 2 reads too.
import { paths as posix, type FileSystem } from '../io/fileSystem';
import type { Layout } from '../usecases/contracts';
import type { Label } from '../types';
import type { LoadedModel } from '../artifacts/loadModel';
import { loadCheckedModel } from '../usecases/checkedModel';
import { writeJoblib } from './joblib/writeJoblib';
import { pipelineObject, scalerObject, svcObject, type SklearnFit } from './sklearn/sklearnObjects';
import { EXPORT_SKLEARN_VERSION, exportSklearnTarget, isExportableSklearnVersion, type ExportVersionFrom } from './sklearn/sklearnVersion';
import { readImportRecord, type ImportRecord } from './importRecord';
import { DEFAULT_EXTRAS } from './sklearn/sklearnExtras';
import { EXPORT_ELSEWHERE, publishFiles, type ReplaceQuestion } from './publishFiles';
import { readEstimator } from './sklearn/sklearnModel';
import { remedyError } from '../types';
import { abortError } from '../abort';
import { IRIS_FEATURE_NAMES } from '../datasets/iris';
import { tableOfUrl } from '../database/connectionUrl';
import type { ModelManifest } from '../artifacts/manifest';
import { differsFromLoadIris, exportedFeatureNames, featureNamesNote, type ExportFeatureNames } from './exportFeatureNames';

/** The course's file names per layout. */
export const JOBLIB_FILES = {
  separate: { scaler: 'scaler.joblib', classifier: 'classifier.joblib' },
  pipeline: { pipeline: 'model_pipeline.joblib' },
} as const;

export interface JoblibExportOptions {
  /** Folder to write into (created when missing); default: the model folder. */
  readonly out?: string;
  /**
   * _sklearn_version of the objects: 1.2.x, 1.4.x or 1.9.x. Default: into the model folder, the
   * release of the .joblib files saved there; else the release a model imported from scikit-learn
   * files came from (when Model Lab writes for it); else 1.2.1.
   */
  readonly sklearnVersion?: string;
  /** Asked before files with other bytes are replaced (publishFiles); without it they are. */
  readonly confirmReplace?: ReplaceQuestion;
  /** The column names the files check (exportFeatureNames.ts); default: chooseFeatureNames's answer, else 'trained'. */
  readonly featureNames?: ExportFeatureNames;
  /**
   * Asked, when featureNames is not given, for a model of the iris measurements under names other
   * than load_iris's (`trained`, e.g. sepal_length …); undefined cancels and nothing is written.
   */
  readonly chooseFeatureNames?: (trained: readonly string[], loadIris: readonly string[]) => Promise<ExportFeatureNames | undefined>;
}

export interface JoblibExportResult {
  /** Paths of the files written (or already there, identical), in the course's order. */
  readonly paths: string[];
  /** Those that replaced a file with other bytes. */
  readonly replaced: string[];
  readonly layout: Layout;
  readonly sklearnVersion: string;
  readonly versionFrom: ExportVersionFrom;
  readonly classes: Label[];
  /** The names the files check (the scaler's or pipeline's feature_names_in_); null: none. */
  readonly featureNamesIn: readonly string[] | null;
  /** Whether those are the model's own names or load_iris's. */
  readonly featureNamesChoice: ExportFeatureNames;
  /**
   * Set when the files check the iris measurements under names other than load_iris's: "the files
   * check the columns … (iris.csv's header); load_iris(as_frame=True)'s differ (…)".
   */
  readonly featureNamesNote?: string;
}

/**
 * What the builders need, from a loaded model folder. A model Model Lab trained is fitted as on a
 * DataFrame (feature_names_in_ = its feature columns); an imported one as its files were: with the
 * column names they recorded, or without any when they were fitted on a NumPy array.
 */
export function sklearnFitOf(model: LoadedModel, imported?: ImportRecord): SklearnFit {
  const m = model.manifest;
  const names = imported?.featureNamesIn;
  return {
    scaler: model.pipeline.scaler.toJSON(),
    svc: model.pipeline.svc.toJSON(),
    labelType: m.labelType,
    featureNames: names === undefined || (names !== null && names.length !== m.featureNames.length) ? m.featureNames : names,
    nTrain: m.split.nTrain,
    stepNames: imported?.stepNames,
    extras: imported?.extras ?? DEFAULT_EXTRAS,
  };
}

/**
 * The joblib files of a model, name → bytes (what joblib.dump writes for the fitted objects).
 * Throws a UserError for a scikit-learn version Model Lab does not write for.
 */
export function joblibFileContents(layout: Layout, fit: SklearnFit, sklearnVersion?: string): Map<string, Uint8Array> {
  const target = exportSklearnTarget(sklearnVersion);
  if (layout === 'pipeline') return new Map([[JOBLIB_FILES.pipeline.pipeline, writeJoblib(pipelineObject(fit, target))]]);
  return new Map([
    [JOBLIB_FILES.separate.scaler, writeJoblib(scalerObject(fit, target))],
    [JOBLIB_FILES.separate.classifier, writeJoblib(svcObject(fit, target))],
  ]);
}

/**
 * Writes the model's joblib files into `out` (default: the model folder), each to a temporary name
 * first. Throws a UserError (one line, naming the path) for a damaged or edited model, a version
 * it does not write for, an `out` that is a file, a folder that cannot be written, or a file of the model
 * folder whose recorded hash the export would change.
 */
export async function exportJoblib(modelDir: string, fs: FileSystem, options: JoblibExportOptions = {}): Promise<JoblibExportResult> {
  if (options.sklearnVersion !== undefined) exportSklearnTarget(options.sklearnVersion);
  const model = (await loadCheckedModel(modelDir, fs)).model;
  const m = model.manifest;
  const dir = options.out ?? modelDir;
  const intoModel = posix.relative(dir, modelDir) === '';
  // Into the model folder, files already saved there decide the release (the export confirms them);
  // elsewhere, or with none, the release an imported model came from.
  const saved = intoModel ? await savedRelease(fs, modelDir, m.layout, m.files) : undefined;
  const savedChoice = options.sklearnVersion === undefined && saved !== undefined && isExportableSklearnVersion(saved) ? saved : undefined;
  const record = await readImportRecord(fs, modelDir, m.files, m.featureNames.length);
  const imported = options.sklearnVersion === undefined && savedChoice === undefined ? record?.sklearnVersion : undefined;
  const { version: sklearnVersion } = exportSklearnTarget(options.sklearnVersion ?? savedChoice ?? imported ?? EXPORT_SKLEARN_VERSION);
  const versionFrom: ExportVersionFrom = options.sklearnVersion !== undefined ? 'asked' : savedChoice !== undefined ? 'saved' : imported !== undefined ? 'import' : 'default';
  if (saved !== undefined && saved !== sklearnVersion) {
    // The model's own files are for another release: say which, rather than only that they would change.
    const names: string[] = Object.values(JOBLIB_FILES[m.layout]);
    const [them, are] = names.length === 1 ? ['it', 'is'] : ['them', 'are'];
    const writable = isExportableSklearnVersion(saved);
    throw remedyError(
      `${modelDir}: the ${names.join(' + ')} saved with the model (model.json records ${them}) ${are} for scikit-learn ${saved}; an export for ${sklearnVersion} would replace ${them}`,
      {
        option: 'out',
        text: `export into another folder ({option} DIR)${writable ? `, or for ${saved} (--sklearn-version ${saved})` : ''}`,
        settingText: `${EXPORT_ELSEWHERE}${writable ? `, or set modelLab.sklearnVersion to ${saved}` : ''}`,
      },
      {}, ' — ',
    );
  }
  const fit = sklearnFitOf(model, record);
  const offered = differsFromLoadIris(fit.featureNames);
  const choice = options.featureNames ?? (offered && options.chooseFeatureNames ? await options.chooseFeatureNames(fit.featureNames as readonly string[], IRIS_FEATURE_NAMES) : 'trained');
  if (choice === undefined) throw abortError(undefined, 'no feature names were chosen');
  const featureNamesIn = exportedFeatureNames(fit.featureNames, choice, modelDir);
  const files = joblibFileContents(m.layout, { ...fit, featureNames: featureNamesIn }, sklearnVersion);
  const { paths, replaced } = await publishFiles(fs, {
    dir,
    files,
    recorded: intoModel ? m.files : undefined,
    doing: 'cannot write the scikit-learn files',
    choose: { option: 'out', text: 'choose another folder ({option} DIR)', settingText: EXPORT_ELSEWHERE },
    ...(options.confirmReplace ? { confirmReplace: options.confirmReplace } : {}),
  });
  const note = choice === 'trained' && offered ? featureNamesNote('the files', fit.featureNames as readonly string[], namesSource(m, fit.featureNames !== m.featureNames)) : undefined;
  return {
    paths, replaced, layout: m.layout, sklearnVersion, versionFrom, classes: m.classes,
    featureNamesIn, featureNamesChoice: choice, ...(note !== undefined ? { featureNamesNote: note } : {}),
  };
}

/** Where a model's feature names come from, for featureNamesNote: "iris.csv's header", "table iris_data's columns". */
export function namesSource(m: ModelManifest, imported: boolean): string {
  if (imported) return 'as the imported scikit-learn files recorded them';
  if (m.data.source === 'postgres') return `table ${tableOfUrl(m.data.path)}'s columns`;
  if (m.data.source === 'csv') return `${posix.basename(m.data.path)}'s header`;
  return `the model's ${m.data.file}`;
}

/**
 * The scikit-learn release of the .joblib files saved with the model (train --save-joblib, an earlier
 * export), from the classifier's or the pipeline's _sklearn_version; undefined when there are none.
 */
async function savedRelease(fs: FileSystem, modelDir: string, layout: Layout, recorded: Readonly<Record<string, string>>): Promise<string | undefined> {
  const name = layout === 'pipeline' ? JOBLIB_FILES.pipeline.pipeline : JOBLIB_FILES.separate.classifier;
  if (recorded[name] === undefined) return undefined;
  try {
    const path = posix.join(modelDir, name);
    const v = readEstimator({ label: path, bytes: await fs.readFile(path) }).obj.attrs.get('_sklearn_version');
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined; // loadModel checked the file's hash: only a folder changed since then gets here
  }
}
