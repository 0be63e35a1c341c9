// The extension in a real VS Code: commands write model folders, the Saved Models view follows
// the disk, validation reproduces scikit-learn's numbers, bad data leaves nothing behind.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { answeringPicks, api, csvUri, exists, label, modelFolderNames, nameOf, modelsUri, recordModelFileEvents, text, treeItems, untilResults, untilTree, workspaceFolder } from './helpers';
import type { TrainResult, ValidationReport } from '../../../src/core/usecases/contracts';
import { WorkspaceFileSystem } from '../../../src/extension/workspaceFileSystem';
import { engine } from '../../../src/extension/engine';
import { parseFromWebview, type ResultsView } from '../../../src/protocol/resultsPanel';
import { COMMAND_IDS } from '../../../src/extension/contributions';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findCsvFiles } from '../../../src/extension/training/dataChoice';
import { readSettings } from '../../../src/extension/settings';
import { dataErrorActions, DataProblems } from '../../../src/extension/training/dataProblems';
import { errorMessage } from '../../../src/extension/ui/notifier';

test('activates and registers every command of the table', async () => {
  await api();
  const all = await vscode.commands.getCommands(true);
  for (const c of Object.values(COMMAND_IDS)) assert.ok(all.includes(c), `${c} is registered`);
});

test('activation and the first listing leave the commands and pages unloaded until the first command', async () => {
  // The first test to run a command: dist/onDemand.js (the commands and pages) must not be loaded by
  // activation or by the Saved Models view's first listing, and must be by a command.
  const onDemandLoaded = () => Object.keys(require.cache).some((f) => f.endsWith('/dist/onDemand.js'));
  await (await api()).tree.getChildren();
  assert.equal(onDemandLoaded(), false, 'activation and the first listing loaded dist/onDemand.js');
  await vscode.commands.executeCommand(COMMAND_IDS.refresh);
  assert.equal(onDemandLoaded(), true, 'a command loads dist/onDemand.js');
});

test('Train Iris Model on the workspace CSV writes a model folder with the course numbers (seed 2023)', async () => {
  const r = (await vscode.commands.executeCommand('modelLab.train', { data: csvUri('data/iris.csv'), name: 'seed2023' })) as TrainResult | undefined;
  assert.ok(r, 'training returned a result');
  assert.equal(r.name, 'seed2023');
  assert.deepEqual([r.train.correct, r.train.total, r.valid.correct, r.valid.total], [116, 120, 30, 30]);
  assert.equal(r.train.accuracy, 0.9666666666666667);
  const dir = vscode.Uri.joinPath(modelsUri(), 'seed2023');
  for (const f of ['model.json', 'scaler.json', 'classifier.json', 'data.csv']) assert.ok(await exists(vscode.Uri.joinPath(dir, f)), `${f} was written`);
  const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, 'model.json'))));
  assert.equal(manifest.data.source, 'csv');
  assert.equal(manifest.split.seed, 2023);
});

test('the Saved Models view lists the model with its accuracies and artifact files', async () => {
  const items = await treeItems();
  const item = items.find((i) => nameOf(i) === 'seed2023');
  assert.ok(item, 'seed2023 is listed');
  // The accuracy before the name: VS Code cuts a long label's end, and a description after it with it.
  assert.equal(label(item), '100.00 % · seed2023');
  assert.equal(item.description, undefined);
  assert.match(item.accessibilityInformation?.label ?? '', /^seed2023, validation accuracy 100\.00 % \(30\/30\), train accuracy 96\.67 % \(116\/120\)$/);
  assert.equal(item.contextValue, 'model');
  const { tree } = await api();
  const node = (await tree.getChildren()).find((n) => n.kind === 'model' && n.model.name === 'seed2023')!;
  const children = (await tree.getChildren(node)).map((c) => (c.kind === 'artifact' ? c.name : ''));
  assert.deepEqual(children, ['model.json', 'classifier.json', 'data.csv', 'scaler.json']);
});

test('the Saved Models view says its order in the line above its rows (code-server draws no description): newest first by default, then as Sort and Group sets it', async () => {
  const { treeView } = await api();
  assert.equal(treeView.message, 'Sorted newest first.');
  assert.equal(treeView.description, undefined, 'said once: a description would repeat it where VS Code draws one');
  try {
    await vscode.commands.executeCommand(COMMAND_IDS.sortByName);
    assert.equal(treeView.message, 'Sorted by name.');
    await vscode.commands.executeCommand(COMMAND_IDS.groupByData);
    assert.equal(treeView.message, 'Sorted by name, grouped by data source.');
    await vscode.commands.executeCommand(COMMAND_IDS.sortByValidAccuracy);
    assert.equal(treeView.message, 'Sorted by validation accuracy, best first, grouped by data source.');
  } finally {
    await vscode.commands.executeCommand(COMMAND_IDS.ungroup);
    await vscode.commands.executeCommand(COMMAND_IDS.sortByDate);
  }
  assert.equal(treeView.message, 'Sorted newest first.');
});

test('Validate Saved Model reloads it from disk: 116/120 and 30/30, matches; one panel per model', async () => {
  const uri = vscode.Uri.joinPath(modelsUri(), 'seed2023');
  const report = (await vscode.commands.executeCommand('modelLab.validate', uri)) as ValidationReport;
  assert.equal(report.status, 'matches');
  assert.deepEqual([report.train?.correct, report.train?.total, report.valid?.correct, report.valid?.total], [116, 120, 30, 30]);
  assert.deepEqual(report.valid?.confusion, [[12, 0, 0], [0, 11, 0], [0, 0, 7]]);
  // From its model.json (explorer context) it is the same model and the same panel.
  const again = (await vscode.commands.executeCommand('modelLab.validate', vscode.Uri.joinPath(uri, 'model.json'))) as ValidationReport;
  assert.equal(again.status, 'matches');
  const panelTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'seed2023');
  // The tab model reaches the extension host after a round trip to the window, and validation on a
  // local disk (node's fs) can finish first: wait for the tab (up to 5 s), then count.
  for (let i = 0; i < 100 && panelTabs().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  const tabs = panelTabs();
  assert.equal(tabs.length, 1);
  assert.ok(tabs[0]!.input instanceof vscode.TabInputCustom && tabs[0]!.input.viewType === 'modelLab.results');
  assert.equal(tabs[0]!.isPreview, false, 'Validate opens the results for good, not as a preview');
});

