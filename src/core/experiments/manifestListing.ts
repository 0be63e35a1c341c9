// A listing of the models folder that re-reads only what changed. listModels loads every folder
// completely (all files read and hashed) on every call; with hundreds of models a Compare view
// refreshing on each file event would re-read megabytes. This cache remembers each folder's
// summary under a key made of cheap stats — the folder's mtime (changes when files are added,
// removed or renamed) and model.json's mtime and size (changes when it is rewritten in place) —
// and in 'files' mode also every file's mtime and size, so an edited classifier.json is
// checked again. Unchanged folders cost stats (and in 'files' mode a folder listing), no reads.
// This file holds the listing itself and loads nothing of the SVM: in 'manifest' mode it is what the
// extension's Saved Models view uses at its first paint. ManifestCache (manifestCache.ts) adds 'files'.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { readManifest } from '../artifacts/modelFileReader';
import type { ModelManifest } from '../artifacts/manifest';
import { MANIFEST_FILE } from '../artifacts/manifest';
import { checkModelsFolder } from '../artifacts/modelsFolder';
import type { ModelSummary } from '../usecases/contracts';
import { newestFirst, summaryOf } from '../usecases/modelSummary';
import { damagedSummary, holdsManifest, linkSummary, modelsFolderContents, stillAModel, type NotAModel } from '../usecases/modelFolders';

/**
 * 'manifest': read and check model.json only (schema, format, version) — fast, enough for a table;
 * files are not hashed, so status 'ok' means "the manifest is sound".
 * 'files': what listModels does — load the model, checking every file's sha256 and the parts.
 */
export type VerifyLevel = 'manifest' | 'files';

export interface ManifestCacheOptions {
  verify?: VerifyLevel;
  /** Folders examined at the same time (stats and reads overlap; default 32). */
  concurrency?: number;
}

/**
 * Reads one model folder completely ('files' mode): every file checked against its hash. Given by
 * ManifestCache (loadModel), so that this file loads nothing of the SVM.
 */
export type FolderLoader = (fs: FileSystem, dir: string) => Promise<ModelManifest>;

export interface ListStats {
  /** Folders listed. */
  folders: number;
  /** Folders whose summary came from the cache. */
  reused: number;
  /** Folders read again (new or changed). */
  read: number;
}

interface Entry {
  readonly key: string;
  readonly summary: ModelSummary;
}

export class ManifestListing {
  private readonly entries = new Map<string, Entry>();
  private readonly verify: VerifyLevel;
  private readonly concurrency: number;
  /** What the last list() did. */
  lastStats: ListStats = { folders: 0, reused: 0, read: 0 };
  /** The folders the last list() found that are not models (no model.json): to show as such, never as models. */
  lastNotModels: NotAModel[] = [];

  /**
   * `loadFolder` reads a folder in 'files' mode (required there; ManifestCache gives loadModel).
   * Throws when verify is 'files' without it.
   */
  constructor(private readonly fs: FileSystem, options: ManifestCacheOptions = {}, private readonly loadFolder?: FolderLoader) {
    this.verify = options.verify ?? 'manifest';
    this.concurrency = Math.max(1, options.concurrency ?? 32);
    if (this.verify === 'files' && !loadFolder) throw new Error('ManifestListing: verify "files" needs a folder loader (use ManifestCache)');
  }

