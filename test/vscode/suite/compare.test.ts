// Compare Models and sweeps in a real VS Code: the table lists the saved models with the numbers
// they were trained with, follows the disk, a sweep from the train command gives scikit-learn's
// accuracies for every combination, the matrices come from validation, the CSV is written, and
// 1,000 models list from the manifest cache (timings printed, not asserted).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { test } from './runner';
import { api, exists, nameOf, modelsUri, untilTree, workspaceFolder } from './helpers';
import type { CompareOpened } from '../../../src/extension/webviews/comparePanel';
import type { CompareRow } from '../../../src/protocol/comparePanel';
import type { SweepResult } from '../../../src/core/experiments/sweep';

// The fixture is read at run time from the repository (the suite runs from out/vscode-suite).
interface Expected { cases: { C: number; gamma: number | 'scale'; seed: number; trainAccuracy: number; validAccuracy: number }[] }
const expected: Expected = JSON.parse(readFileSync(`${__dirname}/../../test/fixtures/sweep/expected.json`, 'utf8'));

/** Resolves with the panel's rows once they satisfy `predicate` (polled: no test hook in the panel). */
async function untilRows(predicate: (rows: readonly CompareRow[]) => boolean, what: string, limitMs = 20_000): Promise<readonly CompareRow[]> {
  const { compare } = await api();
  const deadline = Date.now() + limitMs;
  while (!predicate(compare.rows)) {
    if (Date.now() > deadline) throw new Error(`Compare Models did not show ${what} within ${limitMs} ms; it lists ${compare.rows.map((r) => r.name).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return compare.rows;
}

function compareTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('modelLab.compare'));
}

/** The tab model follows the main window asynchronously: wait (generously) for the panel's tab. */
async function untilCompareTabs(): Promise<vscode.Tab[]> {
  for (let i = 0; i < 200 && compareTabs().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  return compareTabs();
}

test('Compare Models lists the saved models with the accuracies they were trained with', async () => {
  const opened = (await vscode.commands.executeCommand('modelLab.compare')) as CompareOpened;
  const seed = opened.rows.find((r) => r.name === 'seed2023');
  const pipe = opened.rows.find((r) => r.name === 'pipe2022');
  assert.ok(seed && pipe, `rows: ${opened.rows.map((r) => r.name).join(', ')}`);
  assert.deepEqual([seed.trainAccuracy, seed.validAccuracy, seed.seed, seed.C, seed.gamma, seed.kernel, seed.layout, seed.dataSource], [0.9666666666666667, 1, 2023, 1, 'scale', 'rbf', 'separate', 'csv']);
  assert.deepEqual([pipe.trainAccuracy, pipe.validAccuracy, pipe.seed, pipe.layout, pipe.dataSource, pipe.trainSize, pipe.dataRows], [0.9833333333333333, 0.9666666666666667, 2022, 'pipeline', 'iris', 120, 150]);
  assert.equal(seed.best, true, JSON.stringify(opened.rows.map((r) => [r.name, r.status, r.validAccuracy, r.best])));
  // Each is the best of its own data (the workspace's CSV; the built-in iris): pipe2022's 96.67 %
  // is not ranked against seed2023's 100 %, which was measured on other validation rows.
  assert.equal(pipe.best, true, 'the best of the built-in iris models');
  assert.equal(seed.id, vscode.Uri.joinPath(modelsUri(), 'seed2023').toString());
  assert.equal((await untilCompareTabs()).length, 1);
  // Opening again reveals the same panel; a tree selection is preselected.
  const { tree } = await api();
  const nodes = (await tree.getChildren()).filter((n) => n.kind === 'model');
  const again = (await vscode.commands.executeCommand('modelLab.compare', nodes[0], nodes)) as CompareOpened;
  assert.deepEqual(new Set(again.selected), new Set(nodes.map((n) => n.model.uri.toString())));
  assert.equal(compareTabs().length, 1);
});

test('two selected models: the facts of their model.json for the diff (parameters, data hash, split, provenance)', async () => {
  const { compare } = await api();
  await vscode.commands.executeCommand('modelLab.compare');
  const ids = ['seed2023', 'pipe2022'].map((n) => vscode.Uri.joinPath(modelsUri(), n).toString());
  const [a, b] = compare.factsFor(ids);
  assert.ok(a && b, 'facts for both models');
  const manifest = (n: string) => JSON.parse(readFileSync(vscode.Uri.joinPath(modelsUri(), n, 'model.json').fsPath, 'utf8')) as { data: { sha256: string; rows: number }; created: string };
  const fact = (f: typeof a, group: string, label: string) => f.facts.find((x) => x.group === group && x.label === label)?.value;
  assert.equal(fact(a, 'Data', 'sha256'), manifest('seed2023').data.sha256);
  assert.equal(fact(b, 'Data', 'sha256'), manifest('pipe2022').data.sha256);
  assert.equal(fact(b, 'Data', 'rows'), String(manifest('pipe2022').data.rows));
  assert.deepEqual([fact(a, 'Split', 'seed'), fact(b, 'Split', 'seed')], ['2023', '2022']);
  assert.deepEqual([fact(a, 'Parameters', 'layout'), fact(b, 'Parameters', 'layout')], ['separate', 'pipeline']);
  assert.equal(fact(a, 'Provenance', 'created'), manifest('seed2023').created);
  assert.equal(fact(a, 'Metrics', 'validation accuracy'), '1.0 (30/30)');
});

test('Compare Models follows models added and removed on disk', async () => {
  const copy = vscode.Uri.joinPath(modelsUri(), 'compareCopy');
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(modelsUri(), 'seed2023'), copy);
  const rows = await untilRows((rs) => rs.some((r) => r.name === 'compareCopy'), 'compareCopy');
  assert.equal(rows.find((r) => r.name === 'compareCopy')!.validAccuracy, 1);
  await vscode.workspace.fs.delete(copy, { recursive: true });
  await untilRows((rs) => !rs.some((r) => r.name === 'compareCopy'), 'the list without compareCopy');
});

test('a sweep (C 0.1,1,10 × gamma scale,0.1) trains one model per combination with scikit-learn\'s accuracies', async () => {
  const r = (await vscode.commands.executeCommand('modelLab.trainWithOptions', {
    data: 'iris', name: 'sweep', choices: { C: '0.1, 1, 10', gamma: 'scale, 0.1', seed: '2023' },
  })) as SweepResult | undefined;
  assert.ok(r && 'models' in r, 'the command returned a sweep result');
  assert.equal(r.planned, 6);
  assert.equal(r.cancelled, false);
  assert.deepEqual(r.models.map((m) => m.result.name), ['sweep-C0.1-gscale-s2023', 'sweep-C0.1-g0.1-s2023', 'sweep-C1-gscale-s2023', 'sweep-C1-g0.1-s2023', 'sweep-C10-gscale-s2023', 'sweep-C10-g0.1-s2023']);
  for (const [i, c] of expected.cases.entries()) {
    const m: SweepResult['models'][number] = r.models[i]!;
    assert.deepEqual([m.C, m.gamma, m.seed], [c.C, c.gamma, c.seed]);
    assert.equal(m.result.train.accuracy, c.trainAccuracy, `${m.result.name} train`);
    assert.equal(m.result.valid.accuracy, c.validAccuracy, `${m.result.name} valid`);
    assert.ok(await exists(vscode.Uri.joinPath(modelsUri(), m.result.name, 'model.json')));
  }
  // Compare Models opened with the new models, which it lists with the same numbers.
  assert.equal((await untilCompareTabs()).length, 1);
  const { compare } = await api();
  const rows = await untilRows((rs) => rs.filter((x) => x.name.startsWith('sweep-')).length === 6, 'the six sweep models');
  for (const m of r.models) {
    const row = rows.find((x) => x.name === m.result.name)!;
    assert.deepEqual([row.trainAccuracy, row.validAccuracy], [m.result.train.accuracy, m.result.valid.accuracy]);
  }
  // The selected models' validation confusion matrices come from reloading them (validate).
  const ids = r.models.slice(0, 2).map((m) => vscode.Uri.joinPath(modelsUri(), m.result.name).toString());
  const matrices = await compare.matricesFor(ids);
  assert.ok(matrices);
  assert.deepEqual(matrices.map((x) => x.name), ['sweep-C0.1-gscale-s2023', 'sweep-C0.1-g0.1-s2023']);
  assert.deepEqual(matrices.map((x) => x.correct), [27, 26]);
  assert.deepEqual(matrices[0]!.classNames, ['setosa', 'versicolor', 'virginica']);
  assert.equal(matrices[0]!.confusion!.flat().reduce((a, b) => a + b, 0), 30);
  await untilTree((items) => items.filter((i) => nameOf(i).startsWith('sweep-')).length === 6, 'the six sweep models');
});

test('a bad list is refused naming the item, and nothing is trained', async () => {
  const before = (await api()).compare.rows.length;
  const r = await vscode.commands.executeCommand('modelLab.train', { data: 'iris', name: 'bad', choices: { C: '0.1, x' } });
  assert.equal(r, undefined);
  assert.equal(await exists(vscode.Uri.joinPath(modelsUri(), 'bad-C0.1-gscale-s2023')), false);
  assert.equal((await api()).compare.rows.length, before);
});

test('degree and coef0 lists sweep the poly kernel: one model per degree × coef0, with scikit-learn\'s accuracies', async () => {
  const r = (await vscode.commands.executeCommand('modelLab.train', {
    data: 'iris', name: 'deg', choices: { kernel: 'poly', degree: '2, 3', coef0: '0, 1' },
  })) as SweepResult | undefined;
  assert.ok(r && 'models' in r, 'the command returned a sweep result');
  // SVC(kernel='poly', degree=d, coef0=r) on iris (seed 2023), as scikit-learn 1.2.1 scores them.
  assert.deepEqual(r.models.map((m) => [m.result.name, m.degree, m.coef0, m.result.train.accuracy, m.result.valid.accuracy]), [
    ['deg-poly-d2-C1-gscale-s2023', 2, 0, 0.9166666666666666, 0.8333333333333334],
    ['deg-poly-d2-r1-C1-gscale-s2023', 2, 1, 0.975, 1],
    ['deg-poly-C1-gscale-s2023', 3, 0, 0.9166666666666666, 0.9666666666666667],
    ['deg-poly-r1-C1-gscale-s2023', 3, 1, 0.975, 1],
  ]);
  const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(modelsUri(), 'deg-poly-d2-r1-C1-gscale-s2023', 'model.json'))));
  assert.deepEqual([manifest.params.svc.kernel, manifest.params.svc.degree, manifest.params.svc.coef0], ['poly', 2, 1]);
  // A degree list with no kernel that uses it is refused by name; nothing is trained.
  const refused = await vscode.commands.executeCommand('modelLab.train', { data: 'iris', name: 'nodeg', choices: { kernel: 'rbf', C: '1, 10', degree: '2, 3' } });
  assert.equal(refused, undefined);
  assert.equal(await exists(vscode.Uri.joinPath(modelsUri(), 'nodeg-C1-gscale-s2023')), false);
});

test('Export CSV writes the rows in the given order (RFC 4180)', async () => {
  const { compare } = await api();
  const rows = compare.rows.filter((r) => r.name.startsWith('sweep-C1'));
  const target = vscode.Uri.joinPath(workspaceFolder().uri, 'comparison.csv');
  await compare.exportCsv(rows.map((r) => r.id), target);
  const csv = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  const lines = csv.split('\r\n');
  assert.match(lines[0]!, /^Name,Created,Layout,Data,Data path,Rows,Seed,Train size,Valid size,Kernel,C,gamma,Train accuracy,Valid accuracy,Status,best,error$/);
  assert.equal(lines.length, rows.length + 2);
  assert.ok(lines[1]!.startsWith(`${rows[0]!.name},`));
  assert.ok(lines.some((l) => l.startsWith('sweep-C1-g0.1-s2023,') && l.includes(',0.975,1.0,ok,')), csv);
  await vscode.workspace.fs.delete(target);
});

test('1,000 models: the listing reuses the manifest cache; time to list and to open Compare Models (report only)', async () => {
  const { store } = await api();
  const root = modelsUri().fsPath;
  const manifest = readFileSync(`${root}/seed2023/model.json`);
  const names = Array.from({ length: 1000 }, (_, i) => `bulk-${String(i).padStart(4, '0')}`);
  try {
    // Written with node's fs for speed: only model.json, which is all the listing reads.
    for (let i = 0; i < names.length; i += 50) {
      await Promise.all(names.slice(i, i + 50).map(async (n) => {
        await mkdir(`${root}/${n}`);
        await writeFile(`${root}/${n}/model.json`, manifest);
      }));
    }
    // The watcher sees the new folders and the store reads them (the cold listing).
    await untilRows((rs) => rs.filter((r) => r.name.startsWith('bulk-')).length === 1000, 'the 1,000 bulk models', 60_000);
    const refreshes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await store.refresh();
      refreshes.push(performance.now() - t);
    }
    const opened = (await vscode.commands.executeCommand('modelLab.compare')) as CompareOpened;
    assert.ok(opened.rows.length >= 1000, `${opened.rows.length} rows`);
    assert.equal((await store.list()).filter((m) => m.name.startsWith('bulk-') && !m.error).length, 1000);
    // Report only (no timed assertion): written next to the other test results.
    const report = { models: opened.rows.length, refreshMs: refreshes, compareOpenMs: opened.ms };
    await mkdir(`${__dirname}/../../test-results/vscode`, { recursive: true });
    await writeFile(`${__dirname}/../../test-results/vscode/compare-1000-models.json`, JSON.stringify(report, null, 2));
  } finally {
    await Promise.all(names.map((n) => rm(`${root}/${n}`, { recursive: true, force: true })));
    await store.refresh();
  }
  await untilRows((rs) => !rs.some((r) => r.name.startsWith('bulk-')), 'the list without the 1,000 bulk models');
});

test('a model folder renamed (Rename Model, a shell, the Explorer) is sent to Compare as moved, so its selection and baseline follow it', async () => {
  const trained = (await vscode.commands.executeCommand('modelLab.train', { data: 'iris', name: 'to-rename' })) as { modelDir: string } | undefined;
  assert.ok(trained);
  const from = vscode.Uri.file(trained.modelDir);
  const to = vscode.Uri.joinPath(modelsUri(), 'to-rename-renamed');
  await vscode.commands.executeCommand('modelLab.compare');
  await untilRows((rs) => rs.some((r) => r.id === from.toString()), 'the model to rename');
  try {
    await vscode.workspace.fs.rename(from, to);
    await untilRows((rs) => rs.some((r) => r.id === to.toString()) && !rs.some((r) => r.id === from.toString()), 'the renamed model');
    assert.deepEqual((await api()).compare.lastMoved, [[from.toString(), to.toString()]]);
  } finally {
    await rm(to.fsPath, { recursive: true, force: true });
    await rm(from.fsPath, { recursive: true, force: true });
  }
});
