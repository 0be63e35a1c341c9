// The wizards' train size steps (and Tune's folds step) refuse what the data's rows cannot give, in
// the run's own words with the remedy said as the answer being typed (not the setting
// modelLab.trainSize, not --train-size); sizes and folds the run works with pass.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { foldsProblem, splitProblem, trainSizeProblem } from '../../../src/extension/training/trainSizeCheck';
import type { SplitSize } from '../../../src/core/types';

const iris = { rows: 150, label: 'iris.csv' };
const rows = (value: number): SplitSize => ({ kind: 'count', value });
const fraction = (value: number): SplitSize => ({ kind: 'fraction', value });

test('a train size that leaves no row to validate on is refused, as the search refuses it, said as the answer', () => {
  assert.equal(trainSizeProblem(rows(150), iris),
    'train_size=150 should be either positive and smaller than the number of samples 150 or a float in the (0, 1) range — iris.csv has 150 data rows — choose a train size between 0 and 1 (0.8) or a whole number of rows from 1 to 149');
  assert.match(trainSizeProblem(rows(500), iris) ?? '', /^train_size=500 should be .* — iris\.csv has 150 data rows — choose a train size /);
  // A fraction that leaves no training row.
  assert.match(trainSizeProblem(fraction(0.001), iris) ?? '', /^With n_samples=150, test_size=None and train_size=0\.001, the resulting train set will be empty\. .* — iris\.csv has 150 data rows — choose a train size between 0 and 1/);
  for (const problem of [trainSizeProblem(rows(150), iris), trainSizeProblem(fraction(0.001), iris)]) {
    assert.doesNotMatch(problem!, /modelLab\.trainSize|--train-size|\(Tune Iris Model…\)/, 'the step says the answer being typed');
  }
});

test('a train size that leaves fewer than 2 training rows is refused: no folds can cross-validate it', () => {
  assert.equal(trainSizeProblem(rows(1), iris), 'This train size leaves 1 training row of the 150 of iris.csv: cross-validation needs at least 2 (one per fold) — choose a larger train size');
  assert.match(trainSizeProblem(fraction(0.01), iris) ?? '', /^This train size leaves 1 training row of the 150/);
});

test('train sizes the search runs with pass: 0.8, 120, 149, 2 rows', () => {
  for (const size of [fraction(0.8), rows(120), rows(149), rows(2), fraction(0.5)]) assert.equal(trainSizeProblem(size, iris), undefined, JSON.stringify(size));
});

test('the folds step refuses more folds than the train size leaves training rows; fewer or as many pass', () => {
  assert.equal(foldsProblem(5, rows(3), iris), 'The train size leaves 3 training rows of the 150 of iris.csv: at most 3 folds (each fold holds out at least one row) — or go Back to a larger train size');
  // 0.02 of 150 rows: floor(3.0) = 3 training rows.
  assert.match(foldsProblem(4, fraction(0.02), iris) ?? '', /leaves 3 training rows of the 150 of iris\.csv: at most 3 folds/);
  assert.equal(foldsProblem(3, rows(3), iris), undefined);
  assert.equal(foldsProblem(5, fraction(0.8), iris), undefined);
  assert.equal(foldsProblem(120, fraction(0.8), iris), undefined);
  assert.match(foldsProblem(121, fraction(0.8), iris) ?? '', /leaves 120 training rows .*: at most 120 folds/);
  // A size the data cannot split was refused at its own step: the folds step does not say it again.
  assert.equal(foldsProblem(5, rows(150), iris), undefined);
});

test('Train Iris Model…\'s train size step refuses only what cannot be split (150 of 150, 500, a fraction leaving no row), in the same words; 1 training row is the run\'s to judge', () => {
  for (const size of [rows(150), rows(500), fraction(0.001)]) assert.equal(splitProblem(size, iris), trainSizeProblem(size, iris), JSON.stringify(size));
  assert.match(splitProblem(rows(150), iris) ?? '', / — iris\.csv has 150 data rows — choose a train size between 0 and 1 \(0\.8\) or a whole number of rows from 1 to 149$/);
  for (const size of [fraction(0.8), rows(120), rows(149), rows(1), fraction(0.01)]) assert.equal(splitProblem(size, iris), undefined, JSON.stringify(size));
});
