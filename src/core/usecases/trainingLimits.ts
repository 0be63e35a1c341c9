// How big a training run may get. SVC's time grows with the square of the training rows, so a
// table of millions of rows would run for hours (or days) and gigabytes: before fitting, the run is
// estimated from its row count, and above a limit it is refused with the ways out (a sample with
// --max-rows, a smaller --train-size, or a higher limit).
import { remedyError } from '../types';
import { validateShuffleSplit, DEFAULT_TEST_SIZE } from '../split/trainTestSplit';
import type { TrainOptions } from './contracts';

/** Training rows refused by default (settable: TrainOptions.trainRowsLimit, --train-rows-limit). */
export const DEFAULT_TRAIN_ROWS_LIMIT = 200_000;

/**
 * Measured on this project's SVC (RBF, C=1, 4 iris-like features, one core of a 2-core machine):
 * fitting 128,000 rows took ~10 s and scoring them ~10 s. Both grow roughly with the square of the
 * rows (the SMO solver's kernel evaluations; the support vectors grow with the rows). A rough
 * guide, not a promise: well-separated data trains faster, noisy data slower.
 */
const REFERENCE_ROWS = 128_000;
const REFERENCE_SECONDS = 20;
/** Bytes per row held while training (parsed rows, split copies, scaled copy, labels), measured. */
const BYTES_PER_ROW = 500;
const BASE_BYTES = 150 * (1 << 20);
const MB = 1 << 20;

export interface TrainingEstimate {
  readonly trainRows: number;
  /** Rough seconds for fitting and scoring. */
  readonly seconds: number;
  /** Rough peak memory in bytes (rows, the solver's kernel cache, the process). */
  readonly bytes: number;
}

/** A rough estimate of a training run's time and memory from its size. Throws nothing. */
export function estimateTraining(rows: number, trainRows: number, cacheSizeMB = 200): TrainingEstimate {
  const seconds = REFERENCE_SECONDS * (trainRows / REFERENCE_ROWS) ** 2;
  // The kernel cache fills only as far as the rows need it (a row of the cache holds one float per training row).
  const cacheBytes = Math.min(cacheSizeMB * MB, 4 * trainRows * trainRows);
  return { trainRows, seconds, bytes: BASE_BYTES + rows * BYTES_PER_ROW + cacheBytes };
}

/** "about 40 s", "about 3 min", "about 2 h", "about 4 days". */
export function durationText(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `about ${Math.round(seconds / 3600)} h`;
  return `about ${Math.round(seconds / 86400)} days`;
}

/** "120 MB", "3.1 GB". */
export function sizeText(bytes: number): string {
  return bytes < 1024 * MB ? `${Math.round(bytes / MB)} MB` : `${(bytes / (1024 * MB)).toFixed(1)} GB`;
}

/** "1,234,567" (the rows counts in messages). */
export function countText(n: number): string {
  return n.toLocaleString('en-US');
}

/** Training rows of a split of `rows` rows (0 when the sizes are impossible: splitting says why later). */
export function trainRowsOf(rows: number, options: Pick<TrainOptions, 'trainSize' | 'testSize'>): number {
  try {
    return validateShuffleSplit(rows, options.testSize, options.trainSize, DEFAULT_TEST_SIZE).nTrain;
  } catch {
    return 0;
  }
}

/** The limit in force: TrainOptions.trainRowsLimit (0 = none), else the default. */
export function trainRowsLimit(options: Pick<TrainOptions, 'trainRowsLimit'>): number {
  const limit = options.trainRowsLimit ?? DEFAULT_TRAIN_ROWS_LIMIT;
  return limit === 0 ? Infinity : limit;
}

/** Below this estimate a refusal by --train-rows-limit names no time or memory. */
const SHOW_COST_SECONDS = 2;

/**
 * Refuses a run whose training part exceeds the limit, with the estimate and the ways out.
 * `label` names the data ("big.csv", "table iris_data"). Throws UserError.
 */
export function checkTrainRows(rows: number, options: Pick<TrainOptions, 'trainSize' | 'testSize' | 'trainRowsLimit' | 'cacheSizeMB'>, label: string): void {
  const limit = trainRowsLimit(options);
  const trainRows = trainRowsOf(rows, options);
  if (trainRows <= limit) return;
  const e = estimateTraining(rows, trainRows, options.cacheSizeMB);
  // A sample of this many rows keeps the same split fraction and fits the limit.
  const fraction = trainRows / rows;
  const sample = Math.max(2, Math.floor(limit / fraction));
  const testRows = Math.max(1, Math.round(limit * (rows - trainRows) / trainRows));
  // An estimate says why the limit matters only where it is large (a few seconds): below that it was
  // "about 1 s and 150 MB" for 120 rows — the process, not the fit.
  const cost = e.seconds >= SHOW_COST_SECONDS ? ` would take ${durationText(e.seconds)} and ${sizeText(e.bytes)} (SVC's time grows with the square of the rows), more than` : ' is more than';
  throw remedyError(
    `${label} has ${countText(rows)} rows: training on ${countText(trainRows)} of them${cost} the limit of ${countText(limit)} training rows`,
    {
      option: 'train-rows-limit',
      text: `train on a reproducible sample with --max-rows ${sample}, or on fewer rows with --train-size ${limit} --test-size ${Math.min(testRows, rows - limit)}, ` +
        'or raise the limit with {option} N (0: no limit)',
      settingText: `train on fewer rows (a train size of at most ${limit} rows), or raise the limit with {option} (0: no limit)`,
    },
  );
}
