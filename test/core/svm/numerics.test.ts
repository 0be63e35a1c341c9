// The numeric building blocks libsvm leans on, compiled into the SVM's WebAssembly (src/core/svm/wasm),
// against the real ones: OpenBLAS ddot, glibc exp and numpy var as recorded by scripts/fixtures/svc.py,
// and glibc's exp itself (through Python's ctypes) for the arguments the fixture does not reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { putF64, svmInstance } from '../../../src/core/svm/svmEngine';
import { RandomState } from '../../../src/core/random/randomState';
import { loadFixture } from './fixtureCompare';

const num = loadFixture<{ ddot: [number[], number[], number][]; exp: [number, number][]; tanh: [number, number][]; var: [number[][], number][] }>('numerics.json');
const w = svmInstance();

/** Deterministic test data: numpy's legacy generator (random_sample). */
function random(seed: number): () => number {
  const r = new RandomState(seed);
  return () => r.randomSample();
}

/** glibc's exp of each x, called through ctypes by Debian's Python (bits in, bits out: NaN and infinities survive). */
function libmExp(xs: readonly number[]): number[] {
  const hex = (x: number): string => {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(x);
    return b.toString('hex');
  };
  const script = [
    'import ctypes, struct, sys',
    'exp = ctypes.CDLL("libm.so.6").exp',
    'exp.restype = ctypes.c_double',
    'exp.argtypes = [ctypes.c_double]',
    'for h in sys.stdin.read().split():',
    '    print(struct.pack("<d", exp(struct.unpack("<d", bytes.fromhex(h))[0])).hex())',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: xs.map(hex).join('\n'), encoding: 'utf8' });
  assert.equal(r.status, 0, `python3 failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((h) => Buffer.from(h, 'hex').readDoubleLE(0));
}

test('blas_dot reproduces OpenBLAS ddot bit for bit (sequential tail, 16-wide FMA blocks)', () => {
  let wide = 0;
  for (const [x, y, want] of num.ddot) {
    assert.equal(w.blas_dot(putF64(w, Float64Array.from(x)), putF64(w, Float64Array.from(y)), x.length), want, `n=${x.length}`);
    if (x.length >= 16) wide++;
  }
  assert.ok(wide > 100);
});

test('glibc_exp reproduces glibc exp bit for bit on the fixture (Math.exp does not)', () => {
  let mathDiffers = 0;
  for (const [x, want] of num.exp) {
    assert.equal(w.glibc_exp(x), want, `exp(${x})`);
    if (Math.exp(x) !== want) mathDiffers++;
  }
  assert.ok(mathDiffers > 0, 'the fixture should contain arguments where V8 and glibc differ');
});

test('glibc_exp matches glibc on every path: main (|x| < 512, fused), specialcase (unfused below 0), subnormal, overflow, tiny, non-finite', () => {
  const rnd = random(5);
  const xs = [0, -0, 1e-300, -1e-300, 5.551115123125783e-17, -5.551115123125783e-17, 5.5e-17, -5.5e-17, -708, -708.0000001,
    -707.9999, -708.3964185322641, -512, -511.99999999999994, 512, 511.99999999999994, -745.1332191019411, -745.1332191019412, -745.2, -750, -1023.9, -1024, -1e6, 709,
    709.5, 709.782712893384, 709.7827128933841, 710, 1023.9, 1024, 1e6, NaN, Infinity, -Infinity];
  for (let i = 0; i < 4000; i++) xs.push(-708 - rnd() * 40, 700 + rnd() * 10, (rnd() - 0.5) * 1e-15, -rnd() * 760, rnd() * 710, -500 - rnd() * 24);
  const want = libmExp(xs);
  xs.forEach((x, i) => assert.ok(Object.is(w.glibc_exp(x), want[i]), `exp(${x}) = ${w.glibc_exp(x)}, glibc ${want[i]}`));
});

test('the kernel cache path gives (float)glibc_exp, also next to float32 rounding boundaries', () => {
  const rnd = random(9);
  const xs: number[] = [];
  for (let i = 0; i < 20000; i++) xs.push(-rnd() * 40);
  // Arguments whose exp lies within a few ulps of a midpoint between two float32 values: there the
  // unfused shortcut cannot decide and the fused exp must.
  let nearMidpoint = 0;
  const f32 = new Float32Array(2);
  for (let i = 0; i < 3000; i++) {
    f32[0] = Math.fround(rnd() * 0.999 + 1e-3);
    const bits = new Uint32Array(f32.buffer);
    bits[1] = bits[0] + 1;
    const mid = (f32[0] + f32[1]) / 2;
    const x0 = Math.log(mid);
    for (let s = -24; s <= 24; s++) {
      const x = x0 + s * 1.2e-16 * Math.max(1, Math.abs(x0));
      const e = w.glibc_exp(x);
      if (Math.abs(e - mid) <= 4 * Number.EPSILON * mid) {
        xs.push(x);
        if (Math.fround(e * (1 - 2 ** -52)) !== Math.fround(e * (1 + 2 ** -52))) nearMidpoint++;
      }
    }
  }
  assert.ok(nearMidpoint > 10, `only ${nearMidpoint} arguments next to a float32 midpoint`);
  for (const x of xs) assert.equal(w.glibc_exp_float32(x), Math.fround(w.glibc_exp(x)), `exp(${x})`);
});

test('Math.tanh (the sigmoid kernel imports it) stays within one ulp of glibc tanh', () => {
  for (const [x, want] of num.tanh) assert.ok(Math.abs(Math.tanh(x) - want) <= Math.abs(want) * 2.3e-16, `tanh(${x})`);
});

test('numpy_variance reproduces np.var of a C-ordered matrix bit for bit', () => {
  for (const [M, want] of num.var) {
    const flat = Float64Array.from(M.flat());
    assert.equal(w.numpy_variance(putF64(w, flat), flat.length), want);
  }
});

test('numpy_variance reproduces np.var past numpy\'s 8,192-value buffer (pairwise per buffer, buffers added in order)', () => {
  // Each matrix is numpy's random_sample(n) from a seed, shifted and scaled the same way here and
  // in Debian's numpy; a single pairwise sum over all values gives other bits for several of them.
  const cases: [seed: number, n: number, scale: number][] = [];
  for (const n of [8191, 8192, 8193, 10_400, 12_800, 16_384, 16_389, 24_000, 40_003, 100_000]) {
    for (const seed of [0, 1, 2, 3]) cases.push([seed, n, [1e-3, 1, 7, 1e5][seed]!]);
  }
  const script = [
    'import json, struct, sys, numpy as np',
    'for seed, n, scale in json.load(sys.stdin):',
    '    x = (np.random.RandomState(seed).random_sample(n) - 0.3) * scale',
    '    print(struct.pack("<d", x.reshape(-1, 1).var()).hex())',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
  assert.equal(r.status, 0, `python3 failed: ${r.stderr}`);
  const want = r.stdout.trim().split('\n').map((h) => Buffer.from(h, 'hex').readDoubleLE(0));
  cases.forEach(([seed, n, scale], i) => {
    const next = random(seed);
    const flat = Float64Array.from({ length: n }, () => (next() - 0.3) * scale);
    assert.equal(w.numpy_variance(putF64(w, flat), n), want[i], `seed ${seed}, ${n} values`);
  });
});

test('powi is exponentiation by squaring', () => {
  assert.equal(w.powi(2, 10), 1024);
  assert.equal(w.powi(1.1, 0), 1);
  assert.equal(w.powi(-0.5, 3), -0.125);
});
