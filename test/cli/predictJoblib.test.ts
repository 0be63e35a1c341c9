// model-lab predict on what scikit-learn saved (.joblib), as a child process: every model of
// test/fixtures/joblib (scikit-learn 1.2.1's files) labels its data exactly as scikit-learn's own
// predict() did, by position (fitted on NumPy arrays) or by name (fitted on a DataFrame, aliases
// included); the accuracy counts against the label column; the flags a model folder records refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../core/hardening/cliProcess';
import { expected, FIXTURES } from '../core/interop/fixtures';
import type { Label } from '../../src/core/types';

/** The data scikit-learn predicted on: data.csv beside the model, else the iris data. */
function dataOf(m: (typeof expected.models)[number]): { arg: string; truth: Label[] } {
  if (!m.dataCsv) return { arg: 'iris', truth: expected.irisY };
  const path = join(FIXTURES, m.folder, 'data.csv');
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const t = header!.split(',').indexOf('target');
  const asLabel = (s: string) => (m.labels === 'int' ? Number(s) : s);
  return { arg: path, truth: rows.map((r) => asLabel(r.split(',')[t]!)) };
}

for (const m of expected.models) {
  test(`${m.name}: predict ${m.files[0]} labels every row as scikit-learn did, and counts the accuracy`, () => {
    const data = dataOf(m);
    const r = runCliSync(['predict', join(FIXTURES, m.folder, m.files[0]!), '--data', data.arg, '--json'], FIXTURES);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const j = JSON.parse(r.out);
    assert.deepEqual(j.predictions, m.predictions);
    const correct = m.predictions.filter((p, i) => p === data.truth[i]).length;
    assert.deepEqual([j.correct, j.total], [correct, m.predictions.length]);
    assert.equal(j.accuracy, correct / m.predictions.length);
  });
}

