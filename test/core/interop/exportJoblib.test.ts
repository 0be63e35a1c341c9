// The joblib export against scikit-learn 1.2.1 itself (Debian's python3, run here with -W error):
// for both layouts, the four kernels, int / float / bool / text labels and fraction and count splits,
// every attribute of the loaded objects equals a fresh fit's (type, dtype, bytes), get_params() too,
// and the files are byte for byte what joblib.dump writes for that fit. The course's own validation
// code loads them; Model Lab's reader and importer read them back to the same model.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Layout } from '../../../src/core/usecases/contracts';
import { validate } from '../../../src/core/usecases/validate';
import { loadModelWithData } from '../../../src/core/usecases/checkedModel';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { exportJoblib, JOBLIB_FILES } from '../../../src/core/interop/exportJoblib';
import { importSklearnModel } from '../../../src/core/interop/sklearn/sklearnModel';
import { importJoblib } from '../../../src/core/interop/importJoblib';
import { Pipeline } from '../../../src/core/pipeline';
import { StandardScaler } from '../../../src/core/preprocessing/standardScaler';
import { SVC } from '../../../src/core/svm/svc';
import { PYTHON, SCRIPTS, requireScikitLearn, runPython } from './python/debianPython';
import { CASES, trainCase } from './exportCases';

let root: string;
/** Per case: the model folder and the folder holding its joblib files. */
const made = new Map<string, { modelDir: string; exportDir: string }>();

