import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import protobuf from 'protobufjs';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { Pipeline } from '../../../src/core/pipeline';
import { StandardScaler } from '../../../src/core/preprocessing/standardScaler';
import { SVC } from '../../../src/core/svm/svc';
import { importSklearnModel } from '../../../src/core/interop/sklearn/sklearnModel';
import { buildOnnxModel, INPUT_NAME, IR_VERSION } from '../../../src/core/interop/onnx/onnxModel';
import { importJoblib } from '../../../src/core/interop/importJoblib';
import { runExport } from '../../../src/cli/exportCommand';
import { runTrain } from '../../../src/cli/trainCommand';
import { RandomState } from '../../../src/core/random/randomState';
import { expected, FIXTURES, caseRows, modelFiles } from './fixtures';

const PYTHON = '/usr/bin/python3';
const ONNX_PROTO = '/usr/lib/python3/dist-packages/onnx/onnx-ml.proto';

async function runOnnx(model: Uint8Array, rows: number[][]): Promise<{ labels: (number | string)[]; scores: number[][] }> {
  const session = await ort.InferenceSession.create(model);
  const d = rows[0]!.length;
  const out = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, d]) });
  const labels = Array.from(out.label!.data as ArrayLike<bigint | string>, (v) => (typeof v === 'bigint' ? Number(v) : v));
  const width = out.scores!.dims[1]!;
  const flat = out.scores!.data as Float32Array;
  const scores = rows.map((_, i) => Array.from(flat.subarray(i * width, i * width + width)));
  return { labels, scores };
}

const pythonHasOnnx = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' }).status === 0;

