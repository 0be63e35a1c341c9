// Which folders of a models folder are models: exactly those that hold a model.json. Anything else
// (a scratch/ notes folder, an empty folder) is "not a model": never listed as a model, never
// counted, never offered for deletion as one. Hidden folders (in-progress saves: .tmp-*) and plain
// files are not looked at; links are reported as models so that listings can show them as damaged
// without following them (a link could lead anywhere).
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { isUserError } from '../types';
import { anyOsUserError } from '../io/osErrors';
import { MANIFEST_FILE } from '../artifacts/manifest';
import type { ModelSummary } from './contracts';

/** A folder of the models folder that is not a model. */
export interface NotAModel {
  readonly name: string;
  /** Absolute path of the folder. */
  readonly dir: string;
  readonly reason: 'no model.json';
}

export interface ModelsFolderContents {
  /** Names of the folders holding a model.json (and links), in directory order. */
  readonly models: string[];
  /** Names of the links among them (listed, never followed). */
  readonly links: string[];
  readonly notModels: NotAModel[];
}

/** Whether a folder of the models folder is a model: it holds a model.json (or cannot be looked into). */
export async function holdsManifest(fs: FileSystem, dir: string): Promise<boolean> {
  try {
    return (await fs.stat(paths.join(dir, MANIFEST_FILE))) !== undefined;
  } catch {
    return true; // cannot look inside (permissions): a listing shows it with the reason
  }
}

/** Sorts the entries of a models folder into models and not-models; an absent folder has neither. */
export async function modelsFolderContents(modelsDir: string, fs: FileSystem): Promise<ModelsFolderContents> {
  const st = await fs.stat(modelsDir).catch(() => undefined);
  if (!st || st.type !== 'directory') return { models: [], links: [], notModels: [] };
  const models: string[] = [];
  const links: string[] = [];
  const notModels: NotAModel[] = [];
  for (const entry of await fs.readDirectory(modelsDir)) {
    if (entry.name.startsWith('.') || entry.type === 'file') continue;
    if (entry.type !== 'directory') {
      models.push(entry.name);
      links.push(entry.name);
      continue;
    }
    const dir = paths.join(modelsDir, entry.name);
    if (await holdsManifest(fs, dir)) models.push(entry.name);
    else notModels.push({ name: entry.name, dir, reason: 'no model.json' });
  }
  return { models, links, notModels };
}

/** The folders of a models folder that are not models (no model.json), for a "not a model" note. */
export async function listNotModels(modelsDir: string, fs: FileSystem): Promise<NotAModel[]> {
  return (await modelsFolderContents(modelsDir, fs)).notModels;
}

/** A link among the models, as listings show it: damaged, never followed (it could lead anywhere). */
export function linkSummary(modelsDir: string, name: string): ModelSummary {
  const dir = paths.join(modelsDir, name);
  return { name, dir, status: 'damaged', error: `${dir}: is a link or special file, not a model folder — move the model folder itself here`, mtimeMs: 0 };
}

/**
 * After a model folder of a listing failed to load: whether it is still a model. A folder removed
 * (or being removed: `rm -rf` takes model.json before the folder) between the listing's directory
 * read and the model's read is gone, not damaged: the listing leaves it out. One that cannot be
 * looked at (permissions) is still listed, with its reason.
 */
export async function stillAModel(fs: FileSystem, dir: string): Promise<boolean> {
  let st;
  try {
    st = await fs.stat(dir);
  } catch {
    return true;
  }
  if (st === undefined || st.type === 'file') return false;
  return st.type !== 'directory' || holdsManifest(fs, dir);
}

/** A model folder that failed to load, as listings show it: damaged, with the reason in the user's words (never the OS's raw text). */
export function damagedSummary(name: string, dir: string, mtimeMs: number, e: unknown): ModelSummary {
  const error = isUserError(e) ? e.message : anyOsUserError(e)?.message ?? (e instanceof Error ? e.message : String(e));
  return { name, dir, status: 'damaged', error, mtimeMs };
}
