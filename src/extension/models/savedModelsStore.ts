// The list of saved models, kept in step with the disk: a debounced FileSystemWatcher per models
// folder sees models trained here, written by the CLI, or deleted by hand. Listing goes through
// the core's ManifestListing (one per models folder, kept across refreshes): only model.json is read
// and only for folders whose stats changed, so 1,000 models list in milliseconds. It is part of the
// extension's own bundle: the first paint of the view does not load the engine (dist/engine.js).
// Every file's sha256 is still checked by Validate.
import { sweepHeldModelsLater } from './heldModels';
import * as vscode from 'vscode';
import { posix as paths } from 'node:path';
import { ManifestListing, engine, newestFirst, nodeListingFileSystem, type FileChange, type FileSystem, type ModelManifest, type ModelSummary } from '../engine';
import { CONTEXT_KEYS } from '../contributions';
import { allModelsLocations, isInside, type ModelsLocation } from './modelLocations';
import type { OutputLog } from '../ui/outputLog';
import { errorMessage } from '../ui/notifier';

/** One folder of a models folder, as the Saved Models view lists it (readable or damaged). */
export interface StoredModel {
  readonly name: string;
  /** Core path of the model folder. */
  readonly dir: string;
  readonly mtimeMs: number;
  readonly manifest?: ModelManifest;
  /** Why the model cannot be used (damaged); undefined when it is fine. */
  readonly error?: string;
  /** Files that changed since the model was saved (their sha256 differs); undefined or empty: none seen. */
  readonly changes?: readonly FileChange[];
  readonly location: ModelsLocation;
  readonly uri: vscode.Uri;
  /** The core's summary (what Compare Models turns into a row). */
  readonly summary: ModelSummary;
}

const DEBOUNCE_MS = 300;
const MAX_WAIT_MS = 1000;
/**
 * The one check of every model's files (edits made while the window was closed) waits this long
 * after the first listing: hashing 1,000 models takes about 2 s of CPU, and started at once it
 * slowed the first results editor opened meanwhile from 376 to 554 ms (median of 3 code-server
 * sessions each, `node bench/run.mjs --only models`). A results editor checks its own model anyway.
 */
const CHECK_ALL_AFTER_MS = 2000;

