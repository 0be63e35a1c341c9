// Operations on a saved model's folder that the user starts by hand: rename it (folder and the
// manifest's name together) and delete it in a way that can be undone (the folder is moved into a
// hidden holding folder beside it, byte for byte, and removed for good only later).
import { nodeCrypto } from '../io/nodeCrypto';
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError } from '../types';
import { MANIFEST_FILE } from './manifest';
import { manifestSeal, sealManifest } from './manifestSeal';
import { checkModelName, nameCandidate } from './naming';
import { jsonText } from './saveModel';
import { parseJson } from './modelFileReader';
import { osUserError, withOsErrors } from '../io/osErrors';

/** Prefix of the hidden folders that hold deleted models until they are removed for good. */
export const DELETED_PREFIX = '.deleted-';

/** A deleted model that can still be restored. */
export interface HeldModel {
  /** Where the folder was (and is restored to). */
  readonly modelDir: string;
  /** Where it is held meanwhile. */
  readonly heldDir: string;
}

const encoder = new TextEncoder();

/**
 * Moves the model folder into a new hidden holding folder in the same models folder (one rename:
 * nothing is copied, every byte stays). Listings skip hidden folders, so the model is gone for the
 * user until restoreModel puts it back.
 */
export async function holdDeletedModel(fs: FileSystem, modelDir: string): Promise<HeldModel> {
  const holder = paths.join(paths.dirname(modelDir), DELETED_PREFIX + nodeCrypto().randomBytes(6).toString('hex'));
  const heldDir = paths.join(holder, paths.basename(modelDir));
  // Said about the model, not the hidden holding folder the user never sees.
  await withOsErrors({ path: modelDir, doing: 'cannot delete the model', unchanged: 'nothing was deleted' }, async () => {
    await fs.mkdir(holder);
    try {
      await fs.rename(modelDir, heldDir);
    } catch (e) {
      await fs.remove(holder).catch(() => undefined);
      throw e;
    }
  });
  return { modelDir, heldDir };
}

/**
 * Puts a held model back where it was; when that name has been taken meanwhile, under the first free
 * name-2, name-3 … (its model.json renamed with it). Returns the folder it is back in.
 */
export async function restoreModel(fs: FileSystem, held: HeldModel): Promise<string> {
  const dir = paths.dirname(held.modelDir);
  const name = paths.basename(held.modelDir);
  let target = held.modelDir;
  let heldDir = held.heldDir;
  if (await fs.stat(target)) {
    let attempt = 2;
    while (await fs.stat(paths.join(dir, nameCandidate(name, attempt)))) attempt++;
    // Renamed inside its holding folder first (folder and model.json together), then moved back.
    heldDir = await renameModel(fs, held.heldDir, nameCandidate(name, attempt));
    target = paths.join(dir, nameCandidate(name, attempt));
  }
  await fs.rename(heldDir, target);
  await fs.remove(paths.dirname(held.heldDir));
  return target;
}

/** Removes a held model for good. */
export async function purgeHeldModel(fs: FileSystem, held: HeldModel): Promise<void> {
  await fs.remove(paths.dirname(held.heldDir));
}

/**
 * Removes holding folders left by a window that closed (or reloaded) before its deletions were final:
 * those made at least `olderThanMs` ago, so that another window's deletion can still be undone.
 */
export async function purgeDeletedModels(fs: FileSystem, modelsDir: string, olderThanMs = 0): Promise<void> {
  const entries = await fs.readDirectory(modelsDir).catch(() => []);
  for (const e of entries) {
    if (!e.name.startsWith(DELETED_PREFIX)) continue;
    const holder = paths.join(modelsDir, e.name);
    const st = await fs.stat(holder).catch(() => undefined);
    if (st?.type === 'directory' && Date.now() - st.mtimeMs >= olderThanMs) await fs.remove(holder).catch(() => undefined);
  }
}

/**
 * Renames a model: the folder (never over an existing one) and the `name` in its model.json. The
 * manifest is not among the hashed files, so every recorded hash stays valid; its own seal is renewed.
 * Returns the new folder's path.
 */
export async function renameModel(fs: FileSystem, modelDir: string, newName: string): Promise<string> {
  checkModelName(newName);
  const target = paths.join(paths.dirname(modelDir), newName);
  if (target === modelDir) return modelDir;
  if (await fs.stat(target)) throw new UserError(`a model named "${newName}" exists already in ${paths.dirname(modelDir)}: choose another name`);
  const manifestPath = paths.join(modelDir, MANIFEST_FILE);
  const json = parseJson(await withOsErrors({ path: manifestPath, doing: 'cannot read it', unchanged: 'the model keeps its name', access: 'read' }, () => fs.readFile(manifestPath)), manifestPath);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UserError(`${manifestPath}: expected a JSON object — the file was edited or damaged; it keeps its name`);
  const manifest = json as Record<string, unknown>;
  await withOsErrors({ path: modelDir, doing: `cannot rename it to "${newName}"`, unchanged: 'the model keeps its name' }, () => fs.rename(modelDir, target));
  try {
    // Sealed again only if it was as saved: a rename must not make an edited model.json look saved.
    const renamed = { ...manifest, name: newName };
    await fs.writeFile(paths.join(target, MANIFEST_FILE), encoder.encode(jsonText(manifestSeal(manifest) === 'intact' ? sealManifest(renamed) : renamed)));
  } catch (e) {
    await fs.rename(target, modelDir).catch(() => undefined);
    throw osUserError(e, { path: paths.join(modelDir, MANIFEST_FILE), doing: 'cannot write the new name into it', unchanged: 'the model keeps its name' }) ?? e;
  }
  return target;
}
