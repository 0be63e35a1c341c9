/*
 * One-vs-one training ported from scikit-learn's libsvm (sklearn/svm/src/libsvm/svm.cpp, svm_train
 * and svm_group_classes): classes grouped in sorted label order, one sub-problem per pair (i < j)
 * with class i as +1, support vectors gathered in grouped order, coefficients in libsvm's layout.
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt next to this file.
 */
import type { KernelSpec } from './kernel';
import { SvcQ } from './svcQ';
import { SlabPool } from './kernelCache';
import { solveCSvc } from './solver';

export interface OvoProblem {
  /** Row-major training matrix, n x d. */
  x: Float64Array;
  d: number;
  /** Class index (0..nClasses-1, in sorted label order) of each row. */
  y: Int32Array;
  nClasses: number;
}

export interface OvoOptions {
  spec: KernelSpec;
  C: number;
  /** Weight per class index (scikit-learn's class_weight_); C_i = C * weight_i. */
  classWeight: Float64Array;
  tol: number;
  shrinking: boolean;
  maxIter: number;
  cacheBytes: number;
}

export interface OvoModel {
  /** Training-row indices of the support vectors, grouped by class (scikit-learn's support_). */
  support: Int32Array;
  nSupport: Int32Array;
  /** (nClasses-1) rows of nSV coefficients (scikit-learn's _dual_coef_). */
  dualCoef: Float64Array[];
  /** libsvm's rho per pair; scikit-learn's _intercept_ is -rho. */
  rho: Float64Array;
  nIter: Int32Array;
  /** 1 when some pair stopped at max_iter (scikit-learn's fit_status_). */
  fitStatus: number;
}

export function trainOvo(prob: OvoProblem, opt: OvoOptions): OvoModel {
  const l = prob.y.length;
  const k = prob.nClasses;
  // svm_group_classes: count per class, stable order inside each class.
  const count = new Int32Array(k);
  for (let i = 0; i < l; i++) count[prob.y[i]]++;
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = start[c - 1] + count[c - 1];
  const perm = new Int32Array(l);
  {
    const fill = Int32Array.from(start);
    for (let i = 0; i < l; i++) perm[fill[prob.y[i]]++] = i;
  }
  const weightedC = new Float64Array(k);
  for (let c = 0; c < k; c++) weightedC[c] = opt.C * opt.classWeight[c];

  const nPairs = (k * (k - 1)) / 2;
  const nonzero = new Uint8Array(l);
  const alphas: Float64Array[] = [];
  const rho = new Float64Array(nPairs);
  const nIter = new Int32Array(nPairs);
  let fitStatus = 0;
  const pool = new SlabPool();
  let p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const si = start[i], sj = start[j], ci = count[i], cj = count[j];
      const rows = new Int32Array(ci + cj);
      const y = new Int8Array(ci + cj);
      for (let t = 0; t < ci; t++) { rows[t] = perm[si + t]; y[t] = 1; }
      for (let t = 0; t < cj; t++) { rows[ci + t] = perm[sj + t]; y[ci + t] = -1; }
      const Q = new SvcQ(prob.x, prob.d, rows, y, opt.spec, opt.cacheBytes, pool);
      const r = solveCSvc(Q, y, weightedC[i], weightedC[j], opt.tol, opt.shrinking, opt.maxIter);
      Q.release();
      if (r.timedOut) fitStatus = 1;
      for (let t = 0; t < ci; t++) if (Math.abs(r.alpha[t]) > 0) nonzero[si + t] = 1;
      for (let t = 0; t < cj; t++) if (Math.abs(r.alpha[ci + t]) > 0) nonzero[sj + t] = 1;
      alphas.push(r.alpha);
      rho[p] = r.rho;
      nIter[p] = r.nIter;
      p++;
    }
  }

  const nSupport = new Int32Array(k);
  let totalSv = 0;
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < count[c]; t++) if (nonzero[start[c] + t]) nSupport[c]++;
    totalSv += nSupport[c];
  }
  const support = new Int32Array(totalSv);
  for (let i = 0, q = 0; i < l; i++) if (nonzero[i]) support[q++] = perm[i];
  const nzStart = new Int32Array(k);
  for (let c = 1; c < k; c++) nzStart[c] = nzStart[c - 1] + nSupport[c - 1];
  const dualCoef: Float64Array[] = [];
  for (let c = 0; c < k - 1; c++) dualCoef.push(new Float64Array(totalSv));
  p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const a = alphas[p];
      const si = start[i], sj = start[j], ci = count[i], cj = count[j];
      let q = nzStart[i];
      for (let t = 0; t < ci; t++) if (nonzero[si + t]) dualCoef[j - 1][q++] = a[t];
      q = nzStart[j];
      for (let t = 0; t < cj; t++) if (nonzero[sj + t]) dualCoef[i][q++] = a[ci + t];
      p++;
    }
  }
  return { support, nSupport, dualCoef, rho, nIter, fitStatus };
}
