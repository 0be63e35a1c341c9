/*
 * Decision values and votes ported from scikit-learn's libsvm (svm_predict_values, dense path), plus
 * scikit-learn's _ovr_decision_function for the one-vs-rest shape.
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt next to this file.
 */
import { KernelKind, type KernelSpec, predictKernel } from './kernel';
import { rbfKernels } from './rbfKernels';
import { rbfPredict } from './kernelWorker';

export interface PredictModel {
  spec: KernelSpec;
  d: number;
  nClasses: number;
  /** Support vectors, row-major nSV x d. */
  sv: Float64Array;
  nSupport: Int32Array;
  dualCoef: Float64Array[];
  rho: Float64Array;
}

/**
 * libsvm's pairwise decision values for each row of x (n x nPairs, row-major) and the
 * voted class index per row (first class with the most votes).
 */
export function predictValues(m: PredictModel, x: Float64Array, n: number): { dec: Float64Array; vote: Int32Array } {
  const k = m.nClasses;
  const nPairs = (k * (k - 1)) / 2;
  let nSv = 0;
  for (let c = 0; c < k; c++) nSv += m.nSupport[c];
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = start[c - 1] + m.nSupport[c - 1];
  if (m.spec.kind === KernelKind.Rbf && m.d < 16) {
    return rbfPredict({
      x, n, d: m.d, sv: m.sv, nSv, negGamma: -m.spec.gamma, nClasses: k, start, nSupport: m.nSupport,
      coef: m.dualCoef, rho: m.rho,
    });
  }
  const kvalue = new Float64Array(nSv);
  const votes = new Int32Array(k);
  const dec = new Float64Array(n * nPairs);
  const winner = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const off = r * m.d;
    for (let s = 0; s < nSv; s++) kvalue[s] = predictKernel(m.spec, x, off, m.sv, s * m.d, m.d);
    winner[r] = rbfKernels.voteRow(kvalue, k, start, m.nSupport, m.dualCoef, m.rho, dec, r * nPairs, votes);
  }
  return { dec, vote: winner };
}

/** scikit-learn 1.2.1's _ovr_decision_function(dec < 0, -dec, nClasses). */
export function ovrDecision(dec: Float64Array, n: number, k: number): Float64Array {
  const nPairs = (k * (k - 1)) / 2;
  const votes = new Float64Array(n * k);
  const conf = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const v = dec[r * nPairs + p];
        const c = -v;
        conf[r * k + i] -= c;
        conf[r * k + j] += c;
        // predictions = dec < 0: 0 votes for i, 1 votes for j.
        if (v < 0) votes[r * k + j] += 1;
        else votes[r * k + i] += 1;
        p++;
      }
    }
  }
  // scikit-learn 1.2.1 maps confidences monotonically into (-1/3, 1/3) per entry: x / (3 (|x| + 1)).
  const out = new Float64Array(n * k);
  for (let t = 0; t < n * k; t++) out[t] = votes[t] + conf[t] / (3 * (Math.abs(conf[t]) + 1));
  return out;
}
