// Whether scikit-learn files were imported into a models folder before: a model there whose
// recorded files have the same bytes (sha256) as these. Importing them again is allowed (a new
// model, the next free name); VS Code asks first, the CLI says so in a note.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { sha256Hex } from '../artifacts/hash';
import { IMPORT_RECORD_FILE, type ModelManifest } from '../artifacts/manifest';
import { listModels } from '../usecases/listModels';
import { collectModelFiles } from './joblibFiles';

export interface EarlierImport {
  /** The files about to be imported (the pipeline file, or the scaler's then the classifier's). */
  readonly files: string[];
  /** The models already imported from the same bytes, oldest first (empty: none). */
  readonly models: { readonly name: string; readonly dir: string }[];
}

/** The sha256 of the files a model was imported from: model.json's "imported", else its imported-from.json. */
async function importedHashes(fs: FileSystem, dir: string, m: ModelManifest): Promise<string[] | undefined> {
  if (m.imported) return m.imported.files.map((f) => f.sha256);
  if (m.files[IMPORT_RECORD_FILE] === undefined) return undefined;
  try {
    const record = JSON.parse(new TextDecoder().decode(await fs.readFile(paths.join(dir, IMPORT_RECORD_FILE)))) as { files?: { sha256?: unknown }[] };
    const hashes = (record.files ?? []).map((f) => f.sha256);
    return hashes.every((h): h is string => typeof h === 'string') ? hashes : undefined;
  } catch {
    return undefined; // unreadable: not known to be the same files
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((h, i) => h === [...b].sort()[i]);

/** The models of `modelsDir` imported from files byte-identical to those `path` (and `classifierPath`) make. */
export async function findEarlierImport(options: { readonly path: string; readonly classifierPath?: string; readonly modelsDir: string }, fs: FileSystem): Promise<EarlierImport> {
  const files = await collectModelFiles(fs, options.path, options.classifierPath);
  const hashes = files.map((f) => sha256Hex(f.bytes));
  const models: EarlierImport['models'][number][] = [];
  // Oldest first: the listing is newest first.
  for (const s of (await listModels(options.modelsDir, fs)).reverse()) {
    if (s.status !== 'ok' || !s.manifest) continue;
    const recorded = await importedHashes(fs, s.dir, s.manifest);
    if (recorded && sameSet(recorded, hashes)) models.push({ name: s.name, dir: s.dir });
  }
  return { files: files.map((f) => f.label), models };
}

/** "scaler.joblib + classifier.joblib": the files' names, as every message names a scikit-learn model. */
export function joblibFilesLabel(files: readonly string[]): string {
  return files.map((p) => paths.basename(p)).join(' + ');
}

/** '"scaler.joblib + classifier.joblib" were imported before as "imported-course" (the same bytes)': the CLI's note, VS Code's question. */
export function importedBeforeText(e: EarlierImport): string {
  const [first, ...more] = e.models;
  const as = `"${first!.name}"${more.length > 0 ? ` and ${more.length === 1 ? `"${more[0]!.name}"` : `${more.length} more`}` : ''}`;
  return `"${joblibFilesLabel(e.files)}" ${e.files.length === 1 ? 'was' : 'were'} imported before as ${as} (the same bytes, by sha256)`;
}
