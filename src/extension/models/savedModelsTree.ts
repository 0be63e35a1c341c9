// The "Saved Models" view: one row per model folder — its validation accuracy then its name, the
// accuracy readable at the default sidebar width whatever the name's length — with its artifact files as children; sorted by validation accuracy,
// date or name, optionally grouped by data source (the choice is remembered per workspace); under one
// node per models folder when a multi-root workspace has models in more than one. A click
// opens the model's results in the preview tab. A damaged model is shown as such, with its reason,
// and never breaks the list.
import * as vscode from 'vscode';
import { formatPercent } from '../../protocol/resultsPanel';
import { describeSearchParams } from '../../protocol/tunePanel';
import type { SavedModelsStore, StoredModel } from './savedModelsStore';
import { describeSplitSize } from '../describeModel';
import { foldersNaming } from './modelLocations';
import { plainText } from '../ui/untrustedText';
import { COMMAND_IDS, CONTEXT_KEYS } from '../contributions';
import { compareModels, groupOf, importedFilesText, modelOrigin, type FileType, type ModelGrouping, type ModelManifest, type ModelOrder } from '../engine';

export type TreeNode =
  /** A multi-root workspace's models folder, when more than one holds models (`key`: its URI). */
  | { readonly kind: 'folder'; readonly key: string; readonly title: string; readonly where: string; readonly models: readonly StoredModel[] }
  /** `key`: the folder node's it is in ('' at the top), so that two folders' groups of one title stay apart. */
  | { readonly kind: 'group'; readonly key: string; readonly title: string; readonly models: readonly StoredModel[] }
  | { readonly kind: 'model'; readonly model: StoredModel }
  /** `type`: what the entry is, links not followed (a planted link is shown and refused as one). */
  | { readonly kind: 'artifact'; readonly model: StoredModel; readonly uri: vscode.Uri; readonly name: string; readonly type: FileType };

/** How the view is arranged; remembered in the workspace state. */
export interface TreeArrangement {
  readonly order: ModelOrder;
  readonly grouping: ModelGrouping;
}

const ARRANGEMENT_KEY = 'modelLab.treeArrangement';
const DEFAULT_ARRANGEMENT: TreeArrangement = { order: 'created', grouping: 'none' };