test('the pipeline layout and the built-in iris data work too', async () => {
  const r = (await vscode.commands.executeCommand('modelLab.train', { data: 'iris', name: 'pipe2022', choices: { layout: 'pipeline', seed: 2022 } })) as TrainResult | undefined;
  assert.ok(r);
  assert.deepEqual([r.train.correct, r.valid.correct], [118, 29]);
  assert.ok(await exists(vscode.Uri.joinPath(modelsUri(), 'pipe2022', 'pipeline.json')));
  await untilTree((items) => items.some((i) => label(i) === '96.67 % · pipe2022'), 'pipe2022');
});

test('a .csv.gz is offered as data, trains and predicts as its CSV does (decompressed as pandas does); a bad row in one is named by its line, with no mark or Open at Line in the compressed file', async () => {
  const gz = csvUri('data/flowers.csv.gz');
  const plain = await vscode.workspace.fs.readFile(csvUri('data/iris.csv'));
  await vscode.workspace.fs.writeFile(gz, gzipSync(plain));
  const badGz = csvUri('data/bad-rows.csv.gz');
  await vscode.workspace.fs.writeFile(badGz, gzipSync(text('sepal_length,sepal_width,petal_length,petal_width,target\n5.1,3.5,1.4,0.2,0\n4.9,abc,1.4,0.2,0\n6.3,3.3,6.0,2.5,2\n')));
  const memory: vscode.Memento = { get: () => undefined, update: async () => undefined, keys: () => [] };
  try {
    // modelLab.dataGlob's default (package.json) finds it; the Explorer's Train passes its URI.
    const offered = (await findCsvFiles(readSettings(gz).dataGlob, memory)).map((u) => vscode.workspace.asRelativePath(u, false));
    assert.ok(offered.includes('data/flowers.csv.gz'), offered.join(', '));
    const r = (await vscode.commands.executeCommand(COMMAND_IDS.train, gz)) as TrainResult | undefined;
    assert.deepEqual([r?.name, r?.train.correct, r?.train.total, r?.valid.correct, r?.valid.total], ['flowers-C1-gscale-s2023', 116, 120, 30, 30]);
    const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(`${r!.modelDir}/model.json`)))) as { data: { compression?: string } };
    assert.equal(manifest.data.compression, 'gzip');
    assert.deepEqual(await vscode.workspace.fs.readFile(vscode.Uri.file(`${r!.modelDir}/data.csv`)), plain, 'data.csv is the decompressed text');
    // Predict: the same rows and labels as from iris.csv, in flowers.predictions.csv beside it.
    await untilTree((items) => items.some((i) => nameOf(i) === r!.name), r!.name);
    const editor = (await vscode.commands.executeCommand('modelLab.predict', gz, vscode.Uri.file(r!.modelDir))) as vscode.TextEditor | undefined;
    assert.equal(editor?.document.uri.path, vscode.Uri.joinPath(gz, '..', 'flowers.predictions.csv').path);
    const lines = editor!.document.getText().trim().split('\n');
    assert.equal(lines.length, 151);
    assert.equal(lines.slice(1).filter((l) => { const f = l.split(','); return f[4] === f[5]; }).length, 146);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // A bad row: its line (of the decompressed text) is named; VS Code cannot show it in the .gz.
    const problems = new DataProblems();
    let error: unknown;
    try {
      const fs = new WorkspaceFileSystem(workspaceFolder().uri);
      await problems.around(badGz, () => engine().train({
        data: { kind: 'csv', path: fs.pathOf(badGz) }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale',
        degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: fs.pathOf(vscode.Uri.joinPath(workspaceFolder().uri, 'never-written')),
      }, fs));
    } catch (e) {
      error = e;
    } finally {
      problems.dispose();
    }
    assert.ok(error instanceof Error);
    assert.match(error.message, /^bad-rows\.csv\.gz line 3, column "sepal_width": "abc" is not a number/);
    assert.deepEqual(dataErrorActions(error).map((a) => a.title), [], 'no Open at Line in a compressed file');
    assert.deepEqual(vscode.languages.getDiagnostics(badGz), []);
  } finally {
    await vscode.workspace.fs.delete(gz);
    await vscode.workspace.fs.delete(badGz);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(modelsUri(), 'flowers-C1-gscale-s2023'), { recursive: true }).then(undefined, () => undefined);
    await untilTree((items) => !items.some((i) => nameOf(i) === 'flowers-C1-gscale-s2023'), 'no flowers model');
  }
});

test('bad data gives an error and creates no folder', async () => {
  const bad = csvUri('data/bad.csv');
  await vscode.workspace.fs.writeFile(bad, text('sepal_length,sepal_width,petal_length,petal_width,target\n5.1,3.5,1.4,0.2,0\n4.9,abc,1.4,0.2,0\n6.3,3.3,6.0,2.5,2\n'));
  const before = await modelFolderNames();
  try {
    const r = await vscode.commands.executeCommand('modelLab.train', { data: bad, name: 'shouldNotExist' });
    assert.equal(r, undefined);
    assert.deepEqual(await modelFolderNames(), before);
  } finally {
    await vscode.workspace.fs.delete(bad);
  }
});

test('training cancelled through the AbortSignal leaves nothing behind', async () => {
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  const before = await modelFolderNames();
  const abort = new AbortController();
  abort.abort();
  await assert.rejects(engine().train({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale',
    degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: fs.pathOf(modelsUri()), name: 'cancelled',
  }, fs, { signal: abort.signal }), (e: Error) => e.name === 'AbortError');
  assert.deepEqual(await modelFolderNames(), before);
});

