// Tune Iris Model… in a real VS Code: the command (given its arguments, as other extensions call it)
// runs GridSearchCV on iris with C 0.1, 1, 10 × gamma scale, 0.1 and cv=3 and gets scikit-learn's
// numbers (test/fixtures/gridsearch, case iris-k3) for every fold, mean, std and rank, the refit's
// accuracies too; the model is listed as tuned, its results editor and Tune results view open, the
// view is rebuilt from model.json after a reload only for a listed tuned model, Compare ranks by the
// CV mean, bad arguments are refused with nothing written, a cancelled search leaves nothing.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { test } from './runner';
import { api, exists, nameOf, modelFolderNames, modelsUri, untilTree, workspaceFolder } from './helpers';
import type { TuneProgress, TuneResult } from '../../../src/core/experiments/tune/tune';
import type { TrainResult } from '../../../src/core/usecases/contracts';
import type { ToTunePage } from '../../../src/protocol/tunePanel';
import { COMMAND_IDS, WEBVIEW_TYPES } from '../../../src/extension/contributions';
import { engine } from '../../../src/extension/engine';
import { WorkspaceFileSystem } from '../../../src/extension/workspaceFileSystem';
import { flowersCsv } from '../../core/experiments/flowersCsv';
import { lastTuneListsOf } from '../../../src/extension/training/tuneWizard';

// The fixture is read at run time from the repository (the suite runs from out/vscode-suite).
interface FixtureCase {
  id: string; cv: number; bestIndex: number; bestScore: number; trainAccuracy: number; validAccuracy: number;
  candidates: { params: Record<string, number | string>; splitScores: number[]; mean: number; std: number; rank: number }[];
}
const fixture: { cases: FixtureCase[] } = JSON.parse(readFileSync(`${__dirname}/../../test/fixtures/gridsearch/expected.json`, 'utf8'));
const K3 = fixture.cases.find((c) => c.id === 'iris-k3')!;
const NAME = 'tuned-k3';

const tuneTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(WEBVIEW_TYPES.tuneResults));

/** The tab model follows the window asynchronously: wait (generously) until `predicate` holds. */
async function until<T>(get: () => T, predicate: (v: T) => boolean, what: string, limitMs = 10_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = get();
    if (predicate(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function assertSameSearch(r: TuneResult['search'], c: FixtureCase): void {
  assert.equal(r.candidates.length, c.candidates.length);
  r.candidates.forEach((got, i) => {
    const want = c.candidates[i]!;
    for (const [k, v] of Object.entries(want.params)) assert.equal(got.params[k as keyof typeof got.params], v, `candidate ${i} ${k}`);
    assert.deepEqual(got.foldScores, want.splitScores, `candidate ${i} fold scores`);
    assert.equal(got.meanScore, want.mean, `candidate ${i} mean_test_score`);
    assert.equal(got.stdScore, want.std, `candidate ${i} std_test_score`);
    assert.equal(got.rank, want.rank, `candidate ${i} rank_test_score`);
  });
  assert.equal(r.bestIndex, c.bestIndex);
  assert.equal(r.cv.nSplits, c.cv);
}

test('Tune Iris Model (3 C × 2 gamma, cv=3) gives GridSearchCV\'s numbers and opens the refit model and its Tune results', async () => {
  const r = (await vscode.commands.executeCommand(COMMAND_IDS.tune, {
    data: 'iris', grid: { C: [0.1, 1, 10], gamma: 'scale, 0.1' }, cv: 3, name: NAME,
  })) as TuneResult | undefined;
  assert.ok(r, 'the command returned the search');
  assertSameSearch(r.search, K3);
  assert.equal(r.best.meanScore, K3.bestScore);
  assert.equal(r.model.name, NAME);
  assert.equal(r.model.train.accuracy, K3.trainAccuracy);
  assert.equal(r.model.valid.accuracy, K3.validAccuracy);
  const dir = vscode.Uri.joinPath(modelsUri(), NAME);
  const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, 'model.json'))));
  assertSameSearch(manifest.search, K3);
  assert.deepEqual([manifest.params.svc.C, manifest.params.svc.gamma], [K3.candidates[K3.bestIndex]!.params.C, K3.candidates[K3.bestIndex]!.params.gamma]);
  // Listed as tuned: its context menu offers Show Tuning Results.
  const items = await untilTree((is) => is.some((i) => nameOf(i) === NAME), NAME);
  assert.equal(items.find((i) => nameOf(i) === NAME)!.contextValue, 'model tuned');
  // The refit model's results editor and the Tune results view (in front) are open.
  const { tuneResults } = await api();
  const shown = tuneResults.shown.get(dir.toString());
  assert.ok(shown && shown.type === 'view', `the Tune results view shows the search: ${JSON.stringify(shown)?.slice(0, 200)}`);
  assertSameSearch(shown.view.search, K3);
  assert.deepEqual([shown.view.train.correct, shown.view.train.total, shown.view.valid.correct, shown.view.valid.total], [Math.round(K3.trainAccuracy * 120), 120, Math.round(K3.validAccuracy * 30), 30]);
  await until(tuneTabs, (ts) => ts.some((t) => t.label === `Tuning Results: ${NAME}`), 'the Tune results tab');
  const all = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  await until(all, (ts) => ts.some((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'modelLab.results' && t.label === NAME), 'the results editor tab');
  assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, `Tuning Results: ${NAME}`, 'the Tune results view is in front');
});

