// The search plan's refusals: a class with fewer rows than folds is named (which one, how many rows),
// after scikit-learn's own warning, fewest rows first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfirmationNeeded, planSearch } from '../../../../src/core/experiments/tune/gridSearch';
import { parseSearchGrid } from '../../../../src/core/experiments/tune/gridLists';

const grid = parseSearchGrid({});
const y = (counts: Record<string, number>) => Object.entries(counts).flatMap(([c, n]) => new Array<string>(n).fill(c));

test('the classes with fewer rows than folds are named, fewest first, three at most', () => {
  const refusal = (labels: string[], cv: number) => {
    try {
      planSearch(labels, grid, cv, false, 'rows.csv');
    } catch (e) {
      assert.ok(e instanceof ConfirmationNeeded);
      return e;
    }
    assert.fail('not refused');
  };
  const one = refusal(y({ a: 10, b: 2, c: 1 }), 3);
  assert.equal(one.message, 'The least populated class in y has only 1 members, which is less than n_splits=3. — in the training part of rows.csv, class "c" has 1 row, class "b" has 2 rows; add rows of that class (one row cannot be in a test fold and a training fold at once), or add --yes to run anyway as scikit-learn does (folds without that class)');
  assert.equal(one.question, 'The least populated class in y has only 1 members, which is less than n_splits=3. (in the training part of rows.csv, class "c" has 1 row, class "b" has 2 rows.) Run anyway, as scikit-learn does (some folds without that class)?');
  const many = refusal(y({ a: 10, d: 2, b: 1, e: 2, c: 3, f: 1 }), 4);
  assert.match(many.message, / — in the training part of rows\.csv, class "b" has 1 row, class "f" has 1 row, class "d" has 2 rows \(and 2 more\); add rows/);
  // Confirmed, the plan is made, with scikit-learn's warning kept for the log.
  assert.equal(planSearch(y({ a: 10, b: 2, c: 1 }), grid, 3, true).warning, 'The least populated class in y has only 1 members, which is less than n_splits=3.');
});
