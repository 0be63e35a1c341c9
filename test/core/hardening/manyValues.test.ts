// Arrays as long as the data: Math.min(...values) / Math.max(...values) overflow the call stack
// past ~125,000 values ("Maximum call stack size exceeded"), so nothing a user's data can make
// that long may be spread into a call. 200,000 values each, as a table read whole can give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxOf, minOf } from '../../../src/core/extremes';
import { stratifiedKFold } from '../../../src/core/experiments/tune/stratifiedKFold';
import { rankScores } from '../../../src/core/experiments/tune/cvScores';
import { bestModels } from '../../../src/core/experiments/bestModels';
import { wantsLogScale } from '../../../src/core/experiments/metricSeries';

const N = 200_000;

test('minOf / maxOf: as Math.min / Math.max, for any number of values', () => {
  const values = Array.from({ length: N }, (_, i) => (i * 7919) % N);
  assert.equal(minOf(values), 0);
  assert.equal(maxOf(values), N - 1);
  assert.equal(minOf([]), Infinity);
  assert.equal(maxOf([]), -Infinity);
  assert.ok(Number.isNaN(minOf([1, NaN, 0])));
  assert.ok(Number.isNaN(maxOf([1, NaN, 0])));
  assert.ok(Object.is(minOf([0, -0]), -0));
  assert.ok(Object.is(maxOf([-0, 0]), 0));
  assert.equal(maxOf(new Map([['a', 3], ['b', 5]]).values()), 5);
});

test('stratified folds of a label column with a class per row (a measurement chosen as the target)', () => {
  // One class with 5 rows, the rest one row each: scikit-learn warns of the least populated class.
  const y = Array.from({ length: N }, (_, i) => (i < 5 ? 0 : i));
  const folds = stratifiedKFold(y, 5);
  assert.equal(folds.folds.length, 5);
  assert.equal(folds.warning, 'The least populated class in y has only 1 members, which is less than n_splits=5.');
});

test('ranks of many candidates, best of many models, log scale of many points', () => {
  const means = Array.from({ length: N }, (_, i) => (i % 1000) / 1000);
  const ranks = rankScores(means);
  assert.equal(ranks[999], 1);
  const best = bestModels(means.map((v) => ({ status: 'ok' as const, validAccuracy: v })));
  assert.equal(best.best.length, N / 1000);
  assert.equal(wantsLogScale(Array.from({ length: N }, (_, i) => i + 1)), true);
});