test('Show Tuning Results reveals the one panel of a tuned model and refuses a trained one', async () => {
  const dir = vscode.Uri.joinPath(modelsUri(), NAME);
  const again = (await vscode.commands.executeCommand(COMMAND_IDS.showTuneResults, dir)) as ToTunePage | undefined;
  assert.equal(again?.type, 'view');
  assert.equal(tuneTabs().filter((t) => t.label === `Tuning Results: ${NAME}`).length, 1, 'one panel per model');
  const trained = (await vscode.commands.executeCommand(COMMAND_IDS.train, { data: 'iris', name: 'untuned-for-tune' })) as TrainResult | undefined;
  assert.ok(trained);
  const refused = await vscode.commands.executeCommand(COMMAND_IDS.showTuneResults, vscode.Uri.joinPath(modelsUri(), 'untuned-for-tune'));
  assert.equal(refused, undefined);
  assert.equal(tuneTabs().some((t) => t.label === 'Tuning Results: untuned-for-tune'), false);
});

test('a CV score edited in model.json under the open Tune results: the view says model.json changed, and stops saying so once restored', async () => {
  const { tuneResults } = await api();
  const dir = vscode.Uri.joinPath(modelsUri(), NAME);
  await vscode.commands.executeCommand(COMMAND_IDS.showTuneResults, dir);
  const file = vscode.Uri.joinPath(dir, 'model.json');
  const saved = await vscode.workspace.fs.readFile(file);
  const text = new TextDecoder().decode(saved);
  const mean = /"meanScore": ([0-9.e-]+)/.exec(text)![1]!;
  try {
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text.replace(`"meanScore": ${mean}`, '"meanScore": 0.99')));
    const edited = await until(() => tuneResults.shown.get(dir.toString()), (v) => v?.type === 'view' && (v.view.changed ?? []).length > 0, 'the Tune results saying model.json changed');
    assert.deepEqual(edited?.type === 'view' && edited.view.changed, [{ file: 'model.json', change: 'modified' }]);
  } finally {
    await vscode.workspace.fs.writeFile(file, saved);
  }
  const restored = await until(() => tuneResults.shown.get(dir.toString()), (v) => v?.type === 'view' && v.view.changed === undefined, 'the warning gone once model.json is restored');
  assert.equal(restored?.type, 'view');
});

test('the tuned model\'s folder moved away under the open Tune results: the view says so (not a settings problem) and comes back with it', async () => {
  const { tuneResults } = await api();
  const dir = vscode.Uri.joinPath(modelsUri(), NAME);
  const away = vscode.Uri.joinPath(workspaceFolder().uri, `${NAME}-moved-away`);
  await vscode.commands.executeCommand(COMMAND_IDS.showTuneResults, dir);
  await until(() => tuneResults.shown.get(dir.toString()), (v) => v?.type === 'view', 'the Tune results shown');
  try {
    await vscode.workspace.fs.rename(dir, away);
    const gone = await until(() => tuneResults.shown.get(dir.toString()), (v) => v?.type === 'unavailable', 'the Tune results saying the model left');
    assert.match(gone?.type === 'unavailable' ? gone.reason : '', new RegExp(`${NAME} is no longer in Saved Models: the folder was deleted or moved outside Model Lab`));
  } finally {
    if (await exists(away)) await vscode.workspace.fs.rename(away, dir);
  }
  await until(() => tuneResults.shown.get(dir.toString()), (v) => v?.type === 'view', 'the Tune results back with the folder');
});