export class SavedModelsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly arrangeChanged = new vscode.EventEmitter<TreeArrangement>();
  /** The order or grouping changed (the line above the rows says which is in use: viewMessage). */
  readonly onDidArrange = this.arrangeChanged.event;
  private readonly rootListed = new vscode.EventEmitter<number>();
  /** The view listed its models (how many): the line above the rows says the order only when there are some. */
  readonly onDidListModels = this.rootListed.event;
  private readonly subscription: vscode.Disposable;
  private current: TreeArrangement;
  /**
   * The model row clicked last. The view's selection reaches the extension a moment after the click,
   * later than the click's own command: a key pressed right after a click uses this instead.
   */
  lastClicked: vscode.Uri | undefined;
  /** The model added to the view's selection last (the focused row after a Ctrl+click). */
  lastSelected: vscode.Uri | undefined;

  constructor(private readonly store: SavedModelsStore, private readonly memory: vscode.Memento) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
    const saved = memory.get<Partial<TreeArrangement>>(ARRANGEMENT_KEY);
    this.current = {
      order: saved?.order === 'validAccuracy' || saved?.order === 'name' ? saved.order : DEFAULT_ARRANGEMENT.order,
      grouping: saved?.grouping === 'data' ? 'data' : DEFAULT_ARRANGEMENT.grouping,
    };
    this.publish();
  }

  get arrangement(): TreeArrangement {
    return this.current;
  }

  /** Changes the order or grouping, remembers it and redraws the view. */
  async arrange(change: Partial<TreeArrangement>): Promise<void> {
    this.current = { ...this.current, ...change };
    this.publish();
    await this.memory.update(ARRANGEMENT_KEY, this.current);
    this.changed.fire(undefined);
    this.arrangeChanged.fire(this.current);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const { models, roots } = await this.roots();
      this.rootListed.fire(models.length);
      return roots;
    }
    if (node.kind === 'folder') return this.arranged(node.models, node.key);
    if (node.kind === 'group') return node.models.map((model) => ({ kind: 'model', model }));
    if (node.kind !== 'model') return [];
    try {
      // Through the core's port, which reports a link as a link (and a FIFO or device as 'other').
      const entries = await node.model.location.fs.readDirectory(node.model.dir);
      return entries
        .sort((a, b) => (a.name === 'model.json' ? -1 : b.name === 'model.json' ? 1 : a.name.localeCompare(b.name)))
        .map(({ name, type }) => ({ kind: 'artifact', model: node.model, name, uri: vscode.Uri.joinPath(node.model.uri, name), type }));
    } catch {
      return []; // deleted meanwhile; the watcher refreshes the list
    }
  }

  /** The view's top rows, and the models in the current order. */
  private async roots(): Promise<{ models: StoredModel[]; roots: TreeNode[] }> {
    const models = [...(await this.store.list())].sort((a, b) => compareModels(this.current.order)(a.summary, b.summary));
    // Models of several models folders (a multi-root workspace): one node per folder, as the
    // Explorer shows its roots, else two folders' iris-C1-gscale-s2023 could not be told apart.
    const byFolder = new Map<string, StoredModel[]>();
    for (const m of models) {
      const key = m.location.modelsUri.toString();
      byFolder.set(key, [...(byFolder.get(key) ?? []), m]);
    }
    if (byFolder.size <= 1) return { models, roots: this.arranged(models, '') };
    const roots: TreeNode[] = [...byFolder]
      .sort(([, a], [, b]) => a[0]!.location.folder.index - b[0]!.location.folder.index)
      .map(([key, members]) => ({
        kind: 'folder', key, title: foldersNaming(members[0]!.location.modelsUri),
        where: vscode.workspace.asRelativePath(members[0]!.location.modelsUri, true), models: members,
      }));
    return { models, roots };
  }

  /** Models in the current order, grouped when the view groups them; `key`: the folder node they are in. */
  private arranged(models: readonly StoredModel[], key: string): TreeNode[] {
    if (this.current.grouping === 'none') return models.map((model) => ({ kind: 'model', model }));
    const groups = new Map<string, StoredModel[]>();
    for (const m of models) {
      const title = groupOf(m.summary, this.current.grouping);
      groups.set(title, [...(groups.get(title) ?? []), m]);
    }
    return [...groups].map(([title, members]) => ({ kind: 'group', key, title, models: members }));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'folder') return folderItem(node);
    if (node.kind === 'group') return groupItem(node);
    return node.kind === 'model' ? modelItem(node.model) : artifactItem(node);
  }

  /** The row a row is under (VS Code needs it to reveal a model: after Rename, the renamed row is selected). */
  async getParent(node: TreeNode): Promise<TreeNode | undefined> {
    if (node.kind === 'artifact') return { kind: 'model', model: node.model };
    if (node.kind === 'folder') return undefined;
    const { roots } = await this.roots();
    const key = node.kind === 'group' ? node.key : node.model.location.modelsUri.toString();
    const folder = roots.find((r) => r.kind === 'folder' && r.key === key);
    if (node.kind === 'group') return folder;
    const siblings = folder ? this.arranged(folder.kind === 'folder' ? folder.models : [], key) : roots;
    return siblings.find((g) => g.kind === 'group' && g.models.some((m) => m.uri.toString() === node.model.uri.toString())) ?? folder;
  }

  /** when-clause keys: Sort and Group shows the current order and grouping marked (their .active twins). */
  private publish(): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.treeOrder, this.current.order);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.treeGrouping, this.current.grouping);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.arrangeChanged.dispose();
    this.rootListed.dispose();
  }
}

/**
 * The arrangement in words ("Sorted newest first, grouped by data source"). Said in the view's message
 * line above the rows: code-server draws no view description while Saved Models is the only view of
 * its container (its title then reads "MODEL LAB: SAVED MODELS" and nothing more), and the title is
 * cut off at the default sidebar width. Sort and Group marks the same choices with ✓ in their titles
 * (contributions.ts' .active twins: VS Code draws no check mark for an extension's command).
 */
