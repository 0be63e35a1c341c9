// sklearn.metrics.classification_report(output_dict=True) with the default zero_division
// ("warn": an undefined precision, recall or F1 counts as 0). The averages use numpy's sums
// (pairwise order) so they match to the last bit.
import type { Label } from '../types';
import { UserError } from '../types';
import { numpySum } from '../preprocessing/numpySum';
import { uniqueLabels } from './confusionMatrix';
import { checkSameLength } from './accuracy';
import { labelKey } from '../labels';

export interface ClassScores {
  readonly label: Label;
  /** The row name scikit-learn uses: target name if given, else "%s" % label. */
  readonly name: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface AverageScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface ClassificationReport {
  readonly classes: ClassScores[];
  /** Present when scikit-learn prints an "accuracy" line (no labels given, or labels = all classes). */
  readonly accuracy?: number;
  /** The "micro avg" line, present instead of accuracy when the labels are a subset. */
  readonly microAvg?: AverageScores;
  readonly macroAvg: AverageScores;
  readonly weightedAvg: AverageScores;
}

export interface ReportOptions {
  labels?: readonly Label[];
  targetNames?: readonly string[];
}

/** _prf_divide with zero_division='warn': 0 where the denominator is 0. */
const divide = (num: number, den: number): number => (den === 0 ? 0 : num / den);

/** F-beta with beta = 1 exactly as numpy evaluates `(1 + 1) * p * r / denom` (denom 0 -> 1). */
function f1Score(p: number, r: number): number {
  let denom = p + r;
  if (denom === 0) denom = 1;
  return (2 * p * r) / denom;
}

function mean(values: Float64Array): number {
  return numpySum(values) / values.length;
}

function weightedMean(values: Float64Array, weights: Float64Array): number {
  const prod = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) prod[i] = values[i]! * weights[i]!;
  return numpySum(prod) / numpySum(weights);
}

export function classificationReport(yTrue: readonly Label[], yPred: readonly Label[], options: ReportOptions = {}): ClassificationReport {
  checkSameLength(yTrue, yPred);
  if (yTrue.length === 0) throw new UserError('classification report needs at least one sample; got none.');
  const present = uniqueLabels(yTrue, yPred);
  if (options.labels !== undefined && options.labels.length === 0) throw new UserError("'labels' should contains at least one label.");
  const labels = options.labels ?? present;
  const key = labelKey;
  const microIsAccuracy =
    options.labels === undefined ||
    (new Set(labels.map(key)).size === present.length && labels.every((l) => present.some((p) => key(p) === key(l))));
  if (options.targetNames !== undefined && options.targetNames.length !== labels.length && options.labels === undefined) {
    throw new UserError(
      `Number of classes, ${labels.length}, does not match size of target_names, ${options.targetNames.length}. Try specifying the labels parameter`,
    );
  }
  // multilabel_confusion_matrix's one-vs-rest counts for each label in `labels`.
  const k = labels.length;
  const tp = new Float64Array(k);
  const predSum = new Float64Array(k);
  const trueSum = new Float64Array(k);
  const index = new Map<string, number>();
  labels.forEach((l, i) => index.set(key(l), i));
  for (let s = 0; s < yTrue.length; s++) {
    const i = index.get(key(yTrue[s]!));
    const j = index.get(key(yPred[s]!));
    if (i !== undefined) trueSum[i]!++;
    if (j !== undefined) predSum[j]!++;
    if (i !== undefined && i === j) tp[i]!++;
  }
  const precision = new Float64Array(k);
  const recall = new Float64Array(k);
  const f1 = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    precision[i] = divide(tp[i]!, predSum[i]!);
    recall[i] = divide(tp[i]!, trueSum[i]!);
    f1[i] = f1Score(precision[i]!, recall[i]!);
  }
  const names = options.targetNames ?? labels.map((l) => String(l));
  const classes: ClassScores[] = labels.map((label, i) => ({
    label,
    name: names[i] ?? String(label),
    precision: precision[i]!,
    recall: recall[i]!,
    f1: f1[i]!,
    support: trueSum[i]!,
  }));
  const totalSupport = numpySum(trueSum);
  const macroAvg = { precision: mean(precision), recall: mean(recall), f1: mean(f1), support: totalSupport };
  // With no true samples at all scikit-learn short-circuits to zero_division's value: 0.
  const weightedAvg: AverageScores =
    totalSupport === 0
      ? { precision: 0, recall: 0, f1: 0, support: 0 }
      : {
          precision: weightedMean(precision, trueSum),
          recall: weightedMean(recall, trueSum),
          f1: weightedMean(f1, trueSum),
          support: totalSupport,
        };
  const tpAll = numpySum(tp);
  const microP = divide(tpAll, numpySum(predSum));
  const microR = divide(tpAll, totalSupport);
  const micro = { precision: microP, recall: microR, f1: f1Score(microP, microR), support: totalSupport };
  return microIsAccuracy ? { classes, accuracy: micro.precision, macroAvg, weightedAvg } : { classes, microAvg: micro, macroAvg, weightedAvg };
}
