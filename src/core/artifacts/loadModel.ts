// Reads a model folder back and refuses it, naming the file and field, unless everything holds:
// known format and version, schema, files inside the folder with the recorded sha256, finite
// numbers, and a scaler, classifier and data that agree on features and classes.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError } from '../types';
import { Pipeline } from '../pipeline';
import { StandardScaler } from '../preprocessing/standardScaler';
import { SVC } from '../svm/svc';
import { sha256Hex } from './hash';
import type { ModelManifest } from './manifest';
import { MANIFEST_FILE, parseManifest } from './manifest';
import { findNonFinite } from './schemaReader';

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

const decoder = new TextDecoder('utf-8', { fatal: true });

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const MIB = 1024 * 1024;
/** model.json holds names and numbers only: far below this even for thousands of features. */
export const MAX_MANIFEST_BYTES = 16 * MIB;
/**
 * scaler.json, classifier.json, pipeline.json: the support vectors of a big model fit well below
 * this, and it stays below what one JavaScript string can hold (~512 MiB).
 */
export const MAX_MODEL_JSON_BYTES = 256 * MIB;

function sizeText(bytes: number): string {
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`;
}

/**
 * Reads a file of the model folder. Each path segment must be a real entry of its folder (a plain
 * file, or a folder on the way): a symbolic link could lead anywhere, so it is refused, not followed.
 * A file larger than maxBytes is refused by its size before it is read.
 */
async function readBytes(fs: FileSystem, modelDir: string, name: string, maxBytes = Infinity): Promise<Uint8Array> {
  const file = paths.join(modelDir, name);
  const segments = name.split('/');
  let dir = modelDir;
  for (let i = 0; i < segments.length; i++) {
    const last = i === segments.length - 1;
    const entry = (await fs.readDirectory(dir)).find((e) => e.name === segments[i]);
    if (!entry) {
      if (name === MANIFEST_FILE) throw new UserError(`${file}: missing — this folder is not a Model Lab model (or its files were removed); train the model again or move the folder out of the models folder`);
      throw new UserError(`${file}: missing — the model folder is incomplete; train the model again`);
    }
    if (entry.type !== (last ? 'file' : 'directory')) {
      const what = entry.type === 'link' ? 'a symbolic link, which could point outside the model folder'
        : entry.type === 'other' ? 'a special file (device, FIFO or socket)' : last ? 'a folder' : 'a file';
      throw new UserError(`${file}: is ${what}, not a plain ${last ? 'file' : 'folder'} — a model folder holds only the files Model Lab wrote; train the model again`);
    }
    dir = paths.join(dir, segments[i]);
  }
  if (maxBytes !== Infinity) {
    const size = (await fs.stat(file))?.size ?? 0;
    if (size > maxBytes) {
      throw new UserError(`${file}: ${sizeText(size)} is more than the ${sizeText(maxBytes)} Model Lab accepts for this file — it was not written by Model Lab (or was damaged); train the model again`);
    }
  }
  const bytes = await fs.readFile(file);
  if (bytes.length > maxBytes) throw new UserError(`${file}: grew beyond ${sizeText(maxBytes)} while it was read — train the model again`);
  return bytes;
}

function parseJson(bytes: Uint8Array, file: string): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new UserError(`${file}: not valid JSON (the bytes are not UTF-8 text) — the file was damaged; train the model again`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    // Say where, as an editor shows it: line and column rather than a character offset.
    const detail = errorText(e).replace(/\s*\(line \d+ column \d+\)/, '');
    const at = /at position (\d+)/.exec(detail);
    let where = '';
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    }
    const what = /end of JSON input/.test(detail) ? ': it ends too early (cut off?)' : `${where} (${detail.replace(/ in JSON at position \d+/, '')})`;
    throw new UserError(`${file}: not valid JSON${what} — the file was edited or damaged; train the model again`);
  }
}

/** Reads and checks model.json only (no hashes): enough for listings. */
export async function readManifest(fs: FileSystem, modelDir: string): Promise<ModelManifest> {
  const file = paths.join(modelDir, MANIFEST_FILE);
  const json = parseJson(await readBytes(fs, modelDir, MANIFEST_FILE, MAX_MANIFEST_BYTES), file);
  try {
    return parseManifest(json);
  } catch (e) {
    throw new UserError(`${file}: ${errorText(e)}`);
  }
}

export async function loadModel(fs: FileSystem, modelDir: string, options: LoadOptions = {}): Promise<LoadedModel> {
  const dirStat = await fs.stat(modelDir);
  if (dirStat?.type === 'link') {
    throw new UserError(`${modelDir}: is a symbolic link${dirStat.linkTarget ? ` to ${dirStat.linkTarget}` : ''}, not a model folder — Model Lab does not follow links (they could lead anywhere); name the model folder itself`);
  }
  if (!dirStat || dirStat.type !== 'directory') throw new UserError(`${modelDir}: no such model folder`);
  const manifest = await readManifest(fs, modelDir);
  const manifestFile = paths.join(modelDir, MANIFEST_FILE);

  const contents = new Map<string, Uint8Array>();
  const edited: string[] = [];
  const jsonParts = new Set(Object.values(manifest.model));
  for (const [name, expected] of Object.entries(manifest.files)) {
    const bytes = await readBytes(fs, modelDir, name, jsonParts.has(name) ? MAX_MODEL_JSON_BYTES : Infinity);
    const actual = sha256Hex(bytes);
    if (actual !== expected && options.acceptEdited) edited.push(name);
    else if (actual !== expected) {
      throw new UserError(`${paths.join(modelDir, name)}: sha256 is ${actual} but model.json records ${expected} — the file changed after saving`);
    }
    contents.set(name, bytes);
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
  const params = pipeline.svc.params as unknown as Record<string, unknown>;
  const recorded = manifest.params.svc as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(params), ...Object.keys(recorded)])) {
    if (JSON.stringify(params[key]) !== JSON.stringify(recorded[key])) {
      throw new UserError(`${manifestFile}: field "params.svc.${key}" is ${JSON.stringify(recorded[key])} but the classifier was fitted with ${JSON.stringify(params[key])}`);
    }
  }
  return { modelDir, manifest, pipeline, data: contents.get(manifest.data.file)!, edited };
}
