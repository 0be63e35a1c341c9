// The SVC parameters the reader takes or leaves, checked against Debian's scikit-learn 1.2.1:
// probability=True (Platt scaling: probA_/probB_, which Model Lab does not keep) changes nothing
// predict() gives — the note says what is lost, on validate, import and predict; break_ties=True
// changes predict() on vote ties, and Model Lab predicts those rows as scikit-learn does;
// decision_function_shape, tol, max_iter, shrinking and cache_size are kept and exported back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkJoblibModel } from '../../../src/core/interop/validateJoblib';
import { importJoblib } from '../../../src/core/interop/importJoblib';
import { IMPORT_RECORD_FILE } from '../../../src/core/artifacts/manifest';
import { exportJoblib } from '../../../src/core/interop/exportJoblib';
import { PROBABILITY_NOTE } from '../../../src/core/interop/sklearn/sklearnModel';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { requireScikitLearn, runPython } from './python/debianPython';
import { runCliSync } from '../hardening/cliProcess';

const MAKE = `
import json, os, joblib, numpy as np, pandas as pd
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
df = load_iris(as_frame=True).frame
X, y = df.drop(columns=["target"]), df["target"]
X_train, X_valid, y_train, y_valid = train_test_split(X, y, train_size=0.8, random_state=2023)
settings = dict(C=2.0, decision_function_shape="ovo", tol=1e-4, max_iter=100000, shrinking=False, cache_size=100)
prob = Pipeline([("scaler", StandardScaler()), ("svc", SVC(probability=True, random_state=0, **settings))]).fit(X_train, y_train)
plain = Pipeline([("scaler", StandardScaler()), ("svc", SVC(**settings))]).fit(X_train, y_train)
for name, model in (("prob", prob), ("plain", plain)):
    os.makedirs(name)
    df.to_csv(f"{name}/data.csv", index=False)
    joblib.dump(model, f"{name}/model_pipeline.joblib")
# Three classes around a triangle: some points of the grid tie 1-1-1 in the one-vs-one vote.
rng = np.random.RandomState(1)
centers = np.array([[0, 1], [0.87, -0.5], [-0.87, -0.5]])
T = pd.DataFrame(np.vstack([c + 0.6 * rng.randn(60, 2) for c in centers]), columns=["a", "b"])
t = pd.Series(np.repeat([0, 1, 2], 60), name="target")
g = np.linspace(-1, 1, 80)
grid = pd.DataFrame([(a, b) for a in g for b in g], columns=["a", "b"])
ties = Pipeline([("scaler", StandardScaler()), ("svc", SVC(kernel="linear", break_ties=True))]).fit(T, t)
votes = Pipeline([("scaler", StandardScaler()), ("svc", SVC(kernel="linear"))]).fit(T, t)
os.makedirs("ties")
joblib.dump(ties, "ties/model_pipeline.joblib")
grid.assign(target=votes.predict(grid)).to_csv("ties/grid.csv", index=False)
json.dump({
    "prob": prob.predict(X).tolist(), "plain": plain.predict(X).tolist(),
    "sameFit": bool(np.array_equal(prob[-1].dual_coef_, plain[-1].dual_coef_) and np.array_equal(prob[-1].intercept_, plain[-1].intercept_)),
    "probA": len(prob[-1].probA_),
    "ties": ties.predict(grid).tolist(), "votes": votes.predict(grid).tolist(),
}, open("expected.json", "w"))
`;

/** The export loaded under -W error: its parameters beside the original's, and its predictions. */
const USE = `
import json, joblib, pandas as pd
X = pd.read_csv("prob/data.csv").drop(columns=["target"])
original, exported = joblib.load("prob/model_pipeline.joblib"), joblib.load("out/model_pipeline.joblib")
params = lambda m: {k: v for k, v in m[-1].get_params().items()}
print(json.dumps({"original": params(original), "exported": params(exported), "predictions": exported.predict(X).tolist(),
                  "probA": len(exported[-1]._probA), "hasPredictProba": hasattr(exported, "predict_proba")}))
`;

