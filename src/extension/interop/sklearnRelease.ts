// Which scikit-learn release the .joblib files Model Lab writes in VS Code are for: the setting
// modelLab.sklearnVersion when the user set it; else the scikit-learn installed in a virtual
// environment of the workspace folder (.venv, venv or env — read from the name of its dist-info
// folder: nothing is run); else the core's default (1.2.1, or an imported model's own release).
// In Restricted Mode the workspace's environment is not read: a cloned repository could plant a
// .venv to choose the release the user's files are written for; the default is used, and said.
import * as vscode from 'vscode';
import { EXPORT_SKLEARN_VERSION, isExportableSklearnVersion, sklearnNear, unwrittenReleaseText, writtenReleases } from '../engine';
import { chosenSklearnVersion } from '../settings';
import { WorkspaceFileSystem } from '../workspaceFileSystem';

export interface SklearnRelease {
  /** The version to write for; undefined: the core's default. */
  readonly version?: string;
  /** 'untrusted': the default, because the workspace is not trusted and its environment was not read. */
  readonly from: 'setting' | 'environment' | 'default' | 'untrusted';
  /** scikit-learn found in a workspace environment (also one Model Lab does not write for), and where. */
  readonly found?: { readonly version: string; readonly where: string };
}

/**
 * The release to write .joblib files for, for a file or folder of the workspace; `trusted`: whether
 * the workspace's files may decide (VS Code's workspace trust).
 */
export async function sklearnReleaseFor(uri: vscode.Uri, trusted = vscode.workspace.isTrusted): Promise<SklearnRelease> {
  const set = chosenSklearnVersion(uri);
  if (set !== undefined) return { version: set, from: 'setting' };
  if (!trusted) return { from: 'untrusted' };
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const fs = folder ? new WorkspaceFileSystem(folder.uri) : undefined;
  const found = folder && fs ? await sklearnNear(fs, fs.pathOf(folder.uri)) : undefined;
  if (found && isExportableSklearnVersion(found.version)) return { version: found.version, from: 'environment', found };
  return { from: 'default', ...(found ? { found } : {}) };
}

/** Train's and Tune's joblib options, and the Output channel's line saying which release and why. */
export interface JoblibChoice {
  readonly options: { saveJoblib?: true; sklearnVersion?: string };
  /** Said once the files are written; absent when none are. */
  readonly line?: string;
}

/**
 * Train's and Tune's joblib options for modelLab.saveJoblib: the files, for the release chosen here
 * for `uri` (the setting, the workspace environment's, else the core's default 1.2.1).
 */
export async function saveJoblibOptions(saveJoblib: boolean, uri: vscode.Uri, trusted = vscode.workspace.isTrusted): Promise<JoblibChoice> {
  if (!saveJoblib) return { options: {} };
  const release = await sklearnReleaseFor(uri, trusted);
  const { version } = release;
  return {
    options: version !== undefined ? { saveJoblib: true, sklearnVersion: version } : { saveJoblib: true },
    line: `The .joblib files are for scikit-learn ${version ?? EXPORT_SKLEARN_VERSION} (${releaseReason(release, version ?? EXPORT_SKLEARN_VERSION)}).`,
  };
}

/** Why the files are for `written`, for the Output channel: "the release in .venv", "Model Lab's default: …". */
export function releaseReason(r: SklearnRelease, written: string): string {
  switch (r.from) {
    case 'setting': return 'the setting modelLab.sklearnVersion';
    case 'environment': return `the release in ${r.found!.where}`;
    case 'untrusted': return 'Model Lab\'s default: this workspace is not trusted, so its virtual environment (.venv, venv or env) is not read — trust the workspace, or set modelLab.sklearnVersion in your user settings';
    case 'default': return r.found && r.found.version !== written
      ? `Model Lab's default; ${unwrittenReleaseText(r.found)} — set modelLab.sklearnVersion to the nearest of ${writtenReleases('and')}`
      : 'Model Lab\'s default: no scikit-learn in the workspace folder\'s .venv, venv or env';
  }
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
