// Which scikit-learn release the .joblib files Model Lab writes in VS Code are for: the setting
// modelLab.sklearnVersion when the user set it; else the scikit-learn installed in a virtual
// environment of the workspace folder (.venv, venv or env — read from the name of its dist-info
// folder: nothing is run); else the core's default (1.2.1, or an imported model's own release).
import * as vscode from 'vscode';
import { isExportableSklearnVersion, sklearnNear, unwrittenReleaseText, writtenReleases } from '../engine';
import { chosenSklearnVersion } from '../settings';
import { WorkspaceFileSystem } from '../workspaceFileSystem';

export interface SklearnRelease {
  /** The version to write for; undefined: the core's default. */
  readonly version?: string;
  readonly from: 'setting' | 'environment' | 'default';
  /** scikit-learn found in a workspace environment (also one Model Lab does not write for), and where. */
  readonly found?: { readonly version: string; readonly where: string };
}

/** The release to write .joblib files for, for a file or folder of the workspace. */
export async function sklearnReleaseFor(uri: vscode.Uri): Promise<SklearnRelease> {
  const set = chosenSklearnVersion(uri);
  if (set !== undefined) return { version: set, from: 'setting' };
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const fs = folder ? new WorkspaceFileSystem(folder.uri) : undefined;
  const found = folder && fs ? await sklearnNear(fs, fs.pathOf(folder.uri)) : undefined;
  if (found && isExportableSklearnVersion(found.version)) return { version: found.version, from: 'environment', found };
  return { from: 'default', ...(found ? { found } : {}) };
}

/**
 * Train's and Tune's joblib options for modelLab.saveJoblib: the files, for the release chosen here
 * for `uri` (the setting, the workspace environment's, else the core's default 1.2.1).
 */
export async function saveJoblibOptions(saveJoblib: boolean, uri: vscode.Uri): Promise<{ saveJoblib?: true; sklearnVersion?: string }> {
  if (!saveJoblib) return {};
  const { version } = await sklearnReleaseFor(uri);
  return version !== undefined ? { saveJoblib: true, sklearnVersion: version } : { saveJoblib: true };
}

/** Where the release came from, for a notification: " (the release in .venv)", or nothing. */
export function releaseSource(r: SklearnRelease): string {
  return r.from === 'environment' ? ` (the release in ${r.found!.where})` : '';
}

/**
 * A sentence for a notification when the workspace's environment has another release than the files
 * were written for, unless the user chose it in the setting: it would load them with a warning.
 */
export function releaseMismatch(r: SklearnRelease, written: string): string {
  if (r.from === 'setting' || !r.found || r.found.version === written) return '';
  return ` ${unwrittenReleaseText(r.found)} — set modelLab.sklearnVersion to the nearest of ${writtenReleases('and')}.`;
}
