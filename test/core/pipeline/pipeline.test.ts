import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../../../src/core/pipeline';
import { StandardScaler } from '../../../src/core/preprocessing/standardScaler';
import { SVC } from '../../../src/core/svm/svc';
import { loadIris } from '../../../src/core/datasets/iris';

const { X, y } = loadIris();

test('Pipeline = StandardScaler then SVC, step by step', () => {
  const p = new Pipeline().fit(X, y);
  const scaler = new StandardScaler();
  const svc = new SVC().fit(scaler.fitTransform(X), y);
  assert.deepEqual(p.predict(X), svc.predict(scaler.transform(X)));
  assert.deepEqual(p.decisionFunction(X), svc.decisionFunction(scaler.transform(X)));
  assert.deepEqual(p.classes, [0, 1, 2]);
});

test('toJSON → JSON text → fromJSON gives the same JSON text and the same decision values', () => {
  const p = Pipeline.withParams({ C: 2, gamma: 0.3 }).fit(X, y);
  const json = p.toJSON();
  assert.equal(json.kind, 'Pipeline');
  assert.deepEqual(json.steps.map((s) => s[0]), ['scaler', 'svc']);
  const text = JSON.stringify(json);
  const back = Pipeline.fromJSON(JSON.parse(text));
  assert.equal(JSON.stringify(back.toJSON()), text);
  // JSON has no -0: libsvm's -0.0 coefficients come back from rawDualCoefNegativeZeros.
  assert.deepEqual(back.toJSON(), json);
  assert.deepEqual(back.decisionFunction(X), p.decisionFunction(X));
});

test('fromJSON refuses what is not a scaler + SVC pipeline', () => {
  const good = new Pipeline().fit(X, y).toJSON();
  assert.throws(() => Pipeline.fromJSON(null), /expected a Pipeline object/);
  assert.throws(() => Pipeline.fromJSON([]), /expected a Pipeline object/);
  assert.throws(() => Pipeline.fromJSON({ ...good, kind: 'SVC' }), /expected kind "Pipeline", found "SVC"/);
  // A field that is not there is named missing, never "found undefined" (nor "got undefined" inside).
  const { kind: _kind, ...noKind } = good;
  assert.throws(() => Pipeline.fromJSON(noKind), /^UserError: field "kind" is missing, expected "Pipeline"$/);
  const { kind: _svcKind, ...svcNoKind } = good.steps[1][1];
  assert.throws(() => Pipeline.fromJSON({ ...good, steps: [good.steps[0], ['svc', svcNoKind]] }), /^UserError: Saved SVC model: field "kind" is missing \(it must be "SVC"\)\.$/);
  const { kind: _scalerKind, ...scalerNoKind } = good.steps[0][1];
  assert.throws(() => Pipeline.fromJSON({ ...good, steps: [['scaler', scalerNoKind], good.steps[1]] }), /^UserError: StandardScaler JSON: field "kind" is missing \(it must be "StandardScaler"\)\.$/);
  const { C: _C, ...paramsNoC } = good.steps[1][1].params;
  assert.throws(() => Pipeline.fromJSON({ ...good, steps: [good.steps[0], ['svc', { ...good.steps[1][1], params: paramsNoC }]] }), /SVC parameter C must be a finite number > 0 \(it is missing\)/);
  assert.throws(() => Pipeline.fromJSON({ ...good, steps: [good.steps[0]] }), /"steps" must be/);
  assert.throws(() => Pipeline.fromJSON({ ...good, steps: [good.steps[1], good.steps[0]] }), /named "scaler" then "svc"/);
  assert.throws(() => Pipeline.fromJSON({ ...good, steps: [['scaler', good.steps[1][1]], good.steps[1]] }));
  assert.throws(() => Pipeline.fromJSON({ ...good, steps: [good.steps[0], ['svc', good.steps[0][1]]] }));
});
