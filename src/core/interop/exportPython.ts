// A saved model → a Python script in the course's style that trains the same model with
// scikit-learn (1.2.x; 1.4 and 1.9 too) from the model's data.csv (python/pythonScript.ts writes the text).
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { loadModel, type LoadedModel } from '../artifacts/loadModel';
import { parseCsvDataset } from '../datasets/csvDataset';
import { pythonScriptText } from './python/pythonScript';
import { EXPORT_ELSEWHERE, publishFiles } from './publishFiles';

/** Default name of the script in the model folder. */
export const PYTHON_SCRIPT_FILE = 'train_sklearn.py';

export interface PythonScript {
  /** Where the script was written. */
  readonly path: string;
  readonly text: string;
}

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

async function scriptFor(model: LoadedModel, scriptPath: string | undefined): Promise<string> {
  return pythonScriptText(model.manifest, {
    dataPath: paths.join(model.modelDir, model.manifest.data.file),
    scriptDir: scriptPath === undefined ? undefined : paths.dirname(scriptPath),
    ...await dataFacts(model),
  });
}

/**
 * The script's text for a model folder, without writing it (an untitled editor, the clipboard).
 * `scriptPath`: where it will be saved — beside data.csv the data path is written relative to the
 * script; elsewhere, or when not given (unsaved), it is absolute. Throws a UserError for a damaged or
 * edited model.
 */
export async function pythonScript(modelDir: string, fs: FileSystem, options: { scriptPath?: string } = {}): Promise<string> {
  return scriptFor(await loadModel(fs, modelDir), options.scriptPath);
}

/**
 * Writes the script to `out` (default: MODEL_DIR/train_sklearn.py) through a temporary file. Throws a
 * UserError (one line, naming the path) for a damaged or edited model, an `out` that is a folder, a
 * folder that cannot be written, or a file of the model whose recorded hash this would change.
 */
export async function exportPython(modelDir: string, fs: FileSystem, options: { out?: string } = {}): Promise<PythonScript> {
  const model = await loadModel(fs, modelDir);
  const path = options.out ?? paths.join(modelDir, PYTHON_SCRIPT_FILE);
  const text = await scriptFor(model, path);
  const dir = paths.dirname(path);
  await publishFiles(fs, {
    dir,
    files: new Map([[paths.basename(path), new TextEncoder().encode(text)]]),
    recorded: paths.relative(dir, modelDir) === '' ? model.manifest.files : undefined,
    doing: 'cannot write the Python script',
    choose: { option: 'out', text: 'choose another file ({option} PATH.py)', settingText: EXPORT_ELSEWHERE },
  });
  return { path, text };
}
