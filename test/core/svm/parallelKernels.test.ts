// The fast RBF loops (rbfKernels.ts) and the worker thread that shares them (kernelWorker.ts) must
// give exactly the values of the plain port: the same exp bits, the same float32 Q entries, and the
// same fitted model and decision values as scikit-learn whether or not the worker takes part.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { glibcExp } from '../../../src/core/svm/glibcExp';
import { rbfKernels } from '../../../src/core/svm/rbfKernels';
import { SVC } from '../../../src/core/svm/svc';
import {
  kernelWorkerShare, setSvmThreads, setWorkerHandoffForTests, startKernelWorker, stopKernelWorker,
} from '../../../src/core/svm/kernelWorker';
import { compareFit, loadFixture, toParams, type Expected } from './fixtureCompare';

/** mulberry32: deterministic test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('rbfKernels.exp is glibcExp bit for bit (main path, tiny and special arguments)', () => {
  const rnd = random(7);
  const xs = [0, -0, 1e-300, -1e-300, 5.551115123125783e-17, -5.551115123125783e-17, 5.5e-17, -5.5e-17, -708, -708.0000001,
    -707.9999, -745.1332191019412, -745.2, -750, 709, 709.5, 709.8, 710, NaN, Infinity, -Infinity];
  for (let i = 0; i < 200_000; i++) xs.push(-rnd() * (i % 2 ? 40 : 760), rnd() * 1e-15 - 5e-16);
  for (const x of xs) assert.ok(Object.is(rbfKernels.exp(x), glibcExp(x)), `exp(${x})`);
});

test('fillColumn stores exactly float32(y_i y_j glibcExp(...)), including duplicates and huge gamma', () => {
  const rnd = random(11);
  for (const [d, negGamma] of [[4, -0.25], [2, -3], [13, -0.01], [4, -900]] as const) {
    const l = 400;
    const xp = new Float64Array(l * d);
    for (let j = 0; j < l; j++) {
      // every 7th row repeats row 0, so exp(0) and tiny arguments occur
      for (let k = 0; k < d; k++) xp[j * d + k] = j % 7 === 0 ? xp[k] : rnd() * 4 - 2;
    }
    const xs = new Float64Array(l);
    for (let j = 0; j < l; j++) { let s = 0; for (let k = 0; k < d; k++) s += xp[j * d + k] * xp[j * d + k]; xs[j] = s; }
    const y = Int8Array.from({ length: l }, (_, j) => (j % 3 ? 1 : -1));
    const out = new Float32Array(l);
    for (const i of [0, 1, 7, 199, 399]) {
      rbfKernels.fillColumn(out, 0, l, i, xp, d, xs, y, negGamma);
      const want = new Float32Array(l);
      for (let j = 0; j < l; j++) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += xp[j * d + k] * xp[i * d + k];
        want[j] = y[i] * y[j] * glibcExp(negGamma * (xs[i] + xs[j] - 2 * dot));
      }
      assert.deepEqual(out, want, `d=${d} gamma=${-negGamma} column ${i}`);
    }
  }
});

interface Variants {
  datasets: Record<string, { Xtrain: number[][]; Xtest: number[][]; ytrain: (number | string)[]; ytest: (number | string)[] }>;
  cases: { name: string; data: string; params: Record<string, unknown>; expected: Expected }[];
}

describe('with the worker thread taking part', () => {
  after(() => {
    setWorkerHandoffForTests(false);
    stopKernelWorker();
    setSvmThreads(2);
  });

  test('rbf fits and predictions match scikit-learn bit for bit, and the worker really computed part of them', async () => {
    setSvmThreads(2);
    assert.equal(await startKernelWorker(), true, 'the worker thread should start');
    setWorkerHandoffForTests(true);
    const variants = loadFixture<Variants>('variants.json');
    const rbf = variants.cases.filter((c) => (c.params.kernel ?? 'rbf') === 'rbf' && c.data !== 'digits600');
    assert.ok(rbf.length >= 8);
    const before = kernelWorkerShare();
    for (const c of rbf) {
      const d = variants.datasets[c.data];
      const m = new SVC(toParams(c.params)).fit(d.Xtrain, d.ytrain);
      const r = compareFit(m, c.expected, d.Xtrain, d.Xtest);
      assert.deepEqual(r.problems, [], `${c.name}: ${r.problems.join('; ')}`);
      assert.equal(r.coefDiff, 0, `${c.name}: dual_coef_`);
      assert.equal(r.interceptDiff, 0, `${c.name}: intercept_`);
      assert.equal(r.decisionDiff, 0, `${c.name}: decision_function`);
    }
    assert.ok(kernelWorkerShare() > before, 'the worker should have computed some columns or rows');
  });

  test('one thread and two threads give identical models and decision values', () => {
    const rnd = random(3);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 900; i++) {
      const c = i % 3;
      X.push([c + rnd() * 1.5, c * 0.5 + rnd(), rnd() * 2 - 1]);
      y.push(c);
    }
    setWorkerHandoffForTests(true);
    setSvmThreads(2);
    const two = new SVC().fit(X, y);
    const twoDec = two.decisionFunction(X);
    setSvmThreads(1);
    const one = new SVC().fit(X, y);
    assert.deepEqual(two.rawDualCoef, one.rawDualCoef);
    assert.deepEqual(two.rawIntercept, one.rawIntercept);
    assert.deepEqual(two.support, one.support);
    assert.deepEqual(twoDec, one.decisionFunction(X));
  });
});
