// Compare Models: one webview panel with a table of every saved model (the core's comparisonRows),
// following the Saved Models store. The page sorts, filters and selects; the extension answers
// with validation confusion matrices, writes the CSV export, and restores the panel after a reload.
import * as vscode from 'vscode';
import { comparisonRows, rowsToCsv } from '../core/experiments/comparison';
import {
  DEFAULT_COMPARE_STATE, parseCompareState, parseFromCompareWebview,
  type CompareRow, type CompareState, type MatrixView, type ToCompareWebview,
} from '../protocol/comparePanel';
import type { SavedModelsStore, StoredModel } from './savedModelsStore';
import type { TreeNode } from './savedModelsTree';
import type { OutputLog } from './outputLog';
import { compareHtml } from './compareHtml';
import { CompareMatrices, type MatrixSource } from './compareMatrices';
import { showError } from './errors';

export const COMPARE_VIEW_TYPE = 'modelLab.compare';

/** What the Compare Models command returns (the rows the panel was sent; tests read it). */
export interface CompareOpened {
  readonly rows: CompareRow[];
  readonly selected: string[];
  /** Milliseconds from the command to the rows being posted to the page. */
  readonly ms: number;
}

function isTreeNode(v: unknown): v is TreeNode {
  return typeof v === 'object' && v !== null && 'kind' in v && 'model' in v;
}

/** Model folder URIs to preselect from the command's arguments (tree items, URIs, or { select }). */
export function selectionFromArgs(arg: unknown, selected: unknown): string[] {
  const ids: string[] = [];
  const add = (v: unknown) => {
    if (isTreeNode(v)) ids.push(v.model.uri.toString());
    else if (v instanceof vscode.Uri) ids.push(v.toString());
  };
  if (Array.isArray(selected) && selected.length > 0) selected.forEach(add);
  else add(arg);
  if (typeof arg === 'object' && arg !== null && Array.isArray((arg as { select?: unknown }).select)) {
    for (const s of (arg as { select: unknown[] }).select) if (typeof s === 'string') ids.push(s);
  }
  return [...new Set(ids)];
}