let dir: string;
let expected: { prob: number[]; plain: number[]; sameFit: boolean; probA: number; ties: number[]; votes: number[] };
before(() => {
  requireScikitLearn();
  dir = mkdtempSync(join(tmpdir(), 'model-lab-svc-params-'));
  writeFileSync(join(dir, 'make.py'), MAKE);
  const r = runPython(['make.py'], dir);
  assert.equal(r.code, 0, r.err);
  expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('scikit-learn 1.2.1: probability=True fits the same SVC (Platt scaling on top) and predicts the same', () => {
  assert.equal(expected.sameFit, true);
  assert.deepEqual(expected.prob, expected.plain);
  assert.equal(expected.probA, 3);
});

test('validate: an SVC fitted with probability=True gets the note, and scikit-learn\'s predictions and accuracies; without it, no note', async () => {
  const prob = await checkJoblibModel({ path: join(dir, 'prob', 'model_pipeline.joblib') }, nodeFileSystem);
  assert.deepEqual(prob.notes, [PROBABILITY_NOTE]);
  assert.match(PROBABILITY_NOTE, /probability=True.*Platt.*predictions and accuracies are unaffected.*probability=False/);
  assert.deepEqual(prob.predictions, expected.prob);
  const plain = await checkJoblibModel({ path: join(dir, 'plain', 'model_pipeline.joblib') }, nodeFileSystem);
  assert.deepEqual(plain.notes, []);
  assert.deepEqual([prob.train, prob.valid], [plain.train, plain.valid]);
});

test('the CLI says so on stderr (validate, import, predict); the course lines on stdout are unchanged', () => {
  const v = runCliSync(['validate', 'prob/model_pipeline.joblib'], dir);
  assert.equal(v.code, 0, v.err);
  assert.equal(v.err, `model-lab validate: note: ${PROBABILITY_NOTE}\n`);
  assert.doesNotMatch(v.out, /probability/);
  const i = runCliSync(['import', 'prob/model_pipeline.joblib', '--out', 'cli-models'], dir);
  assert.equal(i.code, 0, i.err);
  assert.equal(i.err, `model-lab import: note: ${PROBABILITY_NOTE}\n`);
  const p = runCliSync(['predict', 'prob/model_pipeline.joblib', '--data', 'prob/data.csv', '--json'], dir);
  assert.equal(p.code, 0, p.err);
  assert.match(p.err, /probability=True/);
  assert.deepEqual(JSON.parse(p.out).predictions, expected.prob);
});

test('import keeps the note in imported-from.json; the export has probability=False and otherwise the original\'s parameters, and predicts the same', async () => {
  const r = await importJoblib({ path: join(dir, 'prob', 'model_pipeline.joblib'), modelsDir: join(dir, 'models') }, nodeFileSystem);
  assert.deepEqual(r.notes, [PROBABILITY_NOTE]);
  assert.deepEqual(JSON.parse(readFileSync(join(r.modelDir, IMPORT_RECORD_FILE), 'utf8')).notes, [PROBABILITY_NOTE]);
  await exportJoblib(r.modelDir, nodeFileSystem, { out: join(dir, 'out') });
  writeFileSync(join(dir, 'use.py'), USE);
  const u = runPython(['use.py'], dir);
  assert.equal(u.code, 0, u.err);
  const used = JSON.parse(u.out) as { original: Record<string, unknown>; exported: Record<string, unknown>; predictions: number[]; probA: number; hasPredictProba: boolean };
  assert.deepEqual(used.exported, { ...used.original, probability: false, random_state: null });
  assert.deepEqual(used.predictions, expected.prob);
  assert.deepEqual([used.probA, used.hasPredictProba], [0, false]);
});

test('break_ties=True is kept, not ignored: on the grid\'s vote ties Model Lab predicts as scikit-learn does', async () => {
  const differ = expected.ties.filter((c, i) => c !== expected.votes[i]).length;
  assert.ok(differ > 0, 'the grid has rows where break_ties changes the prediction');
  const r = await checkJoblibModel({ path: join(dir, 'ties', 'model_pipeline.joblib'), data: { kind: 'csv', path: join(dir, 'ties', 'grid.csv') } }, nodeFileSystem);
  assert.equal(r.model.svc.params.breakTies, true);
  assert.deepEqual(r.predictions, expected.ties);
  assert.deepEqual(r.notes, []);
});
