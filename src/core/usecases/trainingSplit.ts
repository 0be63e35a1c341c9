// How a training run splits its rows (train_test_split) and names its fitting step. Kept apart from
// train.ts, which reads and saves data: a sweep's worker threads split and fit with these alone.
import type { Label } from '../types';
import { UserError } from '../types';
import { sortedUniqueLabels } from '../labels';
import { trainTestSplitIndices } from '../split/trainTestSplit';
import type { TrainOptions } from './contracts';
import { take } from './steps';
import { splitSizeRefusal } from './splitSizeRefusal';
import { scaleOverflow } from '../datasets/scaleOverflow';
import { countText, durationText, estimateTraining, sizeText } from './trainingLimits';

/** The rows to split; with their lines and the features' names, a value too large to scale is named where it is. */
export interface RowsToSplit {
  readonly X: number[][];
  readonly y: Label[];
  readonly lines?: readonly number[];
  readonly featureNames?: readonly string[];
}

/** The rows of one split: train_test_split's indices and the rows they pick. */
export interface SplitRows {
  readonly split: { readonly train: number[]; readonly test: number[] };
  readonly XTrain: number[][];
  readonly yTrain: Label[];
  readonly XValid: number[][];
  readonly yValid: Label[];
}

/** Fits expected to take at least this long show their estimate in the progress text. */
const SHOW_ESTIMATE_SECONDS = 2;

/** How a run splits its rows (train_test_split's random_state and sizes). */
export type SplitOptions = Pick<TrainOptions, 'seed' | 'trainSize' | 'testSize'>;

/** train_test_split's indices; an impossible size keeps scikit-learn's words and says what to change. */
function splitRows(n: number, options: SplitOptions, label: string): { train: number[]; test: number[] } {
  try {
    return trainTestSplitIndices(n, { trainSize: options.trainSize, testSize: options.testSize, randomState: options.seed, shuffle: true });
  } catch (e) {
    throw splitSizeRefusal(e, n, options, label);
  }
}

/** The fitting step's text; a fit expected to take a while says how long and how much memory. */
export function fittingStep(dataRows: number, trainRows: number, cacheSizeMB?: number): string {
  const estimate = estimateTraining(dataRows, trainRows, cacheSizeMB);
  return `Fitting StandardScaler and SVC${estimate.seconds >= SHOW_ESTIMATE_SECONDS ? ` on ${countText(trainRows)} rows (${durationText(estimate.seconds)}, ${sizeText(estimate.bytes)})` : ''}`;
}

/**
 * Splits rows as train_test_split does (a sweep's worker splits the shared rows per seed with it).
 * Throws a UserError when the sizes are impossible for the number of rows or the training part
 * holds a single class.
 */
export function splitDataset(dataset: RowsToSplit, options: SplitOptions, label: string): SplitRows {
  const split = splitRows(dataset.X.length, options, label);
  const yTrain = take(dataset.y, split.train);
  if (sortedUniqueLabels(yTrain).length < 2) {
    throw new UserError(`${label}: the training part (${yTrain.length} row${yTrain.length === 1 ? '' : 's'}, seed ${options.seed}) holds only one class — use more rows, a larger training size or another seed`);
  }
  const XTrain = take(dataset.X, split.train);
  // A value of the training part too large to scale, at its line (the validation part may hold one: it is only predicted, as in scikit-learn).
  if (dataset.lines && dataset.featureNames) {
    const overflow = scaleOverflow(label, XTrain, dataset.featureNames, take(dataset.lines, split.train));
    if (overflow) throw overflow;
  }
  return { split, XTrain, yTrain, XValid: take(dataset.X, split.test), yValid: take(dataset.y, split.test) };
}