export class SavedModelsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly problemsChanged = new vscode.EventEmitter<void>();
  /** Fires when `problems` changed. */
  readonly onDidChangeProblems = this.problemsChanged.event;
  /**
   * Why a models folder could not be listed (a link, a file, an OS error), one line each: the view
   * shows them in place of "No saved models yet", which would be untrue.
   */
  problems: readonly string[] = [];
  private models: StoredModel[] = [];
  private watchers: vscode.Disposable[] = [];
  /** Whether `watchers` are up (the first load starts them, rewatch() restarts them). */
  private watching = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the first file event of the pending refresh came (scheduleRefresh). */
  private firstEventAt: number | undefined;
  private loading: Promise<void> | undefined;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** One cache per models folder URI. */
  private readonly caches = new Map<string, ManifestListing>();
  /** What the last hash check of each model folder (URI) found changed since saving. */
  private readonly changes = new Map<string, readonly FileChange[]>();
  /** Model folders (URIs) to check again: any file event inside them, and all of them once. */
  private readonly toCheck = new Set<string>();
  private checking: Promise<void> | undefined;
  private checkedAll = false;
  private checkAllTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set once the first listing is in: find() answers from it from then on. */
  private listed = false;
  /** Running batch() calls: file events wait for their end instead of refreshing halfway. */
  private batches = 0;

  constructor(private readonly log: OutputLog) {
    // The file watchers start with the first listing (load), not here: activate() runs while the
    // extension host does nothing else, and creating them (with the first read of the settings) took
    // 1–14 ms of it in code-server. Nothing before the first listing needs them.
    const touched = (uri: vscode.Uri) => this.onFileEvent(uri);
    this.subscriptions.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rewatch()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('modelLab.modelsFolder')) this.rewatch();
      }),
      // What VS Code itself writes (an editor's save, the Explorer's create, delete, rename) it also
      // reports here, whether or not its file watcher delivers the event: an artifact saved from the
      // editor must show as changed even when the watcher is late or drops it.
      vscode.workspace.onDidSaveTextDocument((d) => touched(d.uri)),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach(touched)),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach(touched)),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => { touched(f.oldUri); touched(f.newUri); })),
    );
  }

  /** Saved models of all workspace folders, newest first. */
  async list(): Promise<StoredModel[]> {
    this.loading ??= this.load(++this.generation);
    await this.loading;
    return this.models;
  }

  /** The listed model whose folder is `uri` (its model.json counts as the folder), if any. */
  async find(uri: vscode.Uri): Promise<StoredModel | undefined> {
    const key = uri.toString();
    return (await this.list()).find((m) => m.uri.toString() === key);
  }

  /**
   * The model whose folder is `uri`, read on its own while the first listing still runs: a results
   * tab restored after Reload Window paints from its model.json at once. The same rule as the
   * listing (a folder with model.json directly inside a models folder); afterwards, find().
   */
  async findEarly(uri: vscode.Uri): Promise<StoredModel | undefined> {
    if (this.listed) return this.find(uri);
    for (const location of allModelsLocations()) {
      const base = location.modelsUri.path.replace(/\/+$/, '');
      if (uri.scheme !== location.modelsUri.scheme || uri.authority !== location.modelsUri.authority || !uri.path.startsWith(base + '/')) continue;
      const s = await this.cacheFor(location).one(base, uri.path.slice(base.length + 1)).catch(() => undefined);
      return s && this.stored(s, location);
    }
    return this.find(uri);
  }

  /**
   * Reads the disk again now (after our own writes, or the Refresh button) and tells the views when
   * what it lists changed. A reading that finds the same models changes nothing on screen: redrawing
   * the tree for nothing can swallow a click made at that moment (the e2e journey lost one so, its
   * click landing right after a second refresh of the same models).
   */
  async refresh(): Promise<void> {
    const before = this.models;
    this.loading = this.load(++this.generation);
    await this.loading;
    if (!sameListing(before, this.models)) this.changed.fire();
  }

  /**
   * Runs several folder moves of ours (Delete and its Undo of a selection) as one change: the views
   * see the end state in one refresh, never a half-restored selection. A refresh halfway through
   * redrew the tree a second time right after the first, and the e2e journey's next click was lost.
   */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    this.batches++;
    try {
      return await work();
    } finally {
      this.batches--;
      if (this.batches === 0) {
        clearTimeout(this.timer);
        this.firstEventAt = undefined;
        await this.refresh();
      }
    }
  }

  /**
   * Hashes one model folder's files again now (its results tab came into view, the window got the
   * focus back): a view on screen must not rest on the file watcher alone, which can be late, told
   * to skip the folder (files.watcherExclude) or out of the system's watches. What changed follows
   * onDidChange as usual.
   */
  recheck(uri: vscode.Uri): void {
    this.toCheck.add(uri.toString());
    if (this.listed) this.checkFiles();
  }

  /** Once, a while after the first listing: every model folder, for edits made while the window was closed. */
  private checkAll(): void {
    this.checkedAll = true;
    for (const m of this.models) this.toCheck.add(m.uri.toString());
    this.checkFiles();
  }

  /**
   * Re-hashes the model folders that saw file events (and, once, every folder: checkAll), then
   * shows what changed since saving everywhere at once: the tree, Compare Models and open results
   * follow onDidChange. Restoring a file clears it again.
   */
  private checkFiles(): void {
    if (this.checking) return; // the running loop takes the new folders too
    this.checking = (async () => {
      await Promise.resolve(); // start after this assignment, so that `finally` clears it for good
      let seen = false;
      try {
        while (this.toCheck.size > 0) {
          const key = this.toCheck.values().next().value!;
          this.toCheck.delete(key);
          const model = this.models.find((m) => m.uri.toString() === key);
          if (!model || model.error) {
            seen = this.changes.delete(key) || seen;
            continue;
          }
          const fs = listingFileSystem(model.location);
          const r = await engine().checkModelFiles(model.dir, fs).catch((e: unknown) => { this.log.warn(`Cannot check the files of "${model.name}": ${errorMessage(e)}`); return undefined; });
          const now = r?.status === 'changed' ? r.changes : [];
          const before = this.changes.get(key) ?? [];
          if (JSON.stringify(now) !== JSON.stringify(before)) {
            seen = true;
            if (now.length > 0) this.changes.set(key, now);
            else this.changes.delete(key);
            if (now.length > 0) this.log.line(`"${model.name}" changed since it was saved: ${now.map((c) => `${c.file} (${c.change})`).join(', ')}.`);
          }
          await new Promise((r) => setImmediate(r)); // one folder at a time, never blocking the host
        }
      } finally {
        this.checking = undefined;
      }
      if (seen) {
        this.models = this.models.map((m) => ({ ...m, changes: this.changes.get(m.uri.toString()) }));
        this.changed.fire();
      }
    })();
  }

  /**
   * A refresh DEBOUNCE_MS after the last file event, and at the latest MAX_WAIT_MS after the first
   * one: a folder written to without pause (a long copy, a tool saving every 100 ms) must not keep
   * the view, and the check of what changed, waiting for ever.
   */
  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.firstEventAt ??= Date.now();
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, this.firstEventAt + MAX_WAIT_MS - Date.now()));
    this.timer = setTimeout(() => {
      this.firstEventAt = undefined;
      if (this.batches === 0) void this.refresh(); // else batch() refreshes at its end
    }, wait);
  }

  private cacheFor(location: ModelsLocation): ManifestListing {
    const key = location.modelsUri.toString();
    let cache = this.caches.get(key);
    if (!cache) {
      cache = new ManifestListing(listingFileSystem(location), { verify: 'manifest' });
      this.caches.set(key, cache);
    }
    return cache;
  }

  private stored(s: ModelSummary, location: ModelsLocation): StoredModel {
    const uri = location.fs.uri(s.dir);
    return {
      name: s.name, dir: s.dir, mtimeMs: s.mtimeMs, manifest: s.manifest,
      ...(s.status === 'damaged' ? { error: s.error ?? 'model.json is missing or unreadable.' } : {}),
      location, uri, summary: s, changes: this.changes.get(uri.toString()),
    };
  }

  private async load(generation: number): Promise<void> {
    if (!this.watching) this.watch(); // before reading: nothing written meanwhile is missed
    const all: StoredModel[] = [];
    const problems: string[] = [];
    const live = new Set<string>();
    for (const location of allModelsLocations()) {
      live.add(location.modelsUri.toString());
      try {
        const cache = this.cacheFor(location);
        const found = await cache.list(location.fs.pathOf(location.modelsUri));
        sweepHeldModelsLater(location, (l) => this.log.warn(l));
        for (const s of found) {
          all.push(this.stored(s, location));
        }
      } catch (e) {
        // One unreadable models folder must not hide the others.
        const why = errorMessage(e);
        problems.push(why);
        this.log.warn(`Cannot list ${location.modelsUri.toString(true)}: ${why}`);
      }
    }
    for (const key of this.caches.keys()) if (!live.has(key)) this.caches.delete(key);
    all.sort((a, b) => newestFirst(a.summary, b.summary));
    if (generation !== this.generation) return; // a newer read started meanwhile; it wins
    if (problems.join('\n') !== this.problems.join('\n')) {
      this.problems = problems;
      this.problemsChanged.fire();
    }
    this.models = all;
    this.listed = true;
    this.checkFiles();
    if (!this.checkedAll) this.checkAllTimer ??= setTimeout(() => this.checkAll(), CHECK_ALL_AFTER_MS);
    // The explorer's resourcePath is fsPath for local files and the URI path otherwise: offer both.
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.modelFolders, [...new Set(all.flatMap((m) => [m.uri.fsPath, m.uri.path]))]);
  }

  private watch(): void {
    this.watching = true;
    for (const location of allModelsLocations()) {
      const rel = vscode.workspace.asRelativePath(location.modelsUri, false);
      // Watch from the workspace folder when the models folder is inside it, so that creating the
      // models folder itself is seen too.
      const pattern = rel !== location.modelsUri.fsPath && !rel.startsWith('..')
        ? new vscode.RelativePattern(location.folder, `${rel}/**`)
        : new vscode.RelativePattern(location.modelsUri, '**');
      const w = vscode.workspace.createFileSystemWatcher(pattern);
      const on = (uri: vscode.Uri) => this.onFileEvent(uri, location);
      this.watchers.push(w, w.onDidCreate(on), w.onDidChange(on), w.onDidDelete(on));
    }
  }

  /**
   * A file created, changed or deleted: in a models folder, its model folder is read and checked
   * again. A watcher names its models folder; VS Code's own operations are looked up.
   */
  private onFileEvent(uri: vscode.Uri, known?: ModelsLocation): void {
    const location = known ?? allModelsLocations().find((l) => isInside(uri, l.modelsUri));
    if (!location) return;
    this.forget(location, uri);
    this.scheduleRefresh();
  }

  /**
   * A file event inside a model folder: drop that folder from the cache, so an in-place rewrite
   * that keeps mtime and size (same millisecond) is still read again.
   */
  private forget(location: ModelsLocation, uri: vscode.Uri): void {
    const base = location.modelsUri.path.replace(/\/+$/, '');
    if (!uri.path.startsWith(base + '/')) return;
    const name = uri.path.slice(base.length + 1).split('/')[0];
    if (!name) return;
    this.caches.get(location.modelsUri.toString())?.invalidate(`${base}/${name}`);
    this.toCheck.add(location.fs.uri(`${base}/${name}`).toString());
  }

  private rewatch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    this.watching = false; // the refresh's load starts them again
    void this.refresh();
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.checkAllTimer);
    for (const d of [...this.watchers, ...this.subscriptions, this.changed, this.problemsChanged]) d.dispose();
  }
}