test('the view follows models written by others (CLI) and shows a damaged one without breaking', async () => {
  const src = vscode.Uri.joinPath(modelsUri(), 'seed2023');
  await vscode.workspace.fs.copy(src, vscode.Uri.joinPath(modelsUri(), 'fromCli'));
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(modelsUri(), 'broken'));
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(modelsUri(), 'broken', 'model.json'), text('{"format": "model-lab-model",'));
  const items = await untilTree((is) => is.some((i) => nameOf(i) === 'fromCli') && is.some((i) => nameOf(i) === 'broken'), 'fromCli and broken');
  const broken = items.find((i) => nameOf(i) === 'broken')!;
  assert.equal(label(broken), 'damaged · broken');
  assert.ok(broken.tooltip instanceof vscode.MarkdownString && broken.tooltip.value.length > 30, 'the tooltip gives the reason');
  assert.equal(label(items.find((i) => nameOf(i) === 'fromCli')!), '100.00 % · fromCli');
  const report = (await vscode.commands.executeCommand('modelLab.validate', vscode.Uri.joinPath(modelsUri(), 'broken'))) as ValidationReport;
  assert.equal(report.status, 'could-not-load');
  assert.ok(report.error && report.error.length > 0);
});

test('commands on models refuse what the store does not list; no argument skips the confirmation', async () => {
  // A command link can pass JSON (even a revived URI) to any command: a folder outside the models
  // folder, a forged tree item or a URI string must not be deleted, validated or shown.
  const outside = vscode.Uri.joinPath(workspaceFolder().uri, 'data');
  for (const arg of [outside, outside.toString(), { kind: 'model', model: { uri: outside.toString(), name: 'data' } }]) {
    for (const command of [COMMAND_IDS.deleteModel, COMMAND_IDS.validate, COMMAND_IDS.showResults, COMMAND_IDS.renameModel, COMMAND_IDS.exportOnnx]) {
      assert.equal(await vscode.commands.executeCommand(command, arg, { confirmed: true }), undefined, `${command} refused ${JSON.stringify(arg)}`);
    }
  }
  assert.ok(await exists(vscode.Uri.joinPath(outside, 'iris.csv')), 'nothing outside the models folder was touched');
});

test('deleting by hand is seen by the view', async () => {
  await vscode.workspace.fs.delete(vscode.Uri.joinPath(modelsUri(), 'fromCli'), { recursive: true });
  await vscode.workspace.fs.delete(vscode.Uri.joinPath(modelsUri(), 'broken'), { recursive: true });
  await untilTree((is) => !is.some((i) => nameOf(i) === 'broken' || nameOf(i) === 'fromCli'), 'the list without "broken" and "fromCli"');
});

