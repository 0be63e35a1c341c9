// Models saved with pickle.dump instead of joblib.dump (.pkl), by Debian's scikit-learn 1.2.1: the
// course's Pipeline and its scaler + SVC pair, pickled with protocol 4 (numpy's _reconstruct) and
// protocol 5 (numpy's _frombuffer, pickle.dump's default from Python 3.14), plus a Fortran-ordered
// array. Each reads to exactly what the same objects' joblib.dump file reads to, and predicts what
// scikit-learn predicted; validate and predict take the .pkl file as they take a .joblib.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSklearnModel } from '../../../src/core/interop/sklearn/sklearnModel';
import { readJoblib } from '../../../src/core/interop/joblib/readJoblib';
import { NdArray } from '../../../src/core/interop/pickle/pickleValues';
import { checkJoblibModel } from '../../../src/core/interop/validateJoblib';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { requireScikitLearn, runPython } from './python/debianPython';
import { runCliSync } from '../hardening/cliProcess';

const SCRIPT = `
import json, pickle, joblib, numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
df = load_iris(as_frame=True).frame
X, y = df.drop(columns=["target"]), df["target"]
X_train, X_valid, y_train, y_valid = train_test_split(X, y, train_size=0.8, random_state=2023)
pipe = Pipeline([("scaler", StandardScaler()), ("svc", SVC())]).fit(X_train, y_train)
scaler = StandardScaler().fit(X_train.to_numpy())
svc = SVC(kernel="poly", degree=2, C=3).fit(scaler.transform(X_train.to_numpy()), y_train.to_numpy())
joblib.dump(pipe, "pipe.joblib")
for protocol in (4, 5):
    with open(f"pipe-p{protocol}.pkl", "wb") as f: pickle.dump(pipe, f, protocol=protocol)
    os_dir = f"pair-p{protocol}"
    import os; os.makedirs(os_dir)
    with open(f"{os_dir}/scaler.pkl", "wb") as f: pickle.dump(scaler, f, protocol=protocol)
    with open(f"{os_dir}/classifier.pkl", "wb") as f: pickle.dump(svc, f, protocol=protocol)
with open("fortran.pkl", "wb") as f: pickle.dump(np.asfortranarray(np.arange(6.0).reshape(2, 3)), f, protocol=5)
with open("expected.json", "w") as f:
    json.dump({"pipe": pipe.predict(X).tolist(), "pair": svc.predict(scaler.transform(X.to_numpy())).tolist(),
               "frombuffer": "numpy.core.numeric" in open("pipe-p5.pkl", "rb").read().decode("latin1")}, f)
`;

let dir: string;
let expected: { pipe: number[]; pair: number[]; frombuffer: boolean };
before(() => {
  requireScikitLearn();
  dir = mkdtempSync(join(tmpdir(), 'model-lab-pkl-'));
  writeFileSync(join(dir, 'make.py'), SCRIPT);
  const r = runPython(['make.py'], dir);
  assert.equal(r.code, 0, r.err);
  expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => ({ label: name, bytes: new Uint8Array(readFileSync(join(dir, name))) });

test('protocol 5 writes numpy arrays through _frombuffer (what the reader must allow), protocol 4 through _reconstruct', () => {
  assert.equal(expected.frombuffer, true);
  assert.doesNotMatch(readFileSync(join(dir, 'pipe-p4.pkl')).toString('latin1'), /_frombuffer/);
});

for (const protocol of [4, 5]) {
  test(`pickle protocol ${protocol}: the Pipeline reads to exactly the joblib file's model; the scaler + SVC pair predicts as scikit-learn did`, async () => {
    assert.deepEqual(importSklearnModel([file(`pipe-p${protocol}.pkl`)]), { ...importSklearnModel([file('pipe.joblib')]), compression: ['none'] });
    const pipe = await checkJoblibModel({ path: join(dir, `pipe-p${protocol}.pkl`) }, nodeFileSystem);
    assert.deepEqual(pipe.predictions, expected.pipe);
    assert.deepEqual([pipe.train.accuracy, pipe.valid.accuracy], [0.9666666666666667, 1]);
    const pair = await checkJoblibModel({ path: join(dir, `pair-p${protocol}`, 'classifier.pkl') }, nodeFileSystem);
    assert.equal(pair.model.layout, 'separate');
    assert.deepEqual(pair.predictions, expected.pair);
  });
}

test('a Fortran-ordered array from _frombuffer comes back in C order', () => {
  const { root } = readJoblib(new Uint8Array(readFileSync(join(dir, 'fortran.pkl'))), 'fortran.pkl');
  assert.ok(root instanceof NdArray);
  assert.deepEqual([root.shape, root.data], [[2, 3], [0, 1, 2, 3, 4, 5]]);
});

test('model-lab validate and predict take a .pkl file as they take a .joblib', () => {
  const v = runCliSync(['validate', 'pipe-p5.pkl'], dir);
  assert.equal(v.code, 0, v.err);
  assert.match(v.out, /^Load Model Train Accuracy : 0\.9666666666666667\nLoad Model Valid Accuracy : 1\.0\nRead .*pipe-p5\.pkl \(scikit-learn 1\.2\.1, pipeline, rbf SVC/);
  const p = runCliSync(['predict', 'pipe-p5.pkl', '--data', 'iris', '--json'], dir);
  assert.equal(p.code, 0, p.err);
  assert.deepEqual(JSON.parse(p.out).predictions, expected.pipe);
});
