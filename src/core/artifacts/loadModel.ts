// Reads a model folder back and refuses it, naming the file and field, unless everything holds:
// known format and version, schema, files inside the folder with the recorded sha256, finite
// numbers, and a scaler, classifier and data that agree on features and classes.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError } from '../types';
import { Pipeline } from '../pipeline';
import { StandardScaler } from '../preprocessing/standardScaler';
import { SVC } from '../svm/svc';
import type { ModelManifest } from './manifest';
import { MANIFEST_FILE } from './manifest';
import { findNonFinite } from './schemaReader';
import { errorText, parseJson, readRecorded, readSealedManifest, recordedFileLimit } from './modelFileReader';
import type { ManifestSeal } from './manifestSeal';

export { MAX_MANIFEST_BYTES, MAX_MODEL_JSON_BYTES, readManifest } from './modelFileReader';

export interface LoadedModel {
  readonly modelDir: string;
  readonly manifest: ModelManifest;
  readonly pipeline: Pipeline;
  /** data.csv's bytes (hash already checked). */
  readonly data: Uint8Array;
  /** Files whose sha256 differs from model.json's, when loaded with acceptEdited (else always empty). */
  readonly edited: string[];
}

export interface LoadOptions {
  /**
   * Load a model whose files changed after saving (their hashes differ) instead of refusing it,
   * naming them in `edited` — to show what an edited model predicts now. Everything else is checked.
   */
  readonly acceptEdited?: boolean;
}

/**
 * A models folder given where one model's folder belongs (`validate models`): says so, with a model
 * folder inside it to name instead. Nothing when the folder has a model.json or holds no model.
 * Called when its model.json could not be read.
 */
async function refuseModelsFolder(fs: FileSystem, dir: string): Promise<void> {
  // A model.json that cannot even be looked at (a folder that may not be entered): its read's error says so.
  if (await fs.stat(paths.join(dir, MANIFEST_FILE)).catch(() => true)) return;
  const models: string[] = [];
  // A folder that cannot be listed (removed meanwhile) is no models folder: the manifest's own error says what is wrong.
  for (const entry of await fs.readDirectory(dir).catch(() => [])) {
    if (entry.type === 'directory' && (await fs.stat(paths.join(dir, entry.name, MANIFEST_FILE)).catch(() => undefined))?.type === 'file') models.push(entry.name);
  }
  if (models.length === 0) return;
  models.sort();
  const count = models.length === 1 ? 'one model' : `${models.length} models`;
  throw new UserError(`${dir}: is a models folder (${count}), not a model's own folder — name one model's folder, such as ${paths.join(dir, models[0]!)}`);
}

/**
 * A scikit-learn file as the course saves it (joblib.dump, pickle.dump), with the suffixes by which
 * joblib.dump compresses (.z .gz .bz2 .xz .lzma .lz4): the reader reads zlib and gzip and names the
 * others, so such a file gets that answer rather than "not a model folder". package.json's menus
 * ("resourceFilename =~") use the same pattern.
 */
export const SKLEARN_FILE = /\.(joblib|pkl|pickle)(\.(z|gz|bz2|xz|lzma|lz4))?$/i;

/** Reads and checks a model folder (every file's hash, schema, agreement of its parts); throws UserError naming what is wrong. */
export async function loadModel(fs: FileSystem, modelDir: string, options: LoadOptions = {}): Promise<LoadedModel> {
  const { data, ...model } = await readModel(fs, modelDir, options, true);
  return { ...model, data: data! };
}

/**
 * Checks a model folder as loadModel does (every file's hash, schema, agreement of its parts) but
 * hashes data.csv in chunks instead of holding it: what a listing of many models needs (each of
 * them may hold a data.csv of hundreds of megabytes). Returns its manifest; throws as loadModel.
 */
export async function checkModel(fs: FileSystem, modelDir: string): Promise<ModelManifest> {
  return (await readModel(fs, modelDir, {}, false)).manifest;
}

