// Writes a model folder atomically and durably: everything goes into a hidden temporary folder
// inside the models folder, each file flushed to the disk, then the temporary folder is synced, one
// rename publishes it under a name no existing model uses, and the models folder is synced — so after
// "Saved" a power loss leaves the whole model, and before it no model or a whole one. Failure or abort
// removes it. The temporary folder's name records its owner (pid, start time, host) so that the next
// save can tell a killed save's leftovers (tempNames.ts) from a live save's folder.
import { nodeCrypto } from '../io/nodeCrypto';
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { osErrorCode, osUserError, placeError } from '../io/osErrors';
import { UserError, isUserError } from '../types';
import { currentOwner, ownerTag } from '../io/processOwner';
import { STALE_TEMP_MS, isAbandoned, tempFolderOwner } from '../io/tempNames';
import { sha256Hex } from './hash';
import { MANIFEST_FILE, checkRelativeFileName } from './manifest';
import { sealManifest } from './manifestSeal';
import type { ModelManifest } from './manifest';
import { checkModelsFolder } from './modelsFolder';
import { nameCandidate } from './naming';
import { throwIfAborted } from '../abort';

export const TEMP_PREFIX = '.tmp-';
export { STALE_TEMP_MS };
const TEMP_RANDOM_BYTES = 4;

/** A temporary folder name owned by this process: .tmp-PID-STARTTICKS-HOST-RANDOM. */
function tempFolderName(): string {
  return `${TEMP_PREFIX}${ownerTag(currentOwner())}-${nodeCrypto().randomBytes(TEMP_RANDOM_BYTES).toString('hex')}`;
}

/**
 * The newest change in a save's temporary folder: the folder's own time and its files' (a save
 * writes only plain files, no subfolders). Undefined when it holds anything a save does not make.
 */
