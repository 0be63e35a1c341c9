// SVC's contract beyond the numbers: JSON round trip and validation, input errors, the kernel cache.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../../src/core/types';
import { SVC, DEFAULT_SVC_PARAMS } from '../../../src/core/svm/svc';
import { alloc, svmInstance } from '../../../src/core/svm/svmEngine';
import { loadFixture } from './fixtureCompare';

const seed2023 = loadFixture<{ cases: { seed: number; Xtrain: number[][]; ytrain: number[]; Xtest: number[][] }[] }>('iris_seeds.json')
  .cases.find((c) => c.seed === 2023)!;

function fitted(): SVC {
  return new SVC().fit(seed2023.Xtrain, seed2023.ytrain);
}

function throwsUser(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof UserError && pattern.test(e.message));
}

describe('SVC JSON', () => {
  test('round trip through JSON text keeps predictions and decision values identical', () => {
    const m = fitted();
    const text = JSON.stringify(m.toJSON());
    const back = SVC.fromJSON(JSON.parse(text));
    assert.equal(JSON.stringify(back.toJSON()), text);
    // JSON has no -0 (libsvm's alpha * y gives -0 for zero coefficients): rawDualCoefNegativeZeros keeps their signs.
    assert.deepEqual(back.toJSON(), m.toJSON());
    const X = [...seed2023.Xtrain, ...seed2023.Xtest];
    assert.deepEqual(back.predict(X), m.predict(X));
    assert.deepEqual(back.decisionFunction(X, 'ovo'), m.decisionFunction(X, 'ovo'));
    assert.deepEqual(back.decisionFunction(X, 'ovr'), m.decisionFunction(X, 'ovr'));
    assert.equal(JSON.stringify(back.dualCoef), JSON.stringify(m.dualCoef));
    assert.deepEqual(back.intercept, m.intercept);
  });

  test('rejects malformed models, naming the field', () => {
    const good = fitted().toJSON();
    const mutate = (f: (j: Record<string, unknown>) => void): unknown => {
      const j = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
      f(j);
      return j;
    };
    throwsUser(() => SVC.fromJSON(null), /root/);
    throwsUser(() => SVC.fromJSON(mutate((j) => { j.kind = 'StandardScaler'; })), /"kind"/);
    throwsUser(() => SVC.fromJSON(mutate((j) => { delete j.rawIntercept; })), /"rawIntercept"/);
    throwsUser(() => SVC.fromJSON(mutate((j) => { (j.supportVectors as number[][])[3][1] = NaN; })), /"supportVectors\[3\]\[1\]"/);
    throwsUser(() => SVC.fromJSON(mutate((j) => { (j.supportVectors as number[][])[0].pop(); })), /"supportVectors\[0\]"/);
    throwsUser(() => SVC.fromJSON(mutate((j) => { (j.rawDualCoef as number[][]).pop(); })), /"rawDualCoef"/);
    throwsUser(() => SVC.fromJSON(mutate((j) => { (j.nSupport as number[])[0] = 8; })), /"support"/);
    throwsUser(() => SVC.fromJSON(mutate((j) => { j.classes = [2, 1, 0]; })), /"classes"/);
    throwsUser(() => SVC.fromJSON(mutate((j) => { j.gammaValue = 'scale'; })), /"gammaValue"/);
    throwsUser(() => SVC.fromJSON(mutate((j) => { (j.params as Record<string, unknown>).C = -1; })), /"params".*C/);
    throwsUser(() => SVC.fromJSON(mutate((j) => { j.rawIntercept = [1, 2]; })), /"rawIntercept"/);
  });
});

describe('SVC input errors', () => {
  test('one class, length mismatch, ragged or non-finite X, bad parameters', () => {
    throwsUser(() => new SVC().fit([[1], [2]], [0, 0]), /greater than one/);
    throwsUser(() => new SVC().fit([[1], [2]], [0]), /2 rows but y has 1/);
    throwsUser(() => new SVC().fit([[1, 2], [2]], [0, 1]), /row 1 has 1 features/);
    throwsUser(() => new SVC().fit([[1], [Infinity]], [0, 1]), /row 1, column 0/);
    throwsUser(() => new SVC({ C: 0 }).fit([[1], [2]], [0, 1]), /parameter C/);
    throwsUser(() => new SVC({ gamma: -1 }).fit([[1], [2]], [0, 1]), /parameter gamma/);
    throwsUser(() => new SVC({ maxIter: 1.5 }).fit([[1], [2]], [0, 1]), /parameter maxIter/);
    throwsUser(() => new SVC({ classWeight: { a: 1 } }).fit([[1], [2]], [0, 1]), /not in classWeight/);
    throwsUser(() => new SVC().predict([[1]]), /not fitted/);
    throwsUser(() => fitted().predict([[1, 2, 3]]), /expected 4/);
    const ovo = new SVC({ breakTies: true, decisionFunctionShape: 'ovo' }).fit([[0], [1], [2]], [0, 1, 2]);
    throwsUser(() => ovo.predict([[0]]), /breakTies/);
  });

  test('defaults are scikit-learn 1.2.1 defaults', () => {
    assert.deepEqual(new SVC().params, DEFAULT_SVC_PARAMS);
    assert.equal(DEFAULT_SVC_PARAMS.cacheSizeMB, 200);
  });
});

