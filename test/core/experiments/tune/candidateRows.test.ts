// A search's candidates as comparison rows, plotted and sorted with Compare's own rules: on the
// GridSearchCV fixture (iris-k5-kernels: 2 C × 2 gamma × 4 kernels × 2 degree × 2 coef0) every
// candidate's CV mean and std is a point, its error bar the std over the folds; candidates that
// differ only in what their kernel ignores are one point with that candidate's own std.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateName, candidateRows } from '../../../../src/core/experiments/tune/candidateRows';
import { metricSeries, varyingParameters } from '../../../../src/core/experiments/metricSeries';
import { sortRows } from '../../../../src/core/experiments/comparison';
import type { ManifestSearch } from '../../../../src/core/artifacts/searchRecord';
import { fixture, gridOf, type GridCase } from './gridsearchFixture';

function searchOf(c: GridCase): ManifestSearch {
  return {
    method: 'GridSearchCV', cv: { method: 'StratifiedKFold', nSplits: c.cv, shuffle: false }, scoring: 'accuracy', grid: gridOf(c), bestIndex: c.bestIndex,
    candidates: c.candidates.map((x) => ({
      params: { kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, ...x.params } as ManifestSearch['candidates'][number]['params'],
      foldScores: x.splitScores, meanScore: x.mean, stdScore: x.std, rank: x.rank,
    })),
  };
}

const caseOf = (id: string) => fixture.cases.find((c) => c.id === id)!;

test('one row per candidate in GridSearchCV order: params, mean, std, rank; best on best_index_ only', () => {
  const c = caseOf('iris-k5-twelve');
  const rows = candidateRows(searchOf(c));
  assert.equal(rows.length, 12);
  rows.forEach((r, i) => {
    assert.equal(r.name, candidateName(i));
    assert.deepEqual([r.C, r.gamma, r.cvMean, r.cvStd, r.cvRank], [c.candidates[i]!.params.C, c.candidates[i]!.params.gamma, c.candidates[i]!.mean, c.candidates[i]!.std, c.candidates[i]!.rank]);
  });
  assert.deepEqual(rows.filter((r) => r.best).map((r) => r.name), [candidateName(c.bestIndex)]);
  assert.equal(rows.filter((r) => r.cvRank === 1).length, 2, 'a tie at rank 1');
  // Sorted by the CV mean (highest first), ties in candidate order: Compare's sortRows.
  const byMean = sortRows(rows, 'cvMean', 'desc').map((r) => r.name);
  assert.deepEqual(byMean.slice(0, 2), [candidateName(3), candidateName(4)]);
});

test('the CV mean against C: one line per gamma ("scale" and "auto" kept), log axis, the fold std as the error bar', () => {
  const c = caseOf('iris-k5-twelve');
  const s = metricSeries(candidateRows(searchOf(c)), 'cvMean', 'C');
  assert.equal(s.axis.kind, 'logarithmic');
  assert.deepEqual(s.lines.map((l) => l.label), ['gamma=0.5', 'gamma=auto', 'gamma=scale']);
  const scale = s.lines[2]!.points;
  assert.deepEqual(scale.map((p) => p.x), [0.1, 1, 10, 100]);
  const want = [0, 3, 6, 9].map((i) => c.candidates[i]!);
  assert.deepEqual(scale.map((p) => [p.y, p.std]), want.map((w) => [w.mean, w.std]));
  assert.equal(s.seedsAveraged, false);
  const g = metricSeries(candidateRows(searchOf(c)), 'cvMean', 'gamma');
  assert.deepEqual(g.axis, { kind: 'category', categories: ['0.5', 'auto', 'scale'] });
});

test('all kernels: candidates that differ only in a parameter their kernel ignores share a point with their own std', () => {
  const c = caseOf('iris-k5-kernels');
  const rows = candidateRows(searchOf(c));
  assert.deepEqual(varyingParameters(rows), ['C', 'gamma', 'kernel', 'degree', 'coef0']);
  const s = metricSeries(rows, 'cvMean', 'C');
  // rbf ignores degree and coef0: its 4 candidates per (C, gamma) are one point, with their (equal) mean and std.
  const rbf = s.lines.find((l) => l.label === 'gamma=scale, kernel=rbf')!;
  const at = rbf.points.find((p) => p.x === 0.5)!;
  assert.equal(at.names.length, 4);
  const own = c.candidates.find((x) => x.params.kernel === 'rbf' && x.params.C === 0.5 && x.params.gamma === 'scale')!;
  assert.deepEqual([at.y, at.std], [own.mean, own.std]);
  assert.ok(s.lines.some((l) => l.label.includes('kernel=poly') && l.label.includes('degree=2')));
});

test('a candidate whose every fit failed has no mean: it is left off the chart, named', () => {
  const c = caseOf('rare-k3-failed-fits');
  const rows = candidateRows(searchOf(c));
  const failed = c.candidates.map((x, i) => (x.mean === null ? candidateName(i) : '')).filter(Boolean);
  const s = metricSeries(rows, 'cvMean', 'C');
  assert.deepEqual(s.excluded, failed.map((name) => ({ name, reason: 'no mean CV accuracy' })));
});
