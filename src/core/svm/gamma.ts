// gamma='scale' as scikit-learn computes it: 1 / (n_features * X.var()), where numpy sums the
// C-ordered matrix as one run with its pairwise summation; the same order gives the same bits.
import { UserError } from '../types';
import type { Gamma } from './svc';

/** numpy's pairwise_sum for float64 (blocks of 8 accumulators up to 128, halves above). */
export function numpyPairwiseSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
    let r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
    let i = 8;
    const end = n - (n % 8);
    for (; i < end; i += 8) {
      const p = start + i;
      r0 += a[p]; r1 += a[p + 1]; r2 += a[p + 2]; r3 += a[p + 3];
      r4 += a[p + 4]; r5 += a[p + 5]; r6 += a[p + 6]; r7 += a[p + 7];
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpyPairwiseSum(a, start, n2) + numpyPairwiseSum(a, start + n2, n - n2);
}

/** np.var of the whole matrix (ddof=0), row-major flat storage. */
export function numpyVariance(flat: Float64Array): number {
  const count = flat.length;
  const mean = numpyPairwiseSum(flat, 0, count) / count;
  const sq = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const dlt = flat[i] - mean;
    sq[i] = dlt * dlt;
  }
  return numpyPairwiseSum(sq, 0, count) / count;
}

/** scikit-learn's _gamma for the given setting and (scaled) training matrix. */
export function resolveGamma(gamma: Gamma, flat: Float64Array, nFeatures: number): number {
  if (gamma === 'scale') {
    const v = numpyVariance(flat);
    return v !== 0 ? 1.0 / (nFeatures * v) : 1.0;
  }
  if (gamma === 'auto') return 1.0 / nFeatures;
  if (typeof gamma !== 'number' || !Number.isFinite(gamma) || gamma < 0) {
    throw new UserError(`SVC gamma must be 'scale', 'auto' or a number >= 0 (got ${String(gamma)}).`);
  }
  return gamma;
}