before(async () => {
  requireScikitLearn();
  root = mkdtempSync(join(tmpdir(), 'model-lab-export-'));
  for (const c of CASES) {
    const r = await trainCase(c, join(root, 'models'));
    let exportDir = r.modelDir;
    if (c.via === 'export') {
      exportDir = join(root, 'exports', c.name);
      await exportJoblib(r.modelDir, nodeFileSystem, { out: exportDir });
    }
    made.set(c.name, { modelDir: r.modelDir, exportDir });
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

const fileNames = (layout: Layout): string[] => Object.values(JOBLIB_FILES[layout]);

describe('every export equals a fresh scikit-learn 1.2.1 fit', () => {
  let results: { model: string; mismatches: string[]; sameBytes: Record<string, boolean>; predictionsEqual: boolean }[] = [];
  before(() => {
    const args = CASES.flatMap((c) => [made.get(c.name)!.modelDir, made.get(c.name)!.exportDir]);
    const r = runPython([join(SCRIPTS, 'check_export.py'), ...args], root);
    assert.equal(r.code, 0, `check_export.py failed (a warning under -W error counts):\n${r.err}`);
    results = (JSON.parse(r.out) as { results: typeof results }).results;
  });

  CASES.forEach((c, i) => {
    test(`${c.name}: ${c.layout}, ${c.kernel}, ${c.labelType} labels, ${JSON.stringify(c.trainSize ?? c.testSize)} (${c.via})`, async () => {
      const r = results[i]!;
      assert.equal(r.model, made.get(c.name)!.modelDir);
      assert.deepEqual(r.mismatches, [], 'attribute by attribute, get_params() included');
      assert.deepEqual(r.sameBytes, Object.fromEntries(fileNames(c.layout).map((f) => [f, true])), 'joblib.dump writes the same bytes');
      assert.equal(r.predictionsEqual, true);
      const { model } = await loadModelWithData(made.get(c.name)!.modelDir, nodeFileSystem);
      assert.equal(model.manifest.labelType, c.labelType);
    });
  });
});

test('the checker sees a difference: another model\'s files are not a fresh fit of this one', () => {
  const a = made.get('sigmoid-bool-binary')!;
  const b = made.get('rbf-float-spellings')!;
  const r = runPython([join(SCRIPTS, 'check_export.py'), a.modelDir, b.exportDir], root);
  assert.equal(r.code, 0, r.err);
  const [res] = (JSON.parse(r.out) as { results: { mismatches: string[]; sameBytes: Record<string, boolean>; predictionsEqual: boolean }[] }).results;
  assert.ok(res!.mismatches.some((m) => m.startsWith('classifier.joblib.classes_: float64 (3,), scikit-learn has bool (2,)')), res!.mismatches.join('\n'));
  assert.ok(res!.mismatches.some((m) => m.startsWith('scaler.joblib.mean_: values differ')), res!.mismatches.join('\n'));
  assert.deepEqual(res!.sameBytes, { 'scaler.joblib': false, 'classifier.joblib': false });
  assert.equal(res!.predictionsEqual, false);
});

test('a file for another 1.2.x release is refused by scikit-learn 1.2.1 under -W error (the version is checked)', async () => {
  const out = join(root, 'exports', 'version-1.2.0');
  await exportJoblib(made.get('course-separate')!.modelDir, nodeFileSystem, { out, sklearnVersion: '1.2.0' });
  const r = runPython(['-c', 'import joblib; joblib.load("scaler.joblib")'], out);
  assert.notEqual(r.code, 0);
  assert.match(r.err, /Trying to unpickle estimator StandardScaler from version 1\.2\.0 when using version 1\.2\.1/);
});

test('the course\'s part-1 validation code, verbatim, on the export of a default model', () => {
  const r = runPython([join(SCRIPTS, 'course_validate.py')], made.get('course-separate')!.exportDir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  assert.equal(r.out, 'Load Model Train Accuracy : 0.9666666666666667\nLoad Model Valid Accuracy : 1.0\n');
});

describe('round trip through Model Lab\'s own reader and importer', () => {
  for (const c of CASES) {
    test(`${c.name}: the reader gives the same model and predictions; import gives the same artifact hashes`, async () => {
      const { modelDir, exportDir } = made.get(c.name)!;
      const { model, data } = await loadModelWithData(modelDir, nodeFileSystem);
      const files = fileNames(c.layout).map((f) => ({ label: f, bytes: new Uint8Array(readFileSync(join(exportDir, f))) }));
      const imported = importSklearnModel(files);
      assert.equal(imported.sklearnVersion, '1.2.1');
      assert.equal(imported.labelType, c.labelType);
      assert.deepEqual(imported.featureNames, model.manifest.featureNames);
      assert.deepEqual(imported.scaler, model.pipeline.scaler.toJSON());
      assert.deepEqual(JSON.parse(JSON.stringify(imported.svc)), JSON.parse(JSON.stringify(model.pipeline.svc.toJSON())));
      // JSON has no -0: libsvm's signed zeros come back from rawDualCoefNegativeZeros.
      assert.deepEqual(imported.svc.rawDualCoef, model.pipeline.svc.toJSON().rawDualCoef, 'the signed zeros too');
      const reread = new Pipeline(StandardScaler.fromJSON(imported.scaler), SVC.fromJSON(imported.svc));
      assert.deepEqual(reread.predict(data.X), model.pipeline.predict(data.X));

      const m = model.manifest;
      const back = await importJoblib({
        path: join(exportDir, files[0]!.label),
        ...(files[1] ? { classifierPath: join(exportDir, files[1].label) } : {}),
        data: { kind: 'csv', path: join(modelDir, m.data.file) },
        seed: m.split.seed, trainSize: { kind: 'count', value: m.split.nTrain },
        target: m.data.target, drop: m.data.dropped,
        modelsDir: join(root, 'imported'), name: c.name,
      }, nodeFileSystem);
      assert.deepEqual([back.train.accuracy, back.valid.accuracy], [m.metrics.trainAccuracy, m.metrics.validAccuracy]);
      const again = (await loadModelWithData(back.modelDir, nodeFileSystem)).model.manifest;
      const artifacts = Object.keys(m.files).filter((f) => !f.endsWith('.joblib'));
      assert.deepEqual(
        Object.fromEntries(artifacts.map((f) => [f, again.files[f]])),
        Object.fromEntries(artifacts.map((f) => [f, m.files[f]])),
        'scaler.json/classifier.json or pipeline.json, and data.csv, byte for byte',
      );
      assert.equal(again.labelType, m.labelType);
      assert.deepEqual(again.classes, m.classes);
    });
  }
});

test('train --save-joblib: the files are in the manifest with their hashes, and the model validates', async () => {
  for (const c of CASES.filter((x) => x.via === 'save')) {
    const { modelDir } = made.get(c.name)!;
    const { model } = await loadModelWithData(modelDir, nodeFileSystem);
    for (const f of fileNames(c.layout)) assert.match(model.manifest.files[f] ?? '', /^[0-9a-f]{64}$/, `${c.name}: ${f}`);
    assert.equal((await validate(modelDir, nodeFileSystem)).status, 'matches');
    // Exporting into the folder again finds the same bytes and leaves the recorded files alone.
    const r = await exportJoblib(modelDir, nodeFileSystem);
    assert.deepEqual(r.paths, fileNames(c.layout).map((f) => join(modelDir, f)));
    assert.equal((await validate(modelDir, nodeFileSystem)).status, 'matches');
  }
});

test(`${PYTHON} is Debian's scikit-learn 1.2.1 (the reference of these tests)`, () => {
  assert.doesNotThrow(requireScikitLearn);
});
