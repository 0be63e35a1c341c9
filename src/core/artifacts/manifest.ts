// model.json, format version 1: everything needed to trust, reload and re-check a saved model.
// docs/artifact-format.md describes each field; change both together.
import type { Label, SplitSize } from '../types';
import { LABEL_TYPES, inferLabelType, pythonLabel, type LabelType } from '../labels';
import type { Gamma, Kernel, SVCParams } from '../svm/svc';
import type { Layout } from '../usecases/contracts';
import { SchemaReader } from './schemaReader';
import { parseGitProvenance, type GitProvenance } from '../provenance/gitProvenance';
import { parseSearchRecord, type ManifestSearch } from './searchRecord';
import { parseManifestImport, type ManifestImport } from './manifestImport';

export const FORMAT = 'model-lab-model';
export const FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'model.json';
export { IMPORT_RECORD_FILE } from './manifestImport';
export const DATA_FILE = 'data.csv';
/**
 * The most data.csv may hold, for train (which refuses larger data before saving anything) and for
 * every reader alike: a model.json planted beside a huge file cannot make a reader hold more.
 */
export const MAX_DATA_SNAPSHOT_BYTES = 1024 * 1024 * 1024;

export interface ManifestData {
  /** 'iris' | 'csv' | 'postgres' */
  source: string;
  /** 'iris', the CSV path, or the postgres URL (no password). */
  path: string;
  /** The snapshot trained on, inside the model folder. */
  file: string;
  rows: number;
  /** Columns of data.csv: the features, the target and the dropped columns. */
  columns: number;
  /** sha256 of data.csv's bytes. */
  sha256: string;
  /**
   * data.csv's size in bytes (at most MAX_DATA_SNAPSHOT_BYTES): a file of another size is not the one
   * saved, and is never read. Absent in models saved before it was recorded.
   */
  bytes?: number;
  /** Label column in data.csv. */
  target: string;
  /** Columns of data.csv that are not features (e.g. id, timestamp). */
  dropped: string[];
  [extra: string]: unknown;
}

export interface ManifestSplit {
  method: 'train_test_split';
  seed: number;
  shuffle: true;
  trainSize: SplitSize | null;
  testSize: SplitSize | null;
  nTrain: number;
  nTest: number;
}

export interface ManifestMetrics {
  trainAccuracy: number;
  validAccuracy: number;
  trainCorrect: number;
  trainTotal: number;
  validCorrect: number;
  validTotal: number;
}

export type ModelFiles = { scaler: string; classifier: string } | { pipeline: string };

export interface ModelManifest {
  format: typeof FORMAT;
  formatVersion: typeof FORMAT_VERSION;
  name: string;
  /** ISO 8601 time of saving (UTC). */
  created: string;
  tool: { name: string; version: string };
  layout: Layout;
  data: ManifestData;
  featureNames: string[];
  /** Labels in class order as they appear in the data (numbers or strings). */
  classes: Label[];
  /**
   * How pandas and scikit-learn hold the classes: int64, float64 (JSON writes 1.0 as 1), bool
   * ('True'/'False') or text. Absent in older files: integers or text, inferred from the classes.
   */
  labelType: LabelType;
  /** Display name per class (iris: setosa, ...; otherwise String(label)). */
  classNames: string[];
  split: ManifestSplit;
  params: { scaler: { withMean: boolean; withStd: boolean }; svc: SVCParams };
  metrics: ManifestMetrics;
  /** Optional: the cross-validated grid search (model-lab tune) that chose params.svc. */
  search?: ManifestSearch;
  /** Which file holds which part of the model. */
  model: ModelFiles;
  /** sha256 of every file in the folder except model.json. */
  files: Record<string, string>;
  /** The git commit of the workspace when the model was trained, if it was a repository (optional). */
  git?: GitProvenance;
  /** Optional: the scikit-learn files the model was imported from (model-lab import); absent for a model Model Lab trained. */
  imported?: ManifestImport;
}

/**
 * The same saved model, wherever its folder is now: the same saving time and the same files (a folder
 * renamed or moved on disk, or copied). model.json's own name may differ (a rename on disk keeps it).
 */
export function sameSavedModel(a: Pick<ModelManifest, 'created' | 'files'>, b: Pick<ModelManifest, 'created' | 'files'>): boolean {
  if (a.created !== b.created) return false;
  const names = Object.keys(a.files);
  return names.length === Object.keys(b.files).length && names.every((n) => a.files[n] === b.files[n]);
}

const SAFE_NAME = /^(?![./])[A-Za-z0-9._-]+(\/(?!\.)[A-Za-z0-9._-]+)*$/;

