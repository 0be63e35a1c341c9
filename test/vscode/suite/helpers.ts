// Shared helpers of the extension-host tests: the activated extension's API, the workspace's
// models folder, and waiting for the Saved Models view to follow the disk.
import * as vscode from 'vscode';
import type { ModelLabApi } from '../../../src/extension/extension';
import type { ResultsView } from '../../../src/protocol/resultsPanel';

export async function api(): Promise<ModelLabApi> {
  const ext = vscode.extensions.getExtension<ModelLabApi>('model-lab.model-lab');
  if (!ext) throw new Error('extension model-lab.model-lab is not installed in this host');
  return ext.activate();
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the tests need a workspace folder (MODEL_LAB_TEST_WORKSPACE)');
  return f;
}

export function modelsUri(): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, 'models');
}

export async function modelFolderNames(): Promise<string[]> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(modelsUri());
    return entries.filter(([n, t]) => t === vscode.FileType.Directory && !n.startsWith('.')).map(([n]) => n).sort();
  } catch {
    return [];
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Tree items of the Saved Models view, as VS Code would render them. */
export async function treeItems(): Promise<vscode.TreeItem[]> {
  const { tree } = await api();
  const nodes = await tree.getChildren();
  return nodes.map((n) => tree.getTreeItem(n));
}

/**
 * Resolves when the view lists what `predicate` wants. The store changes only through the
 * FileSystemWatcher here, so this waits for its change events (generous limit for slow CI).
 */
export async function untilTree(
  predicate: (items: vscode.TreeItem[]) => boolean, what: string, limitMs = 20_000, diagnose?: () => Promise<string>,
): Promise<vscode.TreeItem[]> {
  const { store } = await api();
  let items: vscode.TreeItem[] = [];
  // Listening before the first look: a change between the look and the listening would be missed.
  return new Promise((resolve, reject) => {
    let done = false;
    const look = async () => {
      items = await treeItems();
      if (done || !predicate(items)) return;
      done = true;
      clearTimeout(timer);
      sub.dispose();
      resolve(items);
    };
    const timer = setTimeout(() => {
      done = true;
      sub.dispose();
      const listed = items.map((i) => `${String(i.label)} (${String(i.description)})`).join(', ');
      void (diagnose?.() ?? Promise.resolve('')).catch((e: unknown) => `diagnosis failed: ${String(e)}`).then((more) => {
        reject(new Error(`the Saved Models view did not show ${what} within ${limitMs} ms; it lists ${listed}${more ? `; ${more}` : ''}`));
      });
    }, limitMs);
    const sub = store.onDidChange(() => void look());
    void look();
  });
}

/**
 * Resolves with what the results tab of the model folder `dir` shows once `ok` holds for it
 * (the view the extension last posted to the page), polling up to 10 s.
 */
export async function untilResults(dir: vscode.Uri, what: string, ok: (v: ResultsView | undefined) => boolean): Promise<ResultsView> {
  const { results } = await api();
  for (let i = 0; i < 200 && !ok(results.shown.get(dir.toString())); i++) await new Promise((res) => setTimeout(res, 50));
  const v = results.shown.get(dir.toString());
  if (!ok(v)) throw new Error(`the results tab did not show ${what} within 10 s: ${JSON.stringify({ status: v?.status, error: v?.error, changed: v?.changed })}`);
  return v!;
}

export function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

/** A row's name: a model row's label ("100.00 % · seed2023", "damaged · broken") without what it says first. */
export function nameOf(item: vscode.TreeItem): string {
  return label(item).replace(/^(?:\d+\.\d\d %|damaged) · /, '');
}

export function csvUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relative.split('/'));
}

export function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/**
 * A file watcher of the test's own on models/** (the pattern the store watches), recording every
 * event: when the view misses a change, it tells whether VS Code delivered the file event at all.
 */
export function recordModelFileEvents(): { describe(file: vscode.Uri): string; dispose(): void } {
  const seen: string[] = [];
  const started = Date.now();
  const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(workspaceFolder(), 'models/**'));
  const on = (kind: string) => (uri: vscode.Uri) => seen.push(`${kind} ${vscode.workspace.asRelativePath(uri)} +${Date.now() - started} ms`);
  const subs = [w, w.onDidCreate(on('created')), w.onDidChange(on('changed')), w.onDidDelete(on('deleted'))];
  return {
    describe: (file) => {
      const path = vscode.workspace.asRelativePath(file);
      const mine = seen.filter((e) => e.includes(` ${path} `));
      return `a watcher of the test's own saw ${mine.length} events for ${path} (${seen.length} under models/: ${seen.slice(0, 8).join('; ')}${seen.length > 8 ? '; …' : ''})`;
    },
    dispose: () => subs.forEach((d) => d.dispose()),
  };
}

/**
 * Runs `run` with Model Lab's quick-pick questions (Notifier.pick) answered by `answer` (undefined:
 * Escape); returns what each question offered (its labels).
 */
export async function answeringPicks<T>(answer: unknown, run: () => Thenable<T> | Promise<T>): Promise<{ result: T; offered: string[][] }> {
  const { notify } = await api();
  const offered: string[][] = [];
  const pick = notify.pick;
  notify.pick = (async (_title: string, _placeHolder: string, choices: readonly { label: string }[]) => {
    offered.push(choices.map((c) => c.label));
    return answer;
  }) as typeof notify.pick;
  try {
    return { result: await run(), offered };
  } finally {
    notify.pick = pick;
  }
}