test('a model fitted on a DataFrame matches its columns by name: another order and the course\'s other spelling read the same', () => {
  const m = expected.models.find((x) => x.name === 'db-pipeline')!;
  assert.deepEqual(m.featureNamesIn, ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-predict-joblib-'));
  try {
    // The iris data names the columns as load_iris() does ("sepal length (cm)" …): read by alias.
    const r = runCliSync(['predict', join(FIXTURES, m.folder, m.files[0]!), '--data', 'iris', '--json'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /columns matched by alias .*"sepal length \(cm\)" for "sepal_length"/);
    const byAlias = JSON.parse(r.out).predictions;
    const rows = readFileSync(join(FIXTURES, m.folder, 'data.csv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
    // The same rows, columns reversed and an id in front: the same labels as scikit-learn's.
    writeFileSync(join(dir, 'reversed.csv'), ['id,target,petal_width,petal_length,sepal_width,sepal_length', ...rows.map((c, i) => [i, c[4], c[3], c[2], c[1], c[0]].join(','))].join('\n') + '\n');
    const rev = runCliSync(['predict', join(FIXTURES, m.folder, m.files[0]!), '--data', 'reversed.csv'], dir);
    assert.equal(rev.code, 0, rev.err);
    assert.deepEqual(rev.out.trimEnd().split('\n').slice(0, -1), m.predictions.map(String));
    assert.match(rev.out, /\nAccuracy : 0\.9733333333333334 \(146\/150\)\n$/);
    assert.equal(byAlias.length, 150);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a model without column names reads by position; a file with another number of columns is refused naming them; --target names the label column', () => {
  const m = expected.models.find((x) => x.name === 'course-pipeline')!;
  const model = join(FIXTURES, m.folder, m.files[0]!);
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-predict-joblib-'));
  try {
    const iris = expected.irisX.map((x, i) => [...x, expected.irisY[i]]);
    writeFileSync(join(dir, 'species.csv'), ['a,b,c,d,species', ...iris.map((r) => r.join(','))].join('\n') + '\n');
    const wrong = runCliSync(['predict', model, '--data', 'species.csv'], dir);
    assert.equal(wrong.code, 1);
    assert.equal(wrong.out, '');
    assert.equal(wrong.err, 'model-lab predict: species.csv line 1: the model was fitted without column names and reads its 4 features by position, but the file has 5 other than "target", id and timestamp ("a", "b", "c", "d", "species") — give a file with just the 4 feature columns in the order the model was fitted on, and the label column named with --target\n');
    const named = runCliSync(['predict', model, '--data', 'species.csv', '--target', 'species', '--json'], dir);
    assert.equal(named.code, 0, named.err);
    const j = JSON.parse(named.out);
    assert.deepEqual(j.predictions, m.predictions);
    assert.equal(j.total, 150);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a scaler file finds its classifier beside it or takes it with --classifier; a missing file is named; a model folder refuses --classifier and --target', () => {
  const m = expected.models.find((x) => x.name === 'course-separate')!;
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-predict-joblib-'));
  try {
    const beside = runCliSync(['predict', join(FIXTURES, m.folder, 'scaler.joblib'), '--data', 'iris', '--json'], dir);
    assert.equal(beside.code, 0, beside.err);
    assert.deepEqual(JSON.parse(beside.out).predictions, m.predictions);
    copyFileSync(join(FIXTURES, m.folder, 'scaler.joblib'), join(dir, 'std.joblib'));
    const lone = runCliSync(['predict', 'std.joblib', '--data', 'iris'], dir);
    assert.equal(lone.code, 1);
    assert.match(lone.err, /std\.joblib holds only a StandardScaler; no classifier \(SVC\) file .* Give the classifier's file with --classifier PATH\.\n$/);
    const given = runCliSync(['predict', 'std.joblib', '--classifier', join(FIXTURES, m.folder, 'classifier.joblib'), '--data', 'iris', '--json'], dir);
    assert.equal(given.code, 0, given.err);
    assert.deepEqual(JSON.parse(given.out).predictions, m.predictions);
    const missing = runCliSync(['predict', 'missing.joblib', '--data', 'iris'], dir);
    assert.deepEqual([missing.code, missing.err], [1, `model-lab predict: ${join(dir, 'missing.joblib')}: no such file\n`]);
    const train = runCliSync(['train', '--out', 'models'], dir);
    assert.equal(train.code, 0, train.err);
    for (const [flag, what] of [['--classifier', 'classifier'], ['--target', 'label column']]) {
      const r = runCliSync(['predict', 'models/iris-C1-gscale-s2023', flag, 'x', '--data', 'iris'], dir);
      assert.equal(r.code, 2);
      assert.equal(r.err, `model-lab predict: ${flag} goes with a scikit-learn file (FILE.joblib); a model folder records its ${what} itself\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the names joblib.dump compresses by (.z, .bz2, .xz, …) are scikit-learn files: zlib read as .joblib is, the others refused by their compression, not called "not a model folder"', () => {
  const m = expected.models.find((x) => x.name === 'pipeline-zlib')!;
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-joblib-suffix-'));
  try {
    // joblib.dump(model, 'model.joblib.z') writes zlib: the fixture's zlib file under that name.
    copyFileSync(join(FIXTURES, m.folder, m.files[0]!), join(dir, 'model.joblib.z'));
    const z = runCliSync(['predict', 'model.joblib.z', '--data', 'iris', '--json'], dir);
    assert.equal(z.code, 0, z.err);
    assert.deepEqual(JSON.parse(z.out).predictions, m.predictions);
    const v = runCliSync(['validate', 'model.joblib.z'], dir);
    assert.equal(v.code, 0, v.err);
    assert.match(v.out, /^Load Model Train Accuracy : /);
    // An xz stream's magic and a bz2 stream's: named as what they are, with what to do in Python.
    writeFileSync(join(dir, 'model.joblib.xz'), Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4, 0xe6, 0xd6]));
    writeFileSync(join(dir, 'scaler.pkl.bz2'), Buffer.from('BZh91AY&SY'));
    for (const [file, kind] of [['model.joblib.xz', 'xz'], ['scaler.pkl.bz2', 'bz2']] as const) {
      for (const command of ['validate', 'predict', 'import']) {
        const r = runCliSync(command === 'predict' ? [command, file, '--data', 'iris'] : [command, file], dir);
        assert.equal(r.code, 1, r.err);
        assert.equal(r.err, `model-lab ${command}: ${join(dir, file)}: the file is ${kind}-compressed, which Model Lab cannot read. Re-save it with joblib.dump(model, path, compress=('zlib', 3)) (zlib, whatever the name ends with), or to a name ending in .joblib without compression.\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('validate and import of a scikit-learn file refuse a database table as data with the way out (it became a file path: "…/postgres:/x@h/db?table=t: cannot read the data file")', () => {
  const m = expected.models.find((x) => x.name === 'pipeline-zlib')!;
  const file = join(FIXTURES, m.folder, m.files[0]!);
  for (const command of ['validate', 'import']) {
    const r = runCliSync([command, file, '--data', 'postgres://x@h/db?table=readings'], FIXTURES);
    assert.equal(r.code, 2, r.err);
    assert.equal(r.err, `model-lab ${command}: --data postgres://x@h/db?table=readings: a scikit-learn file is read against the built-in iris data or a CSV file, not a database table — save the table as CSV (\\copy readings TO 'data.csv' CSV HEADER in psql) and give its path with --data\n`);
  }
});
