/*
 * Decision values and votes ported from scikit-learn's libsvm (svm_predict_values, dense path), plus
 * scikit-learn's _ovr_decision_function for the one-vs-rest shape.
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt next to this file.
 */
import { KernelKind, type KernelSpec, predictKernel } from './kernel';
import { glibcExp } from './glibcExp';

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
  const nSv = m.nSupport.reduce((a, b) => a + b, 0);
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = start[c - 1] + m.nSupport[c - 1];
  const kvalue = new Float64Array(nSv);
  const votes = new Int32Array(k);
  const dec = new Float64Array(n * nPairs);
  const winner = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const off = r * m.d;
    fillKernelValues(m, x, off, nSv, kvalue);
    votes.fill(0);
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        let sum = 0;
        const si = start[i], sj = start[j];
        const coef1 = m.dualCoef[j - 1], coef2 = m.dualCoef[i];
        for (let t = 0; t < m.nSupport[i]; t++) sum += coef1[si + t] * kvalue[si + t];
        for (let t = 0; t < m.nSupport[j]; t++) sum += coef2[sj + t] * kvalue[sj + t];
        sum -= m.rho[p];
        dec[r * nPairs + p] = sum;
        if (sum > 0) ++votes[i];
        else ++votes[j];
        p++;
      }
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (votes[c] > votes[best]) best = c;
    winner[r] = best;
  }
  return { dec, vote: winner };
}

/** Kernel between row x[off..] and every support vector (the hot loop of prediction). */
function fillKernelValues(m: PredictModel, x: Float64Array, off: number, nSv: number, kvalue: Float64Array): void {
  const d = m.d;
  const sv = m.sv;
  if (m.spec.kind === KernelKind.Rbf && d < 16) {
    const ng = -m.spec.gamma;
    for (let s = 0, so = 0; s < nSv; s++, so += d) {
      let sum = 0;
      for (let c = 0; c < d; c++) {
        const t = x[off + c] - sv[so + c];
        sum += t * t;
      }
      kvalue[s] = glibcExp(ng * sum);
    }
    return;
  }
  for (let s = 0; s < nSv; s++) kvalue[s] = predictKernel(m.spec, x, off, sv, s * d, d);
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
