// Delete with Undo (modelFolderOps.ts): a held model comes back byte for byte; when its name was
// taken meanwhile it comes back as name-2 (its model.json renamed with it, still validating) —
// it was refused, and the model stayed in a hidden folder that nothing ever removed or offered back.
// Leftover holders are swept only once older than the undo window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdDeletedModel, purgeDeletedModels, restoreModel } from '../../../src/core/artifacts/modelFolderOps';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';

test('a held model comes back as it was, or as name-2 when its name was taken meanwhile; holders are swept only once old', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-held-'));
  try {
    const models = join(dir, 'models');
    const r = await train({
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
      kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: models,
    }, nodeFileSystem);
    const before = readFileSync(join(r.modelDir, 'classifier.json'));
    const held = await holdDeletedModel(nodeFileSystem, r.modelDir);
    assert.deepEqual(readdirSync(models).filter((n) => !n.startsWith('.')), []);
    assert.equal(await restoreModel(nodeFileSystem, held), r.modelDir);
    assert.deepEqual(readFileSync(join(r.modelDir, 'classifier.json')), before);
    assert.deepEqual(readdirSync(models), ['iris-C1-gscale-s2023'], 'the holder is gone');
    // Deleted, then a model of that name made again: Undo brings it back as iris-C1-gscale-s2023-2.
    const again = await holdDeletedModel(nodeFileSystem, r.modelDir);
    cpSync(again.heldDir, r.modelDir, { recursive: true });
    const back = await restoreModel(nodeFileSystem, again);
    assert.equal(back, join(models, 'iris-C1-gscale-s2023-2'));
    assert.equal(JSON.parse(readFileSync(join(back, 'model.json'), 'utf8')).name, 'iris-C1-gscale-s2023-2');
    assert.equal((await validate(back, nodeFileSystem)).status, 'matches');
    assert.deepEqual(readdirSync(models).sort(), ['iris-C1-gscale-s2023', 'iris-C1-gscale-s2023-2']);
    // A holder younger than the window stays (another window may still undo); an old one goes.
    const young = await holdDeletedModel(nodeFileSystem, back);
    await purgeDeletedModels(nodeFileSystem, models, 60_000);
    assert.ok(readdirSync(models).some((n) => n.startsWith('.deleted-')), 'kept while undoable');
    const old = new Date(Date.now() - 120_000);
    utimesSync(join(young.heldDir, '..'), old, old);
    await purgeDeletedModels(nodeFileSystem, models, 60_000);
    assert.deepEqual(readdirSync(models), ['iris-C1-gscale-s2023']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
