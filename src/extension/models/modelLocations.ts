// Where models live: the modelLab.modelsFolder setting resolved per workspace folder, and the
// file system adapter that reaches it.
import * as vscode from 'vscode';
import { WorkspaceFileSystem } from '../workspaceFileSystem';

export interface ModelsLocation {
  readonly folder: vscode.WorkspaceFolder;
  readonly modelsUri: vscode.Uri;
  readonly fs: WorkspaceFileSystem;
}

/** Absolute settings stay absolute (same scheme as the folder); relative ones are inside the folder. */
export function modelsLocation(folder: vscode.WorkspaceFolder): ModelsLocation {
  // A value that is not text (a number in settings.json) is refused by readSettings, naming the setting; here it is the default.
  const raw = vscode.workspace.getConfiguration('modelLab', folder.uri).get<unknown>('modelsFolder');
  const setting = (typeof raw === 'string' ? raw.trim() : '') || 'models';
  const isAbsolute = setting.startsWith('/') || /^[A-Za-z]:[\\/]/.test(setting);
  const modelsUri = isAbsolute
    ? folder.uri.scheme === 'file' ? vscode.Uri.file(setting) : folder.uri.with({ path: setting })
    : vscode.Uri.joinPath(folder.uri, ...setting.split(/[\\/]+/).filter((s) => s !== '' && s !== '.'));
  return { folder, modelsUri, fs: new WorkspaceFileSystem(folder.uri) };
}

/**
 * Every workspace folder's models folder, each once: in a multi-root workspace the folders may share
 * one (an absolute modelLab.modelsFolder, or "../models" from sibling folders); it is listed under the
 * first folder that names it, else each model would be listed twice.
 */
export function allModelsLocations(): ModelsLocation[] {
  const seen = new Set<string>();
  return (vscode.workspace.workspaceFolders ?? []).map(modelsLocation).filter((l) => {
    const key = l.modelsUri.toString();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The names of the workspace folders whose models folder this is (several share one that a setting names absolutely). */
export function foldersNaming(modelsUri: vscode.Uri): string {
  const key = modelsUri.toString();
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => modelsLocation(f).modelsUri.toString() === key).map((f) => f.name).join(', ');
}

/** A file system adapter for any URI (a model folder given from the explorer may be anywhere). */
export function fileSystemFor(uri: vscode.Uri): WorkspaceFileSystem {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return new WorkspaceFileSystem(folder?.uri ?? uri);
}

export function isInside(child: vscode.Uri, parent: vscode.Uri): boolean {
  if (child.scheme !== parent.scheme || child.authority !== parent.authority) return false;
  const p = parent.path.endsWith('/') ? parent.path : parent.path + '/';
  return child.path === parent.path || child.path.startsWith(p);
}
