// StratifiedKFold(K).split without shuffling, index for index against scikit-learn 1.2.1, with its
// errors and its warning word for word; ParameterGrid's order; numpy's mean/std and scipy's ranks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../../../src/core/types';
import { stratifiedKFold, checkFoldCount } from '../../../../src/core/experiments/tune/stratifiedKFold';
import { candidateAt, expandParameterGrid } from '../../../../src/core/experiments/tune/parameterGrid';
import { meanAndStd, rankScores, bestIndex } from '../../../../src/core/experiments/tune/cvScores';
import { fixture, gridOf } from './gridsearchFixture';

test('fold indices equal StratifiedKFold.split on label vectors (ints, strings, iris, reversed iris)', () => {
  let compared = 0;
  for (const c of fixture.kfold) {
    if (c.error !== undefined) continue;
    const got = stratifiedKFold(c.y, c.cv);
    assert.deepEqual(got.folds, c.folds, `y=${JSON.stringify(c.y).slice(0, 40)} K=${c.cv}`);
    assert.deepEqual(got.warning === undefined ? [] : [got.warning], c.warnings);
    compared++;
  }
  assert.ok(compared >= 7);
});

test('impossible folds: scikit-learn\'s ValueError text, word for word', () => {
  const errors = fixture.kfold.filter((c) => c.error !== undefined);
  assert.equal(errors.length, 2);
  for (const c of errors) {
    assert.throws(() => stratifiedKFold(c.y, c.cv), (e: unknown) => e instanceof UserError && e.message === c.error);
  }
  assert.throws(() => checkFoldCount(1), /^UserError: k-fold cross-validation requires at least one train\/test split by setting n_splits=2 or more, got n_splits=1\.$/);
  assert.throws(() => checkFoldCount(2.5), /must be of Integral type/);
});

test('the folds of every GridSearchCV case (the training part of train_test_split) are scikit-learn\'s', async () => {
  const { loadTrainingData } = await import('../../../../src/core/usecases/train');
  const { nodeFileSystem } = await import('../../../../src/core/io/nodeFileSystem');
  const { dataOptionsOf } = await import('./gridsearchFixture');
  for (const c of fixture.cases) {
    const training = await loadTrainingData(dataOptionsOf(c), nodeFileSystem);
    const got = stratifiedKFold(training.yTrain, c.cv);
    assert.deepEqual(got.folds, c.folds, c.id);
    assert.deepEqual(got.warning === undefined ? [] : [got.warning], c.warnings, c.id);
  }
});

test('ParameterGrid order: keys sorted by name (C, coef0, degree, gamma, kernel), the last fastest', () => {
  for (const c of fixture.cases) {
    const got = expandParameterGrid(gridOf(c));
    assert.equal(got.length, c.candidates.length, c.id);
    got.forEach((p, i) => {
      for (const [k, v] of Object.entries(c.candidates[i].params)) assert.equal(p[k as keyof typeof p], v, `${c.id} candidate ${i} ${k}`);
      // A portable task's candidate index maps to the same params without expanding the grid.
      assert.deepEqual(candidateAt(gridOf(c), i), p);
    });
  }
});

test('rank_test_score: rankdata(-mean, "min"), failed candidates (nan) last, all failed all 1', () => {
  for (const r of fixture.ranks) {
    const ranks = rankScores(r.means.map((m) => (m === null ? NaN : m)));
    assert.deepEqual(ranks, r.ranks, JSON.stringify(r.means));
  }
  assert.equal(bestIndex([3, 1, 2, 1]), 1);
});

test('mean and std of fold scores are numpy\'s, bit for bit (K = 3, 5, 10: plain and 8-accumulator sums)', () => {
  let compared = 0;
  for (const c of fixture.cases) {
    for (const cand of c.candidates) {
      if (cand.mean === null) continue;
      const { mean, std } = meanAndStd(cand.splitScores as number[]);
      assert.equal(mean, cand.mean, `${c.id} mean of ${cand.splitScores.join(',')}`);
      assert.equal(std, cand.std, `${c.id} std of ${cand.splitScores.join(',')}`);
      compared++;
    }
  }
  assert.ok(compared > 200, `${compared} candidates compared`);
});
