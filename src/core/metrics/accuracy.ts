// sklearn.metrics.accuracy_score: the mean of (y_true == y_pred), i.e. correct / total.
import type { Label } from '../types';
import { UserError } from '../types';

export interface AccuracyCounts {
  readonly accuracy: number;
  readonly correct: number;
  readonly total: number;
}

export function checkSameLength(yTrue: readonly Label[], yPred: readonly Label[]): void {
  if (yTrue.length !== yPred.length) {
    throw new UserError(`Found input variables with inconsistent numbers of samples: [${yTrue.length}, ${yPred.length}]`);
  }
}

/** Accuracy with the counts behind it; labels compare by kind and value (1 is not "1"). */
export function accuracyCounts(yTrue: readonly Label[], yPred: readonly Label[]): AccuracyCounts {
  checkSameLength(yTrue, yPred);
  if (yTrue.length === 0) throw new UserError('Accuracy needs at least one sample; got none.');
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return { accuracy: correct / yTrue.length, correct, total: yTrue.length };
}

export function accuracyScore(yTrue: readonly Label[], yPred: readonly Label[]): number {
  return accuracyCounts(yTrue, yPred).accuracy;
}
