// sklearn.model_selection.StratifiedKFold(n_splits=K) without shuffling (scikit-learn 1.2.1), on the
// labels alone: the folds GridSearchCV(cv=K) uses for a classifier. Classes are numbered by first
// appearance; each fold's share of a class comes from a round robin over the sorted encoded labels,
// and each class's rows take their fold numbers in blocks, in data order.
import type { Label } from '../../types';
import { UserError } from '../../types';
import { minOf } from '../../extremes';

/** Row positions of one split: train is every row outside the test fold, both in data order. */
export interface FoldIndices {
  readonly train: number[];
  readonly test: number[];
}

export interface StratifiedFolds {
  readonly folds: FoldIndices[];
  /** Per class (in order of first appearance) its number of rows. */
  readonly classCounts: number[];
  /** scikit-learn's UserWarning when a class has fewer rows than folds; undefined otherwise. */
  readonly warning?: string;
}

/** Refuses what _BaseKFold refuses on construction: a fold count that is not a whole number >= 2. */
export function checkFoldCount(nSplits: number): number {
  if (!Number.isSafeInteger(nSplits)) {
    throw new UserError(`The number of folds must be of Integral type. ${nSplits} was passed.`);
  }
  if (nSplits <= 1) {
    throw new UserError(`k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got n_splits=${nSplits}.`);
  }
  return nSplits;
}

/** Encodes labels 0, 1, … in order of first appearance (StratifiedKFold's y_encoded). */
function encodeByAppearance(y: readonly Label[]): { codes: Int32Array; counts: number[] } {
  const index = new Map<string, number>();
  const counts: number[] = [];
  const codes = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const key = typeof y[i] + ':' + String(y[i]);
    let k = index.get(key);
    if (k === undefined) {
      k = counts.length;
      index.set(key, k);
      counts.push(0);
    }
    counts[k]++;
    codes[i] = k;
  }
  return { codes, counts };
}

/**
 * The folds of StratifiedKFold(nSplits).split(X, y), index for index. Throws a UserError with
 * scikit-learn's message when nSplits < 2, exceeds the number of rows, or exceeds every class's
 * count; returns scikit-learn's warning when it exceeds only the smallest class's count.
 */
export function stratifiedKFold(y: readonly Label[], nSplits: number): StratifiedFolds {
  const K = checkFoldCount(nSplits);
  const n = y.length;
  if (K > n) throw new UserError(`Cannot have number of splits n_splits=${K} greater than the number of samples: n_samples=${n}.`);
  const { codes, counts } = encodeByAppearance(y);
  if (counts.every((c) => K > c)) {
    throw new UserError(`n_splits=${K} cannot be greater than the number of members in each class.`);
  }
  const smallest = minOf(counts);
  const warning = K > smallest ? `The least populated class in y has only ${smallest} members, which is less than n_splits=${K}.` : undefined;
  // allocation[f][k]: rows of class k in test fold f = how many of sorted(y_encoded)[f::K] are k.
  // In sorted order class k fills positions [start_k, start_k + count_k).
  const nClasses = counts.length;
  const allocation = Array.from({ length: K }, () => new Array<number>(nClasses).fill(0));
  let start = 0;
  for (let k = 0; k < nClasses; k++) {
    for (let p = start; p < start + counts[k]; p++) allocation[p % K][k]++;
    start += counts[k];
  }
  // test_folds[y_encoded == k] = np.arange(K).repeat(allocation[:, k]), row by row in data order.
  const testFold = new Int32Array(n);
  const fold = new Int32Array(nClasses);
  const used = new Int32Array(nClasses);
  for (let i = 0; i < n; i++) {
    const k = codes[i];
    while (used[k] >= allocation[fold[k]][k]) {
      fold[k]++;
      used[k] = 0;
    }
    testFold[i] = fold[k];
    used[k]++;
  }
  const folds: FoldIndices[] = [];
  for (let f = 0; f < K; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (testFold[i] === f ? test : train).push(i);
    folds.push({ train, test });
  }
  return { folds, classCounts: counts, ...(warning !== undefined ? { warning } : {}) };
}
