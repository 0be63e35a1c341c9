// A saved model → a Python script in the course's style that trains the same model with
// scikit-learn (1.2.x; 1.4 and 1.9 too) from the model's data.csv (python/pythonScript.ts writes the text).
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import type { LoadedModel } from '../artifacts/loadModel';
import { loadCheckedModel } from '../usecases/checkedModel';
import { parseCsvDataset } from '../datasets/csvDataset';
import { pythonScriptText } from './python/pythonScript';
import { EXPORT_ELSEWHERE, publishFiles } from './publishFiles';
import { readImportRecord } from './importRecord';
import { differsFromLoadIris, featureNamesNote } from './exportFeatureNames';
import { namesSource } from './exportJoblib';

/** Default name of the script in the model folder. */
export const PYTHON_SCRIPT_FILE = 'train_sklearn.py';

export interface PythonScriptText {
  readonly text: string;
  /** Said beside the script: it trains another model than the imported one (TRAINS_ANOTHER_NOTE). */
  readonly note?: string;
  /**
   * Said beside the script when the files it dumps check the iris measurements under names other
   * than load_iris's (exportFeatureNames.ts): the course's reload code would be refused by them.
   */
  readonly featureNamesNote?: string;
}

export interface PythonScript extends PythonScriptText {
  /** Where the script was written. */
  readonly path: string;
}

/** The imported files were not fitted on the model's split: the script's training makes another model. */
export const TRAINS_ANOTHER_NOTE = 'the model was imported from scikit-learn files that were not fitted on the training part of its split, so the script trains another model (its first lines give both accuracies); the imported model itself goes to Python as its scikit-learn (joblib) export';

/**
 * What the script must tell pandas about the model's data.csv: a model saved before labels were typed
 * may hold text classes where pandas reads numbers; names and text labels with spaces around them,
 * which Model Lab trims and pandas keeps, are stripped.
 */
async function dataFacts(model: LoadedModel): Promise<{ labelsAsText: boolean; strip: { names: boolean; labels: boolean } }> {
  const m = model.manifest;
  try {
    const read = await parseCsvDataset(model.data, { fileLabel: m.data.file, target: m.data.target, drop: m.data.dropped, minRows: 1, savedSnapshot: true });
    return {
      labelsAsText: m.labelType === 'str' && read.labelType !== 'str',
      strip: { names: (read.padded?.names.length ?? 0) > 0, labels: read.padded?.label !== undefined },
    };
  } catch {
    return { labelsAsText: m.labelType === 'str', strip: { names: false, labels: false } };
  }
}

async function scriptFor(model: LoadedModel, scriptPath: string | undefined, fs: FileSystem): Promise<PythonScriptText> {
  const refit = (await readImportRecord(fs, model.modelDir, model.manifest.files, model.manifest.featureNames.length))?.refitOnSplit;
  const another = refit?.same === false;
  const text = pythonScriptText(model.manifest, {
    dataPath: paths.join(model.modelDir, model.manifest.data.file),
    scriptDir: scriptPath === undefined ? undefined : paths.dirname(scriptPath),
    ...await dataFacts(model),
    ...(another ? { trainsAnother: { trainAccuracy: refit.trainAccuracy, validAccuracy: refit.validAccuracy } } : {}),
  });
  const names = model.manifest.featureNames;
  const namesNote = differsFromLoadIris(names) ? featureNamesNote('the files it dumps', names, namesSource(model.manifest, false)) : undefined;
  return { text, ...(another ? { note: TRAINS_ANOTHER_NOTE } : {}), ...(namesNote !== undefined ? { featureNamesNote: namesNote } : {}) };
}

/**
 * The script's text for a model folder, without writing it (an untitled editor, the clipboard).
 * `scriptPath`: where it will be saved — beside data.csv the data path is written relative to the
 * script; elsewhere, or when not given (unsaved), it is absolute. Throws a UserError for a damaged or
 * edited model.
 */
export async function pythonScript(modelDir: string, fs: FileSystem, options: { scriptPath?: string } = {}): Promise<PythonScriptText> {
  return scriptFor((await loadCheckedModel(modelDir, fs)).model, options.scriptPath, fs);
}

/**
 * Writes the script to `out` (default: MODEL_DIR/train_sklearn.py) through a temporary file. Throws a
 * UserError (one line, naming the path) for a damaged or edited model, an `out` that is a folder, a
 * folder that cannot be written, or a file of the model whose recorded hash this would change.
 */
export async function exportPython(modelDir: string, fs: FileSystem, options: { out?: string } = {}): Promise<PythonScript> {
  const model = (await loadCheckedModel(modelDir, fs)).model;
  const path = options.out ?? paths.join(modelDir, PYTHON_SCRIPT_FILE);
  const { text, note, featureNamesNote: namesNote } = await scriptFor(model, path, fs);
  const dir = paths.dirname(path);
  await publishFiles(fs, {
    dir,
    files: new Map([[paths.basename(path), new TextEncoder().encode(text)]]),
    recorded: paths.relative(dir, modelDir) === '' ? model.manifest.files : undefined,
    doing: 'cannot write the Python script',
    choose: { option: 'out', text: 'choose another file ({option} PATH.py)', settingText: EXPORT_ELSEWHERE },
  });
  return { path, text, ...(note !== undefined ? { note } : {}), ...(namesNote !== undefined ? { featureNamesNote: namesNote } : {}) };
}