test('the tuned model\'s folder renamed on disk under the open Tune results: the panel follows it, titled with the new name, and back again', async () => {
  const { tuneResults } = await api();
  const dir = vscode.Uri.joinPath(modelsUri(), NAME);
  const renamed = vscode.Uri.joinPath(modelsUri(), `${NAME}-renamed`);
  await vscode.commands.executeCommand(COMMAND_IDS.showTuneResults, dir);
  await until(() => tuneResults.shown.get(dir.toString()), (v) => v?.type === 'view', 'the Tune results shown');
  try {
    await vscode.workspace.fs.rename(dir, renamed);
    const there = await until(() => tuneResults.shown.get(renamed.toString()), (v) => v?.type === 'view', 'the panel following the folder');
    assert.equal(there?.type === 'view' ? there.view.name : '', `${NAME}-renamed`);
    assert.equal(tuneResults.shown.has(dir.toString()), false, 'one panel, now for the new folder');
    await until(() => tuneTabs().map((t) => t.label).join(), (l) => l === `Tuning Results: ${NAME}-renamed`, 'the tab titled with the new name');
  } finally {
    if (await exists(renamed)) await vscode.workspace.fs.rename(renamed, dir);
  }
  await until(() => tuneResults.shown.get(dir.toString()), (v) => v?.type === 'view', 'the panel following it back');
  await until(() => tuneTabs().map((t) => t.label).join(), (l) => l === `Tuning Results: ${NAME}`, 'the tab titled as before');
});

test('after a reload the view is rebuilt from model.json — only for a tuned model the store lists', async () => {
  const { tuneResults } = await api();
  const dir = vscode.Uri.joinPath(modelsUri(), NAME);
  // Close the open panel: a restored one takes its place, as after "Reload Window".
  const tab = tuneTabs().find((t) => t.label === `Tuning Results: ${NAME}`);
  if (tab) await vscode.window.tabGroups.close(tab);
  await until(() => tuneResults.shown.has(dir.toString()), (open) => !open, 'the panel closing');
  const restore = async (state: unknown): Promise<ToTunePage | undefined> => {
    const panel = vscode.window.createWebviewPanel(WEBVIEW_TYPES.tuneResults, 'restored', vscode.ViewColumn.Active);
    await tuneResults.deserializeWebviewPanel(panel, state);
    const modelDir = (state as { modelDir?: string }).modelDir ?? '';
    return tuneResults.shown.get(vscode.Uri.parse(modelDir).toString());
  };
  const restored = await restore({ modelDir: dir.toString(), name: NAME, sort: { key: 'cvMean', direction: 'desc' }, parameter: 'gamma', expanded: [1] });
  assert.ok(restored && restored.type === 'view', 'the view is back');
  assertSameSearch(restored.view.search, K3);
  await until(tuneTabs, (ts) => ts.some((t) => t.label === `Tuning Results: ${NAME}`), 'the restored tab titled after the model');
  // A state naming a folder outside the models folder, or a model that was trained, not tuned: nothing of it is shown.
  const outside = await restore({ modelDir: vscode.Uri.joinPath(workspaceFolder().uri, 'data').toString(), name: 'data' });
  assert.equal(outside?.type, 'unavailable');
  assert.match(outside?.type === 'unavailable' ? outside.reason : '', /not a saved model of this workspace/);
  const untuned = await restore({ modelDir: vscode.Uri.joinPath(modelsUri(), 'untuned-for-tune').toString(), name: 'untuned-for-tune' });
  assert.match(untuned?.type === 'unavailable' ? untuned.reason : '', /trained, not tuned/);
  for (const t of tuneTabs().filter((x) => x.label !== `Tuning Results: ${NAME}`)) await vscode.window.tabGroups.close(t);
});

