// Saved models reload to the same thing, and every kind of damage is refused with a message
// naming the file and the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { sealManifest } from '../../../src/core/artifacts/manifestSeal';
import { sameSavedModel } from '../../../src/core/artifacts/manifest';
import { train } from '../../../src/core/usecases/train';
import type { Layout } from '../../../src/core/usecases/contracts';
import { loadModel } from '../../../src/core/artifacts/loadModel';
import { saveModel } from '../../../src/core/artifacts/saveModel';
import { listModels } from '../../../src/core/usecases/listModels';
import { validate } from '../../../src/core/usecases/validate';
import { loadIris } from '../../../src/core/datasets/iris';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import type { FileSystem } from '../../../src/core/io/fileSystem';
import { runCliSync } from '../hardening/cliProcess';

let root: string;
const models: Record<Layout, string> = { separate: '', pipeline: '' };

async function trainIris(modelsDir: string, layout: Layout, name?: string, fs: FileSystem = nodeFileSystem) {
  return train({
    data: { kind: 'iris' }, layout, seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, name,
  }, fs);
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-artifacts-'));
  models.separate = (await trainIris(join(root, 'models'), 'separate', 'sep')).modelDir;
  models.pipeline = (await trainIris(join(root, 'models'), 'pipeline', 'pipe')).modelDir;
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A copy of a saved model that a test may damage. */
function copy(layout: Layout, name: string): string {
  const dir = join(root, 'damaged', name);
  cpSync(models[layout], dir, { recursive: true });
  return dir;
}

function rewrite(dir: string, file: string, edit: (json: any) => void, rehash = true): void {
  let json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  edit(json);
  // A model.json rewritten consistently (its seal too), as a crafted file can be: only the deeper checks can catch it.
  if (rehash && file === 'model.json') json = sealManifest(json);
  const text = JSON.stringify(json, null, 2) + '\n';
  writeFileSync(join(dir, file), text);
  if (rehash && file !== 'model.json') {
    rewrite(dir, 'model.json', (m) => { m.files[file] = createHash('sha256').update(text).digest('hex'); });
  }
}

test('folder layout per layout', () => {
  assert.deepEqual(readdirSync(models.separate).sort(), ['classifier.json', 'data.csv', 'model.json', 'scaler.json']);
  assert.deepEqual(readdirSync(models.pipeline).sort(), ['data.csv', 'model.json', 'pipeline.json']);
  const pipe = JSON.parse(readFileSync(join(models.pipeline, 'pipeline.json'), 'utf8'));
  assert.equal(pipe.kind, 'Pipeline');
  assert.deepEqual(pipe.steps.map((s: [string, unknown]) => s[0]), ['scaler', 'svc']);
});

test('save → load gives identical JSON and identical predictions and decision values', async () => {
  const X = loadIris().X;
  for (const layout of ['separate', 'pipeline'] as const) {
    const a = await loadModel(nodeFileSystem, models[layout]);
    assert.deepEqual(a.pipeline.toJSON(), (await loadModel(nodeFileSystem, models[layout])).pipeline.toJSON());
    if (layout === 'separate') {
      assert.deepEqual(a.pipeline.scaler.toJSON(), JSON.parse(readFileSync(join(models.separate, 'scaler.json'), 'utf8')));
      // As JSON writes it: libsvm's -0.0s are 0 there, their signs in rawDualCoefNegativeZeros.
      assert.deepEqual(JSON.parse(JSON.stringify(a.pipeline.svc.toJSON())), JSON.parse(readFileSync(join(models.separate, 'classifier.json'), 'utf8')));
    }
    const other = await loadModel(nodeFileSystem, models[layout === 'separate' ? 'pipeline' : 'separate']);
    assert.deepEqual(a.pipeline.predict(X), other.pipeline.predict(X));
    assert.deepEqual(a.pipeline.decisionFunction(X), other.pipeline.decisionFunction(X));
  }
});

test('names never overwrite: the same name gets -2, -3', async () => {
  const dir = join(root, 'names');
  const r1 = await trainIris(dir, 'separate', 'same');
  const r2 = await trainIris(dir, 'separate', 'same');
  const r3 = await trainIris(dir, 'separate', 'same');
  assert.deepEqual([r1.name, r2.name, r3.name], ['same', 'same-2', 'same-3']);
  const m = JSON.parse(readFileSync(join(r3.modelDir, 'model.json'), 'utf8'));
  assert.equal(m.name, 'same-3');
});

test('sameSavedModel: a folder renamed or copied is the same saved model; the same parameters trained again are not', async () => {
  const dir = join(root, 'same-saved');
  const a = await trainIris(dir, 'separate', 'a');
  const b = await trainIris(dir, 'separate', 'b');
  const manifest = (r: { modelDir: string }) => JSON.parse(readFileSync(join(r.modelDir, 'model.json'), 'utf8'));
  const copied = join(dir, 'a-copy');
  cpSync(a.modelDir, copied, { recursive: true });
  rewrite(copied, 'model.json', (m) => { m.name = 'a-copy'; });
  assert.equal(sameSavedModel(manifest(a), manifest({ modelDir: copied })), true, 'renamed: model.json\'s name differs');
  assert.equal(sameSavedModel(manifest(a), manifest(b)), false, 'the same data and parameters, saved at another time');
  assert.equal(sameSavedModel(manifest(a), { ...manifest(a), files: { ...manifest(a).files, 'scaler.json': '0'.repeat(64) } }), false, 'another file');
  assert.equal(sameSavedModel(manifest(a), { ...manifest(a), files: { ...manifest(a).files, 'extra.json': '0'.repeat(64) } }), false, 'one file more');
});

test('default names say what the model is: iris-C1-gscale-s2023, then -2 when taken', async () => {
  const r = await trainIris(join(root, 'defaults'), 'pipeline');
  assert.equal(r.name, 'iris-C1-gscale-s2023');
  const again = await trainIris(join(root, 'defaults'), 'separate');
  assert.equal(again.name, 'iris-C1-gscale-s2023-2');
});

test('a failed save removes its temporary folder', async () => {
  const dir = join(root, 'failing');
  const failing: FileSystem = { ...nodeFileSystem, rename: async () => { throw new Error('disk full'); } };
  await assert.rejects(trainIris(dir, 'separate', undefined, failing), /disk full/);
  // Nothing left behind: not the temporary folder, nor the models folder this save created.
  assert.equal(existsSync(dir), false);
});

test('a name that would leave the models folder is refused', async () => {
  await assert.rejects(trainIris(join(root, 'x'), 'separate', '../evil'), /model name "..\/evil" is not allowed/);
  await assert.rejects(saveModel(nodeFileSystem, {
    modelsDir: join(root, 'x'), name: 'ok', files: { '../../escape.txt': 'x' }, manifest: {} as never,
  }), /field "files\["..\/..\/escape.txt"\]": "..\/..\/escape.txt" points outside the model folder/);
  assert.deepEqual(readdirSync(root).filter((f) => f.includes('escape')), []);
});

const damage: [string, Layout, (dir: string) => void, RegExp][] = [
  ['tampered classifier', 'separate', (d) => writeFileSync(join(d, 'classifier.json'), readFileSync(join(d, 'classifier.json'), 'utf8').replace('"kind"', ' "kind"')),
    /classifier\.json: sha256 is [0-9a-f]{64} but model\.json records [0-9a-f]{64} — the file changed after saving/],
  ['tampered data.csv', 'pipeline', (d) => writeFileSync(join(d, 'data.csv'), readFileSync(join(d, 'data.csv'), 'utf8').replace('5.1,3.5', '5.2,3.5')),
    /data\.csv: sha256 is .* but model\.json records/],
  ['model.json not JSON', 'separate', (d) => writeFileSync(join(d, 'model.json'), '{"format": "model-lab-model",'),
    /model\.json: not valid JSON/],
  ['unknown version', 'separate', (d) => rewrite(d, 'model.json', (m) => { m.formatVersion = 2; }),
    /model\.json: field "formatVersion": 2 is not supported \(this Model Lab reads version 1\) — update Model Lab/],
  ['wrong format', 'separate', (d) => rewrite(d, 'model.json', (m) => { m.format = 'something-else'; }),
    /model\.json: field "format": expected "model-lab-model"/],
  ['path escaping the folder', 'separate', (d) => rewrite(d, 'model.json', (m) => { m.model.classifier = '../pipe/pipeline.json'; }),
    /model\.json: field "model\.classifier": "\.\.\/pipe\/pipeline\.json" points outside the model folder/],
  ['absolute path', 'pipeline', (d) => rewrite(d, 'model.json', (m) => { m.data.file = '/etc/passwd'; }),
    /model\.json: field "data\.file": "\/etc\/passwd" is an absolute path/],
  ['missing field', 'separate', (d) => rewrite(d, 'model.json', (m) => { delete m.split.seed; }),
    /model\.json: field "split\.seed" is missing/],
  ['wrong type', 'separate', (d) => rewrite(d, 'model.json', (m) => { m.metrics.trainAccuracy = '0.97'; }),
    /model\.json: field "metrics\.trainAccuracy": expected a finite number/],
  ['missing file', 'separate', (d) => rmSync(join(d, 'scaler.json')),
    /scaler\.json: missing — the model folder is incomplete/],
  ['infinite number (rehashed)', 'separate', (d) => {
    writeFileSync(join(d, 'scaler.json'), readFileSync(join(d, 'scaler.json'), 'utf8').replace(/("mean": \[\s*)[-0-9.e]+/, '$11e999'));
    rewrite(d, 'model.json', (m) => { m.files['scaler.json'] = createHash('sha256').update(readFileSync(join(d, 'scaler.json'))).digest('hex'); });
  }, /scaler\.json: field "mean\[0\]" is not a finite number/],
  ['wrong kind in classifier (rehashed)', 'separate', (d) => rewrite(d, 'classifier.json', (j) => { j.kind = 'LinearSVC'; }),
    /classifier\.json: .*SVC/],
  ['wrong kind in pipeline (rehashed)', 'pipeline', (d) => rewrite(d, 'pipeline.json', (j) => { j.kind = 'Sequential'; }),
    /pipeline\.json: expected kind "Pipeline", found "Sequential"/],
  ['feature count mismatch', 'separate', (d) => rewrite(d, 'model.json', (m) => { m.featureNames = ['a', 'b', 'c']; m.data.columns = 4; }),
    /model\.json: field "featureNames" lists 3 features but the scaler was fitted on 4/],
  ['classes mismatch', 'pipeline', (d) => rewrite(d, 'model.json', (m) => { m.classes = [0, 1, 5]; }),
    /model\.json: field "classes" is \[0,1,5\] but the classifier has \[0,1,2\]/],
  ['parameters differ from the classifier', 'separate', (d) => rewrite(d, 'model.json', (m) => { m.params.svc.C = 10; }),
    /model\.json: field "params\.svc\.C" is 10 but the classifier was fitted with 1/],
  ['fewer rows than the split', 'separate', (d) => rewrite(d, 'model.json', (m) => { m.data.rows = 149; }),
    /model\.json: field "split": nTrain \+ nTest = 150 exceeds data\.rows = 149/],
];

for (const [title, layout, hurt, message] of damage) {
  test(`refused: ${title}`, async () => {
    const dir = copy(layout, title.replace(/\W+/g, '-'));
    hurt(dir);
    await assert.rejects(loadModel(nodeFileSystem, dir), (e: Error) => {
      assert.equal(e.name, 'UserError');
      assert.match(e.message, message);
      assert.ok(e.message.startsWith(dir), e.message);
      return true;
    });
    const report = await validate(dir, nodeFileSystem);
    assert.equal(report.status, 'could-not-load');
    assert.match(report.error!, message);
  });
}

test('validate compares data.csv with the manifest: rows and columns', async () => {
  const rows = copy('separate', 'rows-151');
  rewrite(rows, 'model.json', (m) => { m.data.rows = 151; });
  const r1 = await validate(rows, nodeFileSystem);
  assert.equal(r1.status, 'could-not-load');
  assert.match(r1.error!, /data\.csv: 150 rows but model\.json records data\.rows = 151/);
  const names = copy('pipeline', 'renamed-feature');
  rewrite(names, 'model.json', (m) => { m.featureNames[0] = 'sepal length (mm)'; });
  const r2 = await validate(names, nodeFileSystem);
  assert.equal(r2.status, 'could-not-load');
  assert.match(r2.error!, /data\.csv: columns \["sepal length \(cm\)",.*\] differ from model\.json's featureNames \["sepal length \(mm\)"/);
});

test('a recorded accuracy that the model does not reproduce is reported as differs', async () => {
  const dir = copy('pipeline', 'edited-accuracy');
  rewrite(dir, 'model.json', (m) => { m.metrics.validAccuracy = 0.9666666666666667; });
  const report = await validate(dir, nodeFileSystem);
  assert.equal(report.status, 'differs');
  assert.equal(report.valid!.accuracy, 1);
  assert.deepEqual(report.recorded, { train: 0.9666666666666667, valid: 0.9666666666666667 });
  // 30 of 30 right: everything on the diagonal.
  const c = report.valid!.confusion;
  assert.equal(c[0][0] + c[1][1] + c[2][2], 30);
  assert.equal(c.flat().reduce((a, b) => a + b, 0), 30);
});

test('a crafted model.json (sealed again) whose counts or scaler settings contradict the files: differs or refused, never "matches"', async () => {
  // The same accuracies with another count of right predictions: differs (it said "Match").
  const counts = copy('separate', 'edited-counts');
  rewrite(counts, 'model.json', (m) => { m.metrics.trainCorrect = 5; });
  const report = await validate(counts, nodeFileSystem);
  assert.equal(report.status, 'differs');
  const cli = runCliSync(['validate', counts], root);
  assert.equal(cli.code, 1);
  assert.match(cli.out, /\nDIFFERENT: model\.json records 5\/120 right in training and 30\/30 in validation; the reloaded model gets 116\/120 and 30\/30\.\n$/);
  // A scaler whose scale is not sqrt(var), a model.json whose scaler settings are not the scaler's: refused, naming the field.
  const scale = copy('separate', 'edited-var');
  rewrite(scale, 'scaler.json', (j) => { j.var[0] = 99; });
  const scaleReport = await validate(scale, nodeFileSystem);
  assert.equal(scaleReport.status, 'could-not-load');
  assert.match(scaleReport.error!, /scaler\.json: StandardScaler JSON: field "scale" index 0 is 0\.8\d+, but the square root of var's 99 is 9\.9498743710662 \(scale is sqrt\(var\), or 1 for a constant feature\)\.$/);
  const withMean = copy('separate', 'edited-with-mean');
  rewrite(withMean, 'model.json', (m) => { m.params.scaler.withMean = false; });
  const meanReport = await validate(withMean, nodeFileSystem);
  assert.equal(meanReport.status, 'could-not-load');
  assert.match(meanReport.error!, /model\.json: field "params\.scaler\.withMean" is false but the scaler was fitted with true$/);
});

test('listModels: newest first, damaged folders listed with the reason, temp folders skipped', async () => {
  const dir = join(root, 'list');
  const a = await trainIris(dir, 'separate', 'a');
  await new Promise((r) => setTimeout(r, 5));
  const b = await trainIris(dir, 'pipeline', 'b');
  cpSync(a.modelDir, join(dir, 'broken'), { recursive: true });
  writeFileSync(join(dir, 'broken', 'model.json'), 'nope');
  cpSync(a.modelDir, join(dir, '.tmp-123456'), { recursive: true });
  const list = await listModels(dir, nodeFileSystem);
  const ok = list.filter((m) => m.status === 'ok');
  assert.deepEqual(ok.map((m) => m.name), ['b', 'a']);
  assert.equal(ok[0].layout, 'pipeline');
  assert.equal(ok[1].trainAccuracy, 0.9666666666666667);
  assert.equal(ok[1].validAccuracy, 1);
  assert.deepEqual(ok[1].params, { kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, seed: 2023 });
  assert.equal(ok[1].dataSource, 'iris');
  const broken = list.find((m) => m.name === 'broken')!;
  assert.equal(broken.status, 'damaged');
  assert.match(broken.error!, /model\.json: not valid JSON/);
  assert.ok(!list.some((m) => m.name.startsWith('.')));
  assert.equal(b.name, 'b');
  assert.deepEqual(await listModels(join(root, 'does-not-exist'), nodeFileSystem), []);
});

test('a models folder or a file given as a model folder says which folder to name instead', async () => {
  const modelsDir = join(root, 'models');
  await assert.rejects(loadModel(nodeFileSystem, modelsDir), (e: Error) => {
    assert.equal(e.message, `${modelsDir}: is a models folder (2 models), not a model's own folder — name one model's folder, such as ${join(modelsDir, 'pipe')}`);
    return true;
  });
  const manifest = join(models.separate, 'model.json');
  await assert.rejects(loadModel(nodeFileSystem, manifest), (e: Error) => e.message === `${manifest}: is a file, not a model folder — name its folder, ${models.separate}`);
  const csv = join(root, 'elsewhere.csv');
  writeFileSync(csv, 'a,b\n');
  await assert.rejects(loadModel(nodeFileSystem, csv), (e: Error) => e.message === `${csv}: is a file, not a model folder — name the folder Model Lab saved the model in (the one holding model.json)`);
  const pipeline = join(root, 'model_pipeline.joblib');
  writeFileSync(pipeline, 'not read: the name says what it is');
  await assert.rejects(loadModel(nodeFileSystem, pipeline), (e: Error) => e.message === `${pipeline}: is a scikit-learn file, not a model folder — import it first (model-lab import, or Import scikit-learn Model in VS Code), then name the model folder it makes`);
  const empty = mkdtempSync(join(root, 'empty-'));
  await assert.rejects(loadModel(nodeFileSystem, empty), /model\.json: missing — this folder is not a Model Lab model/);
});