/** The compiled kernel cache (wasm/kernel_cache.c) through its exports: column i is null when not cached. */
function kernelCache(l: number, bytes: number) {
  const w = svmInstance();
  const c = w.cache_new(l, bytes);
  const column = (i: number): Float32Array | null => {
    const at = w.cache_column(c, i);
    return at === 0 ? null : new Float32Array(w.memory.buffer, at, l);
  };
  return {
    getData: (i: number, len: number): number => w.cache_get_data(c, i, len),
    column,
    columns: (): (Float32Array | null)[] => Array.from({ length: l }, (_, i) => column(i)),
    swapIndex: (i: number, j: number): void => w.cache_swap_index(c, i, j),
  };
}

describe('kernel cache (libsvm LRU bounded in bytes)', () => {
  test('fills only what is missing, evicts least recently used columns, never exceeds the budget', () => {
    const l = 10;
    // Budget below two columns is raised to 2*l entries, like libsvm.
    const c = kernelCache(l, 0);
    assert.equal(c.getData(0, 10), 0);
    assert.equal(c.getData(0, 10), 10, 'cached column needs no filling');
    assert.equal(c.getData(1, 5), 0);
    assert.equal(c.getData(1, 10), 5, 'grown column keeps its first 5 entries');
    c.column(1)![2] = 42;
    assert.equal(c.getData(2, 4), 0);
    assert.equal(c.column(0), null, 'column 0 (least recently used) was evicted');
    assert.equal(c.column(1)![2], 42);
    const total = c.columns().reduce((s, d) => s + (d ? d.length : 0), 0);
    assert.ok(total <= 2 * l, 'never more than the budget (two columns here)');
    // A 1 MB budget for 1000-row problems holds 1048576/4/1000 - 8 = 254 columns at most.
    const big = kernelCache(1000, 1 << 20);
    for (let col = 0; col < 1000; col++) big.getData(col, 1000);
    assert.equal(big.columns().filter((d) => d !== null).length, 254);
    assert.notEqual(big.column(999), null, 'the most recent columns stay');
    assert.equal(big.column(0), null);
  });

  test('swapIndex swaps entries inside cached columns and drops columns that cover only one of them', () => {
    const c = kernelCache(6, 1 << 20);
    c.getData(0, 6);
    c.column(0)!.set([0, 1, 2, 3, 4, 5]);
    c.getData(1, 3);
    c.column(1)!.set([10, 11, 12]);
    c.swapIndex(2, 4);
    assert.deepEqual(Array.from(c.column(0)!), [0, 1, 4, 3, 2, 5]);
    assert.equal(c.column(1), null);
  });
});

describe('compiled SVM memory', () => {
  test('what does not fit the 4 GB a WebAssembly instance can address fails with one clear UserError', () => {
    const w = svmInstance();
    throwsUser(() => alloc(w, 2 ** 32), /SVC ran out of memory.*cacheSizeMB/);
    // Inside the instance: the allocator's own check (growing the memory fails).
    throwsUser(() => w.svm_alloc(2 ** 32 - 64), /SVC ran out of memory/);
    // A later instance works as before.
    assert.equal(alloc(svmInstance(), 1024) > 0, true);
  });

  test('fits and predictions in a reused instance equal those in a fresh one (reused pages hold old values)', () => {
    const first = fitted();
    const X = [...seed2023.Xtrain, ...seed2023.Xtest];
    const before = JSON.stringify([first.toJSON(), first.decisionFunction(X)]);
    // Other problems in between leave other values in the kept instance's memory.
    new SVC({ kernel: 'poly', C: 3 }).fit(X.map((r) => [r[0], r[1], r[2]]), X.map((_, i) => i % 2)).predict(X.map((r) => [r[0], r[1], r[2]]));
    new SVC({ C: 0.5, gamma: 2 }).fit(seed2023.Xtest, seed2023.Xtest.map((_, i) => i % 3));
    const again = fitted();
    assert.equal(JSON.stringify([again.toJSON(), again.decisionFunction(X)]), before);
  });
});
