// The results view's provenance from a real saved model: the columns training left out are listed,
// so that a user can drop the same ones in pandas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train } from '../../../src/core/usecases/train';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { readManifest } from '../../../src/core/artifacts/loadModel';
import { buildRecordedView, buildResultsView } from '../../../src/extension/webviews/resultsView';
import { validate } from '../../../src/core/usecases/validate';
import { flowersCsv } from '../../core/experiments/flowersCsv';

test('the provenance lists the columns left out (the drop list and a class-names column); none, no row', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-results-view-'));
  try {
    const csv = join(dir, 'flowers.csv');
    writeFileSync(csv, flowersCsv(60, 7));
    const base = { layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', modelsDir: join(dir, 'models') } as const;
    const view = async (drop: string[], name: string) => {
      const r = await train({ ...base, data: { kind: 'csv', path: csv }, drop, name }, nodeFileSystem, {});
      return buildRecordedView(r.name, r.modelDir, await readManifest(nodeFileSystem, r.modelDir)).provenance;
    };
    const rows = await view(['id', 'timestamp', 'b'], 'dropped');
    assert.deepEqual(rows.find(([k]) => k === 'Left out'), ['Left out', 'b']);
    assert.equal((await view([], 'kept')).find(([k]) => k === 'Left out'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rows left out for a missing value (dropna) are counted, with their lines of the file; without dropna, no row', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-results-view-'));
  try {
    const csv = join(dir, 'holes.csv');
    const lines = flowersCsv(60, 7).trim().split('\n');
    lines[3] = lines[3]!.replace(/^[^,]*/, 'NA');
    lines[10] = lines[10]!.replace(/,[^,]*$/, ',');
    writeFileSync(csv, lines.join('\n') + '\n');
    const base = { layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', modelsDir: join(dir, 'models'), dropna: true } as const;
    const r = await train({ ...base, drop: [], data: { kind: 'csv', path: csv }, name: 'holes' }, nodeFileSystem, {});
    const rows = buildRecordedView(r.name, r.modelDir, await readManifest(nodeFileSystem, r.modelDir)).provenance;
    assert.deepEqual(rows.find(([k]) => k === 'Missing values'), ['Missing values', '2 of 60 rows left out (pandas dropna()), lines 4, 11 of the file']);
    writeFileSync(csv, flowersCsv(60, 7));
    const clean = await train({ ...base, drop: [], data: { kind: 'csv', path: csv }, name: 'clean' }, nodeFileSystem, {});
    assert.equal(buildRecordedView(clean.name, clean.modelDir, await readManifest(nodeFileSystem, clean.modelDir)).provenance.find(([k]) => k === 'Missing values'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a feature that numbers the rows (Kaggle\'s "Id") is a data warning of the validated model, so it is shown whenever the model is opened; without it, none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-results-view-'));
  try {
    const lines = flowersCsv(60, 7).trim().split('\n');
    const csv = join(dir, 'Iris.csv');
    writeFileSync(csv, [`Id,${lines[0]}`, ...lines.slice(1).map((l, i) => `${i + 1},${l}`)].join('\n') + '\n');
    const base = { layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', modelsDir: join(dir, 'models') } as const;
    const withId = await train({ ...base, drop: ['id', 'timestamp'], data: { kind: 'csv', path: csv }, name: 'with-id' }, nodeFileSystem, {});
    assert.deepEqual(buildResultsView(withId.name, await validate(withId.modelDir, nodeFileSystem), new Date()).dataWarnings, [
      'Iris.csv: the column "Id" numbers the rows (1, 2, 3 … 60), and it is trained on as a feature, so the model learns the order of the rows — train it again with that column in the setting modelLab.dropColumns',
    ]);
    const withoutId = await train({ ...base, drop: ['Id'], data: { kind: 'csv', path: csv }, name: 'without-id' }, nodeFileSystem, {});
    assert.equal(buildResultsView(withoutId.name, await validate(withoutId.modelDir, nodeFileSystem), new Date()).dataWarnings, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
