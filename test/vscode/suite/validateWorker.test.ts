// A long validation, as a tester met it: a model of many rows and support vectors (40,000 random
// rows, trained on 5,000: predicting them all takes seconds). Its rows are predicted on a worker
// thread, never in the extension host: another command completes while it runs, and Cancel ends it
// at once with no late result — for Validate Saved Model (the results tab), for a .joblib file's
// Validate Saved Model and for Import scikit-learn Model (nothing saved). That the worker's numbers
// are the same as this thread's is test/core/interop/importRefit.test.ts's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { api, modelFolderNames, modelsUri, workspaceFolder } from './helpers';
import { COMMAND_IDS } from '../../../src/extension/contributions';
import { engine } from '../../../src/extension/engine';
import { WorkspaceFileSystem } from '../../../src/extension/workspaceFileSystem';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 40,000 rows of 4 random features and a random label of 3 (seeded): nearly every training row is a support vector. */
function randomRows(): string {
  let s = 11;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['a,b,c,d,target'];
  for (let i = 0; i < 40_000; i++) lines.push([r(), r(), r(), r()].map((x) => x.toFixed(3)).join(',') + `,${Math.floor(r() * 3)}`);
  return lines.join('\n') + '\n';
}

/**
 * The progress notification's Cancel, as the user presses it, until `done` settles (at most 20
 * presses, half a second apart): VS Code may show the notification a little after the work starts.
 */
async function cancelUntil(done: Promise<unknown>, settled: () => boolean): Promise<void> {
  for (let i = 0; i < 20 && !settled(); i++) {
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    await Promise.race([done, sleep(500)]);
  }
}

/** Runs a command; `settled` turns true when it ends. */
function running(command: string, ...args: unknown[]): { readonly done: Promise<unknown>; readonly settled: () => boolean } {
  let settled = false;
  const done = Promise.resolve(vscode.commands.executeCommand(command, ...args)).finally(() => { settled = true; });
  return { done, settled: () => settled };
}

test('a long validation runs off the extension host: another command completes meanwhile, and Cancel leaves no late result (results tab, .joblib validate, import)', async () => {
  const ctx = await api();
  const { log, notify, workerThreads } = ctx;
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  const csv = vscode.Uri.joinPath(workspaceFolder().uri, 'long-validation.csv');
  const dir = vscode.Uri.joinPath(modelsUri(), 'long-validation');
  const logged: string[] = [];
  const said: string[] = [];
  const [line, info] = [log.line, notify.info];
  try {
    await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode(randomRows()));
    const trained = await engine().train({
      data: { kind: 'csv', path: fs.pathOf(csv) }, layout: 'separate', seed: 2023, trainSize: { kind: 'count', value: 5000 }, kernel: 'rbf', C: 1,
      gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: fs.pathOf(modelsUri()), name: 'long-validation', saveJoblib: true,
    }, fs, { fitter: workerThreads.modelFitter() });
    await ctx.store.refresh();
    const before = await modelFolderNames();
    log.line = (text: string) => { logged.push(text); line.call(log, text); };
    notify.info = async (text: string) => { said.push(text); return undefined; };

    // Saved Models → Validate Saved Model: past a second, its notification offers Cancel.
    await vscode.commands.executeCommand('notifications.clearAll');
    const validation = running(COMMAND_IDS.validate, dir);
    await sleep(1_200);
    assert.equal(validation.settled(), false, 'the validation is still running');
    await vscode.commands.executeCommand(COMMAND_IDS.refresh);
    assert.equal(validation.settled(), false, 'another command completed while the model was validated');
    await cancelUntil(validation.done, validation.settled);
    assert.ok(validation.settled(), 'Cancel ended it');
    assert.equal(await validation.done, undefined, 'no report');
    // Its worker was terminated (none is kept running): no result can come after the Cancel.
    assert.equal(workerThreads.fitterThreads, 0, 'the validation\'s worker was terminated');
    await sleep(500);
    const shown = ctx.results.shown.get(dir.toString());
    assert.equal(shown?.status, 'cancelled', 'the tab says it was not validated, and keeps the recorded numbers');
    assert.equal(shown?.recorded?.valid, trained.valid.accuracy);
    assert.deepEqual(logged.filter((l) => l.startsWith('Validation of "long-validation"')), ['Validation of "long-validation" cancelled.']);

    // Explorer → classifier.joblib → Validate Saved Model, then Cancel: no result arrives afterwards.
    const [scaler, classifier] = [vscode.Uri.joinPath(dir, 'scaler.joblib'), vscode.Uri.joinPath(dir, 'classifier.joblib')];
    for (const command of [COMMAND_IDS.validateJoblib, COMMAND_IDS.importJoblib]) {
      await vscode.commands.executeCommand('notifications.clearAll');
      const check = running(command, classifier, [scaler, classifier]);
      await sleep(1_000);
      await vscode.commands.executeCommand(COMMAND_IDS.refresh);
      assert.equal(check.settled(), false, `another command completed during ${command}`);
      await cancelUntil(check.done, check.settled);
      assert.ok(check.settled(), `${command} ended at once on Cancel`);
      assert.equal(workerThreads.fitterThreads, 0, `the worker of ${command} was terminated`);
      await sleep(500);
      assert.deepEqual(said, [], `no late result of ${command}`);
    }
    assert.deepEqual(await modelFolderNames(), before, 'the import saved nothing');
    assert.deepEqual((await vscode.workspace.fs.readDirectory(modelsUri())).map(([n]) => n).filter((n) => n.includes('imported')), [], 'no temporary folder either');
  } finally {
    log.line = line;
    notify.info = info;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [csv, dir]) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  }
});
