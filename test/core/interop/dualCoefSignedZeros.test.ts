// libsvm's signed zeros in _dual_coef_: its solver ends some alphas of a ten-class fit at -0.0 where
// the coefficient layout alone gives +0.0 (alpha[j] = -diff with diff = 0, times y = +1), and
// joblib.dump writes that sign. Model Lab records the solver's own signs in classifier.json
// (rawDualCoefNegativeZeros; JSON has no -0), so its files are byte for byte scikit-learn 1.2.1's;
// a classifier.json saved before that field keeps the layout's signs, as its exports always had.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { loadModelWithData } from '../../../src/core/usecases/checkedModel';
import { exportJoblib } from '../../../src/core/interop/exportJoblib';
import { SVC, type SVCJSON } from '../../../src/core/svm/svc';
import { UserError } from '../../../src/core/types';
import { SCRIPTS, requireScikitLearn, runPython } from './python/debianPython';
import { trainCase, type ExportCase } from './exportCases';

// The first 400 digits (scripts/fixtures/digits.py): both fits have a -0.0 the layout does not give.
const digits = { kind: 'csv', path: resolve('test/fixtures/digits/digits.csv') } as const;
const CASES: ExportCase[] = [
  { name: 'digits-poly', data: digits, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'poly', coef0: -0.5, via: 'save', labelType: 'int' },
  { name: 'digits-sigmoid', data: digits, layout: 'pipeline', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'sigmoid', C: 10, gamma: 0.05, coef0: -0.5, via: 'export', labelType: 'int' },
];

let root: string;
const made = new Map<string, { modelDir: string; exportDir: string }>();
before(async () => {
  requireScikitLearn();
  root = mkdtempSync(join(tmpdir(), 'model-lab-signed-zeros-'));
  for (const c of CASES) {
    const { modelDir } = await trainCase(c, join(root, 'models'));
    const exportDir = c.via === 'save' ? modelDir : join(root, 'exports', c.name);
    if (c.via === 'export') await exportJoblib(modelDir, nodeFileSystem, { out: exportDir });
    made.set(c.name, { modelDir, exportDir });
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Positions [row, column] of the zeros svm_train's layout makes -0.0 (column of class c, row r < c). */
function layoutNegativeZeros(svc: SVCJSON): string[] {
  const classOf = svc.nSupport.flatMap((n, c) => new Array<number>(n).fill(c));
  return svc.rawDualCoef.flatMap((row, r) => row.flatMap((x, s) => (x === 0 && r < classOf[s]! ? [`${r},${s}`] : [])));
}

const negativeZeros = (svc: SVCJSON): string[] => svc.rawDualCoef.flatMap((row, r) => row.flatMap((x, s) => (Object.is(x, -0) ? [`${r},${s}`] : [])));

test('ten classes: train --save-joblib and export write the bytes joblib.dump writes, -0.0 where the solver left it', () => {
  const r = runPython([join(SCRIPTS, 'check_export.py'), ...CASES.flatMap((c) => [made.get(c.name)!.modelDir, made.get(c.name)!.exportDir])], root);
  assert.equal(r.code, 0, `check_export.py failed:\n${r.err}`);
  const results = (JSON.parse(r.out) as { results: { mismatches: string[]; sameBytes: Record<string, boolean> }[] }).results;
  assert.deepEqual(results.map((x) => x.mismatches), [[], []], 'attribute by attribute: _dual_coef_ and dual_coef_ with their signed zeros');
  assert.deepEqual(results.map((x) => x.sameBytes), [{ 'scaler.joblib': true, 'classifier.joblib': true }, { 'model_pipeline.joblib': true }]);
});

test('the saved model keeps the solver\'s signs through classifier.json, beyond what the layout gives', async () => {
  for (const c of CASES) {
    const svc = (await loadModelWithData(made.get(c.name)!.modelDir, nodeFileSystem)).model.pipeline.svc.toJSON();
    const layout = new Set(layoutNegativeZeros(svc));
    const beyond = negativeZeros(svc).filter((at) => !layout.has(at));
    assert.ok(beyond.length > 0, `${c.name}: a -0.0 of a first-class alpha (the case this test is for)`);
    assert.deepEqual(svc.rawDualCoefNegativeZeros!.map((at) => at.join(',')), negativeZeros(svc));
  }
});

test('a classifier.json without rawDualCoefNegativeZeros (saved before it) gets the layout\'s signs', async () => {
  const saved = (await loadModelWithData(made.get('digits-poly')!.modelDir, nodeFileSystem)).model.pipeline.svc.toJSON();
  const { rawDualCoefNegativeZeros: _, ...old } = JSON.parse(JSON.stringify(saved)) as SVCJSON;
  const svc = SVC.fromJSON(old).toJSON();
  assert.deepEqual(negativeZeros(svc), layoutNegativeZeros(svc));
  assert.deepEqual(svc.rawDualCoefNegativeZeros!.map((at) => at.join(',')), layoutNegativeZeros(svc));
});

test('a rawDualCoefNegativeZeros entry that is no zero of rawDualCoef is refused, naming the field', () => {
  const saved = JSON.parse(JSON.stringify(new SVC().fit([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 1, 2, 0]).toJSON())) as SVCJSON;
  const nonZero = saved.rawDualCoef.flatMap((row, r) => row.flatMap((x, s) => (x !== 0 ? [[r, s]] : [])))[0]!;
  for (const [entry, message] of [
    [nonZero, /field "rawDualCoefNegativeZeros\[0\]" must be the position of a 0 in rawDualCoef/],
    [[9, 0], /field "rawDualCoefNegativeZeros\[0\]" must be a position in rawDualCoef \(2 rows of 4\)/],
    ['0,1', /field "rawDualCoefNegativeZeros\[0\]" must be a \[row, column\] pair/],
  ] as const) {
    assert.throws(() => SVC.fromJSON({ ...saved, rawDualCoefNegativeZeros: [entry as unknown as number[]] }), (e: unknown) => e instanceof UserError && message.test(e.message));
  }
});
