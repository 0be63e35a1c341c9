// Explorer selections → the .joblib models they mean. A scaler.joblib + classifier.joblib pair in
// one folder is one model, whichever of the two (or both) was right-clicked.
import * as vscode from 'vscode';
import { CLASSIFIER_NAMES, SCALER_NAMES, SKLEARN_FILE } from '../engine';


export interface JoblibTarget {
  /** The file given to the core (the pipeline, or the scaler of a pair). */
  readonly uri: vscode.Uri;
  /** Set when both halves of a pair were selected. */
  readonly classifier?: vscode.Uri;
  readonly label: string;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function folderOf(uri: vscode.Uri): string {
  return uri.with({ path: uri.path.slice(0, uri.path.lastIndexOf('/')) }).toString();
}

/** How messages name the file(s) a scikit-learn model is read from: their names, joined with " + ". */
export function filesLabel(paths: readonly string[]): string {
  return paths.map((p) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1)).join(' + ');
}

/** VS Code passes (clicked, allSelected) to explorer context commands. */
export function joblibTargets(clicked: unknown, selected: unknown): JoblibTarget[] {
  const uris = (Array.isArray(selected) && selected.length > 0 ? selected : [clicked])
    .filter((u): u is vscode.Uri => u instanceof vscode.Uri && SKLEARN_FILE.test(u.path));
  const byFolder = new Map<string, { scaler?: vscode.Uri; classifier?: vscode.Uri; others: vscode.Uri[] }>();
  for (const u of uris) {
    const key = folderOf(u);
    const entry = byFolder.get(key) ?? { others: [] };
    const name = baseName(u).toLowerCase();
    if (SCALER_NAMES.includes(name) && !entry.scaler) entry.scaler = u;
    else if (CLASSIFIER_NAMES.includes(name) && !entry.classifier) entry.classifier = u;
    else entry.others.push(u);
    byFolder.set(key, entry);
  }
  const out: JoblibTarget[] = [];
  for (const e of byFolder.values()) {
    if (e.scaler && e.classifier) out.push({ uri: e.scaler, classifier: e.classifier, label: `${baseName(e.scaler)} + ${baseName(e.classifier)}` });
    else if (e.scaler ?? e.classifier) out.push({ uri: (e.scaler ?? e.classifier)!, label: baseName((e.scaler ?? e.classifier)!) });
    for (const o of e.others) out.push({ uri: o, label: baseName(o) });
  }
  return out;
}

/** A file picker for the command palette. */
export async function pickJoblib(title: string): Promise<JoblibTarget[]> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: true,
    filters: { 'scikit-learn model (joblib, pickle)': ['joblib', 'pkl', 'pickle', 'z', 'gz', 'bz2', 'xz', 'lzma', 'lz4'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked ? joblibTargets(picked[0], picked) : [];
}
