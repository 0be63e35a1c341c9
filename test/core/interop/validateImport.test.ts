import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { UserError } from '../../../src/core/types';
import { checkJoblibModel } from '../../../src/core/interop/validateJoblib';
import { importJoblib } from '../../../src/core/interop/importJoblib';
import { IMPORT_RECORD_FILE } from '../../../src/core/artifacts/manifest';
import { validate } from '../../../src/core/usecases/validate';
import { runValidateJoblib } from '../../../src/cli/interopCommands';
import { expected, FIXTURES, caseRows } from './fixtures';

describe('validating scikit-learn models on their data', () => {
  for (const m of expected.models) {
    test(`${m.name}: predictions, decision values and accuracies equal scikit-learn's`, async () => {
      const r = await checkJoblibModel({ path: join(FIXTURES, m.folder, m.files[0]!), seed: m.seed }, nodeFileSystem);
      assert.equal(r.dataChoice, m.dataCsv ? 'beside' : 'iris');
      assert.deepEqual(r.predictions, m.predictions);
      assert.equal(r.train.accuracy, m.trainAccuracy);
      assert.equal(r.valid.accuracy, m.validAccuracy);
      const ovo = r.pipeline.decisionFunction(caseRows(m), 'ovo');
      let worst = 0;
      ovo.forEach((row, i) => row.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - m.decisionOvo[i]![j]!)); }));
      assert.ok(worst <= 1e-13, `decision values differ by ${worst}`);
    });
  }

  test('--classifier names the second file explicitly', async () => {
    const dir = join(FIXTURES, 'models/course-separate');
    const r = await checkJoblibModel({ path: join(dir, 'scaler.joblib'), classifierPath: join(dir, 'classifier.joblib') }, nodeFileSystem);
    assert.equal(r.valid.accuracy, expected.models.find((x) => x.name === 'course-separate')!.validAccuracy);
  });

  test('a classifier file alone finds scaler.joblib beside it', async () => {
    const r = await checkJoblibModel({ path: join(FIXTURES, 'models/course-separate/classifier.joblib') }, nodeFileSystem);
    assert.equal(r.model.layout, 'separate');
    assert.equal(r.files.length, 2);
  });

  test('a classifier file with no scaler beside it asks for the scaler, not for itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-lab-lone-'));
    try {
      const lone = join(dir, 'svc.joblib');
      copyFileSync(join(FIXTURES, 'models/course-separate/classifier.joblib'), lone);
      await assert.rejects(checkJoblibModel({ path: lone }, nodeFileSystem), (e: Error) => {
        assert.ok(e instanceof UserError);
        assert.equal(e.message, `${lone} holds only an SVC; no scaler (StandardScaler) file (scaler.joblib, scaler.joblib.gz, scaler.pkl) was found beside it. Give the scaler's file with --classifier PATH (it takes the other half of the pair, whichever it is).`);
        return true;
      });
      // The flag takes the other half whichever it is: the files are told apart by what they hold.
      const r = await checkJoblibModel({ path: lone, classifierPath: join(FIXTURES, 'models/course-separate/scaler.joblib') }, nodeFileSystem);
      assert.equal(r.valid.accuracy, expected.models.find((x) => x.name === 'course-separate')!.validAccuracy);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('string labels scored on the integer iris data are refused with a hint', async () => {
    const m = expected.models.find((x) => x.name === 'linear-str-zlib')!;
    await assert.rejects(checkJoblibModel({ path: join(FIXTURES, m.folder, m.files[0]!), data: { kind: 'iris' } }, nodeFileSystem), (e: Error) => {
      assert.ok(e instanceof UserError);
      assert.match(e.message, /none of the model's classes.*--data/);
      return true;
    });
  });

  test('--drop leaves out a column that is not a feature (Kaggle\'s "Id"): validate and import then read the file; without it the refusal names the columns and --drop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-lab-drop-'));
    try {
      // The course's iris CSV (id, timestamp, the features, target) with Kaggle's "Id" for its "id".
      const csv = join(dir, 'kaggle.csv');
      writeFileSync(csv, readFileSync('test/e2e/fixtures/iris.csv', 'utf8').replace(/^id,/, 'Id,'));
      const model = join(FIXTURES, 'models/course-pipeline/model_pipeline.joblib');
      let out = '';
      const io = { out: (s: string) => { out += s; }, err: (s: string) => { out += s; }, cwd: dir };
      await assert.rejects(runValidateJoblib([model, '--data', csv], io), /kaggle\.csv has 5 feature columns \(Id, .*\) but the model expects 4.*, or leave out the columns that are not features with --drop \(e\.g\. --drop Id\)\.$/);
      assert.equal(await runValidateJoblib([model, '--data', csv, '--drop', 'Id,timestamp'], io), 0, out);
      const withDrop = out.split('\n').slice(0, 2);
      out = '';
      assert.equal(await runValidateJoblib([model], io), 0, out);
      assert.deepEqual(withDrop, out.split('\n').slice(0, 2), 'the numbers of the built-in iris data, the same rows without Id');
      assert.deepEqual(withDrop, ['Load Model Train Accuracy : 0.9666666666666667', 'Load Model Valid Accuracy : 1.0']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('data with another number of features is refused, saying which data to give', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-lab-width-'));
    try {
      const csv = join(dir, 'three.csv');
      writeFileSync(csv, 'a,b,c,target\n1,2,3,0\n4,5,6,1\n7,8,9,0\n1,1,1,1\n2,2,2,0\n');
      await assert.rejects(checkJoblibModel({ path: join(FIXTURES, 'models/course-pipeline/model_pipeline.joblib'), data: { kind: 'csv', path: csv } }, nodeFileSystem), (e: Error) => {
        assert.ok(e instanceof UserError);
        assert.equal(e.message, `${csv} has 3 feature columns (a, b, c) but the model expects 4; give the data the model was trained on with --data PATH.csv (or put it beside the file as data.csv).`);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the model\'s columns in another order are refused by validate and import (scikit-learn refuses them too), not scored by position; nothing is saved', async () => {
    const m = expected.models.find((x) => x.name === 'db-pipeline')!;
    const dir = mkdtempSync(join(tmpdir(), 'model-lab-order-'));
    try {
      const rows = readFileSync(join(FIXTURES, m.folder, 'data.csv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
      const csv = join(dir, 'reversed.csv');
      writeFileSync(csv, ['petal_width,petal_length,sepal_width,sepal_length,target', ...rows.map((c) => [c[3], c[2], c[1], c[0], c[4]].join(','))].join('\n') + '\n');
      const message = `${csv} has the model's 4 columns in another order (its feature column 1 is "petal_width" where the model's is "sepal_length"); the model reads them in the order it was fitted on, ["sepal_length","sepal_width","petal_length","petal_width"], as scikit-learn does (which refuses other orders too); put the columns in that order, or give other data with --data PATH.csv`;
      const path = join(FIXTURES, m.folder, m.files[0]!);
      await assert.rejects(checkJoblibModel({ path, data: { kind: 'csv', path: csv } }, nodeFileSystem), (e: Error) => e instanceof UserError && e.message === message);
      await assert.rejects(importJoblib({ path, data: { kind: 'csv', path: csv }, modelsDir: join(dir, 'models') }, nodeFileSystem), (e: Error) => e.message === message);
      assert.equal(existsSync(join(dir, 'models')), false, 'no models folder made');
      // Another spelling of the columns (not the model's names) is still read by position, with a note.
      const other = join(dir, 'other.csv');
      writeFileSync(other, ['a,b,c,d,target', ...rows.map((c) => c.join(','))].join('\n') + '\n');
      const r = await checkJoblibModel({ path, data: { kind: 'csv', path: other } }, nodeFileSystem);
      assert.deepEqual(r.predictions, m.predictions);
      assert.match(r.notes.join('\n'), /the data's columns are \["a","b","c","d"\] \(used by position\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the CLI prints the course lines and --json the numbers', async () => {
    let out = '';
    const io = { out: (t: string) => { out += t; }, err: (t: string) => { out += t; }, cwd: FIXTURES };
    assert.equal(await runValidateJoblib(['models/course-pipeline/model_pipeline.joblib'], io), 0);
    assert.match(out, /^Load Model Train Accuracy : 0\.9666666666666667\nLoad Model Valid Accuracy : 1\.0\n/);
    out = '';
    assert.equal(await runValidateJoblib(['models/rbf-binary-separate/scaler.joblib', '--seed', '5', '--json'], io), 0);
    const j = JSON.parse(out);
    const m = expected.models.find((x) => x.name === 'rbf-binary-separate')!;
    assert.equal(j.trainAccuracy, m.trainAccuracy);
    assert.equal(j.validAccuracy, m.validAccuracy);
    assert.equal(j.sklearnVersion, expected.sklearn);
  });
});

describe('importing scikit-learn models', () => {
  for (const name of ['course-separate', 'db-pipeline']) {
    test(`${name}: the imported folder validates with the recorded numbers`, async () => {
      const m = expected.models.find((x) => x.name === name)!;
      const out = mkdtempSync(join(tmpdir(), 'model-lab-import-'));
      try {
        // Copy so that the data beside the file is the fixture's and nothing is written into test/fixtures.
        const src = join(out, 'src');
        await nodeFileSystem.mkdir(src);
        for (const f of [...m.files, ...(m.dataCsv ? ['data.csv'] : [])]) copyFileSync(join(FIXTURES, m.folder, f), join(src, f));
        const r = await importJoblib({ path: join(src, m.files[0]!), seed: m.seed, modelsDir: join(out, 'models') }, nodeFileSystem);
        assert.equal(r.train.accuracy, m.trainAccuracy);
        assert.equal(r.valid.accuracy, m.validAccuracy);
        const report = await validate(r.modelDir, nodeFileSystem);
        assert.equal(report.status, 'matches', report.error);
        assert.equal(report.train!.accuracy, m.trainAccuracy);
        assert.deepEqual(report.valid!.predictions, report.valid!.indices.map((i) => m.predictions[i]));
        const record = JSON.parse(readFileSync(join(r.modelDir, IMPORT_RECORD_FILE), 'utf8'));
        assert.equal(record.sklearnVersion, expected.sklearn);
        assert.equal(record.files.length, m.files.length);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }

  test('labels of the data that are none of the model\'s classes (a model fitted on a subset) are said in a note, with their rows', async () => {
    const out = mkdtempSync(join(tmpdir(), 'model-lab-subset-'));
    try {
      // scikit-learn 1.2.1 at test time: the course's split, fitted on classes 1 and 2 only.
      const py = spawnSync('/usr/bin/python3', ['-W', 'ignore', '-c', `
import sys, joblib; from sklearn.datasets import load_iris; from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline; from sklearn.preprocessing import StandardScaler; from sklearn.svm import SVC
d = load_iris(as_frame=True); Xtr, _, ytr, _ = train_test_split(d.data, d.target, train_size=0.8, random_state=2023); m = ytr > 0
joblib.dump(Pipeline([('scaler', StandardScaler()), ('svc', SVC())]).fit(Xtr[m], ytr[m]), sys.argv[1])
`, join(out, 'two.joblib')], { encoding: 'utf8' });
      assert.equal(py.status, 0, py.stderr);
      const r = await checkJoblibModel({ path: join(out, 'two.joblib') }, nodeFileSystem);
      assert.deepEqual([r.train.accuracy, r.valid.accuracy], [0.6583333333333333, 0.6]);
      assert.deepEqual(r.notes, ['the built-in iris data has labels that are none of the model\'s classes ([0], 50 of 150 rows): they count as wrong in the accuracies, and the model was not fitted on this data as it is (a Python script exported from it trains on every label, so it makes another model)']);
      const all = await checkJoblibModel({ path: join(FIXTURES, 'models/course-separate/classifier.joblib') }, nodeFileSystem);
      assert.deepEqual(all.notes, [], 'a model of every class: no note');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('a refused file leaves nothing behind', async () => {
    const out = mkdtempSync(join(tmpdir(), 'model-lab-import-'));
    try {
      await assert.rejects(importJoblib({ path: join(FIXTURES, 'hostile/posix_system.joblib'), modelsDir: join(out, 'models') }, nodeFileSystem), /posix\.system/);
      assert.equal(await nodeFileSystem.stat(join(out, 'models')), undefined);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
