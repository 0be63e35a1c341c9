// Decision values and votes (libsvm's svm_predict_values, in wasm/predict.c), plus scikit-learn's
// _ovr_decision_function for the one-vs-rest shape.
import { type KernelSpec, alloc, putF64, putI32, withSvm } from './svmEngine';

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
  const coef = new Float64Array((k - 1) * nSv);
  m.dualCoef.forEach((row, c) => coef.set(row, c * nSv));
  return withSvm((w) => {
    const dec = alloc(w, n * nPairs * 8);
    const vote = alloc(w, n * 4);
    w.svm_predict(
      putF64(w, x), n, m.d, putF64(w, m.sv), nSv, k, putI32(w, m.nSupport), putF64(w, coef), putF64(w, m.rho),
      m.spec.kind, m.spec.gamma, m.spec.coef0, m.spec.degree, dec, vote,
    );
    return {
      dec: new Float64Array(w.memory.buffer, dec, n * nPairs).slice(),
      vote: new Int32Array(w.memory.buffer, vote, n).slice(),
    };
  });
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