test('several folder moves of ours reach the views as one change, never half done (Delete and Undo of a selection)', async () => {
  const { store } = await api();
  const names = ['batchA', 'batchB'];
  for (const n of names) await vscode.workspace.fs.copy(vscode.Uri.joinPath(modelsUri(), 'seed2023'), vscode.Uri.joinPath(modelsUri(), n));
  await untilTree((is) => names.every((n) => is.some((i) => nameOf(i) === n)), 'batchA and batchB');
  await new Promise((r) => setTimeout(r, 1000)); // the copies' own file events have settled
  const aside = vscode.Uri.joinPath(workspaceFolder().uri, 'held');
  const seen: string[][] = [];
  const sub = store.onDidChange(() => void store.list().then((ms) => seen.push(ms.map((m) => m.name).filter((n) => names.includes(n)))));
  try {
    for (const [from, to] of [[modelsUri(), aside], [aside, modelsUri()]] as const) {
      seen.length = 0;
      await store.batch(async () => {
        for (const n of names) {
          await vscode.workspace.fs.rename(vscode.Uri.joinPath(from, n), vscode.Uri.joinPath(to, n));
          await new Promise((r) => setTimeout(r, 800)); // longer than the store's file-event debounce
        }
      });
      await new Promise((r) => setTimeout(r, 1500)); // late file events change nothing more
      const expected = to === aside ? [] : [...names].sort();
      assert.deepEqual(seen.map((s) => [...s].sort()), [expected], `one change, to the end state (${JSON.stringify(seen)})`);
    }
  } finally {
    sub.dispose();
    for (const n of names) await vscode.workspace.fs.delete(vscode.Uri.joinPath(modelsUri(), n), { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(aside, { recursive: true }).then(undefined, () => undefined);
  }
  await untilTree((is) => !is.some((i) => names.includes(nameOf(i))), 'the list without batchA and batchB');
});

test('a model folder written to without pause still shows its change while the writes go on', async () => {
  const file = vscode.Uri.joinPath(modelsUri(), 'seed2023', 'classifier.json');
  const saved = await vscode.workspace.fs.readFile(file);
  const stop = Date.now() + 6000;
  let writing = true;
  // A tool rewriting the file every 100 ms for 6 s: each write alone would restart the debounce.
  const writer = (async () => {
    for (let i = 0; writing && Date.now() < stop; i++) {
      await vscode.workspace.fs.writeFile(file, text(`${new TextDecoder().decode(saved)}${' '.repeat(1 + (i % 2))}`));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const events = recordModelFileEvents();
  try {
    const started = Date.now();
    await untilTree((is) => is.some((i) => label(i) === '100.00 % · seed2023' && i.description === 'changed'), 'seed2023 as changed while it is written to', 5000, async () => events.describe(file));
    assert.ok(Date.now() < stop, `seen after ${Date.now() - started} ms, while the writes went on`);
  } finally {
    events.dispose();
    writing = false;
    await writer;
    await vscode.workspace.fs.writeFile(file, saved);
  }
  await untilTree((is) => is.some((i) => label(i) === '100.00 % · seed2023' && i.description === undefined), 'seed2023 unchanged again', 10_000);
});

test('models are listed newest first', async () => {
  const names = (await treeItems()).map(nameOf);
  assert.deepEqual(names.slice(0, 2), ['pipe2022', 'seed2023']);
});

test('messages from the webview are checked against the protocol', () => {
  assert.deepEqual(parseFromWebview({ type: 'revalidate' }), { type: 'revalidate' });
  for (const bad of [null, 'revalidate', { type: 'revalidate', extra: 1 }, { type: 'runShell' }, [], { type: 1 }]) assert.equal(parseFromWebview(bad), undefined);
});

test('Export to scikit-learn writes the course\'s joblib files into the model folder; Open as Python shows the script', async () => {
  const dir = vscode.Uri.joinPath(modelsUri(), 'seed2023');
  await answeringPicks('trained', () => vscode.commands.executeCommand('modelLab.exportSklearn', dir));
  for (const f of ['scaler.joblib', 'classifier.joblib']) assert.ok(await exists(vscode.Uri.joinPath(dir, f)), `${f} was written`);
  const head = (await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, 'classifier.joblib'))).subarray(0, 2);
  assert.deepEqual([...head], [0x80, 0x04], 'pickle protocol 4, as joblib.dump writes');
  const editor = (await vscode.commands.executeCommand('modelLab.openAsPython', dir)) as vscode.TextEditor;
  assert.equal(editor.document.languageId, 'python');
  assert.equal(editor.document.uri.path.split('/').at(-1), 'seed2023.py', 'Save proposes MODEL.py (it was the first line, "# Model Lab model … as")');
  assert.match(editor.document.getText(), /train_test_split\(.*random_state=2023/s);
  assert.match(editor.document.getText(), /SVC\(/);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  // The model still validates: its recorded files are untouched.
  const report = (await vscode.commands.executeCommand('modelLab.validate', dir)) as ValidationReport;
  assert.equal(report.status, 'matches');
  for (const f of ['scaler.joblib', 'classifier.joblib']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, f));
});

test('Export to scikit-learn and to ONNX ask before replacing a file of the model folder that holds other bytes; Cancel writes nothing, Replace replaces it', async () => {
  const dir = vscode.Uri.joinPath(modelsUri(), 'seed2023');
  const mine = new TextEncoder().encode('my own file');
  const { notify } = await api();
  const asked: string[] = [];
  let answer = false;
  const original = notify.confirm;
  notify.confirm = async (question: string) => { asked.push(question); return answer; };
  try {
    for (const [command, file] of [['modelLab.exportSklearn', 'scaler.joblib'], ['modelLab.exportOnnx', 'model.onnx']] as const) {
      const uri = vscode.Uri.joinPath(dir, file);
      await vscode.workspace.fs.writeFile(uri, mine);
      const listing = async () => (await vscode.workspace.fs.readDirectory(dir)).map(([n]) => n).sort();
      const before = await listing();
      const run = () => answeringPicks('trained', () => vscode.commands.executeCommand(command, dir));
      answer = false;
      await run();
      assert.deepEqual([...await vscode.workspace.fs.readFile(uri)], [...mine], `${file} kept after Cancel`);
      assert.deepEqual(await listing(), before, 'nothing written after Cancel');
      answer = true;
      await run();
      assert.notDeepEqual([...await vscode.workspace.fs.readFile(uri)], [...mine], `${file} replaced after Replace`);
      // Exported again: the files hold the export's bytes, so nothing is asked.
      const questions = asked.length;
      await run();
      assert.equal(asked.length, questions, 'no question when the bytes are the same');
    }
    assert.deepEqual(asked, [
      'Replace scaler.joblib in models/seed2023?', 'Replace scaler.joblib in models/seed2023?',
      'Replace model.onnx in models/seed2023?', 'Replace model.onnx in models/seed2023?',
    ]);
  } finally {
    notify.confirm = original;
    for (const f of ['scaler.joblib', 'classifier.joblib', 'model.onnx']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, f)).then(undefined, () => undefined);
  }
  const report = (await vscode.commands.executeCommand('modelLab.validate', dir)) as ValidationReport;
  assert.equal(report.status, 'matches');
});

test('Export to scikit-learn of a model trained on iris.csv (sepal_length …) asks which names the files check: Escape writes nothing; load_iris\'s names run the course\'s reload code; the trained names are said in the message', async () => {
  const dir = vscode.Uri.joinPath(modelsUri(), 'seed2023');
  const files = ['scaler.joblib', 'classifier.joblib'].map((f) => vscode.Uri.joinPath(dir, f));
  const { notify } = await api();
  const said: string[] = [];
  const info = notify.info;
  notify.info = (text: string, ...actions) => { said.push(text); return info.call(notify, text, ...actions); };
  // The course's reload code (test/core/interop/python/course_validate.py) beside the exported files.
  const reload = () => spawnSync('/usr/bin/python3', [`${__dirname}/../../test/core/interop/python/course_validate.py`], { cwd: dir.fsPath, encoding: 'utf8', env: { ...process.env, OPENBLAS_CORETYPE: 'Haswell' } });
  try {
    const escaped = await answeringPicks(undefined, () => vscode.commands.executeCommand('modelLab.exportSklearn', dir));
    assert.deepEqual(escaped.offered, [[
      'As trained: sepal_length, sepal_width, petal_length, petal_width',
      'load_iris\'s: sepal length (cm), sepal width (cm), petal length (cm), petal width (cm)',
    ]]);
    for (const f of files) assert.equal(await exists(f), false, `Escape: ${f.path} not written`);
    assert.deepEqual(said, [], 'Escape: no message');

    await answeringPicks('load-iris', () => vscode.commands.executeCommand('modelLab.exportSklearn', dir));
    assert.match(said.at(-1) ?? '', /They check load_iris's column names \(sepal length \(cm\), sepal width \(cm\), petal length \(cm\), petal width \(cm\)\), as the course's reload code gives them\./);
    const r = reload();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'Load Model Train Accuracy : 0.9666666666666667\nLoad Model Valid Accuracy : 1.0\n');
    for (const f of files) await vscode.workspace.fs.delete(f);

    await answeringPicks('trained', () => vscode.commands.executeCommand('modelLab.exportSklearn', dir));
    assert.match(said.at(-1) ?? '', /The files check the columns sepal_length, sepal_width, petal_length, petal_width \(iris\.csv's header\); load_iris\(as_frame=True\)'s differ/);
    assert.match(reload().stderr, /Feature names unseen at fit time/, 'as trained, the files refuse load_iris\'s DataFrame, as the message says');
  } finally {
    notify.info = info;
    for (const f of files) await vscode.workspace.fs.delete(f).then(undefined, () => undefined);
  }
});

test('Predict with Saved Model: the workspace CSV\'s rows with their predictions in an untitled editor; a file outside the workspace is refused', async () => {
  const dir = vscode.Uri.joinPath(modelsUri(), 'seed2023');
  const csv = csvUri('data/iris.csv');
  const before = await vscode.workspace.fs.readFile(csv);
  const editor = (await vscode.commands.executeCommand('modelLab.predict', csv, dir)) as vscode.TextEditor | undefined;
  assert.ok(editor, 'an editor with the predictions');
  assert.ok(editor.document.isUntitled, 'nothing written to disk until the user saves it');
  assert.equal(editor.document.uri.path, vscode.Uri.joinPath(csv, '..', 'iris.predictions.csv').path, 'Save proposes iris.predictions.csv beside the data');
  const lines = editor.document.getText().trim().split('\n');
  // Its classes are the CSV's 0, 1, 2 (no names of their own): the prediction alone is appended.
  assert.equal(lines[0], 'sepal_length,sepal_width,petal_length,petal_width,target,prediction');
  assert.equal(lines.length, 151);
  // The course's model labels 146 of the 150 rows right (116/120 train + 30/30 validation).
  assert.equal(lines.slice(1).filter((l) => { const f = l.split(','); return f[4] === f[5]; }).length, 146);
  assert.equal(lines[1], '5.1,3.5,1.4,0.2,0,0');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  assert.deepEqual(await vscode.workspace.fs.readFile(csv), before);
  // Command links could pass anything: a file outside the workspace is refused before anything is read.
  assert.equal(await vscode.commands.executeCommand('modelLab.predict', vscode.Uri.file('/tmp/outside.csv'), dir), undefined);
  assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, 0, 'no predictions opened');
  // A row the model cannot label: refused, with a diagnostic on its line (and Open at Line), as in training.
  const bad = csvUri('data/predict-bad.csv');
  await vscode.workspace.fs.writeFile(bad, new TextEncoder().encode('sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n5.1,abc,1.4,0.2\n'));
  try {
    assert.equal(await vscode.commands.executeCommand('modelLab.predict', bad, dir), undefined);
    const diagnostics = vscode.languages.getDiagnostics(bad);
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.message]), [[2, 'predict-bad.csv line 3, column "sepal_width": "abc" is not a number — fix or remove the row']]);
  } finally {
    await vscode.workspace.fs.delete(bad);
  }
});

