// model-lab export --format joblib --feature-names: a model trained on the sample workspace's
// iris.csv (sepal_length …, id and timestamp dropped) exported with load_iris's names is byte for
// byte what the course's own training script dumps, and the course's reload code (course_validate.py,
// Debian's python3 with scikit-learn 1.2.1, -W error) prints the course's numbers on it; with the
// trained names (the default) the files are unchanged, scikit-learn refuses load_iris's DataFrame,
// and the note says so. load-iris is refused for a model of other features.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SCRIPTS, requireScikitLearn, runPython } from '../core/interop/python/debianPython';

const CLI = resolve('dist/cli.js');
const IRIS_CSV = resolve('test/e2e/fixtures/iris.csv');
const COURSE_NUMBERS = 'Load Model Train Accuracy : 0.9666666666666667\nLoad Model Valid Accuracy : 1.0\n';

let cwd: string;
before(() => {
  requireScikitLearn();
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  cwd = mkdtempSync(join(tmpdir(), 'model-lab-names-'));
});
after(() => rmSync(cwd, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function train(name: string, data: string, layout = 'separate'): string {
  const t = run(['train', '--data', data, '--layout', layout, '--name', name]);
  assert.equal(t.code, 0, t.err);
  return join(cwd, 'models', name);
}

/**
 * The course's training script in scikit-learn, on load_iris(as_frame=True) or on iris.csv as
 * pandas reads it, dumping its files into `out`.
 */
function courseTraining(out: string, data: 'load_iris' | 'iris.csv', layout: 'separate' | 'pipeline'): void {
  const lines = [
    'import sys, joblib, pandas as pd',
    'from sklearn.datasets import load_iris',
    'from sklearn.model_selection import train_test_split',
    'from sklearn.pipeline import Pipeline',
    'from sklearn.preprocessing import StandardScaler',
    'from sklearn.svm import SVC',
    data === 'load_iris'
      ? 'X, y = load_iris(return_X_y=True, as_frame=True)'
      : `df = pd.read_csv(${JSON.stringify(IRIS_CSV)}); X, y = df.drop(columns=["id", "timestamp", "target"]), df["target"]`,
    'X_train, X_valid, y_train, y_valid = train_test_split(X, y, train_size=0.8, random_state=2023)',
    ...(layout === 'pipeline'
      ? ['p = Pipeline([("scaler", StandardScaler()), ("svc", SVC())]).fit(X_train, y_train)', 'joblib.dump(p, "model_pipeline.joblib")']
      : ['scaler = StandardScaler(); classifier = SVC().fit(scaler.fit_transform(X_train), y_train)', 'joblib.dump(scaler, "scaler.joblib"); joblib.dump(classifier, "classifier.joblib")']),
  ];
  rmSync(out, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', out]);
  writeFileSync(join(out, 'train.py'), lines.join('\n') + '\n');
  const r = runPython(['train.py'], out);
  assert.equal(r.code, 0, r.err);
}

const sameBytes = (a: string, b: string, files: readonly string[]) => {
  for (const f of files) assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f}: ${a} and ${b} hold the same bytes`);
};

test('--feature-names load-iris: the files the course\'s training script dumps, and the course\'s reload code prints its numbers on them', () => {
  const model = train('from-csv', IRIS_CSV);
  const out = join(cwd, 'load-iris');
  const e = run(['export', model, '--format', 'joblib', '--feature-names', 'load-iris', '--out', out]);
  assert.equal(e.code, 0, e.err);
  assert.equal(e.err, '', 'no note: the files check load_iris\'s names');
  assert.equal(e.out, `Wrote ${join(out, 'scaler.joblib')} + ${join(out, 'classifier.joblib')} (scikit-learn 1.2.1, layout separate, load_iris's feature names)\n`);
  const course = join(cwd, 'course-load-iris');
  courseTraining(course, 'load_iris', 'separate');
  sameBytes(out, course, ['scaler.joblib', 'classifier.joblib']);
  const r = runPython([join(SCRIPTS, 'course_validate.py')], out);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, COURSE_NUMBERS);

  // The pipeline layout alike.
  const pipe = train('from-csv-pipeline', IRIS_CSV, 'pipeline');
  const pipeOut = join(cwd, 'load-iris-pipeline');
  assert.equal(run(['export', pipe, '--format', 'joblib', '--feature-names', 'load-iris', '--out', pipeOut]).code, 0);
  const coursePipe = join(cwd, 'course-load-iris-pipeline');
  courseTraining(coursePipe, 'load_iris', 'pipeline');
  sameBytes(pipeOut, coursePipe, ['model_pipeline.joblib']);
});

test('--feature-names trained (the default): the files iris.csv\'s training dumps, refused by the course\'s reload code, as the one note line says', () => {
  const model = train('from-csv-trained', IRIS_CSV);
  const note = 'model-lab export: note: the files check the columns sepal_length, sepal_width, petal_length, petal_width (iris.csv\'s header); ' +
    'load_iris(as_frame=True)\'s differ (sepal length (cm), sepal width (cm), petal length (cm), petal width (cm)) — ' +
    'use --feature-names load-iris for the course\'s reload code, or give the files a DataFrame with these columns\n';
  const course = join(cwd, 'course-iris-csv');
  courseTraining(course, 'iris.csv', 'separate');
  for (const flags of [[], ['--feature-names', 'trained']]) {
    const out = join(cwd, `trained${flags.length}`);
    const e = run(['export', model, '--format', 'joblib', ...flags, '--out', out]);
    assert.equal(e.code, 0, e.err);
    assert.equal(e.err, note);
    assert.equal(e.out, `Wrote ${join(out, 'scaler.joblib')} + ${join(out, 'classifier.joblib')} (scikit-learn 1.2.1, layout separate)\n`);
    sameBytes(out, course, ['scaler.joblib', 'classifier.joblib']);
    const r = runPython([join(SCRIPTS, 'course_validate.py')], out);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /ValueError: The feature names should match those that were passed during fit/);
  }
  // The Python script dumps files with the same names: the same note, in its terms.
  const py = run(['export', model, '--format', 'python', '--out', '-']);
  assert.equal(py.code, 0, py.err);
  assert.match(py.err, /^model-lab export: note: the files it dumps check the columns sepal_length, sepal_width, petal_length, petal_width \(iris\.csv's header\); load_iris\(as_frame=True\)'s differ .* — for the course's reload code, export with --format joblib --feature-names load-iris, or give the files a DataFrame with these columns\n$/);
  // The built-in data's model has load_iris's names: no note.
  const builtin = train('builtin', 'iris');
  const b = run(['export', builtin, '--format', 'joblib', '--out', join(cwd, 'builtin')]);
  assert.equal(b.code, 0, b.err);
  assert.equal(b.err, '');
});

test('--feature-names load-iris is refused (exit 2, one line, nothing written) for a model whose features are not the four iris measurements in load_iris\'s order', () => {
  const csv = join(cwd, 'three.csv');
  const rows = readFileSync(IRIS_CSV, 'utf8').trimEnd().split('\n').map((l) => l.split(',')).map((c) => [c[2], c[3], c[5], c[6]].join(','));
  writeFileSync(csv, rows.join('\n') + '\n');
  const model = train('three-features', csv);
  const out = join(cwd, 'refused');
  const e = run(['export', model, '--format', 'joblib', '--feature-names', 'load-iris', '--out', out]);
  assert.equal(e.code, 2);
  assert.equal(e.out, '');
  assert.equal(e.err, `model-lab export: ${model}: load_iris's feature names (sepal length (cm), sepal width (cm), petal length (cm), petal width (cm)) are for a model of those four measurements in that order, and this model has sepal_length, sepal_width, petal_width — export it with the names it was trained on\n`);
  assert.equal(existsSync(out), false);
  const p = run(['export', model, '--format', 'python', '--feature-names', 'load-iris']);
  assert.equal(p.code, 2);
  assert.equal(p.err, 'model-lab export: --feature-names goes with --format joblib, not python\n');
});
