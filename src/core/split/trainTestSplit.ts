// CONTRACT STUB — replaced by the real implementation.
import type { SplitSize } from '../types';

export interface SplitOptions {
  trainSize?: SplitSize;
  testSize?: SplitSize;
  /** numpy legacy RandomState seed, 0..2^32-1. */
  randomState?: number;
  shuffle?: boolean;
}

export interface SplitIndices {
  readonly train: number[];
  readonly test: number[];
}

/** Index-for-index identical to sklearn.model_selection.train_test_split(range(n), ...). */
export function trainTestSplitIndices(_n: number, _options: SplitOptions): SplitIndices {
  throw new Error('not implemented');
}
