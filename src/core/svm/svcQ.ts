/*
 * The C-SVC Q matrix (Q_ij = y_i y_j K(x_i, x_j), stored as float32) ported from scikit-learn's
 * libsvm (sklearn/svm/src/libsvm/svm.cpp, classes Kernel and SVC_Q, dense path).
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt next to this file.
 */
import { KernelCache, type SlabPool } from './kernelCache';
import { ParallelColumns } from './kernelWorker';
import { KernelKind, type KernelSpec, fromDot, rowDot } from './kernel';
import { glibcExp } from './glibcExp';

export class SvcQ {
  /** Training rows copied in solver-position order (position j at j*d); swapped by shrinking. */
  private readonly xp: Float64Array;
  private readonly d: number;
  private readonly xSquare: Float64Array | null;
  private readonly y: Int8Array;
  /** rbf on narrow rows: columns computed by rbfKernels, with a second thread when large. */
  private readonly columns: ParallelColumns | null;
  readonly QD: Float64Array;
  private readonly cache: KernelCache;
  private readonly spec: KernelSpec;

  /** rows: training-row index of each position; y: +1/-1 per position. */
  constructor(x: Float64Array, d: number, rows: Int32Array, y: Int8Array, spec: KernelSpec, cacheBytes: number, pool?: SlabPool) {
    const l = rows.length;
    this.d = d;
    this.spec = spec;
    const xp = new Float64Array(l * d);
    for (let i = 0; i < l; i++) xp.set(x.subarray(rows[i] * d, rows[i] * d + d), i * d);
    let xSquare: Float64Array | null = null;
    if (spec.kind === KernelKind.Rbf) {
      xSquare = new Float64Array(l);
      for (let i = 0; i < l; i++) xSquare[i] = rowDot(xp, i * d, xp, i * d, d);
    }
    if (xSquare && d < 16) {
      // The column helper may move the arrays to shared memory: keep its copies.
      this.columns = new ParallelColumns(xp, xSquare, y.slice(), d, -spec.gamma);
      this.xp = this.columns.xp;
      this.xSquare = this.columns.xs;
      this.y = this.columns.y;
    } else {
      this.columns = null;
      this.xp = xp;
      this.xSquare = xSquare;
      this.y = y.slice();
    }
    this.cache = new KernelCache(l, cacheBytes, pool);
    this.QD = new Float64Array(l);
    for (let i = 0; i < l; i++) this.QD[i] = this.kernel(i, i);
  }

  /** libsvm's kernel_function(i, j) on solver positions. */
  kernel(i: number, j: number): number {
    const d = this.d;
    const dot = rowDot(this.xp, i * d, this.xp, j * d, d);
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
    if (start < len) {
      if (this.columns) this.columns.fill(data, start, len, i);
      else this.fill(i, data, start, len);
    }
    return data;
  }

  /** Computes entries [start, len) of column i (any kernel). */
  private fill(i: number, data: Float32Array, start: number, len: number): void {
    const y = this.y;
    const yi = y[i];
    for (let j = start; j < len; j++) data[j] = yi * y[j] * this.kernel(i, j);
  }

  /** Hands the cache's memory back to the pool for the next sub-problem. */
  release(): void {
    this.cache.release();
  }

  swapIndex(i: number, j: number): void {
    this.cache.swapIndex(i, j);
    const xp = this.xp, d = this.d;
    for (let k = 0, a = i * d, b = j * d; k < d; k++, a++, b++) { const v = xp[a]; xp[a] = xp[b]; xp[b] = v; }
    if (this.xSquare) { const s = this.xSquare[i]; this.xSquare[i] = this.xSquare[j]; this.xSquare[j] = s; }
    const t = this.y[i]; this.y[i] = this.y[j]; this.y[j] = t;
    const q = this.QD[i]; this.QD[i] = this.QD[j]; this.QD[j] = q;
  }
}
