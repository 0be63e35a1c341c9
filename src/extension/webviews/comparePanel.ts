// Compare Models: one panel with a table of every saved model (the core's comparisonRows),
// following the Saved Models store. The page sorts, filters, selects, plots and diffs; the
// extension answers a selection with validation confusion matrices (two or more models) and the
// facts of model.json (exactly two, for the diff), writes the CSV export, and restores the panel
// after a reload.
import * as vscode from 'vscode';
import { comparisonRows, modelFacts, sameSavedModel, writeComparisonCsv } from '../engine';
import { allModelsLocations, fileSystemFor, foldersNaming } from '../models/modelLocations';
import { rememberWrittenFile } from '../training/dataChoice';
import {
  DEFAULT_COMPARE_STATE, parseCompareState, parseFromCompareWebview,
  type CompareRow, type CompareState, type FactsView, type FromCompareWebview, type MatrixView, type ToCompareWebview,
} from '../../protocol/comparePanel';
import type { StoredModel } from '../models/savedModelsStore';
import type { ModelLabContext } from '../context';
import { CompareMatrices, type MatrixSource } from './compareMatrices';
import { createPanel, WebviewHost, type PageKind } from './webviewHost';
import { WEBVIEW_TYPES } from '../contributions';

export const COMPARE_PAGE: PageKind<FromCompareWebview, CompareState> = {
  viewType: WEBVIEW_TYPES.compare,
  script: 'comparePage.js',
  styles: ['results.css', 'compare.css'],
  what: 'Compare Models',
  parseFromPage: parseFromCompareWebview,
  parseState: parseCompareState,
};

const TITLE = 'Compare Models';

/** What the Compare Models command returns (the rows the panel was sent). */
export interface CompareOpened {
  readonly rows: CompareRow[];
  readonly selected: string[];
  /** Milliseconds from the command to the rows being posted to the page. */
  readonly ms: number;
}

/** How long a model gone from the listing may still turn up elsewhere as moved (a watcher may report the two halves apart). */
const MOVE_WINDOW_MS = 10_000;

/**
 * Models whose folder was renamed or moved (Rename Model, a shell, the Explorer): a model gone from
 * the listing lately (`gone`, by id) that is the same saved model as exactly one model new in `added`.
 */
function movedTo(gone: ReadonlyMap<string, { readonly model: StoredModel }>, added: readonly [string, StoredModel][]): [string, string][] {
  return [...gone].flatMap(([id, { model: old }]) => {
    const same = old.manifest ? added.filter(([, m]) => m.manifest && sameSavedModel(m.manifest, old.manifest!)) : [];
    return same.length === 1 ? [[id, same[0]![0]] as [string, string]] : [];
  });
}

