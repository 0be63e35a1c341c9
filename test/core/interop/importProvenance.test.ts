// An imported model says where it came from — the scikit-learn files, their release, when and by
// what it was imported — in model.json and in every view built from it (Compare's facts and
// table/CSV), never as if Model Lab had trained it; and the same files imported again are found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { importJoblib } from '../../../src/core/interop/importJoblib';
import { findEarlierImport, importedBeforeText } from '../../../src/core/interop/importedBefore';
import { readManifest } from '../../../src/core/artifacts/loadModel';
import { modelOrigin, originText } from '../../../src/core/artifacts/modelOrigin';
import { modelFacts } from '../../../src/core/experiments/modelFacts';
import { comparisonRows, rowsToCsv } from '../../../src/core/experiments/comparison';
import { listModels } from '../../../src/core/usecases/listModels';
import { train } from '../../../src/core/usecases/train';
import { TOOL } from '../../../src/core/artifacts/toolInfo';
import { sealManifest } from '../../../src/core/artifacts/manifestSeal';
import { FIXTURES } from './fixtures';

/** The course's scaler.joblib + classifier.joblib (scikit-learn 1.2.1) in a folder "course". */
function courseFiles(root: string): string {
  const dir = join(root, 'course');
  mkdirSync(dir);
  for (const f of ['scaler.joblib', 'classifier.joblib']) copyFileSync(join(FIXTURES, 'models/course-separate', f), join(dir, f));
  return dir;
}

test('an imported model records its files and release in model.json, and every view says it was imported from them', async () => {
  const root = mkdtempSync(join(tmpdir(), 'model-lab-import-origin-'));
  try {
    const course = courseFiles(root);
    const modelsDir = join(root, 'models');
    // The classifier clicked alone brings the scaler beside it: both are imported, and named.
    const r = await importJoblib({ path: join(course, 'classifier.joblib'), modelsDir }, nodeFileSystem);
    assert.deepEqual(r.files, [join(course, 'scaler.joblib'), join(course, 'classifier.joblib')]);
    const m = await readManifest(nodeFileSystem, r.modelDir);
    const sha = (f: string) => createHash('sha256').update(readFileSync(join(course, f))).digest('hex');
    assert.deepEqual(m.imported, { from: 'scikit-learn', sklearnVersion: '1.2.1', files: [{ name: 'scaler.joblib', sha256: sha('scaler.joblib') }, { name: 'classifier.joblib', sha256: sha('classifier.joblib') }] });
    assert.equal(originText(modelOrigin(m)), `imported from scaler.joblib + classifier.joblib (scikit-learn 1.2.1) by model-lab ${TOOL.version}`);

    const trained = await train({
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale',
      degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, name: 'trained',
    }, nodeFileSystem, {});
    const t = await readManifest(nodeFileSystem, trained.modelDir);
    assert.equal(originText(modelOrigin(t)), `trained by model-lab ${TOOL.version}`);

    // Compare's facts: the origin, and the tool that made the model.
    const fact = (facts: ReturnType<typeof modelFacts>, label: string) => facts.find((f) => f.group === 'Provenance' && f.label === label)?.value;
    assert.equal(fact(modelFacts(m), 'origin'), 'imported from scaler.joblib + classifier.joblib (scikit-learn 1.2.1)');
    assert.equal(fact(modelFacts(m), 'tool'), `scikit-learn 1.2.1 (imported by model-lab ${TOOL.version})`);
    assert.equal(fact(modelFacts(t), 'origin'), 'trained');
    assert.equal(fact(modelFacts(t), 'tool'), `model-lab ${TOOL.version}`);

    // Compare's table and CSV: an Origin column once a model was imported.
    const rows = comparisonRows(await listModels(modelsDir, nodeFileSystem));
    const csv = rowsToCsv(rows).split('\r\n');
    const origin = csv[0]!.split(',').indexOf('Origin');
    assert.ok(origin > 0, csv[0]);
    const byName = Object.fromEntries(csv.slice(1, 3).map((l) => [l.split(',')[0], l.split(',')[origin]]));
    assert.deepEqual(byName, { [r.name]: 'imported from scaler.joblib + classifier.joblib (scikit-learn 1.2.1)', trained: 'trained' });
    // Only trained models: no Origin column.
    assert.ok(!rowsToCsv(rows.filter((x) => x.name === 'trained')).split('\r\n')[0]!.includes('Origin'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('files imported before (the same bytes) are found, whichever half is given; other bytes are not', async () => {
  const root = mkdtempSync(join(tmpdir(), 'model-lab-import-again-'));
  try {
    const course = courseFiles(root);
    const modelsDir = join(root, 'models');
    assert.deepEqual((await findEarlierImport({ path: join(course, 'scaler.joblib'), modelsDir }, nodeFileSystem)).models, []);
    const first = await importJoblib({ path: join(course, 'scaler.joblib'), modelsDir }, nodeFileSystem);
    const again = await findEarlierImport({ path: join(course, 'classifier.joblib'), modelsDir }, nodeFileSystem);
    assert.deepEqual(again.models, [{ name: 'imported-course', dir: first.modelDir }]);
    assert.equal(importedBeforeText(again), '"scaler.joblib + classifier.joblib" were imported before as "imported-course" (the same bytes, by sha256)');
    await importJoblib({ path: join(course, 'scaler.joblib'), modelsDir }, nodeFileSystem);
    assert.equal(importedBeforeText(await findEarlierImport({ path: join(course, 'scaler.joblib'), modelsDir }, nodeFileSystem)),
      '"scaler.joblib + classifier.joblib" were imported before as "imported-course" and "imported-course-2" (the same bytes, by sha256)');
    // Another model's files (another pipeline) were not imported before.
    assert.deepEqual((await findEarlierImport({ path: join(FIXTURES, 'models/course-pipeline/model_pipeline.joblib'), modelsDir }, nodeFileSystem)).models, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a model imported before model.json recorded its files is still said to be imported, and found by its imported-from.json', async () => {
  const root = mkdtempSync(join(tmpdir(), 'model-lab-import-older-'));
  try {
    const course = courseFiles(root);
    const modelsDir = join(root, 'models');
    const r = await importJoblib({ path: join(course, 'scaler.joblib'), modelsDir }, nodeFileSystem);
    // As Model Lab 0.1.0 wrote it: no "imported" in model.json (sealed as saved).
    const file = join(r.modelDir, 'model.json');
    const { imported: _dropped, manifestSha256: _seal, ...older } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(sealManifest(older), null, 2) + '\n');
    const m = await readManifest(nodeFileSystem, r.modelDir);
    assert.equal(m.imported, undefined);
    assert.equal(originText(modelOrigin(m)), `imported from scikit-learn files (named in imported-from.json) by model-lab ${TOOL.version}`);
    assert.deepEqual((await findEarlierImport({ path: join(course, 'scaler.joblib'), modelsDir }, nodeFileSystem)).models.map((x) => x.name), ['imported-course']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
