// sklearn.model_selection.train_test_split (scikit-learn 1.2.1, stratify=None) on row indices.
// Sizes follow _validate_shuffle_split; the shuffled split is ShuffleSplit's first split, drawn
// from numpy's legacy RandomState. Every refusal keeps scikit-learn's meaning, as a UserError.
import type { SplitSize } from '../types';
import { UserError } from '../types';
import { RandomState, checkSeed } from '../random/randomState';
import { pythonFloat } from '../text/pythonFloat';

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

/** scikit-learn's default when neither size is given. */
export const DEFAULT_TEST_SIZE: SplitSize = { kind: 'fraction', value: 0.25 };

function show(size: SplitSize | undefined): string {
  if (size === undefined) return 'None';
  return size.kind === 'fraction' ? pythonFloat(size.value) : String(size.value);
}

function checkKind(size: SplitSize | undefined, name: string): void {
  if (size === undefined) return;
  if (size.kind !== 'fraction' && size.kind !== 'count') {
    throw new UserError(`Invalid value for ${name}: kind must be 'fraction' or 'count'.`);
  }
  if (Number.isNaN(size.value)) throw new UserError(`Invalid value for ${name}: NaN.`);
  if (size.kind === 'count' && Number.isFinite(size.value) && !Number.isInteger(size.value)) {
    throw new UserError(`Invalid value for ${name}: a count must be a whole number, got ${size.value}.`);
  }
}

function outOfRange(size: SplitSize | undefined, n: number): boolean {
  if (size === undefined) return false;
  if (size.kind === 'count') return size.value >= n || size.value <= 0;
  return size.value <= 0 || size.value >= 1;
}

/**
 * _validate_shuffle_split: the numbers of train and test rows for n samples, or a UserError
 * carrying scikit-learn's ValueError text.
 */
export function validateShuffleSplit(
  nSamples: number,
  testSize: SplitSize | undefined,
  trainSize: SplitSize | undefined,
  defaultTestSize: SplitSize | undefined = undefined,
): { nTrain: number; nTest: number } {
  if (testSize === undefined && trainSize === undefined) testSize = defaultTestSize;
  checkKind(testSize, 'test_size');
  checkKind(trainSize, 'train_size');
  if (outOfRange(testSize, nSamples)) {
    throw new UserError(
      `test_size=${show(testSize)} should be either positive and smaller than the number of samples ${nSamples} or a float in the (0, 1) range`,
    );
  }
  if (outOfRange(trainSize, nSamples)) {
    throw new UserError(
      `train_size=${show(trainSize)} should be either positive and smaller than the number of samples ${nSamples} or a float in the (0, 1) range`,
    );
  }
  if (trainSize?.kind === 'fraction' && testSize?.kind === 'fraction' && trainSize.value + testSize.value > 1) {
    throw new UserError(
      `The sum of test_size and train_size = ${pythonFloat(trainSize.value + testSize.value)}, should be in the (0, 1) range. Reduce test_size and/or train_size.`,
    );
  }
  let nTest = NaN;
  let nTrain = NaN;
  if (testSize !== undefined) nTest = testSize.kind === 'fraction' ? Math.ceil(testSize.value * nSamples) : testSize.value;
  if (trainSize !== undefined) nTrain = trainSize.kind === 'fraction' ? Math.floor(trainSize.value * nSamples) : trainSize.value;
  if (trainSize === undefined) nTrain = nSamples - nTest;
  else if (testSize === undefined) nTest = nSamples - nTrain;
  if (nTrain + nTest > nSamples) {
    throw new UserError(
      `The sum of train_size and test_size = ${nTrain + nTest}, should be smaller than the number of samples ${nSamples}. Reduce test_size and/or train_size.`,
    );
  }
  if (nTrain === 0) {
    throw new UserError(
      `With n_samples=${nSamples}, test_size=${show(testSize)} and train_size=${show(trainSize)}, the resulting train set will be empty. Adjust any of the aforementioned parameters.`,
    );
  }
  return { nTrain, nTest };
}

/** Index-for-index identical to sklearn.model_selection.train_test_split(range(n), ...). */
export function trainTestSplitIndices(n: number, options: SplitOptions): SplitIndices {
  if (!Number.isInteger(n) || n < 0) throw new UserError(`The number of samples must be a whole number >= 0; got ${n}.`);
  if (options.shuffle === false) {
    const { nTrain, nTest } = validateShuffleSplit(n, options.testSize, options.trainSize, DEFAULT_TEST_SIZE);
    return { train: range(0, nTrain), test: range(nTrain, nTrain + nTest) };
  }
  const { nTrain, nTest } = splitCounts(n, options.trainSize, options.testSize);
  // Without a seed scikit-learn draws from numpy's global generator: not reproducible either.
  const seed = options.randomState === undefined ? Math.floor(Math.random() * 0x100000000) : checkSeed(options.randomState, 'random_state');
  const perm = new RandomState(seed).permutation(n);
  return { test: Array.from(perm.subarray(0, nTest)), train: Array.from(perm.subarray(nTest, nTest + nTrain)) };
}

/**
 * The training and test rows train_test_split(shuffle=True) takes from n rows, or its ValueError as a
 * UserError — without drawing them (a wizard checks a typed size against the data's rows with it).
 */
export function splitCounts(n: number, trainSize: SplitSize | undefined, testSize: SplitSize | undefined): { nTrain: number; nTest: number } {
  const counts = validateShuffleSplit(n, testSize, trainSize, DEFAULT_TEST_SIZE);
  // ShuffleSplit(test_size=n_test, train_size=n_train) validates the counts again; a rounding
  // corner (e.g. train_size just below 1) can leave n_test = 0, which it refuses.
  validateShuffleSplit(n, { kind: 'count', value: counts.nTest }, { kind: 'count', value: counts.nTrain });
  return counts;
}

function range(start: number, stop: number): number[] {
  const out = new Array<number>(stop - start);
  for (let i = start; i < stop; i++) out[i - start] = i;
  return out;
}

/**
 * Reads a split size typed by a user (CLI, settings): "0.8" or "8e-1" is a fraction, "120" a
 * count — the same distinction Python makes between 0.8 and 120.
 */
export function parseSplitSize(text: string, name = 'split size'): SplitSize {
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t)) {
    const value = Number(t);
    if (!Number.isSafeInteger(value)) throw new UserError(`${name} "${text}" is too large to be a row count.`);
    return { kind: 'count', value };
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    return { kind: 'fraction', value: Number(t) };
  }
  throw new UserError(
    `${name} "${text}" is not a number: write a fraction of the rows with a decimal point (0.8) or a whole number of rows (120).`,
  );
}