/** loadModel's work; with keepData false, data.csv is only hashed (data undefined). */
async function readModel(fs: FileSystem, modelDir: string, options: LoadOptions, keepData: boolean): Promise<Omit<LoadedModel, 'data'> & { data?: Uint8Array }> {
  const dirStat = await fs.stat(modelDir);
  if (dirStat?.type === 'link') {
    throw new UserError(`${modelDir}: is a symbolic link${dirStat.linkTarget ? ` to ${dirStat.linkTarget}` : ''}, not a model folder — Model Lab does not follow links (they could lead anywhere); name the model folder itself`);
  }
  if (!dirStat) throw new UserError(`${modelDir}: no such model folder`);
  if (dirStat.type !== 'directory') {
    // A file of a model folder (model.json, classifier.json …): its folder is the one to name.
    const folder = paths.dirname(modelDir);
    const inModel = (await fs.stat(paths.join(folder, MANIFEST_FILE)))?.type === 'file';
    if (!inModel && SKLEARN_FILE.test(modelDir)) {
      throw new UserError(`${modelDir}: is a scikit-learn file, not a model folder — import it first (model-lab import, or Import scikit-learn Model in VS Code), then name the model folder it makes`);
    }
    throw new UserError(`${modelDir}: is a file, not a model folder — ${inModel ? `name its folder, ${folder}` : 'name the folder Model Lab saved the model in (the one holding model.json)'}`);
  }
  let manifest: ModelManifest;
  let seal: ManifestSeal;
  try {
    ({ manifest, seal } = await readSealedManifest(fs, modelDir));
  } catch (e) {
    await refuseModelsFolder(fs, modelDir); // only on the way out: loading a model costs no extra stat
    throw e;
  }
  const manifestFile = paths.join(modelDir, MANIFEST_FILE);

  const contents = new Map<string, Uint8Array>();
  const edited: string[] = [];
  if (seal === 'broken' && options.acceptEdited) edited.push(MANIFEST_FILE);
  const jsonParts = new Set(Object.values(manifest.model));
  for (const [name, expected] of Object.entries(manifest.files)) {
    // Each file within what model.json allows for it (data.csv: its recorded size), refused by its size unread.
    const limit = recordedFileLimit(manifest, name, options.acceptEdited);
    const keep = keepData || name !== manifest.data.file || jsonParts.has(name);
    // A large file is read only once its hash is as saved (unless edits are accepted: then it is read).
    const { sha256: actual, bytes } = await readRecorded(fs, modelDir, name, limit, keep, options.acceptEdited ? undefined : expected);
    if (actual !== expected && options.acceptEdited) edited.push(name);
    else if (actual !== expected) {
      throw new UserError(`${paths.join(modelDir, name)}: sha256 is ${actual} but model.json records ${expected} — the file changed after saving; restore it, or train the model again`);
    }
    if (bytes) contents.set(name, bytes);
  }

  const part = <T>(name: string, read: (json: unknown) => T): T => {
    const file = paths.join(modelDir, name);
    const json = parseJson(contents.get(name)!, file);
    const bad = findNonFinite(json);
    if (bad) throw new UserError(`${file}: field "${bad}" is not a finite number`);
    try {
      return read(json);
    } catch (e) {
      throw new UserError(`${file}: ${errorText(e)}`);
    }
  };

  let pipeline: Pipeline;
  let partFile: string;
  if ('pipeline' in manifest.model) {
    partFile = manifest.model.pipeline;
    pipeline = part(partFile, (j) => Pipeline.fromJSON(j));
  } else {
    const scaler = part(manifest.model.scaler, (j) => StandardScaler.fromJSON(j));
    partFile = manifest.model.classifier;
    pipeline = new Pipeline(scaler, part(partFile, (j) => SVC.fromJSON(j)));
  }

  const nFeatures = manifest.featureNames.length;
  const scalerFeatures = pipeline.scaler.toJSON().nFeatures;
  if (scalerFeatures !== nFeatures) {
    throw new UserError(`${manifestFile}: field "featureNames" lists ${nFeatures} features but the scaler was fitted on ${scalerFeatures}`);
  }
  if (pipeline.svc.nFeatures !== nFeatures) {
    throw new UserError(`${paths.join(modelDir, partFile)}: the classifier expects ${pipeline.svc.nFeatures} features but model.json lists ${nFeatures}`);
  }
  const classes = pipeline.svc.classes;
  if (JSON.stringify(classes) !== JSON.stringify(manifest.classes)) {
    throw new UserError(`${manifestFile}: field "classes" is ${JSON.stringify(manifest.classes)} but the classifier has ${JSON.stringify(classes)}`);
  }
  // The recorded parameters against the files' own. Not for a model read as its files are now
  // (acceptEdited): an edited classifier.json predicts with its own parameters (a C changed after the
  // fit changes nothing), and that is what such a reading reports.
  if (!options.acceptEdited || edited.length === 0) checkRecordedParams(manifest, pipeline, manifestFile);
  // Last: a field that contradicts the model's files is named above; an edit that kept model.json
  // consistent (a recorded accuracy) is caught by its seal.
  if (seal === 'broken' && !options.acceptEdited) {
    throw new UserError(`${manifestFile}: changed after saving (its fields no longer match the manifestSha256 saved with them) — restore the file, or train the model again`);
  }
  return { modelDir, manifest, pipeline, data: contents.get(manifest.data.file), edited };
}

/** model.json's params.scaler and params.svc are those of the fitted objects in the model's files. */
function checkRecordedParams(manifest: ModelManifest, pipeline: Pipeline, manifestFile: string): void {
  const scalerParams = pipeline.scaler.toJSON();
  for (const key of ['withMean', 'withStd'] as const) {
    if (scalerParams[key] !== manifest.params.scaler[key]) {
      throw new UserError(`${manifestFile}: field "params.scaler.${key}" is ${String(manifest.params.scaler[key])} but the scaler was fitted with ${String(scalerParams[key])}`);
    }
  }
  const params = pipeline.svc.params as unknown as Record<string, unknown>;
  const recorded = manifest.params.svc as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(params), ...Object.keys(recorded)])) {
    if (JSON.stringify(params[key]) !== JSON.stringify(recorded[key])) {
      throw new UserError(`${manifestFile}: field "params.svc.${key}" is ${JSON.stringify(recorded[key])} but the classifier was fitted with ${JSON.stringify(params[key])}`);
    }
  }
}