/** A file name in a manifest must stay inside the model folder. */
export function checkRelativeFileName(name: string, field: string): string {
  if (name.includes('\\') && !name.startsWith('\\')) {
    throw new Error(`field "${field}": "${name}" contains a backslash — files are named with '/' relative to the model folder`);
  }
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\')) {
    throw new Error(`field "${field}": "${name}" is an absolute path — files must be named relative to the model folder`);
  }
  if (name.split('/').some((s) => s === '..' || s === '.')) {
    throw new Error(`field "${field}": "${name}" points outside the model folder ('.' or '..' are not allowed)`);
  }
  if (!SAFE_NAME.test(name)) throw new Error(`field "${field}": "${name}" is not a plain file name inside the model folder`);
  return name;
}

function splitSize(r: SchemaReader, field: string): SplitSize | null {
  const v = r.any(field);
  if (v === null) return null;
  const kind = r.oneOf(`${field}.kind`, ['fraction', 'count'] as const);
  const value = kind === 'count' ? r.integer(`${field}.value`, 1) : r.number(`${field}.value`);
  return { kind, value };
}

/** A model folder's name as Model Lab makes them (checkModelName's rule, plus room for "-2", "-3" …). */
const MODEL_NAME = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,159}$/;

function modelName(r: SchemaReader): string {
  const name = r.string('name');
  if (!MODEL_NAME.test(name)) throw new Error(`field "name": ${JSON.stringify(name.slice(0, 60))} is not a model name (letters, digits, '.', '_' and '-')`);
  return name;
}

/** data.bytes, when recorded: within what train saves. */
function dataBytes(r: SchemaReader): { bytes?: number } {
  if (!r.has('data.bytes')) return {};
  const bytes = r.integer('data.bytes', 0);
  if (bytes > MAX_DATA_SNAPSHOT_BYTES) throw new Error(`field "data.bytes": ${bytes} is more than the ${MAX_DATA_SNAPSHOT_BYTES} bytes Model Lab saves as data.csv`);
  return { bytes };
}

function positive(r: SchemaReader, path: string): number {
  const v = r.number(path);
  if (v <= 0) throw new Error(`field "${path}": expected a number > 0, found ${v}`);
  return v;
}

/** params.svc, every field checked (a string C must make this one model damaged, not break a table). */
function svcParams(r: SchemaReader): SVCParams {
  const p = 'params.svc';
  r.object(p);
  const gammaValue = r.any(`${p}.gamma`);
  const gamma: Gamma = gammaValue === 'scale' || gammaValue === 'auto' ? gammaValue : r.number(`${p}.gamma`, 0);
  const weights = r.any(`${p}.classWeight`);
  let classWeight: SVCParams['classWeight'];
  if (weights === null || weights === 'balanced') classWeight = weights;
  else {
    const o = r.object(`${p}.classWeight`);
    classWeight = {};
    for (const [key, w] of Object.entries(o)) {
      // Class labels may hold dots, so the weights are checked here rather than by dotted path.
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
        throw new Error(`field "${p}.classWeight": the weight of class ${JSON.stringify(key)} must be a finite number >= 0, found ${JSON.stringify(w)?.slice(0, 60)}`);
      }
      classWeight[key] = w;
    }
  }
  return {
    kernel: r.oneOf<Kernel>(`${p}.kernel`, ['rbf', 'linear', 'poly', 'sigmoid']),
    C: positive(r, `${p}.C`),
    gamma,
    degree: r.integer(`${p}.degree`, 0),
    coef0: r.number(`${p}.coef0`),
    tol: positive(r, `${p}.tol`),
    shrinking: r.boolean(`${p}.shrinking`),
    maxIter: r.integer(`${p}.maxIter`, -1),
    classWeight,
    cacheSizeMB: positive(r, `${p}.cacheSizeMB`),
    decisionFunctionShape: r.oneOf(`${p}.decisionFunctionShape`, ['ovr', 'ovo'] as const),
    breakTies: r.boolean(`${p}.breakTies`),
  };
}

/** labelType, checked against the classes; inferred as integers or text when absent (older files). */
function readLabelType(r: SchemaReader, classes: Label[]): LabelType {
  if (!r.has('labelType')) {
    const inferred = inferLabelType(classes);
    if (inferred === 'int' && !classes.every((c) => Number.isSafeInteger(c))) {
      throw new Error('field "labelType" is missing: numeric classes that are not whole numbers need labelType "float"');
    }
    return inferred;
  }
  const type = r.oneOf('labelType', LABEL_TYPES);
  const ok = type === 'int' ? classes.every((c) => Number.isSafeInteger(c))
    : type === 'float' ? classes.every((c) => typeof c === 'number')
      : type === 'bool' ? classes.every((c) => c === 'False' || c === 'True')
        : classes.every((c) => typeof c === 'string');
  if (!ok) throw new Error(`field "classes": ${JSON.stringify(classes).slice(0, 60)} are not ${type} labels as "labelType" says`);
  return type;
}

/** Display names of classes without names of their own: the label as Python prints it. */
export function defaultClassNames(classes: readonly Label[], labelType: LabelType): string[] {
  return classes.map((c) => pythonLabel(c, labelType));
}