test('Predict with Saved Model on a .joblib file: scikit-learn\'s own files label the CSV\'s rows as scikit-learn did; a pair selected together is one model; a file outside the workspace is refused', async () => {
  // scikit-learn 1.2.1's files (test/fixtures/joblib): a Pipeline fitted on a DataFrame, a scaler + SVC pair fitted on arrays.
  const fixtures = `${__dirname}/../../test/fixtures/joblib`;
  const expected = JSON.parse(readFileSync(`${fixtures}/expected.json`, 'utf8')) as { models: { name: string; predictions: unknown[] }[] };
  const sk = vscode.Uri.joinPath(workspaceFolder().uri, 'sk');
  const put = async (from: string, to: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(sk, to), readFileSync(`${fixtures}/models/${from}`));
  await put('db-pipeline/db_pipeline.joblib', 'db_pipeline.joblib');
  await put('course-separate/scaler.joblib', 'pair/scaler.joblib');
  await put('course-separate/classifier.joblib', 'pair/classifier.joblib');
  try {
    const csv = csvUri('data/iris.csv');
    const pipeline = vscode.Uri.joinPath(sk, 'db_pipeline.joblib');
    // From the Explorer: (clicked, selected); the CSV is then picked, here given as a script would.
    const editor = (await vscode.commands.executeCommand('modelLab.predict', csv, pipeline)) as vscode.TextEditor | undefined;
    assert.ok(editor, 'an editor with the predictions');
    const lines = editor.document.getText().trim().split('\n');
    assert.equal(lines[0], 'sepal_length,sepal_width,petal_length,petal_width,target,prediction');
    // db_pipeline.joblib's classes are the species' names; iris.csv's labels are 0, 1, 2: none match, so only the labels are compared.
    const db = expected.models.find((m) => m.name === 'db-pipeline')!;
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[5]), db.predictions);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const pair = [vscode.Uri.joinPath(sk, 'pair/scaler.joblib'), vscode.Uri.joinPath(sk, 'pair/classifier.joblib')];
    const course = expected.models.find((m) => m.name === 'course-separate')!;
    const byPair = (await vscode.commands.executeCommand('modelLab.predict', csv, pair[1])) as vscode.TextEditor;
    assert.deepEqual(byPair.document.getText().trim().split('\n').slice(1).map((l) => Number(l.split(',')[5])), course.predictions, 'the classifier clicked, the scaler found beside it');
    assert.equal(byPair.document.getText().trim().split('\n').slice(1).filter((l) => { const f = l.split(','); return f[4] === f[5]; }).length, 146);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // The same pipeline saved with pickle.dump (protocol 5, as Python 3.14 does by default): a .pkl is read alike.
    const pkl = vscode.Uri.joinPath(sk, 'db_pipeline.pkl');
    const dumped = spawnSync('/usr/bin/python3', ['-c', 'import joblib, pickle, sys; pickle.dump(joblib.load(sys.argv[1]), open(sys.argv[2], "wb"), protocol=5)', pipeline.fsPath, pkl.fsPath], { encoding: 'utf8' });
    assert.equal(dumped.status, 0, dumped.stderr);
    const byPkl = (await vscode.commands.executeCommand('modelLab.predict', csv, pkl)) as vscode.TextEditor;
    assert.deepEqual(byPkl.document.getText().trim().split('\n').slice(1).map((l) => l.split(',')[5]), db.predictions);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // A classifier with no scaler beside it is refused before the CSV file is asked for (it was asked, then refused).
    await put('course-separate/classifier.joblib', 'lone/classifier.joblib');
    const lone = vscode.commands.executeCommand('modelLab.predict', vscode.Uri.joinPath(sk, 'lone/classifier.joblib'));
    const outcome = await Promise.race([lone.then(() => 'refused'), new Promise((r) => setTimeout(() => r('asked for a CSV'), 10_000))]);
    if (outcome !== 'refused') await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(outcome, 'refused');
    // Command links could pass anything: a .joblib outside the workspace is refused before anything is read.
    assert.equal(await vscode.commands.executeCommand('modelLab.predict', csv, vscode.Uri.file(`${fixtures}/models/course-pipeline/model_pipeline.joblib`)), undefined);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, 0, 'no predictions opened');
  } finally {
    await vscode.workspace.fs.delete(sk, { recursive: true });
  }
});

