// Which column names an exported scaler / pipeline checks (core/interop/exportFeatureNames.ts):
// load_iris's can replace a model's only for the four iris measurements in load_iris's order, and
// exportJoblib asks its chooser only then, writing nothing when it gets no answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { train } from '../../../src/core/usecases/train';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { exportJoblib } from '../../../src/core/interop/exportJoblib';
import { areIrisFeatures, differsFromLoadIris } from '../../../src/core/interop/exportFeatureNames';
import { isAbortError } from '../../../src/core/abort';
import type { DataSpec } from '../../../src/core/usecases/contracts';

const LOAD_IRIS = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];
const TABLE = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-names-')); });
after(() => rmSync(root, { recursive: true, force: true }));

const trained = async (name: string, data: DataSpec) => (await train({
  data, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0,
  target: 'target', drop: ['id', 'timestamp'], modelsDir: join(root, 'models'), name,
}, nodeFileSystem)).modelDir;

test('the iris four in load_iris\'s order under either spelling, and nothing else', () => {
  assert.equal(areIrisFeatures(LOAD_IRIS), true);
  assert.equal(differsFromLoadIris(LOAD_IRIS), false, 'already load_iris\'s: nothing to choose');
  assert.equal(differsFromLoadIris(TABLE), true);
  assert.equal(differsFromLoadIris([TABLE[0]!, LOAD_IRIS[1]!, TABLE[2]!, TABLE[3]!]), true, 'spellings mixed');
  assert.equal(areIrisFeatures([TABLE[1]!, TABLE[0]!, TABLE[2]!, TABLE[3]!]), false, 'another order');
  assert.equal(areIrisFeatures(TABLE.slice(0, 3)), false);
  assert.equal(areIrisFeatures(['a', 'b', 'c', 'd']), false);
  assert.equal(areIrisFeatures(null), false, 'fitted on an array');
});

test('exportJoblib asks which names only for iris.csv\'s model; no answer writes nothing; the built-in data\'s model is not asked', async () => {
  const csvModel = await trained('csv', { kind: 'csv', path: resolve('test/e2e/fixtures/iris.csv') });
  const asked: [readonly string[], readonly string[]][] = [];
  const out = join(root, 'cancelled');
  await assert.rejects(
    exportJoblib(csvModel, nodeFileSystem, { out, chooseFeatureNames: async (t, l) => { asked.push([t, l]); return undefined; } }),
    (e) => isAbortError(e),
  );
  assert.deepEqual(asked, [[TABLE, LOAD_IRIS]]);
  assert.equal(existsSync(out), false, 'nothing written');
  const chosen = await exportJoblib(csvModel, nodeFileSystem, { out: join(root, 'chosen'), chooseFeatureNames: async () => 'load-iris' });
  assert.deepEqual([chosen.featureNamesChoice, chosen.featureNamesIn, chosen.featureNamesNote], ['load-iris', LOAD_IRIS, undefined]);
  const kept = await exportJoblib(csvModel, nodeFileSystem, { out: join(root, 'kept') });
  assert.deepEqual([kept.featureNamesChoice, kept.featureNamesIn], ['trained', TABLE]);
  assert.match(kept.featureNamesNote ?? '', /^the files check the columns sepal_length, sepal_width, petal_length, petal_width \(iris\.csv's header\); load_iris\(as_frame=True\)'s differ/);

  const irisModel = await trained('builtin', { kind: 'iris' });
  const b = await exportJoblib(irisModel, nodeFileSystem, { out: join(root, 'builtin'), chooseFeatureNames: async () => assert.fail('not asked') });
  assert.deepEqual([b.featureNamesIn, b.featureNamesNote], [LOAD_IRIS, undefined]);
});