describe('ONNX export (Scaler + SVMClassifier)', () => {
  before(() => {
    ort.env.wasm.numThreads = 1;
  });

  for (const m of expected.models) {
    test(`${m.name}: onnxruntime gives scikit-learn's labels and our one-vs-one scores`, async () => {
      const model = importSklearnModel(modelFiles(m));
      const bytes = buildOnnxModel(model.scaler, model.svc, { producerVersion: 'test', modelName: m.name });
      const rows = caseRows(m);
      const { labels, scores } = await runOnnx(bytes, rows);
      assert.deepEqual(labels, m.predictions);
      const ours = new Pipeline(StandardScaler.fromJSON(model.scaler), SVC.fromJSON(model.svc)).decisionFunction(rows, 'ovo');
      let worst = 0;
      ours.forEach((row, i) => {
        // Two classes: onnxruntime reports [d, -d] where d is the single one-vs-one value.
        const got = m.binary ? [scores[i]![0]!] : scores[i]!;
        assert.equal(got.length, row.length);
        if (m.binary) assert.equal(scores[i]![1], -scores[i]![0]!);
        row.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - got[j]!) / Math.max(1, Math.abs(v))); });
      });
      assert.ok(worst < 1e-5, `scores differ from ours by ${worst} (float32 arithmetic)`);
    });
  }

  test('break_ties=True, which SVMClassifier does not have: export says so; the labels differ from scikit-learn\'s exactly on the rows where break_ties changes scikit-learn\'s own', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'model-lab-onnx-ties-'));
    try {
      // The helper's case: three wide blobs, a 120 × 120 grid over them (scikit-learn 1.2.1 at test time).
      const py = spawnSync(PYTHON, ['-W', 'ignore', '-c', `
import json, sys, joblib, numpy as np
from sklearn.svm import SVC; from sklearn.pipeline import Pipeline; from sklearn.preprocessing import StandardScaler
from sklearn.datasets import make_blobs
X, y = make_blobs(n_samples=300, centers=3, cluster_std=4.0, random_state=3)
tied = Pipeline([('scaler', StandardScaler()), ('svc', SVC(break_ties=True))]).fit(X, y)
plain = Pipeline([('scaler', StandardScaler()), ('svc', SVC())]).fit(X, y)
joblib.dump(tied, sys.argv[1] + '/tied.joblib'); joblib.dump(plain, sys.argv[1] + '/plain.joblib')
with open(sys.argv[1] + '/data.csv', 'w') as f:
    f.write('a,b,target\\n' + ''.join(f'{repr(float(r[0]))},{repr(float(r[1]))},{int(t)}\\n' for r, t in zip(X, y)))
g = np.array([[a, b] for a in np.linspace(X[:, 0].min(), X[:, 0].max(), 120) for b in np.linspace(X[:, 1].min(), X[:, 1].max(), 120)], dtype=np.float32).astype(float)
print(json.dumps({'grid': g.tolist(), 'tied': tied.predict(g).tolist(), 'plain': tied.set_params(svc__break_ties=False).predict(g).tolist()}))
`, tmp], { encoding: 'utf8', maxBuffer: 1 << 26 });
      assert.equal(py.status, 0, py.stderr);
      const { grid, tied, plain } = JSON.parse(py.stdout) as { grid: number[][]; tied: number[]; plain: number[] };
      const exported = async (name: string) => {
        await importJoblib({ path: join(tmp, `${name}.joblib`), modelsDir: join(tmp, 'models'), name }, nodeFileSystem);
        let err = '';
        assert.equal(await runExport([`models/${name}`, '--format', 'onnx'], { out: () => undefined, err: (s: string) => { err += s; }, cwd: tmp }), 0, err);
        return { err, labels: (await runOnnx(new Uint8Array(readFileSync(join(tmp, 'models', name, 'model.onnx'))), grid)).labels };
      };
      const withTies = await exported('tied');
      assert.equal(withTies.err, 'model-lab export: note: the SVC has break_ties=True, which ONNX\'s SVMClassifier does not have: it breaks tied one-vs-one votes as break_ties=False does (the first class), so on a row whose votes tie its label can differ from scikit-learn\'s\n');
      const differ = (a: readonly unknown[], b: readonly unknown[]) => a.flatMap((v, i) => (v === b[i] ? [] : [i]));
      assert.ok(differ(tied, plain).length > 0, 'the grid has tied rows');
      assert.deepEqual(differ(withTies.labels, tied), differ(plain, tied), 'ONNX labels as break_ties=False');
      assert.equal((await exported('plain')).err, '', 'no note without break_ties');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('a model whose numbers are past float32 (a column around 1e100, one around 1e-150) is refused, naming the column, the value and --format joblib; nothing is written', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'model-lab-onnx-float32-'));
    try {
      const r = new RandomState(2);
      const rows = (scale: number) => Array.from({ length: 50 }, () => [r.randomSample() * scale, r.randomSample() - 0.5]);
      const cases = [
        { name: 'huge', rows: rows(1e100), says: /^cannot export to ONNX: the StandardScaler's mean_ of column "a" is [0-9.]+e\+99, past float32, the only float type ONNX's Scaler and SVMClassifier hold \(it becomes Infinity, and the ONNX model's predictions NaN or wrong\) — export it for scikit-learn instead \(--format joblib\)$/ },
        { name: 'tiny', rows: rows(1e-150), says: /^cannot export to ONNX: 1 \/ the StandardScaler's scale_ of column "a" is [0-9.]+e\+150, past float32, .* \(it becomes Infinity, .*\(--format joblib\)$/ },
      ];
      for (const c of cases) {
        writeFileSync(join(tmp, `${c.name}.csv`), `a,b,target\n${c.rows.map(([a, b]) => `${a},${b},${b! > 0 ? 1 : 0}`).join('\n')}\n`);
        let err = '';
        const io = { out: () => undefined, err: (t: string) => { err += t; }, cwd: tmp };
        assert.equal(await runTrain(['--data', `${c.name}.csv`, '--out', 'models', '--name', c.name], io), 0, err);
        await assert.rejects(runExport([`models/${c.name}`, '--format', 'onnx', '--out', `${c.name}.onnx`], io), (e: Error) => c.says.test(e.message));
        assert.equal(existsSync(join(tmp, `${c.name}.onnx`)), false);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('the encoding decodes as onnx-ml.proto says (protobufjs)', async (t) => {
    if (!existsSync(ONNX_PROTO)) return t.skip(`${ONNX_PROTO} not present`);
    const root = await protobuf.load(ONNX_PROTO);
    const ModelProto = root.lookupType('onnx.ModelProto');
    const m = expected.models.find((x) => x.name === 'linear-str-zlib')!;
    const model = importSklearnModel(modelFiles(m));
    const decoded = ModelProto.toObject(ModelProto.decode(buildOnnxModel(model.scaler, model.svc, { producerVersion: 'test', modelName: 'x' })), { longs: Number }) as {
      irVersion: number; opsetImport: { domain?: string; version: number }[];
      graph: { node: { opType: string; domain: string; attribute: { name: string; floats?: number[]; ints?: number[]; strings?: Uint8Array[]; s?: Uint8Array }[] }[] };
    };
    assert.equal(decoded.irVersion, IR_VERSION);
    assert.deepEqual(decoded.opsetImport.map((o) => [o.domain ?? '', o.version]), [['', 15], ['ai.onnx.ml', 3]]);
    assert.deepEqual(decoded.graph.node.map((n) => n.opType), ['Scaler', 'SVMClassifier']);
    const svm = decoded.graph.node[1]!;
    const attr = (name: string) => svm.attribute.find((a) => a.name === name)!;
    assert.deepEqual(attr('classlabels_strings').strings!.map((s) => Buffer.from(s).toString()), m.raw.classes);
    assert.deepEqual(attr('vectors_per_class').ints, m.raw.nSupport);
    assert.deepEqual(attr('rho').floats, m.raw.intercept.map(Math.fround));
    assert.equal(Buffer.from(attr('kernel_type').s!).toString(), 'LINEAR');
  });

  test('model-lab export writes model.onnx that onnx.checker accepts (full_check)', async (t) => {
    const m = expected.models.find((x) => x.name === 'course-pipeline')!;
    const tmp = mkdtempSync(join(tmpdir(), 'model-lab-onnx-'));
    try {
      copyFileSync(join(FIXTURES, m.folder, m.files[0]!), join(tmp, m.files[0]!));
      const imported = await importJoblib({ path: join(tmp, m.files[0]!), modelsDir: join(tmp, 'models'), name: 'course' }, nodeFileSystem);
      let out = '';
      const io = { out: (s: string) => { out += s; }, err: (s: string) => { out += s; }, cwd: tmp };
      assert.equal(await runExport(['models/course', '--format', 'onnx'], io), 0, out);
      const file = join(imported.modelDir, 'model.onnx');
      const { labels } = await runOnnx(new Uint8Array(readFileSync(file)), expected.irisX);
      assert.deepEqual(labels, m.predictions);
      if (!pythonHasOnnx) return t.skip(`${PYTHON} with the onnx package is not available; checker not run`);
      const check = spawnSync(PYTHON, ['-c', 'import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print("ok")', file], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr);
      assert.equal(check.stdout.trim(), 'ok');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('every fixture model passes onnx.checker (full_check)', async (t) => {
    if (!pythonHasOnnx) return t.skip(`${PYTHON} with the onnx package is not available`);
    const tmp = mkdtempSync(join(tmpdir(), 'model-lab-onnx-'));
    try {
      const files = expected.models.map((m) => {
        const model = importSklearnModel(modelFiles(m));
        const f = join(tmp, `${m.name}.onnx`);
        writeFileSync(f, buildOnnxModel(model.scaler, model.svc, { producerVersion: 'test', modelName: m.name }));
        return f;
      });
      const check = spawnSync(PYTHON, ['-c', 'import onnx,sys\nfor f in sys.argv[1:]: onnx.checker.check_model(onnx.load(f), full_check=True)\nprint(len(sys.argv)-1)', ...files], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr);
      assert.equal(check.stdout.trim(), String(files.length));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
