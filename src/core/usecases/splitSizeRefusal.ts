// A train (or test) size the data cannot split: scikit-learn's words, how many rows the data has and
// what to choose instead — one text for a run's refusal (trainingSplit.ts) and for a wizard that checks
// a typed size against the data's rows before any run.
import { remedyError, UserError } from '../types';
import { splitCounts } from '../split/trainTestSplit';
import type { TrainOptions } from './contracts';

type SizeOptions = Pick<TrainOptions, 'trainSize' | 'testSize'>;

/** `e` (train_test_split's refusal of the sizes) with the data's row count and the sizes to choose; other errors as they are. */
export function splitSizeRefusal(e: unknown, n: number, options: SizeOptions, label: string): unknown {
  if (!(e instanceof UserError)) return e;
  // A test size is given only by the CLI (--test-size): the phrase names both flags then.
  return remedyError(`${e.message} — ${label} has ${n} data row${n === 1 ? '' : 's'}`, options.testSize !== undefined
    ? { option: 'train-size', text: `choose {option}/--test-size fractions between 0 and 1 (0.8) or row counts that add up to at most ${n}` }
    : { option: 'train-size', text: `choose {option} between 0 and 1 (0.8)${n >= 2 ? ` or a whole number of rows from 1 to ${n - 1}` : ''}` }, {}, ': ');
}

/** The training rows a run takes from `n` rows; throws the run's refusal (splitSizeRefusal) when the sizes are impossible. */
export function trainingRowCount(n: number, options: SizeOptions, label: string): number {
  try {
    return splitCounts(n, options.trainSize, options.testSize).nTrain;
  } catch (e) {
    throw splitSizeRefusal(e, n, options, label);
  }
}
