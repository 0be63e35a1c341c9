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

test('an imported model: its origin says which scikit-learn files and release, its provenance says "Imported", not "Saved"; a trained one says trained', async () => {
  const { importJoblib } = await import('../../../src/core/interop/importJoblib');
  const { TOOL } = await import('../../../src/core/artifacts/toolInfo');
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-results-view-'));
  try {
    const course = join(__dirname, '..', '..', 'fixtures', 'joblib', 'models', 'course-separate');
    const r = await importJoblib({ path: join(course, 'classifier.joblib'), modelsDir: join(dir, 'models'), name: 'imported-course' }, nodeFileSystem);
    const m = await readManifest(nodeFileSystem, r.modelDir);
    for (const view of [buildRecordedView(r.name, r.modelDir, m), buildResultsView(r.name, await validate(r.modelDir, nodeFileSystem), new Date())]) {
      assert.deepEqual(view.origin, { kind: 'imported', text: `imported from scaler.joblib + classifier.joblib (scikit-learn 1.2.1) by model-lab ${TOOL.version}`, at: m.created });
      const rows = Object.fromEntries(view.provenance);
      assert.equal(rows['Imported from'], 'scaler.joblib + classifier.joblib (scikit-learn 1.2.1)');
      assert.equal(rows.Imported, `${m.created} by model-lab ${TOOL.version}`);
      assert.equal(rows.Saved, undefined, 'not "Saved … by model-lab" as if Model Lab had trained it');
    }
    const t = await train({ layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', modelsDir: join(dir, 'models'), data: { kind: 'iris' }, drop: [], name: 'trained' }, nodeFileSystem, {});
    const tm = await readManifest(nodeFileSystem, t.modelDir);
    const tv = buildRecordedView(t.name, t.modelDir, tm);
    assert.deepEqual(tv.origin, { kind: 'trained', text: `trained by model-lab ${TOOL.version}`, at: tm.created });
    assert.equal(Object.fromEntries(tv.provenance).Saved, `${tm.created} by model-lab ${TOOL.version}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