export class ComparePanels implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  private panel: vscode.WebviewPanel | undefined;
  private rows: CompareRow[] = [];
  private readonly byId = new Map<string, StoredModel>();
  private lastPosted: ToCompareWebview | undefined;
  private pendingSelect: string[] | undefined;
  private selectionGeneration = 0;
  private readonly matrices = new CompareMatrices();
  private readonly posted = new vscode.EventEmitter<ToCompareWebview>();
  /** Every message sent to the page (tests wait on it). */
  readonly onDidPost = this.posted.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: SavedModelsStore,
    private readonly log: OutputLog,
    private readonly showResults: (uri: vscode.Uri) => Promise<void>,
  ) {
    this.subscriptions = [
      vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, this),
      store.onDidChange(() => {
        if (this.panel) void this.sendRows();
      }),
    ];
  }

  /** The rows last sent to the page. */
  get currentRows(): readonly CompareRow[] {
    return this.rows;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The command: opens (or reveals) the panel, preselecting the given models. */
  async open(arg?: unknown, selected?: unknown): Promise<CompareOpened> {
    const started = performance.now();
    const ids = selectionFromArgs(arg, selected);
    if (this.panel) {
      this.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, 'Compare Models', vscode.ViewColumn.Active, this.webviewOptions());
      this.attach(panel, { ...DEFAULT_COMPARE_STATE, selected: ids });
    }
    await this.sendRows();
    if (ids.length > 0) this.select(ids);
    return { rows: this.rows, selected: ids, ms: performance.now() - started };
  }

  /** Replaces the page's selection (it answers with a 'selection' message). */
  select(ids: string[]): void {
    this.pendingSelect = ids;
    this.post({ type: 'select', ids });
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    if (this.panel) {
      panel.dispose(); // one comparison panel at a time
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.attach(panel, parseCompareState(raw));
    await this.sendRows();
  }

  /** Validation confusion matrices of these models (in this order), computed lazily. */
  async matricesFor(ids: readonly string[]): Promise<MatrixView[] | undefined> {
    const sources: MatrixSource[] = [];
    for (const id of ids) {
      const m = this.byId.get(id);
      if (m) sources.push({ id, name: m.name, stamp: `${m.manifest?.created ?? ''}|${m.mtimeMs}` });
    }
    return this.matrices.compute(sources);
  }

  /** Writes these rows (in this order) as CSV; asks where when no target is given. */
  async exportCsv(ids: readonly string[], target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const index = new Map(this.rows.map((r) => [r.id, r]));
    const rows = ids.map((id) => index.get(id)).filter((r): r is CompareRow => r !== undefined);
    const folder = vscode.workspace.workspaceFolders?.[0];
    const uri = target ?? await vscode.window.showSaveDialog({
      title: 'Export the comparison as CSV',
      saveLabel: 'Export',
      filters: { CSV: ['csv'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, 'model-comparison.csv') } : {}),
    });
    if (!uri) return undefined;
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(rowsToCsv(rows)));
    } catch (e) {
      showError(this.log, e);
      return undefined;
    }
    this.log.line(`Exported ${rows.length} model${rows.length === 1 ? '' : 's'} to ${uri.toString(true)}.`);
    if (!target) void vscode.window.showInformationMessage(`Model Lab: exported ${rows.length} models to ${vscode.workspace.asRelativePath(uri)}.`);
    return uri;
  }

  private async sendRows(): Promise<void> {
    const models = await this.store.list();
    this.byId.clear();
    for (const m of models) this.byId.set(m.uri.toString(), m);
    const core = comparisonRows(models.map((m) => m.summary));
    this.rows = core.map((r, i) => ({ ...r, id: models[i]!.uri.toString() }));
    const folders = [...new Set(models.map((m) => vscode.workspace.asRelativePath(m.location.modelsUri)))];
    this.post({ type: 'rows', rows: this.rows, folders });
  }

  private post(message: ToCompareWebview): void {
    if (message.type === 'rows') this.lastPosted = message;
    void this.panel?.webview.postMessage(message);
    this.posted.fire(message);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel, state: CompareState): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'model-lab.svg');
    panel.webview.html = compareHtml(panel.webview, this.extensionUri, state);
    const sub = panel.webview.onDidReceiveMessage(async (raw: unknown) => {
      const message = parseFromCompareWebview(raw);
      if (!message) {
        this.log.warn(`Ignored a malformed message from Compare Models: ${safeJson(raw)}`);
        return;
      }
      if (message.type === 'ready') {
        // A message posted before the script ran may be lost: send the table (and selection) again.
        if (this.lastPosted) void panel.webview.postMessage(this.lastPosted);
        if (this.pendingSelect) void panel.webview.postMessage({ type: 'select', ids: this.pendingSelect });
      } else if (message.type === 'selection') {
        this.pendingSelect = undefined;
        await this.sendMatrices(message.ids);
      } else if (message.type === 'exportCsv') {
        await this.exportCsv(message.ids);
      } else {
        const m = this.byId.get(message.id);
        if (m) await this.showResults(m.uri);
      }
    });
    panel.onDidDispose(() => {
      sub.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.lastPosted = undefined;
        this.pendingSelect = undefined;
      }
    });
  }

  private async sendMatrices(ids: string[]): Promise<void> {
    const generation = ++this.selectionGeneration;
    if (ids.length < 2) return;
    this.post({ type: 'matricesLoading', ids });
    const matrices = await this.matricesFor(ids);
    // A newer selection arrived meanwhile: its answer wins.
    if (matrices && generation === this.selectionGeneration) this.post({ type: 'matrices', matrices });
  }

  dispose(): void {
    this.matrices.dispose();
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.posted.dispose();
  }
}

function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 200 ? s.slice(0, 200) + '…' : s;
  } catch {
    return '(not serialisable)';
  }
}
