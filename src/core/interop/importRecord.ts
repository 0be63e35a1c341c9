// An imported model's imported-from.json, read back for its exports: the release, column names,
// step names and set_output settings of the files it came from, and whether refitting it on its split
// gives it again. The manifest's hashes cover the file; undefined for a model Model Lab trained.
import { paths as posix, type FileSystem } from '../io/fileSystem';
import { isExportableSklearnVersion } from './sklearn/sklearnVersion';
import { IMPORT_RECORD_FILE } from '../artifacts/manifest';
import { extrasFromRecord, type SklearnExtras } from './sklearn/sklearnExtras';

/** What an imported model's imported-from.json says about the files it came from. */
export interface ImportRecord {
  /** Their release, when Model Lab writes for it (exporting goes back to it). */
  readonly sklearnVersion?: string;
  /** Their feature_names_in_: null when fitted on a NumPy array; undefined when the record does not say. */
  readonly featureNamesIn?: string[] | null;
  /** A Pipeline's step names (make_pipeline's 'standardscaler', 'svc'); undefined for a pair of files. */
  readonly stepNames?: readonly [string, string];
  /** What the files held beyond the model (copy, set_output, the SVC's own names and rows, verbose). */
  readonly extras: SklearnExtras;
  /** Whether refitting on the recorded split gave the model again (undefined: imported before it was checked). */
  readonly refitOnSplit?: { readonly same: boolean; readonly trainAccuracy?: number; readonly validAccuracy?: number };
}

function refitOf(v: unknown): ImportRecord['refitOnSplit'] {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  if (typeof r.same !== 'boolean') return undefined;
  const acc = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
  const train = acc(r.trainAccuracy);
  const valid = acc(r.validAccuracy);
  return { same: r.same, ...(train !== undefined && valid !== undefined ? { trainAccuracy: train, validAccuracy: valid } : {}) };
}

/**
 * An imported model's imported-from.json (which the manifest's hashes cover); undefined for a model
 * Model Lab trained.
 */
export async function readImportRecord(fs: FileSystem, modelDir: string, recorded: Readonly<Record<string, string>>, nFeatures: number): Promise<ImportRecord | undefined> {
  if (recorded[IMPORT_RECORD_FILE] === undefined) return undefined;
  try {
    const record = JSON.parse(new TextDecoder().decode(await fs.readFile(posix.join(modelDir, IMPORT_RECORD_FILE)))) as Record<string, unknown>;
    const v = record.sklearnVersion;
    const names = record.featureNamesIn;
    const steps = record.pipelineStepNames;
    const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((n) => typeof n === 'string');
    return {
      sklearnVersion: typeof v === 'string' && isExportableSklearnVersion(v) ? v : undefined,
      featureNamesIn: names === null ? null : isStrings(names) ? names : undefined,
      stepNames: isStrings(steps) && steps.length === 2 && steps[0] !== steps[1] && !steps.includes('') ? [steps[0]!, steps[1]!] : undefined,
      extras: extrasFromRecord(record.sklearnExtras, nFeatures),
      refitOnSplit: refitOf(record.refitOnSplit),
    };
  } catch {
    return undefined; // loadModel checked the file's hash: only a folder changed since then gets here
  }
}