async function newestChange(fs: FileSystem, dir: string, dirMtimeMs: number): Promise<number | undefined> {
  let newest = dirMtimeMs;
  for (const entry of await fs.readDirectory(dir)) {
    if (entry.type !== 'file') return undefined;
    const st = await fs.stat(paths.join(dir, entry.name));
    if (st?.type !== 'file') return undefined;
    newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/**
 * Removes the temporary folders of saves that were killed (SIGKILL, power loss): only folders named
 * exactly as a save names them, holding only plain files, whose owner is not running here and in
 * which nothing changed for maxAgeMs (tempNames.ts: a pid not found here may be a live save in
 * another PID namespace). Never touches any other ".tmp-*". Returns the names removed.
 */
export async function removeStaleTempFolders(fs: FileSystem, modelsDir: string, now = Date.now(), maxAgeMs = STALE_TEMP_MS): Promise<string[]> {
  const removed: string[] = [];
  const entries = await fs.readDirectory(modelsDir).catch(() => []);
  for (const entry of entries) {
    if (!entry.name.startsWith(TEMP_PREFIX) || entry.type !== 'directory') continue;
    const owner = tempFolderOwner(entry.name.slice(TEMP_PREFIX.length));
    if (!owner) continue;
    const path = paths.join(modelsDir, entry.name);
    const st = await fs.stat(path).catch(() => undefined);
    if (st?.type !== 'directory') continue;
    const newest = await newestChange(fs, path, st.mtimeMs).catch(() => undefined);
    if (newest === undefined || !isAbandoned(owner, newest, now, maxAgeMs)) continue;
    await fs.remove(path).then(() => removed.push(entry.name), () => undefined);
  }
  return removed;
}

export interface SaveRequest {
  readonly modelsDir: string;
  readonly name: string;
  /** File name → contents (JSON files already serialized). */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** Everything but name and files, which are filled in here. */
  readonly manifest: Omit<ModelManifest, 'name' | 'files'>;
  readonly signal?: AbortSignal;
}

export interface SavedModel {
  readonly modelDir: string;
  readonly name: string;
  readonly manifest: ModelManifest;
}

const encoder = new TextEncoder();

/**
 * JSON as saved in a model folder: objects indented, a list of numbers or strings on one line
 * (a support vector per line), numbers as JSON.stringify writes them (shortest round trip).
 */
export function jsonText(value: unknown): string {
  return layout(value, '') + '\n';
}

function layout(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return JSON.stringify(v);
    const inner = indent + '  ';
    return `[\n${v.map((x) => inner + layout(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${layout(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

/**
 * Saves a model folder under req.name (or name-2, name-3 … when taken). Throws UserError for a
 * models folder that is a link, or when the disk refuses (permission, read-only, full: named by
 * the models folder, with what to do); nothing is left behind then — not the temporary folder,
 * nor a models folder this save created.
 */
export async function saveModel(fs: FileSystem, req: SaveRequest): Promise<SavedModel> {
  throwIfAborted(req.signal);
  for (const name of Object.keys(req.files)) checkRelativeFileName(name, `files["${name}"]`);
  const existed = await checkModelsFolder(fs, req.modelsDir);
  try {
    if (!existed) await (await makeFolderForWatchers(fs, req.modelsDir)).paused;
    return await saveInto(fs, req);
  } catch (e) {
    // A models folder this save created and nothing else uses goes again.
    const left = existed ? undefined : await fs.readDirectory(req.modelsDir).catch(() => undefined);
    if (left?.length === 0) await fs.remove(req.modelsDir).catch(() => undefined);
    throw modelsFolderError(e, req.modelsDir);
  }
}

const MODELS_FOLDER_CHOICE = { option: 'out', text: 'choose another models folder ({option})', settingText: 'choose another models folder ({option})' } as const;

/** A models folder the path cannot lead to: missing and not creatable there (/proc/models), or below a file. */
const PATH_CAUSES: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist and could not be created', FileNotFound: 'it does not exist and could not be created',
  ENOTDIR: 'a part of the path is a file, not a folder', FileNotADirectory: 'a part of the path is a file, not a folder',
};

/**
 * The disk's refusal (permission, read-only, full, a path that leads nowhere) of a models folder in
 * the user's terms, naming it and how to choose another (a front end's setting: --out); other errors
 * as they are.
 */
function modelsFolderError(e: unknown, modelsDir: string): unknown {
  const code = isUserError(e) ? undefined : osErrorCode(e);
  const cause = code !== undefined ? PATH_CAUSES[code] : undefined;
  if (cause !== undefined) {
    const fix = { ...MODELS_FOLDER_CHOICE, text: `check the path, or ${MODELS_FOLDER_CHOICE.text}`, settingText: `check the path, or ${MODELS_FOLDER_CHOICE.settingText}` };
    return placeError(`${modelsDir}: cannot save the model in this models folder — ${cause}`, fix, '; ');
  }
  return osUserError(e, { path: modelsDir, doing: 'cannot save the model in this models folder', choose: MODELS_FOLDER_CHOICE }) ?? e;
}

/**
 * After a folder is created, the pause before anything is made inside it. VS Code's file watcher on
 * Linux (@parcel/watcher over inotify) starts watching a new folder only once it has seen it appear;
 * a folder made inside it before then is never watched, so the first model saved into a new models
 * folder never showed its files edited later as "changed" (the flaky pair of real-VS-Code tests). The
 * watcher alone, a new folder and one made inside it at once: 3 of 40 missed on an idle machine, 28
 * of 40 on a busy one; with 5 ms between them 1 of 40 busy; with 20 or 50 ms none of 100 busy
 * (node scripts/vscode/watcherRace.mjs TRIALS PAUSE_MS).
 */
export const NEW_FOLDER_PAUSE_MS = 50;

/**
 * Creates `dir` and every missing folder above it one at a time, each made NEW_FOLDER_PAUSE_MS after
 * the one before; adds each to `made` (outermost first), also when a later one fails. Resolves once
 * the last is made, with its own pause (`paused`) still running: nothing may go into it before that.
 */
async function makeFolderForWatchers(fs: FileSystem, dir: string, made: string[] = []): Promise<{ paused: Promise<void> }> {
  const missing: string[] = [];
  for (let d = dir; paths.dirname(d) !== d && !(await fs.stat(d)); d = paths.dirname(d)) missing.unshift(d);
  let paused = Promise.resolve();
  for (const d of missing) {
    await paused;
    await fs.mkdir(d);
    made.push(d);
    paused = new Promise((resolve) => setTimeout(resolve, NEW_FOLDER_PAUSE_MS));
  }
  return { paused };
}

/** A models folder made before the run that saves into it fits (makeModelsFolderAhead). */
export interface ModelsFolderAhead {
  /** Settles once the folder's pause is over: the first save may start then. */
  readonly ready: Promise<void>;
  /** Removes again the folders made here that are still empty: for a run that ends without saving (cancelled, refused). */
  undo(): Promise<void>;
}

/**
 * Makes a missing models folder before the run that saves into it fits (train, a sweep), so that the
 * folder's NEW_FOLDER_PAUSE_MS passes during the fit instead of after it: the first model into a new
 * folder waited 50 ms with nothing to do. Resolves once the folder is made (the pauses between new
 * nested folders are still waited here). Only a plain missing folder is made: a link or a file in its
 * place is refused by the save as before. A folder the disk refuses (permission, read-only, full) is
 * refused now as the save would refuse it — before the fit, not after it — and leaves nothing.
 */
export async function makeModelsFolderAhead(fs: FileSystem, modelsDir: string): Promise<ModelsFolderAhead> {
  const made: string[] = [];
  const undoMade = async () => {
    for (const d of [...made].reverse()) {
      if ((await fs.readDirectory(d).catch(() => undefined))?.length !== 0) return;
      await fs.remove(d).catch(() => undefined);
    }
  };
  let ready: Promise<void>;
  try {
    ready = (await makeFolderForWatchers(fs, modelsDir, made)).paused;
  } catch (e) {
    await undoMade();
    throw modelsFolderError(e, modelsDir);
  }
  return {
    ready,
    undo: async () => {
      await ready;
      await undoMade();
    },
  };
}

/**
 * Runs `fitThenSave` with the models folder made ahead (makeModelsFolderAhead): its pause passes
 * during the fit; `folderReady` settles before the save may start; the folders made here go again
 * when it throws (a cancel, a refusal, a failed save).
 */
export async function withModelsFolderAhead<T>(fs: FileSystem, modelsDir: string, fitThenSave: (folderReady: Promise<void>) => Promise<T>): Promise<T> {
  const folder = await makeModelsFolderAhead(fs, modelsDir);
  try {
    return await fitThenSave(folder.ready);
  } catch (e) {
    await folder.undo();
    throw e;
  }
}

async function saveInto(fs: FileSystem, req: SaveRequest): Promise<SavedModel> {
  await fs.mkdir(req.modelsDir);
  await removeStaleTempFolders(fs, req.modelsDir);
  const temp = paths.join(req.modelsDir, tempFolderName());
  try {
    await fs.mkdir(temp, { syncParent: false }); // published by the rename, which syncs the models folder
    const hashes: Record<string, string> = {};
    // Each file is flushed as it is written; the folder's names once, before the rename (cheaper
    // than a folder sync per file, and as safe: nothing is published before it).
    const write = (name: string, bytes: Uint8Array) => fs.writeFile(paths.join(temp, name), bytes, { syncFolder: false });
    // All at once: their fsyncs overlap (ext4 commits them together): a sweep of 8 then costs no
    // more than before the fsyncs (docs/artifact-format.md, Durability).
    throwIfAborted(req.signal);
    // Settled, not raced: the folder is removed on failure only once no write is still going on.
    const written = await Promise.allSettled(Object.entries(req.files).map(([name, contents]) => {
      const bytes = typeof contents === 'string' ? encoder.encode(contents) : contents;
      hashes[name] = sha256Hex(bytes);
      return write(name, bytes);
    }));
    for (const w of written) if (w.status === 'rejected') throw w.reason;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(req.signal);
      const name = nameCandidate(req.name, attempt);
      const modelDir = paths.join(req.modelsDir, name);
      if (await fs.stat(modelDir)) continue;
      const manifest: ModelManifest = { ...req.manifest, name, files: hashes } as ModelManifest;
      await write(MANIFEST_FILE, encoder.encode(jsonText(sealManifest(manifestInOrder(manifest)))));
      await fs.syncFolder(temp);
      try {
        await fs.rename(temp, modelDir); // syncs the models folder
        return { modelDir, name, manifest };
      } catch (e) {
        if (await fs.stat(modelDir)) continue; // someone took the name meanwhile: try the next one
        throw e;
      }
    }
  } catch (e) {
    const error = await vanishedTempError(fs, e, req.modelsDir, temp);
    await fs.remove(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * A save whose temporary folder was removed under it (another program, or an older Model Lab cleaning
 * up) said "does not exist and could not be created" of a models folder that is there: said as it is.
 */
async function vanishedTempError(fs: FileSystem, e: unknown, modelsDir: string, temp: string): Promise<unknown> {
  const code = osErrorCode(e);
  if (code !== 'ENOENT' && code !== 'FileNotFound') return e;
  if ((await fs.stat(modelsDir).catch(() => undefined))?.type !== 'directory' || (await fs.stat(temp).catch(() => undefined))) return e;
  return new UserError(
    `${modelsDir}: the model could not be saved — its temporary folder ${paths.basename(temp)} was removed by something else while the model was being written; ` +
      'nothing was saved: train again, and check what cleans hidden folders there',
  );
}

/** Stable, readable key order in model.json (format and version first). */
function manifestInOrder(m: ModelManifest): ModelManifest {
  return {
    format: m.format, formatVersion: m.formatVersion, name: m.name, created: m.created, tool: m.tool, layout: m.layout,
    data: m.data, featureNames: m.featureNames, classes: m.classes, labelType: m.labelType, classNames: m.classNames, split: m.split,
    params: m.params, metrics: m.metrics, ...(m.search !== undefined ? { search: m.search } : {}), model: m.model, files: m.files, ...(m.git ? { git: m.git } : {}),
    ...(m.imported ? { imported: m.imported } : {}),
  };
}
