// Import scikit-learn Model in real VS Code: the notification names every file imported; the same
// files again ask first (Open It opens the earlier model's results, Escape imports nothing, Import
// Again makes another model); the tooltip and the results page say where the model came from.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { api, nameOf, modelFolderNames, modelsUri, untilResults, untilTree, workspaceFolder } from './helpers';
import { COMMAND_IDS } from '../../../src/extension/contributions';
import { engine } from '../../../src/extension/engine';
import { WorkspaceFileSystem } from '../../../src/extension/workspaceFileSystem';

test('Import scikit-learn Model names scaler.joblib + classifier.joblib; the same files again ask "Open It" / "Import Again" (Escape: nothing); the tooltip and results say "imported from"', async () => {
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  const root = vscode.Uri.joinPath(workspaceFolder().uri, 'joblib-import-again');
  const course = vscode.Uri.joinPath(root, 'course');
  const { notify } = await api();
  const earlier = new Set(await modelFolderNames());
  const infos: string[] = [];
  const questions: string[] = [];
  let answer: string | undefined;
  const original = { info: notify.info, choose: notify.choose };
  notify.info = async (text: string) => { infos.push(text); return undefined; };
  notify.choose = (async (question: string) => { questions.push(question); return answer; }) as typeof notify.choose;
  try {
    // The course's files, as scikit-learn 1.2.1's joblib.dump writes them (Export to scikit-learn of the course's model).
    const trained = await engine().train({
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale',
      degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: fs.pathOf(root), name: 'exported',
    }, fs);
    await engine().exportJoblib(trained.modelDir, fs, { out: fs.pathOf(course) });
    const classifier = vscode.Uri.joinPath(course, 'classifier.joblib');

    // The classifier clicked alone brings the scaler beside it: the notification names both.
    await vscode.commands.executeCommand(COMMAND_IDS.importJoblib, classifier);
    assert.deepEqual(questions, []);
    assert.deepEqual(infos, ['Imported scaler.joblib + classifier.joblib as imported-course: Train Accuracy 0.9666666666666667 · Valid Accuracy 1.0.']);
    const question = '"scaler.joblib + classifier.joblib" were imported before as "imported-course" (the same bytes, by sha256) — open it, or import them again as another model?';

    // Escape: nothing imported, nothing said.
    answer = undefined;
    await vscode.commands.executeCommand(COMMAND_IDS.importJoblib, classifier);
    assert.deepEqual(questions, [question]);
    assert.equal(infos.length, 1);
    assert.deepEqual((await modelFolderNames()).filter((n) => !earlier.has(n)), ['imported-course']);

    // Open It: the earlier model's results, which say it was imported.
    answer = 'Open It';
    await vscode.commands.executeCommand(COMMAND_IDS.importJoblib, classifier);
    const view = await untilResults(vscode.Uri.joinPath(modelsUri(), 'imported-course'), 'the imported model', (v) => v?.status === 'matches');
    assert.equal(view.origin?.kind, 'imported');
    assert.match(view.origin!.text, /^imported from scaler\.joblib \+ classifier\.joblib \(scikit-learn 1\.2\.1\) by model-lab /);
    assert.deepEqual((await modelFolderNames()).filter((n) => !earlier.has(n)), ['imported-course']);

    // Import Again: another model, named as such.
    answer = 'Import Again';
    await vscode.commands.executeCommand(COMMAND_IDS.importJoblib, classifier);
    assert.equal(questions.length, 3);
    assert.equal(infos[1], 'Imported scaler.joblib + classifier.joblib as imported-course-2: Train Accuracy 0.9666666666666667 · Valid Accuracy 1.0.');

    // The Saved Models tooltip: imported from the files, not "Saved".
    const items = await untilTree((all) => all.some((i) => nameOf(i) === 'imported-course-2'), 'imported-course-2');
    const tip = (items.find((i) => nameOf(i) === 'imported-course')!.tooltip as vscode.MarkdownString).value.replace(/\\/g, '').replace(/&nbsp;/g, ' ');
    assert.match(tip, /Imported from: scaler\.joblib \+ classifier\.joblib \(scikit-learn 1\.2\.1\)/);
    assert.match(tip, /Imported: .* by model-lab /);
    assert.doesNotMatch(tip, /Saved:/);
  } finally {
    notify.info = original.info;
    notify.choose = original.choose;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(root, { recursive: true });
    for (const n of await modelFolderNames()) {
      if (!earlier.has(n)) await vscode.workspace.fs.delete(vscode.Uri.joinPath(modelsUri(), n), { recursive: true });
    }
  }
});
