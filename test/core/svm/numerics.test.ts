// The numeric building blocks libsvm leans on, against the real ones (OpenBLAS ddot, glibc exp,
// numpy var) as recorded by scripts/fixtures/svc.py.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blasDot } from '../../../src/core/svm/blasDot';
import { glibcExp } from '../../../src/core/svm/glibcExp';
import { numpyVariance } from '../../../src/core/svm/gamma';
import { powi } from '../../../src/core/svm/kernel';
import { loadFixture } from './fixtureCompare';

const num = loadFixture<{ ddot: [number[], number[], number][]; exp: [number, number][]; tanh: [number, number][]; var: [number[][], number][] }>('numerics.json');

test('blasDot reproduces OpenBLAS ddot bit for bit (sequential tail, 16-wide FMA blocks)', () => {
  let wide = 0;
  for (const [x, y, want] of num.ddot) {
    assert.equal(blasDot(Float64Array.from(x), 0, Float64Array.from(y), 0, x.length), want, `n=${x.length}`);
    if (x.length >= 16) wide++;
  }
  assert.ok(wide > 100);
});

test('glibcExp reproduces glibc exp bit for bit (Math.exp does not)', () => {
  let mathDiffers = 0;
  for (const [x, want] of num.exp) {
    assert.equal(glibcExp(x), want, `exp(${x})`);
    if (Math.exp(x) !== want) mathDiffers++;
  }
  assert.ok(mathDiffers > 0, 'the fixture should contain arguments where V8 and glibc differ');
});

test('Math.tanh stays within one ulp of glibc tanh (sigmoid kernel)', () => {
  for (const [x, want] of num.tanh) assert.ok(Math.abs(Math.tanh(x) - want) <= Math.abs(want) * 2.3e-16, `tanh(${x})`);
});

test('numpyVariance reproduces np.var of a C-ordered matrix bit for bit', () => {
  for (const [M, want] of num.var) assert.equal(numpyVariance(Float64Array.from(M.flat())), want);
});

test('powi is exponentiation by squaring', () => {
  assert.equal(powi(2, 10), 1024);
  assert.equal(powi(1.1, 0), 1);
  assert.equal(powi(-0.5, 3), -0.125);
});