/**
 * The file system the listing reads through. Local files (the extension host runs next to them,
 * also in remote windows) are read with the core's node file system with synchronous stats and reads
 * (nodeListingFileSystem): through vscode.workspace.fs each of a listing's two stats per model folder
 * is a round trip (1,000 models: ~1 s). Other schemes (virtual workspaces) keep vscode.workspace.fs.
 */
function listingFileSystem(location: ModelsLocation): FileSystem {
  if (location.modelsUri.scheme !== 'file') return location.fs;
  const native = (path: string) => vscode.Uri.from({ scheme: 'file', path }).fsPath;
  const fs = nodeListingFileSystem;
  return {
    readFile: (path) => fs.readFile(native(path)),
    readChunks: (path) => fs.readChunks(native(path)),
    writeFile: (path, data, options) => fs.writeFile(native(path), data, options),
    writeTemp: async (path, data) => `${paths.dirname(path)}/${paths.basename(await fs.writeTemp(native(path), data))}`,
    replace: (from, to) => fs.replace(native(from), native(to)),
    syncFolder: (path) => fs.syncFolder(native(path)),
    mkdir: (path, options) => fs.mkdir(native(path), options),
    readDirectory: (path) => fs.readDirectory(native(path)),
    stat: (path) => fs.stat(native(path)),
    rename: (from, to) => fs.rename(native(from), native(to)),
    remove: (path) => fs.remove(native(path)),
  };
}

/** Whether two listings show the same models: same folders in the same order, same model.json, same changes. */
function sameListing(a: readonly StoredModel[], b: readonly StoredModel[]): boolean {
  return a.length === b.length && a.every((m, i) => sameModel(m, b[i]!));
}

function sameModel(a: StoredModel, b: StoredModel): boolean {
  // The listing hands back the same summary object for a folder it did not read again.
  const sameSummary = a.summary === b.summary || JSON.stringify(a.summary) === JSON.stringify(b.summary);
  return sameSummary && a.uri.toString() === b.uri.toString() && JSON.stringify(a.changes ?? []) === JSON.stringify(b.changes ?? []);
}
