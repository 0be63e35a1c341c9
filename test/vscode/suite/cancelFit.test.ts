// Cancel during a slow fit, as a tester met it: a poly kernel of degree 1000 on iris (minutes, in
// scikit-learn 1.2.1 too) set in the workspace's settings, Train, then the notification's Cancel.
// The fit runs on a worker thread, never in the extension host: the host answers meanwhile, Cancel
// stops the fit at once (the worker is terminated), nothing is saved, and the next Train works.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { api, csvUri, modelFolderNames, modelsUri } from './helpers';
import { COMMAND_IDS } from '../../../src/extension/contributions';
import type { TrainResult } from '../../../src/core/usecases/contracts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('Cancel stops a slow Train (poly, degree 1000 on iris) at once: the host stays responsive, "cancelled" is logged, nothing is saved, the next Train works', async () => {
  const { log, notify, workerThreads } = await api();
  const config = vscode.workspace.getConfiguration('modelLab');
  const logged: string[] = [];
  const said: string[] = [];
  const [line, info] = [log.line, notify.info];
  log.line = (text: string) => { logged.push(text); line.call(log, text); };
  notify.info = async (text: string) => { said.push(text); return undefined; };
  // The host's event loop: the longest gap between two ticks of a 20 ms timer while the fit runs.
  let last = Date.now();
  let longestGap = 0;
  const ticker = setInterval(() => { const now = Date.now(); longestGap = Math.max(longestGap, now - last); last = now; }, 20);
  const before = await modelFolderNames();
  let settled = false;
  try {
    await config.update('kernel', 'poly', vscode.ConfigurationTarget.Workspace);
    await config.update('degree', 1000, vscode.ConfigurationTarget.Workspace);
    // Only this run's notification is on screen: the Cancel pressed below is its own.
    await vscode.commands.executeCommand('notifications.clearAll');
    const started = Date.now();
    const running = Promise.resolve(vscode.commands.executeCommand(COMMAND_IDS.train, { data: csvUri('data/iris.csv'), name: 'slow-poly' }) as Thenable<TrainResult | undefined>)
      .finally(() => { settled = true; });
    // The window's pool has a worker thread once the fit is handed to it (earlier runs may have left
    // theirs running); reading iris takes milliseconds, so after 3 s the worker is fitting.
    for (let i = 0; i < 100 && workerThreads.fitterThreads === 0; i++) await sleep(50);
    assert.ok(workerThreads.fitterThreads > 0, 'a worker thread fits the model');
    await sleep(3_000);
    assert.equal(settled, false, 'the fit is still running after 3 s');
    assert.ok(longestGap < 1_000, `the extension host was held for ${longestGap} ms during the fit`);
    const cancelled = Date.now();
    // The progress notification's Cancel, as the user presses it.
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    const result = await Promise.race([running, sleep(10_000).then(() => 'still running 10 s after Cancel')]);
    const took = Date.now() - cancelled;
    assert.equal(result, undefined, `Train was not cancelled: ${JSON.stringify(result)} (${Date.now() - started} ms after it started)`);
    assert.ok(took < 2_000, `the cancel took ${took} ms`);
    const text = 'Training cancelled during "Fitting StandardScaler and SVC" — nothing was saved.';
    assert.ok(logged.includes(text), `the Output channel says it: ${JSON.stringify(logged.slice(-4))}`);
    assert.deepEqual(said, [text]);
    assert.equal(workerThreads.fitterThreads, 0, 'the worker was terminated');
    const all = (await vscode.workspace.fs.readDirectory(modelsUri()).then(undefined, () => [])).map(([n]) => n);
    assert.deepEqual(all.filter((n) => n.includes('slow-poly')), [], 'no model folder, no temporary folder');
    assert.deepEqual(await modelFolderNames(), before);
  } finally {
    clearInterval(ticker);
    // A failed assertion must not leave the slow fit holding the pool for the tests after this one.
    if (!settled) await workerThreads.close();
    log.line = line;
    notify.info = info;
    await config.update('kernel', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('degree', undefined, vscode.ConfigurationTarget.Workspace);
  }
  // The next Train, with the usual settings, starts a fresh worker and gives the course's numbers.
  const next = (await vscode.commands.executeCommand(COMMAND_IDS.train, { data: csvUri('data/iris.csv'), name: 'after-cancel' })) as TrainResult | undefined;
  try {
    assert.deepEqual([next?.train.correct, next?.train.total, next?.valid.correct, next?.valid.total], [116, 120, 30, 30]);
    assert.equal(workerThreads.fitterThreads, 1);
  } finally {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(modelsUri(), 'after-cancel'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  }
});