test('Compare Models shows the tuned model\'s CV columns and ranks by the CV mean', async () => {
  await vscode.commands.executeCommand(COMMAND_IDS.compare);
  const { compare } = await api();
  const rows = await until(() => compare.rows, (rs) => rs.some((r) => r.name === NAME), 'the tuned model in Compare Models');
  const row = rows.find((r) => r.name === NAME)!;
  const best = K3.candidates[K3.bestIndex]!;
  assert.deepEqual([row.cvMean, row.cvStd, row.cvRank], [best.mean, best.std, best.rank]);
  // The only tuned model: best of its data by the CV rule, although untuned models have a validation
  // accuracy as high; a model of other data (the workspace's CSV) is best of its own.
  assert.equal(row.best, true);
  assert.deepEqual(rows.filter((r) => r.best && r.dataSource === row.dataSource).map((r) => r.name), [NAME], JSON.stringify(rows.map((r) => [r.name, r.dataSource, r.validAccuracy, r.best])));
  assert.deepEqual(rows.filter((r) => r.best && r.dataSource !== row.dataSource).map((r) => [r.name, r.dataSource]), [['seed2023', 'csv']]);
});

test('bad arguments are refused with nothing written; a cancelled search leaves nothing behind', async () => {
  const before = await modelFolderNames();
  for (const arg of [
    { data: 'iris', grid: { C: '0.1, x' } },
    { data: 'iris', grid: { C: [1] }, cv: 1 },
    { data: 'iris', grid: { C: [1], nu: [0.5] } },
    { data: 'iris', grid: { C: [1] }, folds: 3 },
    { data: vscode.Uri.joinPath(workspaceFolder().uri, 'nowhere.txt'), grid: { C: [1] } },
    'iris',
  ]) {
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.tune, arg), undefined, `refused ${JSON.stringify(arg)}`);
  }
  assert.deepEqual(await modelFolderNames(), before);
  // Cancelled after the third fit started: the core stops and the models folder is as it was.
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  const abort = new AbortController();
  let where: TuneProgress | undefined;
  await assert.rejects(engine().tune({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, target: 'target', drop: [],
    grid: { kernel: ['rbf'], C: [0.1, 1, 10], gamma: ['scale', 0.1], degree: [3], coef0: [0] }, cv: 3, modelsDir: fs.pathOf(modelsUri()), name: 'cancelled-tune',
  }, fs, {
    signal: abort.signal,
    onProgress: (p) => {
      where = p;
      if (p.done === 2) abort.abort();
    },
  }), (e: Error) => e.name === 'AbortError');
  assert.equal(engine().describeHowFar(where), 'after 2 of 18 fits (candidate 1 of 6, fold 2 of 3 was running)');
  assert.deepEqual(await modelFolderNames(), before);
  assert.equal(await exists(vscode.Uri.joinPath(modelsUri(), 'cancelled-tune')), false);
});

