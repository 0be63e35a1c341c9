/*
 * Kernel functions ported from scikit-learn's libsvm (sklearn/svm/src/libsvm/svm.cpp, dense path).
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt next to this file.
 *
 * Operation order follows libsvm exactly: training uses ||xi||^2 + ||xj||^2 - 2 xi.xj for rbf,
 * prediction uses ||x - sv||^2; dot products go through OpenBLAS's ddot order (blasDot.ts).
 */
import { blasDot } from './blasDot';
import { glibcExp } from './glibcExp';

export const enum KernelKind { Linear = 0, Poly = 1, Rbf = 2, Sigmoid = 3 }

export interface KernelSpec {
  readonly kind: KernelKind;
  readonly gamma: number;
  readonly coef0: number;
  readonly degree: number;
}

/** libsvm's powi: exponentiation by squaring (not Math.pow, whose rounding differs). */
export function powi(base: number, times: number): number {
  let tmp = base;
  let ret = 1.0;
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) ret *= tmp;
    tmp = tmp * tmp;
  }
  return ret;
}

/** Dot product of row a (offset aOff) and row b (offset bOff), d features, in BLAS order. */
export function rowDot(x: Float64Array, aOff: number, y: Float64Array, bOff: number, d: number): number {
  if (d >= 16) return blasDot(x, aOff, y, bOff, d);
  let s = 0;
  for (let k = 0; k < d; k++) s += y[bOff + k] * x[aOff + k];
  return s;
}

/** Applies the kernel's outer function to a dot product (linear, poly, sigmoid). */
export function fromDot(spec: KernelSpec, dot: number): number {
  switch (spec.kind) {
    case KernelKind.Linear: return dot;
    case KernelKind.Poly: return powi(spec.gamma * dot + spec.coef0, spec.degree);
    case KernelKind.Sigmoid: return Math.tanh(spec.gamma * dot + spec.coef0);
    default: throw new Error('fromDot: rbf has no dot form');
  }
}

const diffScratch = { buf: new Float64Array(64) };

/** libsvm's k_function(x, sv): the prediction-time kernel between a sample and a support vector. */
export function predictKernel(spec: KernelSpec, x: Float64Array, xOff: number, sv: Float64Array, svOff: number, d: number): number {
  if (spec.kind === KernelKind.Rbf) {
    let sum: number;
    if (d >= 16) {
      if (diffScratch.buf.length < d) diffScratch.buf = new Float64Array(d);
      const m = diffScratch.buf;
      for (let k = 0; k < d; k++) m[k] = x[xOff + k] - sv[svOff + k];
      sum = blasDot(m, 0, m, 0, d);
    } else {
      sum = 0;
      for (let k = 0; k < d; k++) {
        const t = x[xOff + k] - sv[svOff + k];
        sum += t * t;
      }
    }
    return glibcExp(-spec.gamma * sum);
  }
  return fromDot(spec, rowDot(x, xOff, sv, svOff, d));
}
