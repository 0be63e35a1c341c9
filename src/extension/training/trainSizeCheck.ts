// The wizards' train size (and Tune's folds) checked against the data's rows, when Model Lab knows
// them (dataRows.ts): a size the data cannot split (150 rows of 150, none left to validate on), for
// Tune one that leaves too few training rows to cross-validate or more folds than training rows, is
// refused at its own step, in the words the run would refuse it with after all the steps.
import { trainingRowCount, type SplitSize } from '../engine';
import { wizardAnswerText } from './wizardAnswerError';

/** The rows of the chosen data, and its name in messages ("iris.csv"). */
export interface KnownRows {
  readonly rows: number;
  readonly label: string;
}

/** StratifiedKFold's least K: fewer training rows than this cannot be cross-validated with any folds. */
const MIN_FOLDS = 2;

/** The training rows a train size leaves, or the refusal of the size. */
function trainRows(size: SplitSize, data: KnownRows): { readonly n: number } | { readonly error: string } {
  try {
    return { n: trainingRowCount(data.rows, { trainSize: size }, data.label) };
  } catch (e) {
    return { error: wizardAnswerText(e, 'a train size') ?? (e as Error).message };
  }
}

/** Why Train Iris Model…'s train size step refuses `size` (the data cannot be split so); undefined when a run can split it. */
export function splitProblem(size: SplitSize, data: KnownRows): string | undefined {
  const r = trainRows(size, data);
  return 'error' in r ? r.error : undefined;
}

/** Why Tune Iris Model…'s train size step refuses `size`; undefined when the search can run with it (given enough folds). */
export function trainSizeProblem(size: SplitSize, data: KnownRows): string | undefined {
  const r = trainRows(size, data);
  if ('error' in r) return r.error;
  if (r.n < MIN_FOLDS) {
    return `This train size leaves ${r.n} training row${r.n === 1 ? '' : 's'} of the ${data.rows} of ${data.label}: cross-validation needs at least ${MIN_FOLDS} (one per fold) — choose a larger train size`;
  }
  return undefined;
}

/** Why the folds step refuses `folds` after the train size `size`; undefined when there are enough training rows. */
export function foldsProblem(folds: number, size: SplitSize, data: KnownRows): string | undefined {
  const r = trainRows(size, data);
  // A train size the data cannot split was refused at its own step.
  if ('error' in r || folds <= r.n) return undefined;
  return `The train size leaves ${r.n} training rows of the ${data.rows} of ${data.label}: at most ${r.n} folds (each fold holds out at least one row) — or go Back to a larger train size`;
}
