// The "Saved Models" view: one item per model folder (newest first) with its artifact files as
// children. A damaged model is shown as such, with its reason, and never breaks the list.
import * as vscode from 'vscode';
import { formatPercent } from '../../protocol/resultsPanel';
import type { SavedModelsStore, StoredModel } from './savedModelsStore';
import { describeSplitSize } from '../describeModel';
import { plainText } from '../ui/untrustedText';

export type TreeNode =
  | { readonly kind: 'model'; readonly model: StoredModel }
  | { readonly kind: 'artifact'; readonly model: StoredModel; readonly uri: vscode.Uri; readonly name: string; readonly isFolder: boolean };

export class SavedModelsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: SavedModelsStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return (await this.store.list()).map((model) => ({ kind: 'model', model }));
    if (node.kind !== 'model') return [];
    try {
      const entries = await vscode.workspace.fs.readDirectory(node.model.uri);
      return entries
        .sort(([a], [b]) => (a === 'model.json' ? -1 : b === 'model.json' ? 1 : a.localeCompare(b)))
        .map(([name, type]) => ({
          kind: 'artifact', model: node.model, name, uri: vscode.Uri.joinPath(node.model.uri, name),
          isFolder: (type & vscode.FileType.Directory) !== 0,
        }));
    } catch {
      return []; // deleted meanwhile; the watcher refreshes the list
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.kind === 'model' ? modelItem(node.model) : artifactItem(node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'artifact' ? { kind: 'model', model: node.model } : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function modelItem(m: StoredModel): vscode.TreeItem {
  const item = new vscode.TreeItem(plainText(m.name), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = m.uri.toString();
  item.resourceUri = m.uri;
  const tip = new vscode.MarkdownString();
  tip.supportHtml = false;
  tip.isTrusted = false;
  tip.appendMarkdown('**').appendText(m.name).appendMarkdown('**\n\n');
  const mf = m.manifest;
  if (!mf || m.error) {
    item.description = 'damaged';
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = 'model-damaged';
    tip.appendMarkdown('This model cannot be loaded:\n\n').appendText(m.error ?? 'model.json is missing or unreadable.');
  } else {
    item.description = `valid ${formatPercent(mf.metrics.validAccuracy)} · train ${formatPercent(mf.metrics.trainAccuracy)}`;
    item.iconPath = new vscode.ThemeIcon(mf.layout === 'pipeline' ? 'type-hierarchy' : 'layers');
    item.contextValue = 'model';
    const svc = mf.params.svc;
    const rows: [string, string][] = [
      ['Validation accuracy', `${formatPercent(mf.metrics.validAccuracy)} (${mf.metrics.validCorrect}/${mf.metrics.validTotal})`],
      ['Train accuracy', `${formatPercent(mf.metrics.trainAccuracy)} (${mf.metrics.trainCorrect}/${mf.metrics.trainTotal})`],
      ['Layout', mf.layout === 'pipeline' ? 'one pipeline' : 'separate scaler + classifier'],
      ['Data', mf.data.source === 'iris' ? 'built-in iris data' : `${mf.data.path}`],
      ['Rows', `${mf.data.rows} (train ${mf.split.nTrain}, validation ${mf.split.nTest})`],
      ['Seed', String(mf.split.seed)],
      ['Train size', describeSplitSize(mf.split.trainSize)],
      ['SVC', `kernel=${svc.kernel}, C=${svc.C}, gamma=${svc.gamma}`],
      ['Saved', new Date(mf.created).toLocaleString()],
    ];
    for (const [k, v] of rows) tip.appendMarkdown(`${k}: `).appendText(v).appendMarkdown('  \n');
  }
  item.tooltip = tip;
  return item;
}

function artifactItem(node: Extract<TreeNode, { kind: 'artifact' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(plainText(node.name), node.isFolder ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.None);
  item.id = node.uri.toString();
  item.resourceUri = node.uri;
  item.contextValue = 'artifact';
  item.iconPath = node.isFolder ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
  const hash = node.model.manifest?.files[node.name];
  if (hash) item.description = `sha256 ${hash.slice(0, 12)}…`;
  if (!node.isFolder) item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri] };
  return item;
}
