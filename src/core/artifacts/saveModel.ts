// Writes a model folder atomically: everything goes into a hidden temporary folder inside the models
// folder, then one rename publishes it under a name no existing model uses. Failure or abort removes it.
// The temporary folder's name records its owner (pid, start time, host), so the next save removes
// the leftovers of a killed save at once, and never those of a save that is still running.
import { nodeCrypto } from '../io/nodeCrypto';
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { osErrorCode, osUserError, placeError } from '../io/osErrors';
import { isUserError } from '../types';
import { currentOwner, ownerState, ownerTag, parseOwnerTag } from '../io/processOwner';
import { sha256Hex } from './hash';
import { MANIFEST_FILE, checkRelativeFileName } from './manifest';
import { sealManifest } from './manifestSeal';
import type { ModelManifest } from './manifest';
import { checkModelsFolder } from './modelsFolder';
import { nameCandidate } from './naming';
import { throwIfAborted } from '../abort';

export const TEMP_PREFIX = '.tmp-';
/**
 * Fallback only, for a temporary folder whose owner cannot be judged (an older Model Lab's random
 * name, another host sharing the folder, no /proc): it is removed once this old. A live save
 * finishes its few writes in seconds, so this never races one.
 */
export const STALE_TEMP_MS = 10 * 60 * 1000;
const TEMP_RANDOM_BYTES = 4;

/** A temporary folder name owned by this process: .tmp-PID-STARTTICKS-HOST-RANDOM. */
function tempFolderName(): string {
  return `${TEMP_PREFIX}${ownerTag(currentOwner())}-${nodeCrypto().randomBytes(TEMP_RANDOM_BYTES).toString('hex')}`;
}

/** Whether the save that made this temporary folder can no longer finish it. */
function isLeftover(name: string, mtimeMs: number, now: number, maxAgeMs: number): boolean {
  const tag = name.slice(TEMP_PREFIX.length).replace(/-[0-9a-f]+$/, '');
  const owner = parseOwnerTag(tag);
  const state = owner ? ownerState(owner) : 'unknown';
  if (state !== 'unknown') return state === 'gone';
  return now - mtimeMs > maxAgeMs;
}

/**
 * Removes .tmp-* folders left by saves that were killed (SIGKILL, power loss): at once when the
 * recorded owner process is gone, by age (older than maxAgeMs) where the owner cannot be judged.
 * Never removes one whose owner still runs. Returns the names removed.
 */
export async function removeStaleTempFolders(fs: FileSystem, modelsDir: string, now = Date.now(), maxAgeMs = STALE_TEMP_MS): Promise<string[]> {
  const removed: string[] = [];
  const entries = await fs.readDirectory(modelsDir).catch(() => []);
  for (const entry of entries) {
    if (!entry.name.startsWith(TEMP_PREFIX) || entry.type !== 'directory') continue;
    const path = paths.join(modelsDir, entry.name);
    const st = await fs.stat(path).catch(() => undefined);
    if (st && isLeftover(entry.name, st.mtimeMs, now, maxAgeMs)) {
      await fs.remove(path).catch(() => undefined);
      removed.push(entry.name);
    }
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
    await fs.mkdir(temp);
    const hashes: Record<string, string> = {};
    for (const [name, contents] of Object.entries(req.files)) {
      throwIfAborted(req.signal);
      const bytes = typeof contents === 'string' ? encoder.encode(contents) : contents;
      hashes[name] = sha256Hex(bytes);
      await fs.writeFile(paths.join(temp, name), bytes);
    }
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(req.signal);
      const name = nameCandidate(req.name, attempt);
      const modelDir = paths.join(req.modelsDir, name);
      if (await fs.stat(modelDir)) continue;
      const manifest: ModelManifest = { ...req.manifest, name, files: hashes } as ModelManifest;
      await fs.writeFile(paths.join(temp, MANIFEST_FILE), encoder.encode(jsonText(sealManifest(manifestInOrder(manifest)))));
      try {
        await fs.rename(temp, modelDir);
        return { modelDir, name, manifest };
      } catch (e) {
        if (await fs.stat(modelDir)) continue; // someone took the name meanwhile: try the next one
        throw e;
      }
    }
  } catch (e) {
    await fs.remove(temp).catch(() => undefined);
    throw e;
  }
}

/** Stable, readable key order in model.json (format and version first). */
function manifestInOrder(m: ModelManifest): ModelManifest {
  return {
    format: m.format, formatVersion: m.formatVersion, name: m.name, created: m.created, tool: m.tool, layout: m.layout,
    data: m.data, featureNames: m.featureNames, classes: m.classes, labelType: m.labelType, classNames: m.classNames, split: m.split,
    params: m.params, metrics: m.metrics, ...(m.search !== undefined ? { search: m.search } : {}), model: m.model, files: m.files, ...(m.git ? { git: m.git } : {}),
  };
}
