// An import checks that the files were fitted on the training part of the split it records, by
// fitting StandardScaler + SVC with their parameters there: files fitted on another split (or with
// sample weights) get a note, and the Python script exported from such a model says that it trains
// another model — with the accuracies Debian's scikit-learn 1.2.1 then prints, not the imported ones.
// Files fitted on the recorded split (the course's, or another split given at import) get neither.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJoblib } from '../../../src/core/interop/importJoblib';
import { IMPORT_RECORD_FILE } from '../../../src/core/artifacts/manifest';
import { exportPython, TRAINS_ANOTHER_NOTE } from '../../../src/core/interop/exportPython';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { predictOnPool } from '../../../src/core/usecases/rowPredictor';
import { validate } from '../../../src/core/usecases/validate';
import type { ValidationReport } from '../../../src/core/usecases/contracts';
import { pythonFloat } from '../../../src/core/text/pythonFloat';
import { requireScikitLearn, runPython } from './python/debianPython';
import { WorkerPool } from '../../../src/core/parallel/workerPool';
import { fitOnPool } from '../../../src/core/experiments/sweepRunner';
import { workerFile } from '../parallel/bundledWorker';

const MAKE = `
import joblib, numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
X, y = load_iris(return_X_y=True, as_frame=True)
pipe = lambda: Pipeline([("scaler", StandardScaler()), ("svc", SVC(C=0.3))])
Xtr, _, ytr, _ = train_test_split(X, y, train_size=0.5, random_state=42)
joblib.dump(pipe().fit(Xtr, ytr), "split42.joblib")
Xtr, _, ytr, _ = train_test_split(X, y, train_size=0.8, random_state=2023)
joblib.dump(pipe().fit(Xtr, ytr), "course.joblib")
joblib.dump(pipe().fit(Xtr, ytr, svc__sample_weight=np.where(ytr == 1, 5.0, 0.2)), "weighted.joblib")
other = Pipeline([("scaler", StandardScaler(with_mean=False)), ("svc", SVC(kernel="poly", degree=2, coef0=0.5, C=3, tol=1e-4, shrinking=False, class_weight="balanced"))])
joblib.dump(other.fit(Xtr, ytr), "params.joblib")
`;

let dir: string;
before(() => {
  requireScikitLearn();
  dir = mkdtempSync(join(tmpdir(), 'model-lab-import-refit-'));
  writeFileSync(join(dir, 'make.py'), MAKE);
  const r = runPython(['make.py'], dir);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function imported(file: string, name: string, split: { seed?: number; trainSize?: { kind: 'fraction'; value: number } } = {}) {
  const r = await importJoblib({ path: join(dir, file), modelsDir: join(dir, 'models'), name, ...split }, nodeFileSystem);
  const record = JSON.parse(readFileSync(join(r.modelDir, IMPORT_RECORD_FILE), 'utf8')) as { refitOnSplit: { same: boolean; trainAccuracy: number; validAccuracy: number } };
  const script = await exportPython(r.modelDir, nodeFileSystem);
  const cwd = join(dir, `run-${name}`);
  mkdirSync(cwd);
  const run = runPython([script.path], cwd);
  assert.equal(run.code, 0, run.err);
  return { r, record: record.refitOnSplit, script, printed: run.out };
}

const printedAs = (train: number, valid: number) => `Train Accuracy : ${pythonFloat(train)}\nValid Accuracy : ${pythonFloat(valid)}\n`;

test('files fitted on another split than the recorded one: a note at import, and a script that says it trains another model, whose accuracies scikit-learn prints', async () => {
  for (const file of ['split42.joblib', 'weighted.joblib']) {
    const name = file.replace('.joblib', '');
    const { r, record, script, printed } = await imported(file, name);
    assert.equal(record.same, false, name);
    assert.equal(r.notes.at(-1), `the files were not fitted on the training part of this split (seed 2023, train size 0.8): StandardScaler + SVC with their parameters fitted there make another model (Train Accuracy ${pythonFloat(record.trainAccuracy)}, Valid Accuracy ${pythonFloat(record.validAccuracy)}), and a Python script exported from this model trains that one — if they were fitted on another split of this data, import them with its seed and train size`);
    assert.equal(printed, printedAs(record.trainAccuracy, record.validAccuracy), name);
    assert.notEqual(printed, printedAs(r.train.accuracy, r.valid.accuracy), `${name}: the imported model's accuracies differ`);
    assert.equal(script.note, TRAINS_ANOTHER_NOTE);
    assert.match(script.text, new RegExp(`so this trains another model, which prints train ${pythonFloat(record.trainAccuracy)}, valid ${pythonFloat(record.validAccuracy)}\\n# \\(the imported model: train ${pythonFloat(r.train.accuracy)}, valid ${pythonFloat(r.valid.accuracy)}\\)\\.`));
  }
});

test('files fitted on the recorded split (the course\'s, or seed 42 / 0.5 given at import): no note, and the script prints the imported model\'s accuracies', async () => {
  for (const [file, name, split] of [['course.joblib', 'course', {}], ['split42.joblib', 'split42-given', { seed: 42, trainSize: { kind: 'fraction', value: 0.5 } }]] as const) {
    const { r, record, script, printed } = await imported(file, name, split);
    assert.equal(record.same, true, name);
    assert.deepEqual(r.notes, [], name);
    assert.equal(script.note, undefined);
    assert.equal(printed, printedAs(r.train.accuracy, r.valid.accuracy), name);
    assert.match(script.text, /# so it prints the accuracies Model Lab recorded/);
  }
});

test('the refit check fits with every parameter of the files (with_mean, kernel, degree, coef0, tol, shrinking, class_weight), and the rows are predicted, in this thread or on a worker thread (the extension) alike', async () => {
  const here = await importJoblib({ path: join(dir, 'params.joblib'), modelsDir: join(dir, 'models'), name: 'params-here' }, nodeFileSystem);
  const pool = new WorkerPool(workerFile(), 1);
  try {
    const there = await importJoblib({ path: join(dir, 'params.joblib'), modelsDir: join(dir, 'models'), name: 'params-there' }, nodeFileSystem, { fitter: fitOnPool(() => pool), predictor: predictOnPool(() => pool) });
    assert.equal(pool.threads, 1, 'the worker fitted the refit');
    // Validating the imported model on the worker gives the same report as in this thread.
    const data = (r: ValidationReport) => JSON.stringify({ ...r, data: undefined });
    assert.equal(data(await validate(there.modelDir, nodeFileSystem, { predictor: predictOnPool(() => pool) })), data(await validate(there.modelDir, nodeFileSystem)));
    const record = (r: { modelDir: string }) => JSON.parse(readFileSync(join(r.modelDir, IMPORT_RECORD_FILE), 'utf8')) as { refitOnSplit: { same: boolean } };
    assert.equal(record(here).refitOnSplit.same, true, 'fitted on the recorded split with these parameters: the same model');
    assert.deepEqual(record(there).refitOnSplit, record(here).refitOnSplit);
    assert.deepEqual([there.notes, there.train, there.valid], [here.notes, here.train, here.valid]);
  } finally {
    await pool.close();
  }
});
