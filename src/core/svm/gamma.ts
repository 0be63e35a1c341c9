// scikit-learn's _gamma: gamma='scale' = 1 / (n_features * X.var()) over the training matrix as a
// whole (np.var's bits come from wasm/numpy_variance.c), 'auto' = 1 / n_features, or the number given.
import { UserError } from '../types';
import type { Gamma } from './svc';

/** The gamma value scikit-learn uses; `variance` gives np.var of the (scaled) training matrix. Throws a UserError for a bad setting. */
export function resolveGamma(gamma: Gamma, variance: () => number, nFeatures: number): number {
  if (gamma === 'scale') {
    const v = variance();
    return v !== 0 ? 1.0 / (nFeatures * v) : 1.0;
  }
  if (gamma === 'auto') return 1.0 / nFeatures;
  if (typeof gamma !== 'number' || !Number.isFinite(gamma) || gamma < 0) {
    throw new UserError(`SVC gamma must be 'scale', 'auto' or a number >= 0 (got ${String(gamma)}).`);
  }
  return gamma;
}