test('big fits run on the window\'s worker threads (modelLab.jobs 2): Train on 15,000 rows, then Tune\'s fits and refit; the model validates; once threads run, a small search uses them', async () => {
  const config = vscode.workspace.getConfiguration('modelLab');
  await config.update('jobs', 2, vscode.ConfigurationTarget.Workspace);
  const csv = vscode.Uri.joinPath(workspaceFolder().uri, 'many-flowers.csv');
  await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode(flowersCsv(15_000, 29)));
  const small = vscode.Uri.joinPath(workspaceFolder().uri, 'few-flowers.csv');
  const names = ['many-flowers-trained', 'many-flowers-tuned', 'few-flowers-tuned'];
  try {
    const { workerThreads } = await api();
    const trained = (await vscode.commands.executeCommand(COMMAND_IDS.train, { data: csv, name: names[0] })) as TrainResult | undefined;
    assert.ok(trained, 'trained');
    // One model of 12,000 training rows: fitted on the single fits' worker thread, not in the extension host.
    assert.equal(workerThreads.fitterThreads, 1, 'a worker thread fitted the model');
    const report = (await vscode.commands.executeCommand(COMMAND_IDS.validate, vscode.Uri.joinPath(modelsUri(), names[0]!))) as { status: string };
    assert.equal(report.status, 'matches', 'the model fitted on a worker reloads and predicts what was recorded');
    // A search as small as 2 × 3 fits of 80 rows runs on the pool too (the extension host never fits):
    // the pool has both threads running after it (it starts them, or earlier tests' searches did).
    await vscode.workspace.fs.writeFile(small, new TextEncoder().encode(flowersCsv(150, 31)));
    const smallTuned = (await vscode.commands.executeCommand(COMMAND_IDS.tune, { data: small, grid: { C: [1, 10], gamma: 'scale' }, cv: 3, name: names[2] })) as TuneResult | undefined;
    assert.ok(smallTuned, 'the small search tuned');
    assert.equal(workerThreads.threads, 2, 'the small search ran on the pool\'s two threads');
    // 2 candidates × 5 folds of 9,600 rows: the search's fits on both threads, then the refit.
    const tuned = (await vscode.commands.executeCommand(COMMAND_IDS.tune, { data: csv, grid: { C: [1, 10], gamma: 'scale' }, cv: 5, name: names[1] })) as TuneResult | undefined;
    assert.ok(tuned, 'tuned');
    assert.equal(workerThreads.threads, 2, 'the search ran on both worker threads');
    assert.equal(tuned.search.candidates.length, 2);
  } finally {
    await config.update('jobs', undefined, vscode.ConfigurationTarget.Workspace);
    for (const name of names) await vscode.workspace.fs.delete(vscode.Uri.joinPath(modelsUri(), name), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(csv);
    await vscode.workspace.fs.delete(small).then(undefined, () => undefined);
    for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) if (names.some((n) => tab.label.includes(n))) await vscode.window.tabGroups.close(tab);
  }
});

test('a search that ends while the user works in another editor opens nothing over it and leaves its keyboard: the notification offers Show Tuning Results and Show Results', async () => {
  const { notify, tuneResults } = await api();
  const csv = vscode.Uri.joinPath(workspaceFolder().uri, 'while-typing.csv');
  await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode(flowersCsv(8_000, 37)));
  const name = 'tuned-while-typing';
  const said: { text: string; actions: string[] }[] = [];
  const original = notify.info;
  notify.info = async (text: string, ...actions: { title: string }[]) => { said.push({ text, actions: actions.map((a) => a.title) }); return undefined; };
  try {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'before the search' }));
    const running = vscode.commands.executeCommand(COMMAND_IDS.tune, { data: csv, grid: { C: [1, 10, 100], gamma: 'scale, 0.1, 1' }, cv: 5, name }) as Thenable<TuneResult | undefined>;
    // The user goes on in another editor while the 45 fits of 5,120 rows run.
    await new Promise((r) => setTimeout(r, 500));
    const typing = await vscode.workspace.openTextDocument({ content: 'typing meanwhile' });
    await vscode.window.showTextDocument(typing);
    assert.ok(await running, 'tuned');
    const front = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.equal(vscode.window.activeTextEditor?.document, typing, `the editor the user went to is still in front, not ${front?.label} (${said.map((x) => x.text).join(' | ')})`);
    assert.equal(tuneResults.shown.has(vscode.Uri.joinPath(modelsUri(), name).toString()), false, 'no Tune results opened over it');
    assert.equal(tuneTabs().some((t) => t.label.includes(name)), false);
    const tuned = said.find((s) => s.text.startsWith(`Tuned "${name}"`));
    assert.deepEqual(tuned?.actions, ['Show Tuning Results', 'Show Results']);
  } finally {
    notify.info = original;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(modelsUri(), name), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(csv);
  }
});

test('the Tune wizard\'s lists and folds of last time are read back only when each is one the wizard accepts', () => {
  const last = { kernel: ['rbf', 'linear'], C: [0.5, 2], gamma: ['scale', 0.2], degree: [3], coef0: [0], cv: 40 };
  assert.deepEqual(lastTuneListsOf(JSON.parse(JSON.stringify(last))), last);
  for (const bad of [undefined, null, 'x', { ...last, cv: 1 }, { ...last, C: [] }, { ...last, C: [-1] }, { ...last, kernel: ['nu'] }, { ...last, gamma: ['x'] }]) {
    assert.equal(lastTuneListsOf(bad), undefined, JSON.stringify(bad));
  }
});