  /**
   * The models folder's model folders, newest first, like listModels; damaged ones included.
   * Throws UserError when the models folder is a symbolic link (checkModelsFolder).
   */
  async list(modelsDir: string): Promise<ModelSummary[]> {
    const stats: ListStats = { folders: 0, reused: 0, read: 0 };
    this.lastStats = stats;
    if (!(await checkModelsFolder(this.fs, modelsDir))) return [];
    // Folders without a model.json are not models (modelFolders.ts); links are listed as damaged.
    const contents = await modelsFolderContents(modelsDir, this.fs);
    this.lastNotModels = contents.notModels;
    const names = contents.models;
    const found: (ModelSummary | undefined)[] = new Array(names.length);
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const i = next++;
        found[i] = contents.links.includes(names[i]) ? linkSummary(modelsDir, names[i]) : await this.summary(modelsDir, names[i], stats);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, names.length) }, worker));
    // Folders removed while the listing ran have no summary: they are left out.
    const out = found.filter((s): s is ModelSummary => s !== undefined);
    stats.folders = names.length;
    // Forget folders that are gone, so the cache does not grow without bound.
    const present = new Set(out.map((s) => s.dir));
    for (const dir of this.entries.keys()) if (paths.dirname(dir) === modelsDir && !present.has(dir)) this.entries.delete(dir);
    return out.sort(newestFirst);
  }

  /**
   * One model folder of the models folder, as list() would give it, without listing the others
   * (a results tab restored after a reload paints before the whole folder is listed). Undefined
   * when list() would not list it: no such folder, a folder without model.json, a models folder
   * that is missing or a link. A link among the models is a damaged entry, as in list().
   */
  async one(modelsDir: string, name: string): Promise<ModelSummary | undefined> {
    if (name === '' || name.startsWith('.') || name.includes('/')) return undefined;
    if (!(await checkModelsFolder(this.fs, modelsDir))) return undefined;
    const dir = paths.join(modelsDir, name);
    const st = await this.fs.stat(dir).catch(() => undefined);
    if (!st || st.type === 'file') return undefined;
    if (st.type !== 'directory') return linkSummary(modelsDir, name);
    if (!(await holdsManifest(this.fs, dir))) return undefined;
    return this.summary(modelsDir, name, { folders: 0, reused: 0, read: 0 });
  }

  /** Drops one folder (or everything) from the cache, e.g. after a file event the stats may miss. */
  invalidate(dir?: string): void {
    if (dir === undefined) this.entries.clear();
    else this.entries.delete(dir);
  }

  /** The folder's summary; undefined when it was removed while being read (it is no model any more). */
  private async summary(modelsDir: string, name: string, stats: ListStats): Promise<ModelSummary | undefined> {
    const dir = paths.join(modelsDir, name);
    const dirStat = await this.fs.stat(dir).catch(() => undefined);
    const mtimeMs = dirStat?.mtimeMs ?? 0;
    const key = await this.keyOf(dir, mtimeMs);
    const cached = this.entries.get(dir);
    if (cached && cached.key === key) {
      stats.reused++;
      return cached.summary;
    }
    stats.read++;
    let summary: ModelSummary;
    try {
      const manifest = this.verify === 'files' && this.loadFolder ? await this.loadFolder(this.fs, dir) : await readManifest(this.fs, dir);
      summary = summaryOf(name, dir, mtimeMs, manifest);
    } catch (e) {
      if (!(await stillAModel(this.fs, dir))) return undefined;
      summary = damagedSummary(name, dir, mtimeMs, e);
    }
    // Key computed before reading: a change during the read shows up as a new key next time.
    this.entries.set(dir, { key, summary });
    return summary;
  }

  private async keyOf(dir: string, mtimeMs: number): Promise<string> {
    const stamp = async (file: string) => {
      const s = await this.fs.stat(paths.join(dir, file)).catch(() => undefined);
      return s ? `${s.mtimeMs}/${s.size}` : '-';
    };
    const parts = [String(mtimeMs), await stamp(MANIFEST_FILE)];
    if (this.verify === 'files') {
      // Every file of the folder by its stats (no reads): an edited classifier.json, a repaired
      // damaged folder or a replaced data.csv all change the key.
      const files = await this.fs.readDirectory(dir).catch(() => []);
      for (const f of files.map((e) => e.name).sort()) if (f !== MANIFEST_FILE) parts.push(`${f}=${await stamp(f)}`);
    }
    return parts.join('|');
  }
}
