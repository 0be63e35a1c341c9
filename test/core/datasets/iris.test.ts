import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadIris, IRIS_TARGET_NAMES } from '../../../src/core/datasets/iris';
import { loadSource } from '../../../src/core/datasets/loadSource';
import { parseCsvDataset } from '../../../src/core/datasets/csvDataset';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';

const sklearn = JSON.parse(readFileSync('test/fixtures/workflow/iris.json', 'utf8')) as {
  featureNames: string[]; targetNames: string[]; data: number[][]; target: number[];
};

test('built-in iris equals scikit-learn load_iris() value for value', () => {
  const iris = loadIris();
  assert.deepEqual(iris.featureNames, sklearn.featureNames);
  assert.deepEqual(IRIS_TARGET_NAMES, sklearn.targetNames);
  assert.deepEqual(iris.X, sklearn.data);
  assert.deepEqual(iris.y, sklearn.target);
  assert.deepEqual(iris.classes, [0, 1, 2]);
});

test('the iris snapshot (data.csv) parses back to exactly the same rows', async () => {
  const snap = await loadSource({ kind: 'iris' }, { target: 'target', drop: ['id', 'timestamp'] }, nodeFileSystem);
  const text = new TextDecoder().decode(snap.bytes);
  assert.equal(text.split('\n')[0], 'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),target');
  const back = await parseCsvDataset(snap.bytes, { fileLabel: 'data.csv' });
  assert.deepEqual(back.X, sklearn.data);
  assert.deepEqual(back.y, sklearn.target);
  assert.deepEqual(snap.targetNames, sklearn.targetNames);
});
