// Import then export gives back the files scikit-learn wrote, feature_names_in_ included or left
// out as they were, and what else they hold beyond the model (step names, set_output, copy, verbose,
// the SVC's training rows): models fitted the course's way by Debian's scikit-learn 1.2.1 on NumPy arrays
// (a Pipeline, a scaler + SVC pair) and on DataFrames (one with the data's column names, one with
// other names than data.csv's), imported by Model Lab and exported again. The exports are loaded
// and used under `python3 -W error` (a "X does not have valid feature names" warning fails) and are
// byte for byte the files scikit-learn dumped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJoblib } from '../../../src/core/interop/importJoblib';
import { IMPORT_RECORD_FILE } from '../../../src/core/artifacts/manifest';
import { exportJoblib } from '../../../src/core/interop/exportJoblib';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { requireScikitLearn, runPython } from './python/debianPython';

const MAKE = `
import os, joblib, pandas as pd
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
df = load_iris(as_frame=True).frame
X, y = df.drop(columns=["target"]), df["target"]
X_train, X_valid, y_train, y_valid = train_test_split(X, y, train_size=0.8, random_state=2023)
renamed = X_train.set_axis(["sl", "sw", "pl", "pw"], axis=1)
def folder(name):
    os.makedirs(name)
    df.to_csv(f"{name}/data.csv", index=False)
    return name
joblib.dump(Pipeline([("scaler", StandardScaler()), ("svc", SVC())]).fit(X_train.to_numpy(), y_train.to_numpy()), folder("np-pipeline") + "/model_pipeline.joblib")
scaler = StandardScaler().fit(X_train.to_numpy())
joblib.dump(scaler, folder("np-separate") + "/scaler.joblib")
joblib.dump(SVC(kernel="linear").fit(scaler.transform(X_train.to_numpy()), y_train.to_numpy()), "np-separate/classifier.joblib")
joblib.dump(Pipeline([("scaler", StandardScaler()), ("svc", SVC())]).fit(X_train, y_train), folder("df-pipeline") + "/model_pipeline.joblib")
joblib.dump(Pipeline([("scaler", StandardScaler()), ("svc", SVC(C=3.0))]).fit(renamed, y_train), folder("df-renamed") + "/model_pipeline.joblib")
joblib.dump(make_pipeline(StandardScaler(), SVC(C=2.0)).fit(X_train.to_numpy(), y_train.to_numpy()), folder("np-make-pipeline") + "/model_pipeline.joblib")
joblib.dump(make_pipeline(StandardScaler(), SVC()).set_output(transform="pandas").fit(X_train, y_train), folder("df-make-pipeline-pandas") + "/model_pipeline.joblib")
pandas_scaler = StandardScaler().set_output(transform="pandas").fit(X_train)
joblib.dump(pandas_scaler, folder("df-separate-pandas") + "/scaler.joblib")
joblib.dump(SVC().fit(pandas_scaler.transform(X_train), y_train), "df-separate-pandas/classifier.joblib")
joblib.dump(Pipeline([("scaler", StandardScaler(copy=False)), ("svc", SVC())], verbose=True).fit(X_train.copy(), y_train), folder("df-pipeline-copy-verbose") + "/model_pipeline.joblib")
X_half, _, y_half, _ = train_test_split(X, y, train_size=0.5, random_state=7)
joblib.dump(Pipeline([("scaler", StandardScaler()), ("svc", SVC())]).fit(X_half.to_numpy(), y_half.to_numpy()), folder("np-pipeline-half") + "/model_pipeline.joblib")
`;

/** Loads each export under -W error and predicts on what it was fitted with: a NumPy array, or a DataFrame with its own columns. */
const USE = `
import json, sys, joblib, pandas as pd
X = pd.read_csv("np-pipeline/data.csv").drop(columns=["target"])
out = {}
for name in sys.argv[1:]:
    model = joblib.load(f"out/{name}/model_pipeline.joblib") if "pipeline" in name or "renamed" in name else None
    if model is None:
        scaler, svc = joblib.load(f"out/{name}/scaler.joblib"), joblib.load(f"out/{name}/classifier.joblib")
        predict = lambda rows: svc.predict(scaler.transform(rows))
        names = getattr(scaler, "feature_names_in_", None)
    else:
        predict = model.predict
        names = getattr(model, "feature_names_in_", None)
    rows = X.to_numpy() if names is None else X.set_axis(list(names), axis=1)
    out[name] = {"featureNamesIn": None if names is None else list(names), "predictions": predict(rows).tolist(),
                 "steps": None if model is None else [step for step, _ in model.steps]}
print(json.dumps(out))
`;