/** Validates a parsed model.json; throws Error('field "x": ...') on the first problem. */
export function parseManifest(json: unknown): ModelManifest {
  const r = new SchemaReader(json);
  const format = r.any('format');
  if (format !== FORMAT) throw new Error(`field "format": expected "${FORMAT}", found ${JSON.stringify(format)} — this is not a Model Lab model`);
  const version = r.any('formatVersion');
  if (version !== FORMAT_VERSION) {
    const newer = typeof version === 'number' && version > FORMAT_VERSION;
    throw new Error(`field "formatVersion": ${JSON.stringify(version)} is not supported (this Model Lab reads version ${FORMAT_VERSION})${newer ? ' — update Model Lab' : ''}`);
  }
  const layout = r.oneOf('layout', ['separate', 'pipeline'] as const);
  const featureNames = r.stringArray('featureNames', 1);
  const classes = r.labelArray('classes', 2);
  const labelType = readLabelType(r, classes);
  const classNames = r.stringArray('classNames', classes.length);
  if (classNames.length !== classes.length) throw new Error(`field "classNames": ${classNames.length} names for ${classes.length} classes`);
  const data: ManifestData = {
    ...(r.object('data') as Record<string, unknown>),
    source: r.string('data.source'),
    path: r.string('data.path'),
    file: checkRelativeFileName(r.string('data.file'), 'data.file'),
    rows: r.integer('data.rows', 1),
    columns: r.integer('data.columns', 2),
    sha256: r.sha256('data.sha256'),
    target: r.string('data.target'),
    dropped: r.stringArray('data.dropped', 0),
    ...dataBytes(r),
  };
  const expectedColumns = featureNames.length + 1 + data.dropped.length;
  if (data.columns !== expectedColumns) {
    throw new Error(`field "data.columns": ${data.columns}, but ${featureNames.length} features, the target and ${data.dropped.length} dropped columns make ${expectedColumns}`);
  }
  const split: ManifestSplit = {
    method: r.oneOf('split.method', ['train_test_split'] as const),
    seed: r.integer('split.seed', 0, 4294967295),
    shuffle: r.oneOf('split.shuffle', [true] as const),
    trainSize: splitSize(r, 'split.trainSize'),
    testSize: splitSize(r, 'split.testSize'),
    nTrain: r.integer('split.nTrain', 1),
    nTest: r.integer('split.nTest', 1),
  };
  if (split.nTrain + split.nTest > data.rows) throw new Error(`field "split": nTrain + nTest = ${split.nTrain + split.nTest} exceeds data.rows = ${data.rows}`);
  const metrics: ManifestMetrics = {
    trainAccuracy: r.number('metrics.trainAccuracy', 0, 1),
    validAccuracy: r.number('metrics.validAccuracy', 0, 1),
    trainCorrect: r.integer('metrics.trainCorrect', 0),
    trainTotal: r.integer('metrics.trainTotal', 1),
    validCorrect: r.integer('metrics.validCorrect', 0),
    validTotal: r.integer('metrics.validTotal', 1),
  };
  const model: ModelFiles = layout === 'separate'
    ? { scaler: checkRelativeFileName(r.string('model.scaler'), 'model.scaler'), classifier: checkRelativeFileName(r.string('model.classifier'), 'model.classifier') }
    : { pipeline: checkRelativeFileName(r.string('model.pipeline'), 'model.pipeline') };
  const filesObject = r.object('files');
  const files: Record<string, string> = {};
  for (const name of Object.keys(filesObject)) {
    checkRelativeFileName(name, `files["${name}"]`);
    files[name] = r.sha256(`files.${name}`, filesObject[name]);
  }
  for (const [role, name] of Object.entries({ ...model, data: data.file })) {
    if (!(name in files)) throw new Error(`field "files": no hash recorded for ${name} (the ${role} file)`);
  }
  const search = Object.prototype.hasOwnProperty.call(json, 'search')
    ? parseSearchRecord((json as { search: unknown }).search, r.object('params.svc') as Partial<SVCParams>)
    : undefined;
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    name: modelName(r),
    created: r.isoTime('created'),
    tool: { name: r.string('tool.name'), version: r.string('tool.version') },
    layout,
    data,
    featureNames,
    classes,
    labelType,
    classNames,
    split,
    params: { scaler: { withMean: r.boolean('params.scaler.withMean'), withStd: r.boolean('params.scaler.withStd') }, svc: svcParams(r) },
    metrics,
    ...(search !== undefined ? { search } : {}),
    model,
    files,
    ...(Object.prototype.hasOwnProperty.call(json, 'git') ? { git: parseGitProvenance((json as { git: unknown }).git) } : {}),
    ...(Object.prototype.hasOwnProperty.call(json, 'imported') ? { imported: parseManifestImport((json as { imported: unknown }).imported) } : {}),
  };
}
