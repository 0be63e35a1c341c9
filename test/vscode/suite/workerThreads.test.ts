// The window's worker threads (src/extension/workerThreads.ts) with two jobs at once, as a user meets
// them: a Train started during a long Tune runs at once on the single fits' own worker instead of
// queueing behind the search, and a second search waits for its turn with progress that says so
// (Cancel stops waiting, and leaves the running one alone).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { api, csvUri, modelFolderNames, modelsUri, workspaceFolder } from './helpers';
import { COMMAND_IDS } from '../../../src/extension/contributions';
import { engine } from '../../../src/extension/engine';
import { WorkspaceFileSystem } from '../../../src/extension/workspaceFileSystem';
import type { TuneOptions } from '../../../src/core/experiments/tune/tune';
import type { TrainResult } from '../../../src/core/usecases/contracts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a Train during a long Tune runs at once (its own worker); a second search waits for its turn and says so; cancelling it leaves the first running', async () => {
  const { workerThreads } = await api();
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  const before = await modelFolderNames();
  // A poly kernel of degree 1000 on iris: with 5 folds, the fits of 96 rows take minutes (in scikit-learn 1.2.1 too).
  const slowSearch = (name: string): TuneOptions => ({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, target: 'target', drop: [],
    grid: { kernel: ['poly'], C: [1], gamma: ['scale'], degree: [1000], coef0: [0] }, cv: 5, modelsDir: fs.pathOf(modelsUri()), name,
  });
  const first = new AbortController();
  let firstStarted = false;
  let firstSettled = false;
  const firstRun = engine().tune(slowSearch('slow-search'), fs, {
    signal: first.signal, runner: workerThreads.unitRunner(), fitter: workerThreads.modelFitter(),
    onProgress: () => { firstStarted = true; },
  }).finally(() => { firstSettled = true; });
  const firstRejected = assert.rejects(firstRun, (e: Error) => e.name === 'AbortError');
  try {
    for (let i = 0; i < 200 && !firstStarted; i++) await sleep(50);
    assert.ok(firstStarted, 'the search started its fits');
    await sleep(500);

    const trained = (await Promise.race([
      vscode.commands.executeCommand(COMMAND_IDS.train, { data: csvUri('data/iris.csv'), name: 'during-search' }),
      sleep(30_000).then(() => 'Train still waiting after 30 s'),
    ])) as TrainResult | string | undefined;
    assert.ok(typeof trained === 'object', `Train ended: ${JSON.stringify(trained)}`);
    assert.deepEqual([trained.train.correct, trained.train.total, trained.valid.correct, trained.valid.total], [116, 120, 30, 30]);
    assert.equal(firstSettled, false, 'the search is still running: Train did not wait for it');
    assert.equal(workerThreads.fitterThreads, 1, 'Train fitted on the single fits\' worker');

    const waits: string[] = [];
    const second = new AbortController();
    const secondRun = engine().tune(slowSearch('waiting-search'), fs, {
      signal: second.signal, runner: workerThreads.unitRunner((text) => waits.push(text)), fitter: workerThreads.modelFitter(),
    });
    for (let i = 0; i < 100 && waits.length === 0; i++) await sleep(50);
    assert.deepEqual(waits, ['Waiting for a search (Tune Iris Model) running in this window to end — this one starts then (Cancel stops waiting)']);
    const cancelled = Date.now();
    second.abort();
    await assert.rejects(secondRun, (e: Error) => e.name === 'AbortError');
    assert.ok(Date.now() - cancelled < 2_000, 'the waiting search stopped waiting at once');
    await sleep(200);
    assert.equal(firstSettled, false, 'cancelling the waiting search left the running one alone');
    assert.ok(workerThreads.threads > 0, 'the running search\'s workers are still up');
  } finally {
    first.abort();
    await firstRejected;
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(modelsUri(), 'during-search'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  }
  assert.deepEqual(await modelFolderNames(), before, 'the searches saved nothing');
});