const IRIS_NAMES = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];

const CASES = [
  { name: 'np-pipeline', files: ['model_pipeline.joblib'], names: null },
  { name: 'np-separate', files: ['scaler.joblib', 'classifier.joblib'], names: null },
  { name: 'df-pipeline', files: ['model_pipeline.joblib'], names: IRIS_NAMES },
  { name: 'df-renamed', files: ['model_pipeline.joblib'], names: ['sl', 'sw', 'pl', 'pw'] },
  // make_pipeline's step names ('standardscaler', 'svc'), and set_output(transform="pandas"), whose
  // scaler hands the SVC a DataFrame (so the SVC has feature_names_in_ too), go back as they came.
  { name: 'np-make-pipeline', files: ['model_pipeline.joblib'], names: null },
  { name: 'df-make-pipeline-pandas', files: ['model_pipeline.joblib'], names: IRIS_NAMES },
  { name: 'df-separate-pandas', files: ['scaler.joblib', 'classifier.joblib'], names: IRIS_NAMES },
  // StandardScaler(copy=False), Pipeline(verbose=True), and an SVC fitted on 75 rows (shape_fit_) while
  // the import's split trains on 120: written back as they were.
  { name: 'df-pipeline-copy-verbose', files: ['model_pipeline.joblib'], names: IRIS_NAMES },
  { name: 'np-pipeline-half', files: ['model_pipeline.joblib'], names: null },
] as const;

let dir: string;
before(async () => {
  requireScikitLearn();
  dir = mkdtempSync(join(tmpdir(), 'model-lab-names-'));
  writeFileSync(join(dir, 'make.py'), MAKE);
  const r = runPython(['make.py'], dir);
  assert.equal(r.code, 0, r.err);
  for (const c of CASES) {
    const imported = await importJoblib({ path: join(dir, c.name, c.files[c.files.length - 1]!), modelsDir: join(dir, 'models'), name: c.name }, nodeFileSystem);
    await exportJoblib(imported.modelDir, nodeFileSystem, { out: join(dir, 'out', c.name) });
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the import records whether the files were fitted with column names', () => {
  for (const c of CASES) {
    const record = JSON.parse(readFileSync(join(dir, 'models', c.name, IMPORT_RECORD_FILE), 'utf8'));
    assert.deepEqual(record.featureNamesIn, c.names, c.name);
  }
});

test('import then export gives back the bytes scikit-learn 1.2.1 dumped: no feature_names_in_ for a NumPy fit, the original names for a DataFrame fit', () => {
  for (const c of CASES) {
    for (const f of c.files) {
      assert.ok(readFileSync(join(dir, 'out', c.name, f)).equals(readFileSync(join(dir, c.name, f))), `${c.name}/${f}`);
    }
  }
});

test('scikit-learn 1.2.1 loads and uses each export under -W error with the input it was fitted with (a NumPy array warns against a model that has names)', () => {
  writeFileSync(join(dir, 'use.py'), USE);
  const r = runPython(['use.py', ...CASES.map((c) => c.name)], dir);
  assert.equal(r.code, 0, r.err);
  const used = JSON.parse(r.out) as Record<string, { featureNamesIn: string[] | null; predictions: number[]; steps: string[] | null }>;
  for (const c of CASES) {
    assert.deepEqual(used[c.name]!.featureNamesIn, c.names, c.name);
    assert.equal(used[c.name]!.predictions.length, 150);
  }
  assert.deepEqual(used['np-make-pipeline']!.steps, ['standardscaler', 'svc']);
  assert.deepEqual(used['df-pipeline']!.steps, ['scaler', 'svc']);
});
