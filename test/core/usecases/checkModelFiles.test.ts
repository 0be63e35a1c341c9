// checkModelFiles on real model folders: which files changed since saving, cleared again when the
// file is restored; what is not a model or whose model.json is unreadable is said so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkModelFiles } from '../../../src/core/usecases/checkModelFiles';
import { train } from '../../../src/core/usecases/train';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { loadModel } from '../../../src/core/artifacts/loadModel';
import { renameModel } from '../../../src/core/artifacts/modelFolderOps';

let root: string;
let good: string;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-check-files-'));
  good = (await train({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1,
    gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(root, 'models'), name: 'good',
  }, nodeFileSystem)).modelDir;
});
after(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const copy = () => {
  const dir = join(root, 'copies', `m${++n}`);
  cpSync(good, dir, { recursive: true });
  return dir;
};

test('as saved: unchanged', async () => {
  assert.deepEqual(await checkModelFiles(good, nodeFileSystem), { modelDir: good, status: 'unchanged', changes: [] });
});

test('an edited classifier.json is "modified"; restoring its bytes clears it', async () => {
  const dir = copy();
  const original = readFileSync(join(dir, 'classifier.json'));
  writeFileSync(join(dir, 'classifier.json'), original.toString().replace('"kernel": "rbf"', '"kernel": "rbf" '));
  assert.deepEqual(await checkModelFiles(dir, nodeFileSystem), { modelDir: dir, status: 'changed', changes: [{ file: 'classifier.json', change: 'modified' }] });
  writeFileSync(join(dir, 'classifier.json'), original);
  assert.equal((await checkModelFiles(dir, nodeFileSystem)).status, 'unchanged');
});

test('several changes at once: modified, missing, replaced by a link (not followed)', async () => {
  const dir = copy();
  writeFileSync(join(dir, 'data.csv'), readFileSync(join(dir, 'data.csv'), 'utf8').replace('5.1,3.5', '5.1,3.6'));
  unlinkSync(join(dir, 'scaler.json'));
  const outside = join(root, 'outside-classifier.json');
  cpSync(join(dir, 'classifier.json'), outside);
  unlinkSync(join(dir, 'classifier.json'));
  symlinkSync(outside, join(dir, 'classifier.json'));
  const r = await checkModelFiles(dir, nodeFileSystem);
  assert.equal(r.status, 'changed');
  assert.deepEqual([...r.changes].sort((a, b) => a.file.localeCompare(b.file)), [
    { file: 'classifier.json', change: 'not-a-file' },
    { file: 'data.csv', change: 'modified' },
    { file: 'scaler.json', change: 'missing' },
  ]);
});

test('no model.json: not a model; a broken model.json: unreadable with the reason', async () => {
  const scratch = join(root, 'scratch');
  mkdirSync(scratch);
  assert.equal((await checkModelFiles(scratch, nodeFileSystem)).status, 'not-a-model');
  assert.equal((await checkModelFiles(join(root, 'gone'), nodeFileSystem)).status, 'not-a-model');
  const dir = copy();
  writeFileSync(join(dir, 'model.json'), '{"format": "model-lab-model"');
  const r = await checkModelFiles(dir, nodeFileSystem);
  assert.equal(r.status, 'unreadable');
  assert.match(r.error!, /model\.json: not valid JSON/);
});

test('model.json edited (a recorded accuracy): "modified", and loading refuses it; re-indented: unchanged; restored: unchanged', async () => {
  const dir = copy();
  const file = join(dir, 'model.json');
  const original = readFileSync(file, 'utf8');
  const saved = JSON.parse(original) as { metrics: { trainAccuracy: number }; manifestSha256: string };
  assert.match(saved.manifestSha256, /^[0-9a-f]{64}$/);
  assert.equal(Object.keys(saved).at(-1), 'manifestSha256', 'the seal is the last field');
  writeFileSync(file, original.replace(`"trainAccuracy": ${saved.metrics.trainAccuracy}`, '"trainAccuracy": 0.99'));
  assert.deepEqual(await checkModelFiles(dir, nodeFileSystem), { modelDir: dir, status: 'changed', changes: [{ file: 'model.json', change: 'modified' }] });
  await assert.rejects(loadModel(nodeFileSystem, dir), /model\.json: changed after saving/);
  const edited = await loadModel(nodeFileSystem, dir, { acceptEdited: true });
  assert.deepEqual(edited.edited, ['model.json']);
  assert.equal(edited.manifest.metrics.trainAccuracy, 0.99);
  // Only the layout changed (an editor's Format Document): still as saved.
  writeFileSync(file, JSON.stringify(JSON.parse(original), null, 4));
  assert.equal((await checkModelFiles(dir, nodeFileSystem)).status, 'unchanged');
  writeFileSync(file, original);
  assert.equal((await checkModelFiles(dir, nodeFileSystem)).status, 'unchanged');
  // A model saved before the seal existed (no manifestSha256): nothing to check it against.
  const { manifestSha256: _seal, ...unsealed } = saved;
  writeFileSync(file, JSON.stringify({ ...unsealed, metrics: { ...unsealed.metrics, trainAccuracy: 0.99 } }));
  assert.equal((await checkModelFiles(dir, nodeFileSystem)).status, 'unchanged');
});

test('a rename renews an intact seal but does not seal an edited model.json', async () => {
  const dir = copy();
  const renamed = await renameModel(nodeFileSystem, dir, `${n}-renamed`);
  assert.equal((await checkModelFiles(renamed, nodeFileSystem)).status, 'unchanged');
  assert.equal((await loadModel(nodeFileSystem, renamed)).manifest.name, `${n}-renamed`);
  const file = join(renamed, 'model.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"seed": 2023', '"seed": 7'));
  const again = await renameModel(nodeFileSystem, renamed, `${n}-again`);
  assert.deepEqual((await checkModelFiles(again, nodeFileSystem)).changes, [{ file: 'model.json', change: 'modified' }]);
});