test('a model file edited on disk shows as changed in the tree and in Compare at once; restoring it clears that', async () => {
  const file = vscode.Uri.joinPath(modelsUri(), 'seed2023', 'classifier.json');
  const saved = await vscode.workspace.fs.readFile(file);
  // Reformatted by an editor (a trailing newline): other bytes, the same model.
  const edited = `${new TextDecoder().decode(saved)}\n`;
  await vscode.commands.executeCommand('modelLab.compare');
  const { compare } = await api();
  const events = recordModelFileEvents();
  try {
    await vscode.workspace.fs.writeFile(file, text(edited));
    const items = await untilTree((is) => is.some((i) => label(i) === '100.00 % · seed2023' && i.description === 'changed'), 'seed2023 as changed', 10_000, async () => events.describe(file));
    const item = items.find((i) => nameOf(i) === 'seed2023')!;
    assert.match((item.tooltip as vscode.MarkdownString).value, /Changed since it was saved:\*\* classifier\.json.*modified/);
    for (let i = 0; i < 100 && compare.rows.find((r) => r.name === 'seed2023')?.status !== 'changed'; i++) await new Promise((r) => setTimeout(r, 50));
    const row = compare.rows.find((r) => r.name === 'seed2023')!;
    assert.equal(row.status, 'changed');
    assert.equal(row.best, false, 'a changed model is never best');
    // What the edited model predicts now, on request; the saved one still refuses to load.
    const fs = new WorkspaceFileSystem(workspaceFolder().uri);
    const now = await engine().validate(fs.pathOf(vscode.Uri.joinPath(modelsUri(), 'seed2023')), fs, {}, { acceptEdited: true });
    assert.deepEqual(now.edited, ['classifier.json'], JSON.stringify({ status: now.status, error: now.error }));
    assert.equal(now.status, 'matches', 'the reformatted classifier predicts the recorded accuracies');
  } finally {
    events.dispose();
    await vscode.workspace.fs.writeFile(file, saved);
  }
  await untilTree((is) => is.some((i) => label(i) === '100.00 % · seed2023' && i.description === undefined), 'seed2023 unchanged again', 10_000);
});

test('a file row of Saved Models never opens through a planted link or a FIFO: one line says what it is, no editor shows the target; the row does not claim the recorded sha256', async () => {
  const { symlinkSync, unlinkSync } = await import('node:fs');
  const { tree, notify } = await api();
  const leak = vscode.Uri.joinPath(modelsUri(), 'leak');
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(modelsUri(), 'seed2023'), leak);
  unlinkSync(vscode.Uri.joinPath(leak, 'data.csv').fsPath);
  symlinkSync('/etc/passwd', vscode.Uri.joinPath(leak, 'data.csv').fsPath);
  assert.equal(spawnSync('mkfifo', [vscode.Uri.joinPath(leak, 'pipe').fsPath]).status, 0, 'mkfifo');
  const refusals: string[] = [];
  const original = notify.error;
  notify.error = async (e: unknown) => { refusals.push(errorMessage(e)); return undefined; };
  const showsTarget = () => [...vscode.workspace.textDocuments].some((d) => d.uri.path.startsWith(leak.path) || d.getText().includes('root:x:0:0'));
  try {
    await untilTree((is) => is.some((i) => nameOf(i) === 'leak'), 'leak');
    const node = (await tree.getChildren()).find((n) => n.kind === 'model' && n.model.name === 'leak')!;
    const rows = new Map((await tree.getChildren(node)).map((c) => [c.kind === 'artifact' ? c.name : '', tree.getTreeItem(c)]));
    const data = rows.get('data.csv')!;
    assert.doesNotMatch(String(data.description), /sha256/, 'the linked data.csv does not show the recorded hash as if intact');
    assert.match(String(data.description), /symbolic link/);
    assert.match(String(rows.get('pipe')!.description), /special file/);
    assert.match(String(rows.get('scaler.json')!.description), /^sha256 /, 'a plain file as saved shows its hash');
    for (const [file, refusal] of [['data.csv', /data\.csv: is a symbolic link to \/etc\/passwd — Model Lab opens only the plain files of a model folder, never through a link .*nothing was opened$/], ['pipe', /pipe: is a special file \(a device, FIFO or socket\), not a plain file — .*nothing was opened$/]] as const) {
      const command = rows.get(file)!.command!;
      assert.notEqual(command.command, 'vscode.open', `${file}: the row's click goes through the check`);
      refusals.length = 0;
      assert.equal(await vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])), undefined, `${file}: nothing opened`);
      assert.equal(refusals.length, 1, `${file}: one line`);
      assert.match(refusals[0]!, refusal);
      assert.equal(showsTarget(), false, `${file}: no editor on the link or its target`);
    }
    // A forged row naming a file outside the model folder is refused too.
    refusals.length = 0;
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.openModelFile, { kind: 'artifact', model: { uri: leak }, name: '../../data/iris.csv' }), undefined);
    assert.match(refusals[0] ?? '', /is not a file of the model folder/);
    // A plain file opens.
    const scaler = rows.get('scaler.json')!.command!;
    const opened = (await vscode.commands.executeCommand(scaler.command, ...(scaler.arguments ?? []))) as vscode.Uri;
    assert.equal(opened.path, vscode.Uri.joinPath(leak, 'scaler.json').path);
    assert.equal(vscode.window.activeTextEditor?.document.uri.path, opened.path);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  } finally {
    notify.error = original;
    await vscode.workspace.fs.delete(leak, { recursive: true });
  }
  await untilTree((is) => !is.some((i) => nameOf(i) === 'leak'), 'the list without leak');
});

