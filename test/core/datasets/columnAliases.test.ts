// The iris column aliases: load_iris()'s feature names (from scikit-learn's own fixture) paired with
// the course's iris_data columns, used only where the exact name is missing, never twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COLUMN_ALIASES, aliasesOf, matchColumns } from '../../../src/core/datasets/columnAliases';

const sklearnIris = JSON.parse(readFileSync('test/fixtures/workflow/iris.json', 'utf8')) as { featureNames: string[] };
const COURSE = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

test('the table pairs load_iris() feature names with the course table\'s columns, in order', () => {
  assert.deepEqual(COLUMN_ALIASES, sklearnIris.featureNames.map((name, i) => [name, COURSE[i]]));
  assert.deepEqual(aliasesOf('sepal length (cm)'), ['sepal_length']);
  assert.deepEqual(aliasesOf('petal_width'), ['petal width (cm)']);
  assert.deepEqual(aliasesOf('target'), []);
});

test('exact names first; an alias only for a missing name; missing stays -1', () => {
  const wanted = sklearnIris.featureNames;
  assert.deepEqual(matchColumns(wanted, ['id', ...wanted]), { indices: [1, 2, 3, 4], aliases: [] });
  const course = matchColumns(wanted, ['id', 'timestamp', ...COURSE, 'target']);
  assert.deepEqual(course.indices, [2, 3, 4, 5]);
  assert.deepEqual(course.aliases.map((a) => [a.wanted, a.found]), wanted.map((w, i) => [w, COURSE[i]]));
  const mixed = matchColumns(wanted, ['petal width (cm)', 'sepal_length', 'sepal width (cm)', 'petal_length', 'petal_width']);
  assert.deepEqual(mixed.indices, [1, 2, 3, 0], 'petal_width is not used: its exact twin is there');
  assert.deepEqual(mixed.aliases.map((a) => a.found), ['sepal_length', 'petal_length']);
  assert.deepEqual(matchColumns(['sepal_length', 'x'], ['sepal length (cm)']).indices, [0, -1]);
});

test('a column the model wants under its own name is never taken as another\'s alias', () => {
  // A model with both spellings as features: each must be present under its own name.
  const m = matchColumns(['sepal_length', 'sepal length (cm)'], ['sepal_length']);
  assert.deepEqual(m.indices, [0, -1]);
  assert.deepEqual(m.aliases, []);
});
