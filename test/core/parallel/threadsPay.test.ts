// When a job starts worker threads by default: the cut points that the thresholds' comments and
// docs/experiments.md promise (sweepRunner.ts, tune/poolRunner.ts), from their measured constants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threadsPay } from '../../../src/core/parallel/threadsPay';
import { MIN_SWEEP_WORK_FOR_THREADS } from '../../../src/core/experiments/sweepRunner';
import { MIN_WORK_FOR_THREADS } from '../../../src/core/experiments/tune/poolRunner';

test('a sweep of 8 models uses threads from 3,536 training rows (4,420 rows at 80/20), 16 models from 2,500; iris never', () => {
  assert.equal(threadsPay(8, 3535, MIN_SWEEP_WORK_FOR_THREADS), false);
  assert.equal(threadsPay(8, 3536, MIN_SWEEP_WORK_FOR_THREADS), true);
  assert.equal(threadsPay(8, Math.floor(4420 * 0.8), MIN_SWEEP_WORK_FOR_THREADS), true);
  assert.equal(threadsPay(8, Math.floor(4000 * 0.8), MIN_SWEEP_WORK_FOR_THREADS), false, '8 models on 4,000 rows: no faster on threads');
  assert.equal(threadsPay(16, 2499, MIN_SWEEP_WORK_FOR_THREADS), false);
  assert.equal(threadsPay(16, 2500, MIN_SWEEP_WORK_FOR_THREADS), true);
  assert.equal(threadsPay(1000, 120, MIN_SWEEP_WORK_FOR_THREADS), false, '1,000 models on iris');
});

test('a 12 × 5 search uses threads from 1,633 training rows per fit; 4 × 5 on 4,000 rows and iris never', () => {
  // A fit trains on 4/5 of the 80 % training part: 0.64 of the file's rows.
  assert.equal(threadsPay(60, 1632, MIN_WORK_FOR_THREADS), false);
  assert.equal(threadsPay(60, 1633, MIN_WORK_FOR_THREADS), true);
  assert.equal(threadsPay(60, 2000 * 0.64, MIN_WORK_FOR_THREADS), false, '12 × 5 on 2,000 rows: no faster on threads');
  assert.equal(threadsPay(20, 4000 * 0.64, MIN_WORK_FOR_THREADS), false, '4 candidates × 5 folds on 4,000 rows: no faster on threads');
  assert.equal(threadsPay(120, 2000 * 0.64, MIN_WORK_FOR_THREADS), true, '24 candidates × 5 folds on 2,000 rows');
  assert.equal(threadsPay(60, 96, MIN_WORK_FOR_THREADS), false, 'iris');
});

test('minWork 0 (an explicit --jobs N, or threads already running): any job of two units or more; one unit never', () => {
  assert.equal(threadsPay(2, 1, 0), true);
  assert.equal(threadsPay(1, 1_000_000, 0), false);
  assert.equal(threadsPay(1, 1_000_000, MIN_SWEEP_WORK_FOR_THREADS), false);
});