test('a bidi override in a model folder\'s name is written out in its row, description and tooltip; a folder not named as its model.json says so', async () => {
  const spoof = 'spoof\u202Etxt.exe';
  const dir = vscode.Uri.joinPath(modelsUri(), spoof);
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(modelsUri(), 'seed2023'), dir);
  try {
    const items = await untilTree((is) => is.some((i) => nameOf(i).startsWith('spoof')), 'the spoof folder');
    const item = items.find((i) => nameOf(i).startsWith('spoof'))!;
    assert.equal(label(item), '100.00 % · spoof⟨U+202E⟩txt.exe');
    assert.equal(item.description, undefined);
    const tip = (item.tooltip as vscode.MarkdownString).value;
    assert.doesNotMatch(tip + (item.accessibilityInformation?.label ?? ''), /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
    assert.match(tip, /model\.json names it "seed2023" \(the folder was copied or renamed outside Model Lab\)/);
    assert.doesNotMatch((items.find((i) => nameOf(i) === 'seed2023')!.tooltip as vscode.MarkdownString).value, /names it/);
  } finally {
    await vscode.workspace.fs.delete(dir, { recursive: true });
  }
  await untilTree((is) => !is.some((i) => nameOf(i).startsWith('spoof')), 'the list without the spoof folder');
});

test('an artifact saved from an editor shows as changed even when VS Code does not watch the models folder (files.watcherExclude)', async () => {
  // Users exclude big folders from VS Code's file watcher; the store then gets no file event for the
  // models folder, but VS Code still reports its own editor's save.
  const files = vscode.workspace.getConfiguration('files');
  await files.update('watcherExclude', { '**/models/**': true }, vscode.ConfigurationTarget.Workspace);
  const file = vscode.Uri.joinPath(modelsUri(), 'seed2023', 'classifier.json');
  const saved = await vscode.workspace.fs.readFile(file);
  try {
    await new Promise((r) => setTimeout(r, 1500)); // VS Code restarts its watcher with the new excludes
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(doc.lineAt(doc.lineCount - 1).range.end, '\n'));
    assert.ok(await doc.save(), 'the editor saved the file');
    await untilTree((is) => is.some((i) => label(i) === '100.00 % · seed2023' && i.description === 'changed'), 'seed2023 as changed after an editor save', 10_000);
    await editor.edit((b) => b.delete(new vscode.Range(doc.lineAt(doc.lineCount - 2).range.end, doc.lineAt(doc.lineCount - 1).range.end)));
    assert.ok(await doc.save(), 'the editor saved the file again');
    assert.deepEqual(await vscode.workspace.fs.readFile(file), saved, 'the file is as saved by Model Lab again');
    await untilTree((is) => is.some((i) => label(i) === '100.00 % · seed2023' && i.description === undefined), 'seed2023 unchanged after the editor restored it', 10_000);
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await files.update('watcherExclude', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.writeFile(file, saved);
    await new Promise((r) => setTimeout(r, 1500)); // the watcher back on models/ for the tests after
  }
});

test('a results tab brought back into view checks its model\'s files again, also where VS Code does not watch (files.watcherExclude)', async () => {
  const files = vscode.workspace.getConfiguration('files');
  await files.update('watcherExclude', { '**/models/**': true }, vscode.ConfigurationTarget.Workspace);
  const dir = vscode.Uri.joinPath(modelsUri(), 'seed2023');
  const file = vscode.Uri.joinPath(dir, 'classifier.json');
  const saved = await vscode.workspace.fs.readFile(file);
  const { store } = await api();
  const seed = (is: vscode.TreeItem[]) => { const i = is.find((x) => nameOf(x) === 'seed2023'); return i && `${label(i)}${i.description ? ` (${String(i.description)})` : ''}`; };
  try {
    await new Promise((r) => setTimeout(r, 1500)); // VS Code restarts its watcher with the new excludes
    assert.equal(((await vscode.commands.executeCommand('modelLab.validate', dir)) as ValidationReport).status, 'matches');
    await vscode.workspace.fs.writeFile(file, text(`${new TextDecoder().decode(saved)}\n`)); // no file event, no editor save
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(seed(await treeItems()), '100.00 % · seed2023', 'unseen so far: VS Code does not watch the models folder now');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'another tab' })); // hides the results tab
    await vscode.commands.executeCommand(COMMAND_IDS.showResults, dir); // and back
    await untilTree((is) => seed(is) === '100.00 % · seed2023 (changed)', 'seed2023 as changed once its results tab was shown again', 10_000);
  } finally {
    await vscode.workspace.fs.writeFile(file, saved);
    store.recheck(dir);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await files.update('watcherExclude', undefined, vscode.ConfigurationTarget.Workspace);
    await new Promise((r) => setTimeout(r, 1500)); // the watcher back on models/ for the tests after
  }
  await untilTree((is) => seed(is) === '100.00 % · seed2023', 'seed2023 unchanged again', 10_000);
});

