// The Python script export, executed by Debian's scikit-learn 1.2.1 (python3 -W error): it prints
// exactly the accuracies Model Lab recorded and joblib.dump writes exactly the files the joblib export
// writes; it reads the model's data.csv from any working folder; text from model.json never becomes code.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sealManifest } from '../../../src/core/artifacts/manifestSeal';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { validate } from '../../../src/core/usecases/validate';
import { loadModelWithData } from '../../../src/core/usecases/checkedModel';
import { train } from '../../../src/core/usecases/train';
import { pythonFloat } from '../../../src/core/text/pythonFloat';
import { joblibFileContents, sklearnFitOf } from '../../../src/core/interop/exportJoblib';
import { exportPython, pythonScript, PYTHON_SCRIPT_FILE } from '../../../src/core/interop/exportPython';
import { findPostgresBinaries, startThrowawayCluster, type ThrowawayCluster } from '../../../scripts/pg/throwawayCluster';
import { runIrisGenerator } from '../../../src/core/database/irisGenerator';
import { courseScript, requireScikitLearn, runPython } from './python/debianPython';
import { CASES, trainCase } from './exportCases';
import { makePreLabelTypeModel } from '../artifacts/legacyModels';

let root: string;
before(() => {
  requireScikitLearn();
  root = mkdtempSync(join(tmpdir(), 'model-lab-export-python-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Runs a script in an empty folder: its printed lines and the joblib files it dumped there. */
function runScript(script: string): { out: string; files: Map<string, Buffer> } {
  const cwd = mkdtempSync(join(root, 'run-'));
  const r = runPython([script], cwd);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '', 'no warning under -W error');
  return { out: r.out, files: new Map(readdirSync(cwd).map((f) => [f, readFileSync(join(cwd, f))])) };
}

/** Checks a script run against the model folder: recorded accuracies printed, exported bytes dumped. */
async function checkRun(modelDir: string, run: { out: string; files: Map<string, Buffer> }): Promise<void> {
  const { model } = await loadModelWithData(modelDir, nodeFileSystem);
  const m = model.manifest;
  assert.equal(run.out, `Train Accuracy : ${pythonFloat(m.metrics.trainAccuracy)}\nValid Accuracy : ${pythonFloat(m.metrics.validAccuracy)}\n`);
  const exported = joblibFileContents(m.layout, sklearnFitOf(model));
  assert.deepEqual([...run.files.keys()].sort(), [...exported.keys()].sort());
  for (const [name, bytes] of exported) assert.ok(run.files.get(name)!.equals(bytes), `${name}: joblib.dump wrote other bytes than the export`);
}

describe('the generated script reproduces each model with scikit-learn', () => {
  for (const c of CASES) {
    test(`${c.name} (${c.layout}, ${c.kernel}, ${c.labelType} labels)`, async () => {
      const r = await trainCase(c, join(root, 'models'));
      const written = await exportPython(r.modelDir, nodeFileSystem);
      assert.equal(written.path, join(r.modelDir, PYTHON_SCRIPT_FILE));
      assert.match(written.text, /^DATA = Path\(__file__\)\.resolve\(\)\.parent \/ "data\.csv"$/m, 'beside data.csv: found relative to the script');
      await checkRun(r.modelDir, runScript(written.path));
    });
  }
});

test('the course\'s defaults are written as the course writes them', async () => {
  const r = await trainCase(CASES[0]!, join(root, 'defaults'));
  const text = (await pythonScript(r.modelDir, nodeFileSystem)).text;
  assert.match(text, /^scaler = StandardScaler\(\)$/m);
  assert.match(text, /^classifier = SVC\(\)$/m);
  assert.match(text, /^X_train, X_valid, y_train, y_valid = train_test_split\(X, y, train_size=0\.8, random_state=2023\)$/m);
  assert.match(text, /^joblib\.dump\(scaler, "scaler\.joblib"\)\njoblib\.dump\(classifier, "classifier\.joblib"\)\n$/m);
  const poly = await trainCase(CASES.find((c) => c.kernel === 'poly')!, join(root, 'defaults'));
  assert.match((await pythonScript(poly.modelDir, nodeFileSystem)).text,
    /^model_pipeline = Pipeline\(\[\("scaler", StandardScaler\(\)\), \("svc", SVC\(kernel="poly", degree=2, gamma="auto", coef0=1\.0\)\)\]\)$/m);
});

test('written elsewhere (or not saved) the script names data.csv by its absolute path and runs from any folder', async () => {
  const r = await trainCase(CASES[2]!, join(root, 'elsewhere'));
  const out = join(root, 'scripts', 'nested', 'train_flowers.py');
  mkdirSync(join(root, 'scripts'));
  const written = await exportPython(r.modelDir, nodeFileSystem, { out });
  assert.equal(written.path, out);
  assert.ok(written.text.includes(`DATA = Path(${JSON.stringify(join(r.modelDir, 'data.csv'))})`));
  assert.equal((await pythonScript(r.modelDir, nodeFileSystem)).text, written.text, 'the unsaved text is the same');
  await checkRun(r.modelDir, runScript(out));
});

test('text from model.json stays inside comments and string literals', async () => {
  const r = await trainCase(CASES[0]!, join(root, 'hostile'));
  const manifestPath = join(r.modelDir, 'model.json');
  const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name: string; data: Record<string, unknown> };
  const name = m.name;
  // A name with code in it does not even load: model.json's name must be a plain folder name.
  m.name = 'x\nimport os; os.system("echo pwned")';
  writeFileSync(manifestPath, JSON.stringify(m));
  await assert.rejects(pythonScript(r.modelDir, nodeFileSystem), /field "name": .* is not a model name/);
  // Free text (the data path) goes into comments and string literals only.
  m.name = name;
  m.data = { ...m.data, source: 'csv', path: '/tmp/a.csv\r\nprint("pwned")\u2028' };
  writeFileSync(manifestPath, JSON.stringify(sealManifest(m))); // a crafted file can carry a valid seal
  const text = (await pythonScript(r.modelDir, nodeFileSystem)).text;
  assert.doesNotMatch(text, /^import os/m);
  assert.doesNotMatch(text, /^print\("pwned"\)/m);
  assert.ok(text.includes('# data.csv is a byte-for-byte copy of /tmp/a.csv\\r\\nprint("pwned")\\u2028 as it was'), text);
  const script = join(root, 'hostile.py');
  writeFileSync(script, text);
  const run = runScript(script);
  assert.doesNotMatch(run.out, /pwned/);
});

test('a model saved before labels were typed (text classes "1.0", "2.0", "3.0") reads its labels as text', async () => {
  const r = await train({
    data: { kind: 'csv', path: resolve('test/fixtures/labels/float.csv') }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(root, 'old'), name: 'old',
  }, nodeFileSystem);
  const dir = r.modelDir;
  makePreLabelTypeModel(dir);
  const written = await exportPython(dir, nodeFileSystem);
  assert.match(written.text, /^df = pd\.read_csv\(DATA, float_precision="round_trip", dtype=\{"target": str\}\)$/m);
  await checkRun(dir, runScript(written.path));
});

test('a CSV written with ", " (names and text labels with spaces around them, which pandas keeps): one warning at training; the script strips them and reproduces the model', async () => {
  const names = ['setosa', 'versicolor', 'virginica'];
  const lines = readFileSync(resolve('test/e2e/fixtures/iris.csv'), 'utf8').trim().split('\n');
  const padded = [lines[0]!, ...lines.slice(1).map((l) => l.replace(/,(\d)$/, (_, c: string) => `,${names[Number(c)]!}`))].map((l) => l.split(',').join(', '));
  const csv = join(root, 'spaced.csv');
  writeFileSync(csv, padded.join('\n') + '\n');
  const warnings: string[] = [];
  const r = await train({
    data: { kind: 'csv', path: csv }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: ['id', 'timestamp'], modelsDir: join(root, 'spaced'), name: 'spaced',
  }, nodeFileSystem, { onDataWarning: (w) => warnings.push(w.message) });
  assert.deepEqual(warnings, ['spaced.csv: 6 column names (" timestamp", " sepal_length", " sepal_width", …) and text labels (" setosa") have spaces around them, which Model Lab trims and pandas keeps — in Python, strip them after pd.read_csv (df.columns = df.columns.str.strip(); df["target"] = df["target"].str.strip()) as the exported Python script does, or save the file without them']);
  assert.deepEqual([r.train.correct, r.valid.correct], [116, 30], 'the course\'s numbers: the spaces change nothing but the names');
  const written = await exportPython(r.modelDir, nodeFileSystem);
  assert.match(written.text, /^df = pd\.read_csv\(DATA, float_precision="round_trip"\)\n# Model Lab trims the spaces around the file's column names and labels; pandas keeps them\.\ndf\.columns = df\.columns\.str\.strip\(\)\ndf\["target"\] = df\["target"\]\.str\.strip\(\)$/m);
  await checkRun(r.modelDir, runScript(written.path));
});

test('--dropna (rows with a missing value left out, as pandas\' dropna()): the numbers scikit-learn gets from the file, a model that validates, and a script that reproduces it', async () => {
  // Missing values as pandas spells them in features and in the label (which makes pandas read the
  // integer labels as float64), and one in a dropped column, which leaves its row in.
  const lines = readFileSync(resolve('test/e2e/fixtures/iris.csv'), 'utf8').trim().split('\n');
  const holes: Record<number, [number, string]> = { 4: [3, 'NA'], 18: [4, ''], 41: [6, 'NaN'], 89: [2, 'null'], 121: [5, 'N/A'], 60: [1, 'NA'] };
  const csv = join(root, 'holes.csv');
  writeFileSync(csv, [lines[0], ...lines.slice(1).map((l, i) => {
    const hole = holes[i + 1];
    if (!hole) return l;
    const f = l.split(',');
    f[hole[0]] = hole[1];
    return f.join(',');
  })].join('\n') + '\n');
  const options = {
    data: { kind: 'csv' as const, path: csv }, layout: 'separate' as const, seed: 2023, trainSize: { kind: 'fraction' as const, value: 0.8 },
    kernel: 'rbf' as const, C: 1, gamma: 'scale' as const, degree: 3, coef0: 0, target: 'target', drop: ['id', 'timestamp'], modelsDir: join(root, 'holes'),
  };
  await assert.rejects(train(options, nodeFileSystem), (e: Error & { detail?: { remedy?: { option: string; proposed?: unknown } } }) => {
    assert.equal(e.message, 'holes.csv line 5, column "sepal_width": "NA" is a missing value in pandas, which scikit-learn\'s SVC cannot train on — fix or remove the row, or leave out every row with a missing value with --dropna (as pandas\' dropna())');
    assert.deepEqual([e.detail?.remedy?.option, e.detail?.remedy?.proposed], ['dropna', true]);
    return true;
  });
  const log: string[] = [];
  const r = await train({ ...options, dropna: true }, nodeFileSystem, { log: (l) => log.push(l) });
  assert.equal(log[0], 'holes.csv: left out 5 of 150 rows with a missing value in a feature or the label (lines 5, 19, 42, 90, 122), as pandas\' dropna() — 145 rows remain');
  // scikit-learn on the file itself, as a pandas user writes it.
  const py = join(root, 'holes.py');
  writeFileSync(py, courseScript(`pd.read_csv(${JSON.stringify(csv)}).drop(columns=["id", "timestamp"]).dropna()`, [
    'print(len(df), y.dtype, repr(svc.score(scaler.transform(X_train), y_train)), repr(svc.score(scaler.transform(X_valid), y_valid)))',
  ]));
  const sk = runPython([py], root);
  assert.equal(sk.code, 0, sk.err);
  const [rows, dtype, trainAcc, validAcc] = sk.out.trim().split(' ');
  assert.deepEqual([145, 'float64', Number(trainAcc), Number(validAcc)], [Number(rows), dtype, r.train.accuracy, r.valid.accuracy]);
  const m = JSON.parse(readFileSync(join(r.modelDir, 'model.json'), 'utf8'));
  assert.deepEqual(m.data.dropna, { method: 'pandas.DataFrame.dropna', subset: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'target'], rows: 5, fromRows: 150, lines: [5, 19, 42, 90, 122] });
  assert.deepEqual([m.data.rows, m.labelType, readFileSync(join(r.modelDir, 'data.csv'), 'utf8').trim().split('\n').length], [145, 'float', 146]);
  const report = await validate(r.modelDir, nodeFileSystem);
  assert.deepEqual([report.status, report.train?.correct, report.valid?.correct], ['matches', r.train.correct, r.valid.correct]);
  const written = await exportPython(r.modelDir, nodeFileSystem);
  assert.match(written.text, /^# {3}df = df\.dropna\(subset=\["sepal_length", "sepal_width", "petal_length", "petal_width", "target"\]\) {2}# 5 of 150 rows had a missing value$/m);
  await checkRun(r.modelDir, runScript(written.path));
});

test('pandas\' row index (DataFrame.to_csv without index=False): refused with --drop "Unnamed: 0" proposed; with it, scikit-learn\'s numbers on pd.read_csv(…).drop(columns=["Unnamed: 0"]), a model that validates, a script that reproduces it', async () => {
  const csv = join(root, 'indexed.csv');
  const written = runPython(['-c', `from sklearn.datasets import load_iris\nload_iris(as_frame=True).frame.to_csv(${JSON.stringify(csv)})`], root);
  assert.equal(written.code, 0, written.err);
  assert.match(readFileSync(csv, 'utf8'), /^,sepal length \(cm\),/, 'pandas wrote its index as a nameless first column');
  const options = {
    data: { kind: 'csv' as const, path: csv }, layout: 'pipeline' as const, seed: 2023, trainSize: { kind: 'fraction' as const, value: 0.8 },
    kernel: 'rbf' as const, C: 1, gamma: 'scale' as const, degree: 3, coef0: 0, target: 'target', drop: ['id', 'timestamp'], modelsDir: join(root, 'indexed'),
  };
  await assert.rejects(train(options, nodeFileSystem), (e: Error & { detail?: { remedy?: { option: string; proposed?: unknown } } }) => {
    assert.equal(e.message, 'indexed.csv line 1: column 1 has no name — is it the row index pandas writes (DataFrame.to_csv without index=False)? pandas names it "Unnamed: 0": leave it out with --drop "id,timestamp,Unnamed: 0", or save the table with index=False');
    assert.deepEqual([e.detail?.remedy?.option, e.detail?.remedy?.proposed], ['drop', ['id', 'timestamp', 'Unnamed: 0']]);
    return true;
  });
  const r = await train({ ...options, drop: ['id', 'timestamp', 'Unnamed: 0'] }, nodeFileSystem);
  const sk = runPython(['-c', courseScript(`pd.read_csv(${JSON.stringify(csv)}).drop(columns=["Unnamed: 0"])`, [
    'print(list(X.columns), repr(svc.score(scaler.transform(X_train), y_train)), repr(svc.score(scaler.transform(X_valid), y_valid)))',
  ])], root);
  assert.equal(sk.code, 0, sk.err);
  const m = JSON.parse(readFileSync(join(r.modelDir, 'model.json'), 'utf8'));
  assert.equal(sk.out, `${JSON.stringify(m.featureNames).replace(/"/g, "'").replace(/,/g, ', ')} ${pythonFloat(r.train.accuracy)} ${pythonFloat(r.valid.accuracy)}\n`);
  const report = await validate(r.modelDir, nodeFileSystem);
  assert.deepEqual([report.status, report.train?.correct, report.valid?.correct], ['matches', r.train.correct, r.valid.correct]);
  await checkRun(r.modelDir, runScript((await exportPython(r.modelDir, nodeFileSystem)).path));
});

const skipPg = findPostgresBinaries() || process.env.CI === 'true' ? false : 'PostgreSQL binaries not found';

describe('a model trained from PostgreSQL (real server)', { skip: skipPg }, () => {
  let cluster: ThrowawayCluster;
  before(async () => { cluster = await startThrowawayCluster(); });
  after(() => cluster?.stop());

  test('the script reads the snapshot and says in a comment how the rows were selected', async () => {
    cluster.psql('CREATE DATABASE exportpy');
    const url = cluster.url('exportpy', 'table=iris_data&limit=60');
    await runIrisGenerator({ url, password: cluster.password, intervalMs: 0, count: 80, seed: 'export-python' });
    const r = await train({
      data: { kind: 'postgres', spec: { url, password: cluster.password } }, layout: 'pipeline', seed: 2023,
      trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target',
      drop: ['id', 'timestamp'], modelsDir: join(root, 'pg'), name: 'from-pg',
    }, nodeFileSystem);
    const written = await exportPython(r.modelDir, nodeFileSystem);
    assert.ok(written.text.includes(`#   ${url}\n`), written.text);
    assert.match(written.text, /^# {3}SELECT \* FROM "iris_data" ORDER BY "id" DESC LIMIT 60 {2}\(60 rows, id 21 to 80\)$/m);
    assert.match(written.text, /^# data\.csv is that snapshot: this script reads it, not the table/m);
    assert.match(written.text, /^X = df\.drop\(columns=\["target", "id", "timestamp"\]\)$/m);
    assert.equal(written.text.includes(cluster.password), false);
    cluster.stop(); // the script needs no database
    await checkRun(r.modelDir, runScript(written.path));
  });
});
