// Commands on saved models: Validate, Show Results, Reveal in Explorer, Delete. They accept a tree
// item, an explorer URI (model folder or its model.json), a URI string (tests), or nothing (a
// quick pick of the saved models).
import * as vscode from 'vscode';
import type { TreeNode } from './savedModelsTree';
import type { SavedModelsStore } from './savedModelsStore';
import type { ResultsPanels } from './resultsPanels';
import type { OutputLog } from './outputLog';
import type { ValidationReport } from './engine';
import { MANIFEST_FILE } from './engine';
import { showError } from './errors';

export interface ModelRef {
  readonly uri: vscode.Uri;
  readonly name: string;
}

function isTreeNode(v: unknown): v is TreeNode {
  return typeof v === 'object' && v !== null && 'kind' in v && 'model' in v;
}

function refFromUri(uri: vscode.Uri): ModelRef {
  const folder = uri.path.endsWith('/' + MANIFEST_FILE) ? vscode.Uri.joinPath(uri, '..') : uri;
  return { uri: folder, name: folder.path.split('/').filter(Boolean).pop() ?? folder.path };
}

export class ModelCommands {
  constructor(private readonly store: SavedModelsStore, private readonly panels: ResultsPanels, private readonly log: OutputLog) {}

  async resolve(arg: unknown, placeHolder: string): Promise<ModelRef | undefined> {
    if (isTreeNode(arg)) return { uri: arg.model.uri, name: arg.model.name };
    if (arg instanceof vscode.Uri) return refFromUri(arg);
    if (typeof arg === 'string') return refFromUri(vscode.Uri.parse(arg, true));
    const models = await this.store.list();
    if (models.length === 0) {
      const train = 'Train Iris Model';
      void vscode.window.showInformationMessage('Model Lab: there are no saved models yet.', train).then((a) => {
        if (a === train) void vscode.commands.executeCommand('modelLab.train');
      });
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      models.map((m) => ({
        label: m.name,
        description: m.manifest && !m.error ? `valid ${(m.manifest.metrics.validAccuracy * 100).toFixed(2)} % · train ${(m.manifest.metrics.trainAccuracy * 100).toFixed(2)} %` : 'damaged',
        detail: vscode.workspace.asRelativePath(m.uri),
        ref: { uri: m.uri, name: m.name },
      })),
      { title: 'Saved models', placeHolder, matchOnDetail: true },
    );
    return picked?.ref;
  }

  async validate(arg: unknown): Promise<ValidationReport | undefined> {
    const ref = await this.resolve(arg, 'Choose the model to validate');
    if (!ref) return undefined;
    try {
      return await this.panels.validate(ref.uri, ref.name);
    } catch (e) {
      showError(this.log, e);
      return undefined;
    }
  }

  async showResults(arg: unknown): Promise<void> {
    const ref = await this.resolve(arg, 'Choose the model to show');
    if (ref) await this.panels.show(ref.uri, ref.name);
  }

  async reveal(arg: unknown): Promise<void> {
    const uri = isTreeNode(arg) && arg.kind === 'artifact' ? arg.uri : (await this.resolve(arg, 'Choose the model to reveal'))?.uri;
    if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
  }

  /** Second argument `{ confirmed: true }` skips the modal question (for scripted use and tests). */
  async delete(arg: unknown, options?: unknown): Promise<boolean> {
    const ref = await this.resolve(arg, 'Choose the model to delete');
    if (!ref) return false;
    const confirmed = typeof options === 'object' && options !== null && (options as { confirmed?: unknown }).confirmed === true;
    if (!confirmed) {
      const answer = await vscode.window.showWarningMessage(
        `Delete model "${ref.name}"?`,
        { modal: true, detail: `This deletes the folder ${vscode.workspace.asRelativePath(ref.uri)} and all its files.` },
        'Delete',
      );
      if (answer !== 'Delete') return false;
    }
    try {
      try {
        await vscode.workspace.fs.delete(ref.uri, { recursive: true, useTrash: true });
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') throw e;
        // Not every file system has a trash (remote, virtual): delete for good instead.
        await vscode.workspace.fs.delete(ref.uri, { recursive: true, useTrash: false });
      }
    } catch (e) {
      showError(this.log, e);
      return false;
    }
    this.log.line(`Deleted model "${ref.name}" (${ref.uri.toString(true)}).`);
    this.panels.close(ref.uri);
    await this.store.refresh();
    return true;
  }
}