test('a model folder deleted or moved outside Model Lab: its open results tab shows none of its numbers, and they come back with it', async () => {
  const r = (await vscode.commands.executeCommand('modelLab.train', { data: csvUri('data/iris.csv'), name: 'leaves' })) as TrainResult | undefined;
  assert.ok(r);
  const dir = vscode.Uri.joinPath(modelsUri(), 'leaves');
  const away = vscode.Uri.joinPath(workspaceFolder().uri, 'leaves-moved-away');
  const report = (await vscode.commands.executeCommand('modelLab.validate', dir)) as ValidationReport;
  assert.equal(report.status, 'matches');
  const { results, store } = await api();
  const model = await store.find(dir);
  assert.ok(model);
  const config = vscode.workspace.getConfiguration('modelLab');
  const shown = (what: string, ok: (v: ResultsView | undefined) => boolean) => untilResults(dir, what, ok);
  try {
    await vscode.workspace.fs.rename(dir, away);
    const gone = await shown('gone', (v) => v?.status === 'could-not-load');
    assert.match(gone.error ?? '', /leaves is no longer in Saved Models: the folder was deleted or moved outside Model Lab/);
    assert.equal(gone.train, undefined);
    assert.equal(gone.recorded, undefined, 'no number of a model that is not there');
    assert.deepEqual(gone.parameters, []);
    // Its Re-validate button: the same why, checked anew — not the core's terser "no such model folder".
    const again = await results.validate(model);
    assert.equal(again?.status, 'could-not-load');
    assert.match(again?.error ?? '', /leaves is no longer in Saved Models: the folder was deleted or moved outside Model Lab/);
    assert.match(results.shown.get(dir.toString())?.error ?? '', /leaves is no longer in Saved Models: the folder was deleted/);
    await vscode.workspace.fs.rename(away, dir);
    const back = await shown('back', (v) => v?.status === 'matches' && v.train !== undefined);
    assert.equal(back.valid?.accuracy, 1);
    // The folder is still there, but the models folder is another one now.
    await config.update('modelsFolder', 'elsewhere', vscode.ConfigurationTarget.Workspace);
    const outside = await shown('outside the models folder', (v) => v?.status === 'could-not-load');
    assert.match(outside.error ?? '', /leaves is no longer in Saved Models: it is outside the models folder of this workspace now \(the setting modelLab.modelsFolder/);
    assert.equal(outside.recorded, undefined);
    await config.update('modelsFolder', undefined, vscode.ConfigurationTarget.Workspace);
    await shown('back again', (v) => v?.status === 'matches' && v.train !== undefined);
  } finally {
    await config.update('modelsFolder', undefined, vscode.ConfigurationTarget.Workspace);
    if (await exists(away)) await vscode.workspace.fs.rename(away, dir);
    await results.close(dir);
    await vscode.workspace.fs.delete(dir, { recursive: true });
  }
});

test('a model.json that no longer reads (a shell wrote over it): its open results tab says it cannot be loaded as the tree says damaged, and "matches" again once it is restored', async () => {
  const r = (await vscode.commands.executeCommand('modelLab.train', { data: csvUri('data/iris.csv'), name: 'overwritten' })) as TrainResult | undefined;
  assert.ok(r);
  const dir = vscode.Uri.joinPath(modelsUri(), 'overwritten');
  const manifest = vscode.Uri.joinPath(dir, 'model.json');
  const saved = readFileSync(manifest.fsPath);
  const { results } = await api();
  const overwritten = (is: vscode.TreeItem[]) => is.find((i) => nameOf(i) === 'overwritten');
  try {
    assert.equal(((await vscode.commands.executeCommand('modelLab.validate', dir)) as ValidationReport).status, 'matches');
    // As `echo 'not json' > models/overwritten/model.json` does: not through VS Code.
    writeFileSync(manifest.fsPath, 'not json\n');
    await untilTree((is) => overwritten(is) !== undefined && label(overwritten(is)!) === 'damaged · overwritten', 'overwritten as damaged', 10_000);
    const damaged = await untilResults(dir, 'could not load', (v) => v?.status === 'could-not-load');
    assert.match(damaged.error ?? '', /model\.json.*not valid JSON/);
    assert.equal(damaged.train, undefined, 'no reloaded numbers of a model that does not load');
    // Another way of not reading (a manifest without its fields): still said, with its own reason.
    writeFileSync(manifest.fsPath, '{}');
    await untilResults(dir, 'could not load, for the missing fields', (v) => v?.status === 'could-not-load' && v.error !== damaged.error);
    writeFileSync(manifest.fsPath, saved);
    await untilTree((is) => overwritten(is) !== undefined && label(overwritten(is)!) === '100.00 % · overwritten', 'overwritten unchanged again', 10_000);
    const back = await untilResults(dir, 'matches again', (v) => v?.status === 'matches' && v.train !== undefined);
    assert.equal(back.error, undefined);
    assert.equal(back.changed, undefined, 'the restored bytes are the saved ones');
  } finally {
    writeFileSync(manifest.fsPath, saved);
    await results.close(dir);
    await vscode.workspace.fs.delete(dir, { recursive: true });
  }
});

test('a model folder renamed on disk (a shell, the Explorer): its results tab follows it, under the new name, where it was; a copy beside it makes it ambiguous, so the tab says gone', async () => {
  const r = (await vscode.commands.executeCommand('modelLab.train', { data: csvUri('data/iris.csv'), name: 'wanders' })) as TrainResult | undefined;
  assert.ok(r);
  const dir = vscode.Uri.joinPath(modelsUri(), 'wanders');
  const renamed = vscode.Uri.joinPath(modelsUri(), 'wanders-renamed');
  const copy = vscode.Uri.joinPath(modelsUri(), 'wanders-copy');
  const { results } = await api();
  const tabsOf = (uri: vscode.Uri) => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.path === uri.path);
  const until = async (what: string, ok: () => boolean) => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((res) => setTimeout(res, 50));
    assert.ok(ok(), what);
  };
  try {
    assert.equal(((await vscode.commands.executeCommand('modelLab.validate', dir)) as ValidationReport).status, 'matches');
    const column = tabsOf(dir)[0]?.group.viewColumn;
    await vscode.workspace.fs.rename(dir, renamed);
    await until('the tab follows the folder', () => tabsOf(dir).length === 0 && results.shown.get(renamed.toString())?.status === 'matches');
    assert.deepEqual(tabsOf(renamed).map((t) => [t.label, t.group.viewColumn]), [['wanders-renamed', column]]);
    assert.equal(results.shown.has(dir.toString()), false);
    // Two folders of the same saved model (a copy, then the original moved away): no guess.
    await vscode.workspace.fs.copy(renamed, copy);
    await vscode.workspace.fs.rename(renamed, dir);
    await until('ambiguous: gone', () => results.shown.get(renamed.toString())?.status === 'could-not-load');
    assert.match(results.shown.get(renamed.toString())?.error ?? '', /wanders-renamed is no longer in Saved Models: the folder was deleted or moved/);
    assert.equal(tabsOf(renamed).length, 1, 'the tab stays, saying why');
  } finally {
    await results.close(renamed);
    for (const u of [dir, renamed, copy]) if (await exists(u)) await vscode.workspace.fs.delete(u, { recursive: true });
  }
});

test('the extension host runs the compiled SVM\'s FMA build where the processor has FMA', async () => {
  // The same runtime as the extension's (this process): the build it picks here is the extension's.
  const { svmBuild } = await import('../../../src/core/svm/svmEngine');
  const { readFileSync } = await import('node:fs');
  const fma = /^flags\s*:.*\bfma\b/m.test(readFileSync('/proc/cpuinfo', 'utf8')) || process.arch === 'arm64';
  assert.equal(svmBuild(), fma ? 'fma' : 'portable');
});
