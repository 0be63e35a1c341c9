/*
 * The C-SVC Q matrix (Q_ij = y_i y_j K(x_i, x_j), stored as float32) ported from scikit-learn's
 * libsvm (sklearn/svm/src/libsvm/svm.cpp, classes Kernel and SVC_Q, dense path).
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt next to this file.
 */
import { KernelCache } from './kernelCache';
import { KernelKind, type KernelSpec, fromDot, rowDot } from './kernel';
import { glibcExp } from './glibcExp';

export class SvcQ {
  private readonly x: Float64Array;
  private readonly d: number;
  /** Row of `x` (times d) at each solver position; swapped by shrinking. */
  private readonly rowOff: Int32Array;
  private readonly xSquare: Float64Array | null;
  private readonly y: Int8Array;
  readonly QD: Float64Array;
  private readonly cache: KernelCache;
  private readonly spec: KernelSpec;

  /** rows: training-row index of each position; y: +1/-1 per position. */
  constructor(x: Float64Array, d: number, rows: Int32Array, y: Int8Array, spec: KernelSpec, cacheBytes: number) {
    const l = rows.length;
    this.x = x;
    this.d = d;
    this.spec = spec;
    this.rowOff = new Int32Array(l);
    for (let i = 0; i < l; i++) this.rowOff[i] = rows[i] * d;
    this.y = Int8Array.from(y);
    if (spec.kind === KernelKind.Rbf) {
      this.xSquare = new Float64Array(l);
      for (let i = 0; i < l; i++) this.xSquare[i] = rowDot(x, this.rowOff[i], x, this.rowOff[i], d);
    } else this.xSquare = null;
    this.cache = new KernelCache(l, cacheBytes);
    this.QD = new Float64Array(l);
    for (let i = 0; i < l; i++) this.QD[i] = this.kernel(i, i);
  }

  /** libsvm's kernel_function(i, j) on solver positions. */
  kernel(i: number, j: number): number {
    const dot = rowDot(this.x, this.rowOff[i], this.x, this.rowOff[j], this.d);
    if (this.spec.kind === KernelKind.Rbf) {
      const xs = this.xSquare!;
      return glibcExp(-this.spec.gamma * (xs[i] + xs[j] - 2 * dot));
    }
    return fromDot(this.spec, dot);
  }

  /** Column i of Q, entries [0, len) valid. */
  getQ(i: number, len: number): Float32Array {
    const start = this.cache.getData(i, len);
    const data = this.cache.data[i]!;
    if (start < len) this.fill(i, data, start, len);
    return data;
  }

  /** Computes entries [start, len) of column i (rbf on narrow rows inlined: the hot loop of training). */
  private fill(i: number, data: Float32Array, start: number, len: number): void {
    const y = this.y;
    const yi = y[i];
    if (this.spec.kind === KernelKind.Rbf && this.d < 16) {
      const x = this.x;
      const d = this.d;
      const off = this.rowOff;
      const oi = off[i];
      const xs = this.xSquare!;
      const xsi = xs[i];
      const ng = -this.spec.gamma;
      for (let j = start; j < len; j++) {
        const oj = off[j];
        let dot = 0;
        for (let k = 0; k < d; k++) dot += x[oj + k] * x[oi + k];
        data[j] = yi * y[j] * glibcExp(ng * (xsi + xs[j] - 2 * dot));
      }
      return;
    }
    for (let j = start; j < len; j++) data[j] = yi * y[j] * this.kernel(i, j);
  }

  swapIndex(i: number, j: number): void {
    this.cache.swapIndex(i, j);
    let t = this.rowOff[i]; this.rowOff[i] = this.rowOff[j]; this.rowOff[j] = t;
    if (this.xSquare) { const s = this.xSquare[i]; this.xSquare[i] = this.xSquare[j]; this.xSquare[j] = s; }
    t = this.y[i]; this.y[i] = this.y[j]; this.y[j] = t;
    const q = this.QD[i]; this.QD[i] = this.QD[j]; this.QD[j] = q;
  }
}