export class ComparePanel implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  private host: WebviewHost<ToCompareWebview, FromCompareWebview, CompareState> | undefined;
  private currentRows: CompareRow[] = [];
  private readonly byId = new Map<string, StoredModel>();
  private selectionGeneration = 0;
  private readonly matrices: CompareMatrices;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly ctx: ModelLabContext) {
    this.matrices = new CompareMatrices(ctx.rowPredictor());
    this.subscriptions = [
      ctx.store.onDidChange(() => {
        if (this.host) void this.sendRows();
      }),
    ];
  }

  /** The rows last sent to the page (one per listed model). */
  get rows(): readonly CompareRow[] {
    return this.currentRows;
  }

  /** The models last sent as renamed or moved ([old id, new id]): the page's selection and baseline follow them. */
  get lastMoved(): readonly [string, string][] {
    return this.moved;
  }

  private moved: [string, string][] = [];
  /** Models gone from the listing lately, by id: one that turns up under another folder was moved. */
  private readonly gone = new Map<string, { readonly model: StoredModel; readonly at: number }>();

  get isOpen(): boolean {
    return this.host !== undefined;
  }

  /** Opens (or reveals) the panel, preselecting these models. */
  async open(models: readonly StoredModel[] = []): Promise<CompareOpened> {
    const started = performance.now();
    const ids = models.map((m) => m.uri.toString());
    if (this.host) this.host.reveal();
    else this.attach(createPanel(COMPARE_PAGE, TITLE, this.ctx.extensionUri), { ...DEFAULT_COMPARE_STATE, selected: ids });
    await this.sendRows();
    if (ids.length > 0) this.host?.post({ type: 'select', ids }, 'select');
    return { rows: this.currentRows, selected: ids, ms: performance.now() - started };
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    if (this.host) {
      panel.dispose(); // one comparison panel at a time
      return;
    }
    this.attach(panel, parseCompareState(raw));
    await this.sendRows();
  }

  /** Validation confusion matrices of these models (in this order), computed lazily. */
  async matricesFor(ids: readonly string[]): Promise<MatrixView[] | undefined> {
    const sources: MatrixSource[] = [];
    for (const id of ids) {
      const m = this.byId.get(id);
      if (m) sources.push({ id, name: m.name, uri: m.uri, stamp: `${m.manifest?.created ?? ''}|${m.mtimeMs}` });
    }
    return this.matrices.compute(sources);
  }

  /** The facts of model.json for these models (in this order): what the two-model diff compares. */
  factsFor(ids: readonly string[]): FactsView[] {
    return ids.flatMap((id) => {
      const m = this.byId.get(id);
      if (!m) return [];
      return m.manifest ? [{ id, name: m.name, facts: modelFacts(m.manifest) }] : [{ id, name: m.name, facts: [], error: m.error ?? 'model.json could not be read' }];
    });
  }

  /** Writes these rows (in this order) as CSV; asks where when no target is given. */
  async exportCsv(ids: readonly string[], target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const index = new Map(this.currentRows.map((r) => [r.id, r]));
    const rows = ids.map((id) => index.get(id)).filter((r): r is CompareRow => r !== undefined);
    const folder = vscode.workspace.workspaceFolders?.[0];
    const uri = target ?? await vscode.window.showSaveDialog({
      title: 'Export the comparison as CSV',
      saveLabel: 'Export',
      filters: { CSV: ['csv'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, 'model-comparison.csv') } : {}),
    });
    if (!uri) return undefined;
    const fs = fileSystemFor(uri);
    await writeComparisonCsv(fs, fs.pathOf(uri), rows);
    await rememberWrittenFile(this.ctx.workspaceState, uri); // never offered as training data
    const models = `${rows.length} model${rows.length === 1 ? '' : 's'}`;
    this.ctx.log.line(`Exported ${models} to ${uri.toString(true)}.`);
    if (!target) void this.ctx.notify.info(`Exported ${models} to ${vscode.workspace.asRelativePath(uri)}.`);
    return uri;
  }

  private async sendRows(): Promise<void> {
    const models = await this.ctx.store.list();
    const before = new Map(this.byId);
    this.byId.clear();
    for (const m of models) this.byId.set(m.uri.toString(), m);
    const now = Date.now();
    for (const [id, model] of before) if (!this.byId.has(id)) this.gone.set(id, { model, at: now });
    for (const [id, g] of this.gone) if (now - g.at > MOVE_WINDOW_MS || this.byId.has(id)) this.gone.delete(id);
    const moved = movedTo(this.gone, [...this.byId].filter(([id]) => !before.has(id)));
    for (const [id] of moved) this.gone.delete(id);
    if (moved.length > 0) this.moved = moved;
    const changes = new Map(models.map((m) => [m.summary, m.changes?.map((c) => `${c.file} (${c.change})`)]));
    // Models of more than one models folder (a multi-root workspace): a Folder column tells them apart.
    const several = new Set(models.map((m) => m.location.modelsUri.toString())).size > 1;
    this.currentRows = comparisonRows(models.map((m) => m.summary), (s) => changes.get(s))
      .map((r, i) => ({ ...r, id: models[i]!.uri.toString(), ...(several ? { folder: foldersNaming(models[i]!.location.modelsUri) } : {}) }));
    // Every models folder of the workspace (also one with no model yet: the page names it when empty).
    const folders = [...new Set([...allModelsLocations(), ...models.map((m) => m.location)].map((l) => vscode.workspace.asRelativePath(l.modelsUri)))];
    this.host?.post({ type: 'rows', rows: this.currentRows, folders, ...(moved.length > 0 ? { moved } : {}) }, 'rows');
  }

  private attach(panel: vscode.WebviewPanel, state: CompareState): void {
    const host = new WebviewHost<ToCompareWebview, FromCompareWebview, CompareState>(panel, COMPARE_PAGE, this.ctx.extensionUri, this.ctx.log, {
      title: TITLE,
      state,
      onDispose: () => {
        if (this.host === host) this.host = undefined;
      },
      onMessage: async (message) => {
        switch (message.type) {
          case 'selection':
            host.forget('select');
            if (message.ids.length === 2) host.post({ type: 'facts', models: this.factsFor(message.ids) });
            return this.sendMatrices(message.ids);
          case 'exportCsv':
            try {
              return await this.exportCsv(message.ids);
            } catch (e) {
              return this.ctx.notify.error(e);
            }
          case 'openModel': {
            const m = this.byId.get(message.id);
            return m ? this.ctx.results.show(m) : undefined;
          }
        }
      },
    });
    this.host = host;
  }

  private async sendMatrices(ids: string[]): Promise<void> {
    const generation = ++this.selectionGeneration;
    if (ids.length < 2) return;
    this.host?.post({ type: 'matricesLoading', ids });
    const matrices = await this.matricesFor(ids);
    // A newer selection arrived meanwhile: its answer wins.
    if (matrices && generation === this.selectionGeneration) this.host?.post({ type: 'matrices', matrices });
  }

  dispose(): void {
    this.matrices.dispose();
    this.host?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
