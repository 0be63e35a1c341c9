// The list of saved models, kept in step with the disk: a debounced FileSystemWatcher per models
// folder sees models trained here, written by the CLI, or deleted by hand.
import * as vscode from 'vscode';
import { listSavedModels, type SavedModel } from './engine';
import { allModelsLocations, type ModelsLocation } from './modelLocations';
import type { OutputLog } from './outputLog';

export interface StoredModel extends SavedModel {
  readonly location: ModelsLocation;
  readonly uri: vscode.Uri;
}

const DEBOUNCE_MS = 300;

export class SavedModelsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private models: StoredModel[] = [];
  private watchers: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loading: Promise<void> | undefined;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly log: OutputLog) {
    this.watch();
    this.subscriptions.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rewatch()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('modelLab.modelsFolder')) this.rewatch();
      }),
    );
  }

  /** Saved models of all workspace folders, newest first. */
  async list(): Promise<StoredModel[]> {
    this.loading ??= this.load(++this.generation);
    await this.loading;
    return this.models;
  }

  /** Reads the disk again now (after our own writes, or the Refresh button). */
  async refresh(): Promise<void> {
    this.loading = this.load(++this.generation);
    await this.loading;
    this.changed.fire();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  private async load(generation: number): Promise<void> {
    const all: StoredModel[] = [];
    for (const location of allModelsLocations()) {
      try {
        const found = await listSavedModels(location.fs.pathOf(location.modelsUri), location.fs);
        for (const m of found) all.push({ ...m, location, uri: location.fs.uri(m.dir) });
      } catch (e) {
        // One unreadable models folder must not hide the others.
        this.log.warn(`Cannot list ${location.modelsUri.toString(true)}: ${(e as Error).message}`);
      }
    }
    all.sort((a, b) => createdTime(b) - createdTime(a) || a.name.localeCompare(b.name));
    if (generation !== this.generation) return; // a newer read started meanwhile; it wins
    this.models = all;
    // The explorer's resourcePath is fsPath for local files and the URI path otherwise: offer both.
    void vscode.commands.executeCommand('setContext', 'modelLab.modelFolders', [...new Set(all.flatMap((m) => [m.uri.fsPath, m.uri.path]))]);
  }

  private watch(): void {
    for (const location of allModelsLocations()) {
      const rel = vscode.workspace.asRelativePath(location.modelsUri, false);
      // Watch from the workspace folder when the models folder is inside it, so that creating the
      // models folder itself is seen too.
      const pattern = rel !== location.modelsUri.fsPath && !rel.startsWith('..')
        ? new vscode.RelativePattern(location.folder, `${rel}/**`)
        : new vscode.RelativePattern(location.modelsUri, '**');
      const w = vscode.workspace.createFileSystemWatcher(pattern);
      const on = () => this.scheduleRefresh();
      this.watchers.push(w, w.onDidCreate(on), w.onDidChange(on), w.onDidDelete(on));
    }
  }

  private rewatch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    this.watch();
    void this.refresh();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of [...this.watchers, ...this.subscriptions, this.changed]) d.dispose();
  }
}

function createdTime(m: SavedModel): number {
  const t = m.manifest ? Date.parse(m.manifest.created) : NaN;
  return Number.isFinite(t) ? t : m.mtimeMs;
}
