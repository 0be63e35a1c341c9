// sklearn.metrics.confusion_matrix: cm[i][j] = samples of true class labels[i] predicted as labels[j].
import type { Label } from '../types';
import { UserError } from '../types';
import { labelKey, sortedUniqueLabels } from '../labels';
import { checkSameLength } from './accuracy';

const keyOf = labelKey;

/** Classes present in either vector, in scikit-learn's order (unique_labels). */
export function uniqueLabels(yTrue: readonly Label[], yPred: readonly Label[]): Label[] {
  return sortedUniqueLabels([...yTrue, ...yPred]);
}

/**
 * With `labels` given, rows/columns follow that order and samples whose true or predicted label
 * is not among them are left out, as scikit-learn does; otherwise classes are uniqueLabels.
 */
export function confusionMatrix(yTrue: readonly Label[], yPred: readonly Label[], labels?: readonly Label[]): number[][] {
  checkSameLength(yTrue, yPred);
  let order: readonly Label[];
  if (labels === undefined) order = uniqueLabels(yTrue, yPred);
  else {
    if (labels.length === 0) throw new UserError("'labels' should contains at least one label.");
    order = labels;
  }
  const index = new Map<string, number>();
  order.forEach((l, i) => {
    if (!index.has(keyOf(l))) index.set(keyOf(l), i);
  });
  const k = order.length;
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  if (labels !== undefined && yTrue.length > 0 && !yTrue.some((v) => index.has(keyOf(v)))) {
    throw new UserError('At least one label specified must be in y_true');
  }
  for (let s = 0; s < yTrue.length; s++) {
    const i = index.get(keyOf(yTrue[s]!));
    const j = index.get(keyOf(yPred[s]!));
    if (i !== undefined && j !== undefined) cm[i]![j]!++;
  }
  return cm;
}