export function describeArrangement(a: TreeArrangement): string {
  const order = a.order === 'created' ? 'newest first' : a.order === 'validAccuracy' ? 'by validation accuracy, best first' : 'by name';
  return `Sorted ${order}${a.grouping === 'data' ? ', grouped by data source' : ''}`;
}

/**
 * The view's message line: why a models folder cannot be listed, else the arrangement while there is a
 * model to arrange. Undefined when it says nothing, so that the welcome ("No saved models yet") shows:
 * VS Code hides it behind any message.
 */
export function viewMessage(problems: readonly string[], a: TreeArrangement, anyModel: boolean): string | undefined {
  if (problems.length > 0) return problems.join(' ');
  return anyModel ? `${describeArrangement(a)}.` : undefined;
}

function folderItem(node: Extract<TreeNode, { kind: 'folder' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(plainText(node.title), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `folder:${node.key}`;
  item.description = `${plainText(node.where)} · ${node.models.length} model${node.models.length === 1 ? '' : 's'}`;
  item.tooltip = plainText(`The models of ${node.where}`);
  item.contextValue = 'folder';
  item.iconPath = new vscode.ThemeIcon('root-folder');
  return item;
}

function groupItem(node: Extract<TreeNode, { kind: 'group' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(plainText(node.title), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.key}:${node.title}`;
  item.description = `${node.models.length} model${node.models.length === 1 ? '' : 's'}`;
  item.contextValue = 'group';
  item.iconPath = new vscode.ThemeIcon('database');
  return item;
}

/**
 * A model row's label: what it says of the model (its validation accuracy, or "damaged") before its
 * name. VS Code cuts a row's end with an ellipsis and draws the description after the label, so a
 * description lost the accuracy behind a long name (`iris-data-C1-gscale-s2023-4` showed "3…" for
 * 32.65 % in a 300-px sidebar, an imported model nothing at all); the name's end is what is cut now.
 */
export function modelRowLabel(state: string, name: string): string {
  return `${state} · ${name}`;
}

function modelItem(m: StoredModel): vscode.TreeItem {
  // Every text from disk through plainText: a bidi override in a folder's name reorders nothing.
  const name = plainText(m.name);
  const mf = m.manifest;
  const damaged = !mf || m.error !== undefined;
  const item = new vscode.TreeItem(modelRowLabel(damaged ? 'damaged' : formatPercent(mf.metrics.validAccuracy), name), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = m.uri.toString();
  item.resourceUri = m.uri;
  const tip = new vscode.MarkdownString();
  tip.supportHtml = false;
  tip.isTrusted = false;
  tip.appendMarkdown('**').appendText(name).appendMarkdown('**\n\n');
  if (damaged) {
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = 'model-damaged';
    const why = plainText(m.error ?? 'model.json is missing or unreadable.');
    tip.appendMarkdown('This model cannot be loaded:\n\n').appendText(why);
    item.accessibilityInformation = { label: `${name}, damaged: ${why}` };
  } else {
    const changed = m.changes ?? [];
    // The warning icon says it too when a long name leaves no room for the description.
    if (changed.length > 0) item.description = 'changed';
    item.iconPath = changed.length > 0
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon(mf.layout === 'pipeline' ? 'type-hierarchy' : 'layers');
    // 'model' / 'model-changed', plus ' tuned' for Show Tuning Results; menus that want any readable model match /^model/.
    item.contextValue = (changed.length > 0 ? 'model-changed' : 'model') + (mf.search ? ' tuned' : '');
    if (changed.length > 0) {
      tip.appendMarkdown('**Changed since it was saved:** ').appendText(plainText(changed.map((c) => `${c.file} (${c.change})`).join(', ')))
        .appendMarkdown('  \nThe numbers below are the ones recorded at saving; Validate shows what the model does now.\n\n');
    }
    // Rename sets both; a folder copied or renamed by hand keeps model.json's name (said, not judged).
    if (mf.name !== m.name) tip.appendMarkdown('model.json names it ').appendText(`"${plainText(mf.name)}"`).appendMarkdown(' (the folder was copied or renamed outside Model Lab).\n\n');
    const svc = mf.params.svc;
    const rows: [string, string][] = [
      ['Validation accuracy', `${formatPercent(mf.metrics.validAccuracy)} (${mf.metrics.validCorrect}/${mf.metrics.validTotal})`],
      ['Train accuracy', `${formatPercent(mf.metrics.trainAccuracy)} (${mf.metrics.trainCorrect}/${mf.metrics.trainTotal})`],
      ['Layout', mf.layout === 'pipeline' ? 'one pipeline' : 'separate scaler + classifier'],
      ['Data', mf.data.source === 'iris' ? 'built-in iris data' : `${mf.data.path}`],
      ['Rows', `${mf.data.rows} (train ${mf.split.nTrain}, validation ${mf.split.nTest})`],
      ['Seed', String(mf.split.seed)],
      ['Train size', describeSplitSize(mf.split.trainSize)],
      ['SVC', describeSearchParams(svc)], // the parameters its kernel uses, as best_params_ reads
      ...(mf.search ? [['Tuned', `GridSearchCV over ${mf.search.candidates.length} candidates × ${mf.search.cv.nSplits} folds`] as [string, string]] : []),
      // An imported model was made by scikit-learn: which files, and when Model Lab imported them.
      ...originRows(mf),
    ];
    for (const [k, v] of rows) tip.appendMarkdown(`${k}: `).appendText(plainText(v)).appendMarkdown('  \n');
    item.accessibilityInformation = { label: `${name}, validation accuracy ${rows[0]![1]}, train accuracy ${rows[1]![1]}${changed.length > 0 ? `, changed since saving: ${plainText(changed.map((c) => c.file).join(', '))}` : ''}` };
  }
  item.tooltip = tip;
  item.command = { command: COMMAND_IDS.openFromTree, title: 'Show Results', arguments: [{ kind: 'model', model: m }] };
  return item;
}

/** "Saved" for a model Model Lab trained; "Imported from" and "Imported" for one made by scikit-learn. */
function originRows(mf: ModelManifest): [string, string][] {
  const origin = modelOrigin(mf);
  const when = new Date(mf.created).toLocaleString();
  return origin.kind === 'imported' ? [['Imported from', importedFilesText(origin)], ['Imported', `${when} by ${origin.tool}`]] : [['Saved', when]];
}

function artifactItem(node: Extract<TreeNode, { kind: 'artifact' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(plainText(node.name), vscode.TreeItemCollapsibleState.None);
  item.id = node.uri.toString();
  item.resourceUri = node.uri;
  item.contextValue = 'artifact';
  const state = artifactState(node);
  item.description = state.description;
  if (state.tooltip !== undefined) item.tooltip = plainText(`${node.name} ${state.tooltip}`);
  item.iconPath = state.warn ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
    : node.type === 'directory' ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
  // Not vscode.open: an editor follows links. Open Model File opens a plain file only (else says why).
  if (node.type !== 'directory') item.command = { command: COMMAND_IDS.openModelFile, title: 'Open', arguments: [{ kind: 'artifact', model: node.model, name: node.name }] };
  return item;
}

/**
 * What a file row says: the recorded sha256 only for a plain file not seen changed — never for a
 * link, a special file, or a file whose last check found it modified, missing or unreadable.
 */
function artifactState(node: Extract<TreeNode, { kind: 'artifact' }>): { description?: string; tooltip?: string; warn: boolean } {
  if (node.type === 'link') return { description: 'symbolic link · not opened', tooltip: 'is a symbolic link: Model Lab does not open it (it could point outside the model folder), and Validate refuses the model.', warn: true };
  if (node.type === 'other') return { description: 'special file · not opened', tooltip: 'is a device, FIFO or socket, not a plain file: Model Lab does not open it.', warn: true };
  const change = node.model.changes?.find((c) => c.file === node.name)?.change;
  if (change !== undefined) {
    const said = change === 'not-a-file' ? 'not a plain file' : change === 'modified' ? 'modified since saving' : change;
    return { description: said, tooltip: `is not as saved (${said}); model.json records another file. Validate says what the model does now.`, warn: true };
  }
  const hash = node.model.manifest?.files[node.name];
  return { description: hash ? `sha256 ${hash.slice(0, 12)}…` : undefined, warn: false };
}
