// model.json's optional "imported" field: the scikit-learn files an imported model came from (their
// names, sha256 and release), so that every view can say where the model came from without reading
// imported-from.json, and an import of the same bytes can find it. docs/artifact-format.md.

/** Where an imported model records the scikit-learn files it came from (model-lab import). */
export const IMPORT_RECORD_FILE = 'imported-from.json';

/** One file an import read: its name (no folder) and the sha256 of its bytes. */
export interface ImportedFile {
  readonly name: string;
  readonly sha256: string;
}

export interface ManifestImport {
  readonly from: 'scikit-learn';
  /** The release the files record (their _sklearn_version). */
  readonly sklearnVersion: string;
  /** The pipeline file, or the scaler's then the classifier's. */
  readonly files: readonly ImportedFile[];
}

/** Checks the field as model.json holds it; throws Error('field "imported…": …') on the first problem. */
export function parseManifestImport(value: unknown): ManifestImport {
  const fail = (key: string, what: string): never => {
    throw new Error(`field "imported${key}": expected ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('', 'an object');
  const v = value as Record<string, unknown>;
  if (v.from !== 'scikit-learn') fail('.from', '"scikit-learn"');
  if (typeof v.sklearnVersion !== 'string' || !/^\d+\.\d+[\w.+-]{0,30}$/.test(v.sklearnVersion)) fail('.sklearnVersion', 'a scikit-learn release such as "1.2.1"');
  if (!Array.isArray(v.files) || v.files.length < 1 || v.files.length > 2) fail('.files', 'one or two files');
  const files = (v.files as unknown[]).map((f, i): ImportedFile => {
    const o = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    if (typeof o.name !== 'string' || o.name === '' || o.name.length > 255 || /[/\\]/.test(o.name)) fail(`.files[${i}].name`, 'a file name');
    if (typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256)) fail(`.files[${i}].sha256`, 'a sha256 (64 lowercase hex digits)');
    return { name: o.name as string, sha256: o.sha256 as string };
  });
  return { from: 'scikit-learn', sklearnVersion: v.sklearnVersion as string, files };
}
